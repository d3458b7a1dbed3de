// Reading the audit log back, for the admins' viewer (src/audit/auditRoutes.ts): filtered
// by case, person, action and date, newest first, a page at a time by id (keyset: stable
// while new entries are written), or every matching entry for the CSV, read in batches.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { londonHour } from "../notifications/workingDays";

/** What people see for each action; an action not listed shows as written. */
export const auditActionLabels: Record<string, string> = {
  "proposal.draft_created": "Draft started",
  "proposal.draft_deleted": "Draft deleted",
  "proposal.submitted": "Proposal submitted",
  "proposal.resubmitted": "Proposal resubmitted",
  "case.assigned": "Case assigned",
  "case.information_requested": "Information requested",
  "case.route_added": "Review route added",
  "case.route_removed": "Review route removed",
  "case.review_recorded": "Review recorded",
  "case.review_reopened": "Review opened again",
  "case.signed_off": "Signed off",
  "case.returned_to_proposer": "Returned to the proposer",
  "case.note_added": "Note added",
  "case.decided": "Case decided",
  "case.withdrawn": "Case withdrawn",
  "case.rules_rerun": "Rules re-run with new reference data",
  "screening.case_screened": "Case screened against sanctions lists",
  "screening.verdict_recorded": "Screening verdict recorded",
  "screening.list_imported": "Sanctions list imported",
  "screening.version_confirmed": "Sanctions list version confirmed",
  "screening.version_rejected": "Sanctions list version rejected",
  "reference.seeded": "Reference data loaded",
  "reference.checklists_changed": "Sign-off checklists changed",
  "notifications.due_days_changed": "Due dates changed",
  "user.created": "Person added",
  "user.updated": "Person's details updated",
  "user.role_granted": "Role granted",
  "user.role_revoked": "Role removed",
  "user.disabled": "Person disabled",
  "user.enabled": "Person enabled",
  "user.signed_in": "Signed in",
  "user.signed_out": "Signed out",
  "demo.seeded": "Demo data loaded",
};

export function auditActionLabel(action: string): string {
  return auditActionLabels[action] ?? action;
}

export interface AuditFilters {
  /** A case reference (SPO-2026-00042): its entries. */
  reference?: string;
  /** A username or e-mail address: the entries that person made. */
  person?: string;
  action?: string;
  /** YYYY-MM-DD, inclusive: UK calendar dates, as the page shows the times. */
  from?: string;
  to?: string;
}

export interface AuditRow {
  id: bigint;
  at: Date;
  action: string;
  actionLabel: string;
  actor: string;
  entityType: string;
  entityId: string;
  /** The case's reference, for entries about a case. */
  caseReference: string | null;
  fromState: string | null;
  toState: string | null;
  details: unknown;
}

/**
 * The first moment of a UK calendar date. At 00:00 UTC, London's clock reads 00:00 (GMT) or
 * 01:00 (BST), and it never changes between 23:00 and 00:00 UTC (the clocks change at 01:00
 * UTC), so midnight in London is 00:00 UTC less that hour.
 */
function ukDayStart(day: string): Date {
  const utcMidnight = new Date(`${day}T00:00:00Z`);
  return new Date(utcMidnight.getTime() - londonHour(utcMidnight) * 3_600_000);
}
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export function auditViewer(prisma: PrismaClient) {
  /** The filters as a where clause; undefined when a filter names a case or person there is none of. */
  async function whereOf(filters: AuditFilters): Promise<Prisma.AuditEntryWhereInput | undefined> {
    const where: Prisma.AuditEntryWhereInput = {};
    if (filters.reference) {
      const proposal = await prisma.proposal.findUnique({
        where: { reference: filters.reference.toUpperCase() },
        select: { id: true },
      });
      if (!proposal) return undefined;
      where.entityType = "proposal";
      where.entityId = proposal.id;
    }
    if (filters.person) {
      const person = filters.person.toLowerCase();
      const user = await prisma.user.findFirst({
        where: { OR: [{ username: person }, { email: { equals: person, mode: "insensitive" } }] },
        select: { id: true },
      });
      if (!user) return undefined;
      where.actorId = user.id;
    }
    if (filters.action) where.action = filters.action;
    if (filters.from || filters.to) {
      where.at = {
        ...(filters.from ? { gte: ukDayStart(filters.from) } : {}),
        ...(filters.to ? { lt: ukDayStart(dayAfter(filters.to)) } : {}),
      };
    }
    return where;
  }

  async function withNames(
    entries: {
      id: bigint;
      at: Date;
      actorId: string | null;
      action: string;
      entityType: string;
      entityId: string;
      fromState: string | null;
      toState: string | null;
      details: unknown;
    }[],
  ): Promise<AuditRow[]> {
    const actorIds = [...new Set(entries.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])))];
    const caseIds = [...new Set(entries.flatMap((entry) => (entry.entityType === "proposal" ? [entry.entityId] : [])))];
    const [people, proposals] = await Promise.all([
      prisma.user.findMany({
        where: { id: { in: actorIds } },
        select: { id: true, displayName: true, username: true },
      }),
      prisma.proposal.findMany({ where: { id: { in: caseIds } }, select: { id: true, reference: true } }),
    ]);
    const names = new Map(people.map((person) => [person.id, `${person.displayName} (${person.username})`]));
    const references = new Map(proposals.map((proposal) => [proposal.id, proposal.reference]));
    return entries.map((entry) => ({
      id: entry.id,
      at: entry.at,
      action: entry.action,
      actionLabel: auditActionLabel(entry.action),
      actor: entry.actorId ? (names.get(entry.actorId) ?? "Unknown person") : "System",
      entityType: entry.entityType,
      entityId: entry.entityId,
      caseReference: entry.entityType === "proposal" ? (references.get(entry.entityId) ?? null) : null,
      fromState: entry.fromState,
      toState: entry.toState,
      details: entry.details,
    }));
  }

  return {
    /** One page, newest first, of entries older than `before` (an id); `older` is the next page's cursor. */
    async page(
      filters: AuditFilters,
      options: { before?: bigint; size?: number } = {},
    ): Promise<{ rows: AuditRow[]; older: bigint | null }> {
      const size = options.size ?? 50;
      const where = await whereOf(filters);
      if (!where) return { rows: [], older: null };
      const entries = await prisma.auditEntry.findMany({
        where: options.before === undefined ? where : { AND: [where, { id: { lt: options.before } }] },
        orderBy: { id: "desc" },
        take: size + 1,
      });
      const more = entries.length > size;
      const rows = await withNames(entries.slice(0, size));
      return { rows, older: more ? (rows.at(-1)?.id ?? null) : null };
    },

    /** Every matching entry, newest first, in batches (for the CSV). */
    async *all(filters: AuditFilters): AsyncGenerator<AuditRow> {
      const where = await whereOf(filters);
      if (!where) return;
      let before: bigint | undefined;
      for (;;) {
        const entries = await prisma.auditEntry.findMany({
          where: before === undefined ? where : { AND: [where, { id: { lt: before } }] },
          orderBy: { id: "desc" },
          take: 1_000,
        });
        const last = entries.at(-1);
        if (!last) return;
        yield* await withNames(entries);
        before = last.id;
        if (entries.length < 1_000) return;
      }
    },
  };
}

export type AuditViewer = ReturnType<typeof auditViewer>;
