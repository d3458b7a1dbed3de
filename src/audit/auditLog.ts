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
}

type AuditWriter = Pick<Prisma.TransactionClient, "auditEntry">;

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
    },
  });
}
