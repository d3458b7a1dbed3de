-- Reference data drafts: the newest version may be a draft that admins edit, then publish
-- (one UPDATE, with a reason) or discard (DELETE). Published versions stay as they were:
-- past decisions name them.

-- AlterTable
ALTER TABLE "department" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "school" ADD COLUMN     "retired_at" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "reference_data_version" ADD COLUMN     "published_at" TIMESTAMPTZ(3),
ADD COLUMN     "published_by_id" UUID,
ADD COLUMN     "reason" TEXT,
ADD COLUMN     "status" TEXT NOT NULL DEFAULT 'draft',
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "updated_by_id" UUID;

-- Every version stored so far was in force when it was written: it becomes published, as
-- of when it was saved, by whoever saved it.
DROP TRIGGER "reference_data_version_no_update_or_delete" ON "reference_data_version";
UPDATE "reference_data_version"
   SET "status" = 'published',
       "published_at" = "created_at",
       "published_by_id" = "created_by_id",
       "reason" = "note",
       "updated_at" = "created_at",
       "updated_by_id" = "created_by_id";

ALTER TABLE "reference_data_version"
  ADD CONSTRAINT "reference_data_version_status" CHECK ("status" IN ('draft', 'published')),
  ADD CONSTRAINT "reference_data_version_published_has_reason" CHECK (
    "status" = 'draft' OR ("reason" IS NOT NULL AND btrim("reason") <> '' AND "published_at" IS NOT NULL)
  );

-- At most one open draft.
CREATE UNIQUE INDEX "reference_data_version_one_draft" ON "reference_data_version" ("status")
  WHERE "status" = 'draft';

-- A published version is never changed or deleted; a draft may be edited, published or discarded.
CREATE FUNCTION refuse_change_to_published_reference_data() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'published' THEN
    RAISE EXCEPTION 'reference_data_version % is published: % is not allowed', OLD."version", TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  IF NEW."version" <> OLD."version" THEN
    RAISE EXCEPTION 'reference_data_version %: a version keeps its number', OLD."version"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER reference_data_version_published_is_final
  BEFORE UPDATE OR DELETE ON "reference_data_version"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_published_reference_data();
