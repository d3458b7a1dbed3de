// The SPO queue: filtered, keyset-paginated (page 2,000 costs what page 1 does), with
// per-route counts and a streamed export of everything the filters match.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { openStates } from "../domain/caseStates";
import { statusFilters, type QueueFilters } from "./queueFilters";
import { isUuid } from "../db/uuid";

export const pageSize = 50;

export interface QueueRow {
  id: string;
  reference: string | null;
  title: string;
  partnerName: string | null;
  partnerCountry: string | null;
  departmentId: string | null;
  status: string;
  routes: string[];
  risk: string | null;
  assigneeId: string | null;
  submittedAt: Date | null;
}

const rowSelect = {
  id: true,
  reference: true,
  title: true,
  partnerName: true,
  partnerCountry: true,
  departmentId: true,
  status: true,
  routes: true,
  risk: true,
  assigneeId: true,
  submittedAt: true,
} as const satisfies Prisma.ProposalSelect;

/** A position in the queue: the last row's submission time and id. */
export function encodeCursor(row: { submittedAt: Date | null; id: string }): string {
  return Buffer.from(`${row.submittedAt?.toISOString() ?? ""}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { submittedAt: Date; id: string } | undefined {
  if (!cursor) return undefined;
  const [time, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const submittedAt = new Date(time ?? "");
  if (Number.isNaN(submittedAt.getTime()) || !id || !isUuid(id)) return undefined;
  return { submittedAt, id };
}

export function queueWhere(
  filters: QueueFilters,
  departmentIdByCode: ReadonlyMap<string, string>,
  userId: string,
): Prisma.ProposalWhereInput {
  // Only what was submitted is a case: a draft withdrawn before it was ever submitted
  // (which drafts could once be) has a status the filters name but no reference.
  const where: Prisma.ProposalWhereInput[] = [
    { status: { in: [...statusFilters[filters.status]] } },
    { submittedAt: { not: null } },
  ];
  if (filters.route) where.push({ routes: { has: filters.route } });
  if (filters.country) where.push({ partnerCountry: filters.country });
  if (filters.department)
    where.push({ departmentId: departmentIdByCode.get(filters.department) ?? "00000000-0000-0000-0000-000000000000" });
  if (filters.assignee === "me") where.push({ assigneeId: userId });
  else if (filters.assignee === "unassigned") where.push({ assigneeId: null });
  else if (filters.assignee) where.push({ assigneeId: filters.assignee });
  if (filters.risk) where.push({ risk: filters.risk });
  if (filters.q) {
    where.push({
      OR: [
        { title: { contains: filters.q, mode: "insensitive" } },
        { partnerName: { contains: filters.q, mode: "insensitive" } },
        { reference: filters.q.toUpperCase() },
      ],
    });
  }
  return { AND: where };
}

function keyset(cursor: { submittedAt: Date; id: string }, direction: "gt" | "lt"): Prisma.ProposalWhereInput {
  // The first condition is implied by the second, but PostgreSQL cannot start an index scan
  // from an OR: without it every page read the index from the first case and filtered its
  // way to the cursor (a mid-queue page of 100,000 cases took 50-120 ms instead of < 1 ms).
  return {
    AND: [
      { submittedAt: { [direction === "gt" ? "gte" : "lte"]: cursor.submittedAt } },
      {
        OR: [
          { submittedAt: { [direction]: cursor.submittedAt } },
          { submittedAt: cursor.submittedAt, id: { [direction]: cursor.id } },
        ],
      },
    ],
  };
}

const stateName = /^[A-Z_]+$/;

/**
 * The queue's WHERE clause in SQL, for the page the queue shows (search aside: see page()).
 * The case states are written as literals, not parameters: PostgreSQL can then see that the
 * open-cases filter matches the partial index proposal_open_queue_idx (a parameter cast to
 * the enum hides that, and at 100,000 cases the default view read ten times the rows).
 */
function queueSqlWhere(
  filters: QueueFilters,
  departmentIdByCode: ReadonlyMap<string, string>,
  userId: string,
  cursor: { submittedAt: Date; id: string } | undefined,
  direction: "gt" | "lt",
): Prisma.Sql {
  const states = statusFilters[filters.status].map((state) => {
    // Our own constants (the case-state table), never input: checked all the same.
    if (!stateName.test(state)) throw new Error(`not a case state: ${state}`);
    return Prisma.raw(`'${state}'`);
  });
  const where: Prisma.Sql[] = [
    Prisma.sql`"status" IN (${Prisma.join(states)})`,
    Prisma.sql`"submitted_at" IS NOT NULL`,
  ];
  if (filters.route) where.push(Prisma.sql`"routes" @> ARRAY[${filters.route}]::text[]`);
  if (filters.country) where.push(Prisma.sql`"partner_country" = ${filters.country}`);
  if (filters.department)
    where.push(
      Prisma.sql`"department_id" = ${departmentIdByCode.get(filters.department) ?? "00000000-0000-0000-0000-000000000000"}::uuid`,
    );
  if (filters.assignee === "me") where.push(Prisma.sql`"assignee_id" = ${userId}::uuid`);
  else if (filters.assignee === "unassigned") where.push(Prisma.sql`"assignee_id" IS NULL`);
  else if (filters.assignee) where.push(Prisma.sql`"assignee_id" = ${filters.assignee}::uuid`);
  if (filters.risk) where.push(Prisma.sql`"risk" = ${filters.risk}`);
  if (cursor) {
    // As keyset(): the first condition lets an index scan start at the cursor.
    where.push(
      direction === "gt"
        ? Prisma.sql`"submitted_at" >= ${cursor.submittedAt} AND ("submitted_at" > ${cursor.submittedAt} OR ("submitted_at" = ${cursor.submittedAt} AND "id" > ${cursor.id}::uuid))`
        : Prisma.sql`"submitted_at" <= ${cursor.submittedAt} AND ("submitted_at" < ${cursor.submittedAt} OR ("submitted_at" = ${cursor.submittedAt} AND "id" < ${cursor.id}::uuid))`,
    );
  }
  return Prisma.join(where, " AND ");
}

export function queueService(prisma: PrismaClient) {
  let countsCache: { at: number; counts: Record<string, number> } | undefined;

  return {
    async page(filters: QueueFilters, departmentIdByCode: ReadonlyMap<string, string>, userId: string) {
      const base = queueWhere(filters, departmentIdByCode, userId);
      const ascending = filters.sort === "oldest";
      const after = decodeCursor(filters.after);
      const before = after ? undefined : decodeCursor(filters.before);
      // Going back a page reads backwards from the cursor, then restores the order.
      const forwards = !before;
      const readAscending = forwards === ascending;
      const cursor = after ?? before;
      const order = readAscending ? "asc" : "desc";
      let rows: QueueRow[];
      if (filters.q) {
        // Search keeps Prisma's `contains` (its ILIKE, exactly as the export matches).
        rows = await prisma.proposal.findMany({
          where: cursor ? { AND: [base, keyset(cursor, readAscending ? "gt" : "lt")] } : base,
          orderBy: [{ submittedAt: order }, { id: order }],
          take: pageSize + 1,
          select: rowSelect,
        });
      } else {
        const sqlOrder = Prisma.raw(readAscending ? "ASC" : "DESC");
        rows = await prisma.$queryRaw<QueueRow[]>`
          SELECT "id", "reference", "title", "partner_name" AS "partnerName", "partner_country" AS "partnerCountry",
                 "department_id" AS "departmentId", "status"::text AS "status", "routes", "risk",
                 "assignee_id" AS "assigneeId", "submitted_at" AS "submittedAt"
            FROM "proposal"
           WHERE ${queueSqlWhere(filters, departmentIdByCode, userId, cursor, readAscending ? "gt" : "lt")}
           ORDER BY "submitted_at" ${sqlOrder}, "id" ${sqlOrder}
           LIMIT ${pageSize + 1}`;
      }
      const more = rows.length > pageSize;
      const page = rows.slice(0, pageSize);
      if (!forwards) page.reverse();
      const first = page[0];
      const last = page.at(-1);
      return {
        rows: page,
        next: (forwards ? more : true) && last ? encodeCursor(last) : undefined,
        previous: (forwards ? Boolean(cursor) : more) && first ? encodeCursor(first) : undefined,
      };
    },

    /**
     * Open cases per route, for the queue's headline counts. Cached for a few seconds:
     * counting every open case on each page view would make the page slower as the
     * queue grows, and a count a few seconds old is as useful.
     */
    async openCountsByRoute(): Promise<Record<string, number>> {
      if (countsCache && Date.now() - countsCache.at < 5_000) return countsCache.counts;
      const rows = await prisma.$queryRaw<{ route: string; count: bigint }[]>`
        SELECT route, count(*) AS count
          FROM "proposal", unnest("routes") AS route
         WHERE "status"::text IN (${Prisma.join(openStates)}) AND "submitted_at" IS NOT NULL
         GROUP BY route`;
      const counts = Object.fromEntries(rows.map((row) => [row.route, Number(row.count)]));
      countsCache = { at: Date.now(), counts };
      return counts;
    },

    /** Open cases assigned to this officer. */
    async countAssignedTo(userId: string): Promise<number> {
      return prisma.proposal.count({ where: { assigneeId: userId, status: { in: [...openStates] } } });
    },

    /** Every matching row, in batches, in queue order: for the streamed CSV export. */
    async *allMatching(filters: QueueFilters, departmentIdByCode: ReadonlyMap<string, string>, userId: string) {
      const base = queueWhere(filters, departmentIdByCode, userId);
      const order = filters.sort === "oldest" ? "asc" : "desc";
      let cursor: { submittedAt: Date; id: string } | undefined;
      for (;;) {
        const rows: QueueRow[] = await prisma.proposal.findMany({
          where: cursor ? { AND: [base, keyset(cursor, order === "asc" ? "gt" : "lt")] } : base,
          orderBy: [{ submittedAt: order }, { id: order }],
          take: 1_000,
          select: rowSelect,
        });
        yield* rows;
        if (rows.length < 1_000) return;
        const last = rows.at(-1);
        if (!last?.submittedAt) return;
        cursor = { submittedAt: last.submittedAt, id: last.id };
      }
    },
  };
}

export type QueueService = ReturnType<typeof queueService>;
