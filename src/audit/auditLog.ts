// The audit log is append-only (a database trigger refuses UPDATE and DELETE). Every
// change of state writes its entry inside the same transaction as the change.
import type { Prisma } from "../generated/prisma/client";

export interface AuditEvent {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  fromState?: string | null;
  toState?: string | null;
  details?: Prisma.InputJsonValue;
  /** When it happened, if the change stores the same moment on its row too (a withdrawal); else now. */
  at?: Date;
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditEntry">;

/**
 * How many audit entries this process has written. Every change of state writes one, so
 * short-lived caches of what changes (the queue's totals) compare it to drop what they hold
 * once this process changes anything. Other processes' changes (and one read here while the
 * change's transaction was still open) show when the cache expires, within seconds.
 */
let entriesWritten = 0;
export function auditEntriesWritten(): number {
  return entriesWritten;
}

export async function recordAudit(db: AuditWriter, event: AuditEvent): Promise<void> {
  await db.auditEntry.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      fromState: event.fromState ?? null,
      toState: event.toState ?? null,
      details: event.details ?? {},
      ...(event.at ? { at: event.at } : {}),
    },
  });
  entriesWritten += 1;
}
