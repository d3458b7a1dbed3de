-- AlterTable
ALTER TABLE "information_request" ADD COLUMN     "replied_by_id" UUID,
ADD COLUMN     "reply" TEXT,
ADD COLUMN     "source" TEXT NOT NULL DEFAULT 'spo';

-- CreateTable
CREATE TABLE "attachment" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "uploaded_by_id" UUID NOT NULL,
    "uploaded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "added_as" TEXT NOT NULL,
    "superseded_by_id" UUID,
    "superseded_at" TIMESTAMPTZ(3),

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "attachment_proposal_id_uploaded_at_idx" ON "attachment"("proposal_id", "uploaded_at");

-- AddForeignKey
ALTER TABLE "attachment" ADD CONSTRAINT "attachment_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand: what an attachment is may never change, and a served file is never HTML.
ALTER TABLE "attachment"
  ADD CONSTRAINT "attachment_size_non_negative" CHECK ("size" >= 0 AND "size" = octet_length("content")),
  ADD CONSTRAINT "attachment_sha256_hex" CHECK ("sha256" ~ '^[0-9a-f]{64}$'),
  ADD CONSTRAINT "attachment_not_html" CHECK (lower("content_type") NOT LIKE '%html%');

ALTER TABLE "information_request"
  ADD CONSTRAINT "information_request_source" CHECK ("source" IN ('spo', 'head_of_department', 'head_of_school'));

-- Only superseding changes an attachment (once); the file, its name and hash never change.
-- Deleting one is allowed only while its proposal has never been submitted (a draft).
CREATE FUNCTION guard_attachment() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF EXISTS (SELECT 1 FROM "proposal" WHERE "id" = OLD."proposal_id" AND "submitted_at" IS NOT NULL) THEN
      RAISE EXCEPTION 'an attachment of a submitted proposal is never deleted' USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD."superseded_by_id" IS NOT NULL
     OR NEW."id" <> OLD."id" OR NEW."proposal_id" <> OLD."proposal_id" OR NEW."file_name" <> OLD."file_name"
     OR NEW."content_type" <> OLD."content_type" OR NEW."size" <> OLD."size" OR NEW."sha256" <> OLD."sha256"
     OR NEW."content" <> OLD."content" OR NEW."uploaded_by_id" <> OLD."uploaded_by_id"
     OR NEW."uploaded_at" <> OLD."uploaded_at" OR NEW."added_as" <> OLD."added_as" THEN
    RAISE EXCEPTION 'an attachment is only ever superseded, once' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER attachment_guard
  BEFORE UPDATE OR DELETE ON "attachment"
  FOR EACH ROW EXECUTE FUNCTION guard_attachment();
