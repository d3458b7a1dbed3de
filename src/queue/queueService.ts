// The SPO queue: filtered, keyset-paginated (page 2,000 costs what page 1 does), with
// per-route counts and a streamed export of everything the filters match.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { openStates } from "../domain/caseStates";
import { statusFilters, type QueueFilters, type QueueSortKey } from "./queueFilters";
import { isUuid } from "../db/uuid";
import { recentCache } from "../audit/recentCache";
import type { WaitingTask } from "../notifications/dueDates";

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

/** A position in the queue: the last row's sort value (a submission time by default) and id. */
export function encodeCursor(row: { submittedAt: Date | null; id: string }, sortValue?: string): string {
  const value = sortValue ?? row.submittedAt?.toISOString() ?? "";
  return Buffer.from(`${value}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string | undefined): { value: string; id: string } | undefined {
  if (!cursor) return undefined;
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  // The value may itself hold "|" (a partner's name): the id is after the last one.
  const bar = text.lastIndexOf("|");
  if (bar < 0) return undefined;
  const value = text.slice(0, bar);
  const id = text.slice(bar + 1);
  if (!isUuid(id) || value.length > 300) return undefined;
  return { value, id };
}

/**
 * The queue's filters as a Prisma where, for the benchmarks (scripts/bench-pages.ts finds a
 * deep page's cursor with it). The queue itself runs queueSqlWhere() below: its search
 * ignores accents, this one only case.
 */
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

const stateName = /^[A-Z_]+$/;

/** How each sortable column orders the queue: its SQL and whether its value is a time. */
const sortColumns: Record<QueueSortKey, { sql: Prisma.Sql; time: boolean; reversed: boolean }> = {
  // Age is the time since submission: the oldest case (the greatest age) has the earliest time.
  age: { sql: Prisma.sql`p."submitted_at"`, time: true, reversed: true },
  submitted: { sql: Prisma.sql`p."submitted_at"`, time: true, reversed: false },
  reference: { sql: Prisma.sql`p."reference"`, time: false, reversed: false },
  partner: { sql: Prisma.sql`lower(coalesce(p."partner_name", ''))`, time: false, reversed: false },
  department: { sql: Prisma.sql`coalesce(d."name", '')`, time: false, reversed: false },
};

/** A LIKE pattern matching `text` anywhere, its wildcards taken literally. */
function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

/**
 * The queue's WHERE clause in SQL (the page, the count and the export share it). The case
 * states are written as literals, not parameters: PostgreSQL can then see that the
 * open-cases filter matches the partial index proposal_open_queue_idx (a parameter cast to
 * the enum hides that, and at 100,000 cases the default view read ten times the rows).
 * Search looks in search_text (reference, title and partner, folded by the database's
 * app_search_fold(): no case, no accents), folding what is searched for the same way.
 */
function queueSqlWhere(
  filters: QueueFilters,
  departmentIdByCode: ReadonlyMap<string, string>,
  userId: string,
  keyset?: { cursor: { value: string; id: string }; direction: "gt" | "lt" },
): Prisma.Sql {
  const states = statusFilters[filters.status].map((state) => {
    // Our own constants (the case-state table), never input: checked all the same.
    if (!stateName.test(state)) throw new Error(`not a case state: ${state}`);
    return Prisma.raw(`'${state}'`);
  });
  const where: Prisma.Sql[] = [
    Prisma.sql`p."status" IN (${Prisma.join(states)})`,
    Prisma.sql`p."submitted_at" IS NOT NULL`,
  ];
  if (filters.route) where.push(Prisma.sql`p."routes" @> ARRAY[${filters.route}]::text[]`);
  if (filters.country) where.push(Prisma.sql`p."partner_country" = ${filters.country}`);
  if (filters.department)
    where.push(
      Prisma.sql`p."department_id" = ${departmentIdByCode.get(filters.department) ?? "00000000-0000-0000-0000-000000000000"}::uuid`,
    );
  if (filters.assignee === "me") where.push(Prisma.sql`p."assignee_id" = ${userId}::uuid`);
  else if (filters.assignee === "unassigned") where.push(Prisma.sql`p."assignee_id" IS NULL`);
  else if (filters.assignee) where.push(Prisma.sql`p."assignee_id" = ${filters.assignee}::uuid`);
  if (filters.risk) where.push(Prisma.sql`p."risk" = ${filters.risk}`);
  if (filters.q) where.push(Prisma.sql`p."search_text" LIKE app_search_fold(${containsPattern(filters.q)})`);
  if (keyset) where.push(keysetSql(filters.sort, keyset.cursor, keyset.direction));
  return Prisma.join(where, " AND ");
}

/** Rows after (gt) or before (lt) the cursor in the sort's order; undefined if it cannot be read. */
function keysetSql(sort: QueueSortKey, cursor: { value: string; id: string }, direction: "gt" | "lt"): Prisma.Sql {
  const column = sortColumns[sort];
  if (column.time) {
    // The first condition is implied by the second, but PostgreSQL cannot start an index
    // scan from an OR: without it every page read the index from the first case and
    // filtered its way to the cursor (a mid-queue page of 100,000 cases took 50-120 ms).
    const at = new Date(cursor.value);
    return direction === "gt"
      ? Prisma.sql`p."submitted_at" >= ${at} AND (p."submitted_at" > ${at} OR (p."submitted_at" = ${at} AND p."id" > ${cursor.id}::uuid))`
      : Prisma.sql`p."submitted_at" <= ${at} AND (p."submitted_at" < ${at} OR (p."submitted_at" = ${at} AND p."id" < ${cursor.id}::uuid))`;
  }
  return direction === "gt"
    ? Prisma.sql`(${column.sql}, p."id") > (${cursor.value}, ${cursor.id}::uuid)`
    : Prisma.sql`(${column.sql}, p."id") < (${cursor.value}, ${cursor.id}::uuid)`;
}

function validCursor(sort: QueueSortKey, cursor: { value: string; id: string } | undefined) {
  if (cursor && sortColumns[sort].time && Number.isNaN(new Date(cursor.value).getTime())) return undefined;
  return cursor;
}

/**
 * What an open case waits for (its open tasks and its unanswered request for information),
 * for its next due date, as a JSON array in the row itself: read per row of the page through
 * the proposal_id indexes, after the page's LIMIT, so the page stays a scan of one index and
 * costs no second round trip. Times are epoch milliseconds. Working days cannot be counted
 * in SQL without a calendar table, so the due dates themselves are worked out from these
 * (src/notifications/dueDates.ts, the reminders' own rule) and the queue is not sorted by them.
 */
const waitingSql = Prisma.sql`
  CASE WHEN page."status" IN (${Prisma.join(openStates)}) THEN (
    SELECT coalesce(json_agg(w), '[]') FROM (
      SELECT t."kind", extract(epoch FROM t."created_at") * 1000 AS "openedAt",
             CASE WHEN t."kind" = 'school_sign_off' THEN (
               SELECT extract(epoch FROM max(d."completed_at")) * 1000 FROM "case_task" d
                WHERE d."proposal_id" = t."proposal_id" AND d."kind" = 'department_sign_off'
                  AND d."state" = 'done' AND d."outcome" = 'approved') END AS "departmentApprovedAt"
        FROM "case_task" t
       WHERE t."proposal_id" = page."id" AND t."state" = 'open'
      UNION ALL
      SELECT 'information', extract(epoch FROM r."requested_at") * 1000, NULL
        FROM "information_request" r
       WHERE r."proposal_id" = page."id" AND r."answered_at" IS NULL AND page."status" = 'INFORMATION_REQUESTED'
    ) w) END`;

interface WaitingJson {
  kind: string;
  openedAt: number | string;
  departmentApprovedAt: number | string | null;
}

function waitingFromJson(json: WaitingJson[] | null): WaitingTask[] {
  return (json ?? []).map((task) => ({
    kind: task.kind,
    openedAt: new Date(Number(task.openedAt)),
    departmentApprovedAt: task.departmentApprovedAt === null ? null : new Date(Number(task.departmentApprovedAt)),
  }));
}

/** Reads `limit` rows of the queue from a cursor, ascending or descending in SQL terms, each with what it waits for. */
async function readRows(
  prisma: PrismaClient,
  filters: QueueFilters,
  departmentIdByCode: ReadonlyMap<string, string>,
  userId: string,
  options: { cursor?: { value: string; id: string }; ascending: boolean; limit: number },
): Promise<(QueueRowWaiting & { sortValue: string })[]> {
  const column = sortColumns[filters.sort];
  const sqlOrder = Prisma.raw(options.ascending ? "ASC" : "DESC");
  // The department join only when sorting by its name: the default view stays on one table.
  const join =
    filters.sort === "department" ? Prisma.sql`LEFT JOIN "department" d ON d."id" = p."department_id"` : Prisma.empty;
  const keyset = options.cursor
    ? ({ cursor: options.cursor, direction: options.ascending ? "gt" : "lt" } as const)
    : undefined;
  const rows = await prisma.$queryRaw<(QueueRow & { sortValue: string | Date; waiting: WaitingJson[] | null })[]>`
    WITH page AS (
      SELECT p."id", p."reference", p."title", p."partner_name" AS "partnerName", p."partner_country" AS "partnerCountry",
             p."department_id" AS "departmentId", p."status"::text AS "status", p."routes", p."risk",
             p."assignee_id" AS "assigneeId", p."submitted_at" AS "submittedAt", ${column.sql} AS "sortValue"
        FROM "proposal" p ${join}
       WHERE ${queueSqlWhere(filters, departmentIdByCode, userId, keyset)}
       ORDER BY ${column.sql} ${sqlOrder}, p."id" ${sqlOrder}
       LIMIT ${options.limit})
    SELECT page.*, ${waitingSql} AS "waiting"
      FROM page
     ORDER BY page."sortValue" ${sqlOrder}, page."id" ${sqlOrder}`;
  return rows.map((row) => ({
    ...row,
    sortValue: row.sortValue instanceof Date ? row.sortValue.toISOString() : row.sortValue,
    waiting: waitingFromJson(row.waiting),
  }));
}

/** A queue row with what it waits for. */
export interface QueueRowWaiting extends QueueRow {
  waiting: WaitingTask[];
}

/** What the export adds to a row: from the case and its latest submission's answers. */
export interface QueueExportRow extends QueueRowWaiting {
  valueGbp: unknown;
  funderName: unknown;
  startDate: unknown;
  endDate: unknown;
  outcome: string | null;
  decidedAt: Date | null;
}

/** How long a count of the queue is reused: the route counts and the total alike. */
const countsMs = 5_000;
/** Totals kept, one per filter combination: enough for every officer's usual views. */
const totalsKept = 500;

/** The filters a total depends on (not the sort, the order or the page), as a cache key. */
function totalKey(filters: QueueFilters, departmentIdByCode: ReadonlyMap<string, string>, userId: string): string {
  const { status, route, country, department, assignee, risk, q } = filters;
  return JSON.stringify([
    status,
    route,
    country,
    department && (departmentIdByCode.get(department) ?? null),
    assignee === "me" ? userId : assignee,
    risk,
    q,
  ]);
}

export function queueService(prisma: PrismaClient) {
  /**
   * Totals by filters. Counting every match on each page view cost a round trip and a scan
   * of the matching rows (at 100,000 cases, the slowest part of the page), while the rows
   * themselves are read by keyset. Like the route counts, a total is reused for a few
   * seconds, and dropped at once when this process records a change. Once aged, it is
   * still shown while it is counted again, so the requests of those moments do not wait.
   */
  const totals = recentCache<number>({ maxAgeMs: countsMs, maxEntries: totalsKept, refreshInBackground: true });
  const routeCounts = recentCache<Record<string, number>>({
    maxAgeMs: countsMs,
    maxEntries: 1,
    refreshInBackground: true,
  });

  return {
    async page(filters: QueueFilters, departmentIdByCode: ReadonlyMap<string, string>, userId: string) {
      // Ascending in SQL terms: age descending is the earliest submission first.
      const column = sortColumns[filters.sort];
      const ascending = (filters.order === "ascending") !== column.reversed;
      const after = validCursor(filters.sort, decodeCursor(filters.after));
      const before = after ? undefined : validCursor(filters.sort, decodeCursor(filters.before));
      // Going back a page reads backwards from the cursor, then restores the order.
      const forwards = !before;
      const cursor = after ?? before;
      const rows = await readRows(prisma, filters, departmentIdByCode, userId, {
        cursor,
        ascending: forwards === ascending,
        limit: pageSize + 1,
      });
      const more = rows.length > pageSize;
      const page = rows.slice(0, pageSize);
      if (!forwards) page.reverse();
      const first = page[0];
      const last = page.at(-1);
      return {
        rows: page.map(({ sortValue: _sortValue, ...row }): QueueRowWaiting => row),
        next: (forwards ? more : true) && last ? encodeCursor(last, last.sortValue) : undefined,
        previous: (forwards ? Boolean(cursor) : more) && first ? encodeCursor(first, first.sortValue) : undefined,
      };
    },

    /** How many cases the filters match, on every page (at most a few seconds old). */
    count(filters: QueueFilters, departmentIdByCode: ReadonlyMap<string, string>, userId: string): Promise<number> {
      return totals.get(totalKey(filters, departmentIdByCode, userId), async () => {
        const [row] = await prisma.$queryRaw<{ count: bigint }[]>`
          SELECT count(*) AS "count" FROM "proposal" p WHERE ${queueSqlWhere(filters, departmentIdByCode, userId)}`;
        return Number(row?.count ?? 0);
      });
    },

    /**
     * Open cases per route, for the queue's headline counts. Cached for a few seconds (and
     * dropped when this process records a change): counting every open case on each page
     * view would make the page slower as the queue grows, and a count a few seconds old is
     * as useful.
     */
    openCountsByRoute(): Promise<Record<string, number>> {
      return routeCounts.get("open", async () => {
        const rows = await prisma.$queryRaw<{ route: string; count: bigint }[]>`
          SELECT route, count(*) AS count
            FROM "proposal", unnest("routes") AS route
           WHERE "status"::text IN (${Prisma.join(openStates)}) AND "submitted_at" IS NOT NULL
           GROUP BY route`;
        return Object.fromEntries(rows.map((row) => [row.route, Number(row.count)]));
      });
    },

    /** Open cases assigned to this officer. */
    async countAssignedTo(userId: string): Promise<number> {
      return prisma.proposal.count({ where: { assigneeId: userId, status: { in: [...openStates] } } });
    },

    /** Every matching row, in batches, in the queue's order: for the streamed CSV export. */
    async *allMatching(
      filters: QueueFilters,
      departmentIdByCode: ReadonlyMap<string, string>,
      userId: string,
    ): AsyncGenerator<QueueExportRow> {
      const ascending = (filters.order === "ascending") !== sortColumns[filters.sort].reversed;
      let cursor: { value: string; id: string } | undefined;
      for (;;) {
        const rows = await readRows(prisma, filters, departmentIdByCode, userId, { cursor, ascending, limit: 1_000 });
        if (rows.length === 0) return;
        const details = await prisma.$queryRaw<(Omit<QueueExportRow, keyof QueueRowWaiting> & { id: string })[]>`
          SELECT p."id", s."answers"->'valueGbp' AS "valueGbp", s."answers"->'funderName' AS "funderName",
                 s."answers"->'startDate' AS "startDate", s."answers"->'endDate' AS "endDate",
                 p."outcome", p."decided_at" AS "decidedAt"
            FROM "proposal" p
            LEFT JOIN LATERAL (
              SELECT "answers" FROM "proposal_submission" WHERE "proposal_id" = p."id" ORDER BY "number" DESC LIMIT 1
            ) s ON true
           WHERE p."id" IN (${Prisma.join(rows.map((row) => Prisma.sql`${row.id}::uuid`))})`;
        const byId = new Map(details.map((detail) => [detail.id, detail]));
        for (const { sortValue: _sortValue, ...row } of rows) {
          const detail = byId.get(row.id);
          yield {
            ...row,
            valueGbp: detail?.valueGbp,
            funderName: detail?.funderName,
            startDate: detail?.startDate,
            endDate: detail?.endDate,
            outcome: detail?.outcome ?? null,
            decidedAt: detail?.decidedAt ?? null,
          };
        }
        if (rows.length < 1_000) return;
        const last = rows.at(-1);
        if (!last) return;
        cursor = { value: last.sortValue, id: last.id };
      }
    },
  };
}

export type QueueService = ReturnType<typeof queueService>;
