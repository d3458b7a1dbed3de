-- The queue's default view (open cases, oldest first, 50 a page) read the index of every
-- submitted case in order and filtered out the decided and withdrawn ones: at 100,000
-- cases, most of the oldest. This index holds only the open cases (caseStates.ts's open
-- states), in queue order; the queue's SQL (queueService.ts) writes the states as literals
-- so that PostgreSQL can match its filter to this predicate. Partial indexes are outside
-- schema.prisma's language; the schema engine leaves this one alone.
CREATE INDEX "proposal_open_queue_idx" ON "proposal" ("submitted_at", "id")
  WHERE "status" IN ('IN_REVIEW', 'INFORMATION_REQUESTED') AND "submitted_at" IS NOT NULL;
