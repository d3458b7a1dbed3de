-- The reports' open cases (reportQueries.ts, the statement of cases open now) read in about
-- half the time at 100,000 cases, of which about 28,000 open.

-- An officer's wait starts at the case's last move: its latest submission or task completed,
-- looked up for each case in review with nothing left open (about 2,900). These two indexes
-- answer both lookups alone; the tasks' lookup read the 300 MB table instead. The one of
-- tasks by case replaces the index of proposal_id alone, which it serves as well.
-- DropIndex
DROP INDEX "case_task_proposal_id_idx";

-- CreateIndex
CREATE INDEX "case_task_proposal_id_completed_at_idx" ON "case_task"("proposal_id", "completed_at");

-- CreateIndex
CREATE INDEX "proposal_submission_proposal_id_submitted_at_idx" ON "proposal_submission"("proposal_id", "submitted_at");

-- The open cases with each column the reports read of them, so that they scan these alone
-- (index only) instead of the reports' index of every submitted case, three quarters of it
-- decided or withdrawn. The states are caseStates.ts's open states, written as literals in
-- the reports' SQL so that PostgreSQL matches its filter to this predicate (as the queue's
-- proposal_open_queue_idx). Partial indexes are outside schema.prisma's language; the schema
-- engine leaves this one alone.
CREATE INDEX "proposal_open_reports_idx" ON "proposal" ("submitted_at")
  INCLUDE ("status", "department_id", "partner_country", "routes", "id")
  WHERE "status" IN ('IN_REVIEW', 'INFORMATION_REQUESTED') AND "submitted_at" IS NOT NULL;
