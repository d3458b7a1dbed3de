-- A message being sent is claimed by its pg-boss delivery job (which expires when its process
-- dies), no longer by a lock on the outbox row.
-- AlterTable
ALTER TABLE "notification" DROP COLUMN "locked_until";
