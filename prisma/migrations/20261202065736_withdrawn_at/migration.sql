-- When a case was withdrawn, on the case itself: the reports count withdrawals by date, and
-- searched the audit log for each withdrawn case's entry (about 7,800 lookups per view at
-- 100,000 cases). workflowService.withdraw writes it with the case.withdrawn entry, the
-- same moment in the same transaction.
-- AlterTable
ALTER TABLE "proposal" ADD COLUMN     "withdrawn_at" TIMESTAMPTZ(3);

-- Cases withdrawn before this column: the time of their latest case.withdrawn audit entry
-- (what the reports searched for). A withdrawn case is final, so the trigger that refuses
-- any change to one (proposal_closed_is_final) is off for this statement only.
ALTER TABLE "proposal" DISABLE TRIGGER "proposal_closed_is_final";
UPDATE "proposal" p SET "withdrawn_at" = w."at"
  FROM (SELECT DISTINCT ON ("entity_id") "entity_id", "at" FROM "audit_entry"
         WHERE "entity_type" = 'proposal' AND "action" = 'case.withdrawn'
         ORDER BY "entity_id", "at" DESC) w
 WHERE p."status" = 'WITHDRAWN' AND w."entity_id" = p."id"::text;
ALTER TABLE "proposal" ENABLE TRIGGER "proposal_closed_is_final";

-- The reports' covering index holds the new column too, so they still read the index alone.
-- DropIndex
DROP INDEX "proposal_reports_idx";

-- CreateIndex
CREATE INDEX "proposal_reports_idx" ON "proposal"("submitted_at", "status", "decided_at", "withdrawn_at", "department_id", "partner_country", "outcome", "routes", "id");

-- The open tasks of each case, with what the reports read of them (whom a case waits on, since
-- when): one pass over this small index, grouped by case, instead of a lookup in the table per
-- open case (about 22,000 per view at 100,000 cases). Partial indexes are outside
-- schema.prisma's language; the schema engine leaves this one alone.
CREATE INDEX "case_task_open_idx" ON "case_task" ("proposal_id") INCLUDE ("kind", "created_at")
  WHERE "state" = 'open';
