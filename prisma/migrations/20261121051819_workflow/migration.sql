-- AlterTable
ALTER TABLE "proposal" ADD COLUMN     "assignee_id" UUID,
ADD COLUMN     "decided_at" TIMESTAMPTZ(3),
ADD COLUMN     "decided_by_id" UUID,
ADD COLUMN     "outcome" TEXT,
ADD COLUMN     "outcome_note" TEXT,
ADD COLUMN     "risk" TEXT,
ADD COLUMN     "routes" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "case_task" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "outcome" TEXT,
    "note" TEXT,
    "opened_because" TEXT NOT NULL,
    "completed_by_id" UUID,
    "completed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "signature" JSONB,

    CONSTRAINT "case_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "case_note" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "case_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "information_request" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "message" TEXT NOT NULL,
    "requested_by_id" UUID NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "information_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "case_task_proposal_id_idx" ON "case_task"("proposal_id");

-- CreateIndex
CREATE INDEX "case_task_kind_state_idx" ON "case_task"("kind", "state");

-- CreateIndex
CREATE INDEX "case_note_proposal_id_created_at_idx" ON "case_note"("proposal_id", "created_at");

-- CreateIndex
CREATE INDEX "information_request_proposal_id_idx" ON "information_request"("proposal_id");

-- CreateIndex
CREATE INDEX "proposal_submitted_at_id_idx" ON "proposal"("submitted_at", "id");

-- CreateIndex
CREATE INDEX "proposal_assignee_id_idx" ON "proposal"("assignee_id");

-- CreateIndex
CREATE INDEX "proposal_department_id_idx" ON "proposal"("department_id");

-- CreateIndex
CREATE INDEX "proposal_partner_country_idx" ON "proposal"("partner_country");

-- CreateIndex
CREATE INDEX "proposal_routes_idx" ON "proposal" USING GIN ("routes");

-- AddForeignKey
ALTER TABLE "proposal" ADD CONSTRAINT "proposal_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_task" ADD CONSTRAINT "case_task_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "case_note" ADD CONSTRAINT "case_note_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "information_request" ADD CONSTRAINT "information_request_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: integrity the schema language cannot say.
-- At most one open task of each kind on a case (a double click cannot open two reviews).
CREATE UNIQUE INDEX "case_task_one_open_per_kind" ON "case_task" ("proposal_id", "kind") WHERE "state" = 'open';

-- A completed or cancelled task (a signed checklist, a recorded review) is never changed.
CREATE FUNCTION refuse_change_to_closed_task() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD."state" <> 'open' THEN
    RAISE EXCEPTION 'case_task % is closed: % is not allowed', OLD."id", TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER case_task_closed_is_final
  BEFORE UPDATE OR DELETE ON "case_task"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_closed_task();

-- Internal notes are a record: corrections are new notes.
CREATE TRIGGER case_note_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "case_note"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();

-- A recorded decision is final.
CREATE FUNCTION refuse_change_to_decision() RETURNS trigger AS $$
BEGIN
  IF OLD."outcome" IS NOT NULL AND (NEW."outcome" IS DISTINCT FROM OLD."outcome"
      OR NEW."outcome_note" IS DISTINCT FROM OLD."outcome_note" OR NEW."decided_at" IS DISTINCT FROM OLD."decided_at") THEN
    RAISE EXCEPTION 'proposal % is decided: its decision cannot change', OLD."id"
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER proposal_decision_is_final
  BEFORE UPDATE ON "proposal"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_decision();
