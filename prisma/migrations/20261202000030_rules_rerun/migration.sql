-- CreateTable
CREATE TABLE "rules_rerun" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "submission_number" INTEGER NOT NULL,
    "decision" JSONB NOT NULL,
    "rule_set_version" TEXT NOT NULL,
    "previous_version" TEXT NOT NULL,
    "rerun_by_id" UUID NOT NULL,
    "rerun_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "rules_rerun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "rules_rerun_proposal_id_submission_number_rerun_at_idx" ON "rules_rerun"("proposal_id", "submission_number", "rerun_at");

-- AddForeignKey
ALTER TABLE "rules_rerun" ADD CONSTRAINT "rules_rerun_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by hand: a re-run's decision is a record, as a submission's is.
CREATE TRIGGER rules_rerun_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "rules_rerun"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
CREATE TRIGGER rules_rerun_no_truncate BEFORE TRUNCATE ON "rules_rerun"
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_truncate();
