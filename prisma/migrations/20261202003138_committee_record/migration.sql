-- CreateTable
CREATE TABLE "committee_record" (
    "id" UUID NOT NULL,
    "proposal_id" UUID NOT NULL,
    "meeting_date" DATE NOT NULL,
    "minute_reference" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "conditions" TEXT,
    "recorded_by_id" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "committee_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "committee_record_proposal_id_recorded_at_idx" ON "committee_record"("proposal_id", "recorded_at");

-- AddForeignKey
ALTER TABLE "committee_record" ADD CONSTRAINT "committee_record_proposal_id_fkey" FOREIGN KEY ("proposal_id") REFERENCES "proposal"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Added by hand: the committee's outcomes, and a record is never changed or deleted.
ALTER TABLE "committee_record"
  ADD CONSTRAINT "committee_record_outcome" CHECK ("outcome" IN ('approved', 'approved_with_conditions', 'not_approved', 'deferred')),
  ADD CONSTRAINT "committee_record_minute_reference" CHECK (length(btrim("minute_reference")) BETWEEN 1 AND 100);

CREATE TRIGGER committee_record_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "committee_record"
  FOR EACH ROW EXECUTE FUNCTION refuse_change_to_record();
