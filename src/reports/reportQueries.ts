// The dashboard's figures counted by the database: two queries (cases with something in the
// range; cases open now) that group in SQL and send back a few hundred small rows, however
// many cases there are, instead of one row per case. Working days are subtracted in SQL
// (workingDayIndexSql, the twin of workingDays.ts), and the medians and percentiles taken
// here from value-and-count pairs, with the same rules as figures.ts.
//
// figures.ts's computeFigures stays the definition: it is checked against hand-computed
// cases, and tests/reports/reportQueries.test.ts checks that these queries give exactly
// what it gives over the same cases.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { reviewKinds, routeNames, signOffKinds, type RouteName } from "../domain/reviews";
import {
  ageBands,
  holders,
  outcomes,
  type Figures,
  type Holder,
  type Outcome,
  type ReportFilters,
  type Turnaround,
  type UnitCount,
} from "./figures";
import { monthOf, monthsOf, quartersOf } from "./periods";
import { indexOfDate, sortedHolidays } from "./workingDays";

/** A number and how many cases have it. */
export interface Weighted {
  value: number;
  count: number;
}

/**
 * The values in order, each once with its cases summed: a few hundred at most however many rows
 * the database sent (the turnaround's rows repeat each number of days per route and quarter).
 */
function sortedWeights(values: readonly Weighted[]): Weighted[] {
  const counts = new Map<number, number>();
  for (const { value, count } of values) if (count > 0) counts.set(value, (counts.get(value) ?? 0) + count);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => a.value - b.value);
}

const casesIn = (sorted: readonly Weighted[]) => sorted.reduce((sum, entry) => sum + entry.count, 0);

/** The value at a 1-based rank of the sorted, weighted values. */
function atRank(sorted: readonly Weighted[], rank: number): number {
  let seen = 0;
  for (const entry of sorted) {
    seen += entry.count;
    if (seen >= rank) return entry.value;
  }
  return sorted.at(-1)?.value ?? 0;
}

function medianOfSorted(sorted: readonly Weighted[], n: number): number | null {
  if (n === 0) return null;
  const upper = atRank(sorted, Math.floor(n / 2) + 1);
  return n % 2 === 1 ? upper : (atRank(sorted, n / 2) + upper) / 2;
}

function percentileOfSorted(sorted: readonly Weighted[], n: number, p: number): number | null {
  return n === 0 ? null : atRank(sorted, Math.max(1, Math.ceil((p / 100) * n)));
}

/** figures.ts's median (the mean of the middle two for an even count), of weighted values. */
export function weightedMedian(values: readonly Weighted[]): number | null {
  const sorted = sortedWeights(values);
  return medianOfSorted(sorted, casesIn(sorted));
}

/** figures.ts's nearest-rank percentile, of weighted values. */
export function weightedPercentile(values: readonly Weighted[], p: number): number | null {
  const sorted = sortedWeights(values);
  return percentileOfSorted(sorted, casesIn(sorted), p);
}

/** Cases, median and 90th percentile, from one sorting of the values. */
function turnaround(values: readonly Weighted[]): Turnaround {
  const sorted = sortedWeights(values);
  const cases = casesIn(sorted);
  return { cases, median: medianOfSorted(sorted, cases), p90: percentileOfSorted(sorted, cases, 90) };
}

// Dates in the code, not from a person: safe to write into the statement, which keeps its plan steady.
const holidayArray = Prisma.raw(
  `'{${sortedHolidays.filter((date) => /^\d{4}-\d{2}-\d{2}$/.test(date)).join(",")}}'::date[]`,
);

/**
 * workingDays.ts's workingDayIndex in SQL, for a date: whole weeks since Sunday 1970-01-04
 * times five, plus the weekdays of the week so far, less the bank holidays on or before it
 * (width_bucket counts the sorted thresholds at or below the date).
 */
export function workingDayIndexSql(date: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`((${date} - DATE '1970-01-04') / 7 * 5 + least((${date} - DATE '1970-01-04') % 7, 5) - width_bucket(${date}, ${holidayArray}))`;
}

/**
 * A moment's UK calendar date, in the two statements alone: they run with the session's time
 * zone set to London (runReportStatement), and a cast under the session's zone costs next to
 * nothing, where `AT TIME ZONE 'Europe/London'` looks the zone up by its name for every value
 * (13% of the range statement's time over 100,000 cases).
 */
const ukDay = (column: Prisma.Sql) => Prisma.sql`(${column})::date`;
/** The first moment of a UK calendar date, and of the day after another. */
export const ukStart = (date: string) => Prisma.sql`((${date}::date)::timestamp AT TIME ZONE 'Europe/London')`;
export const ukEndExclusive = (date: string) =>
  Prisma.sql`((${date}::date + 1)::timestamp AT TIME ZONE 'Europe/London')`;
/**
 * The academic quarter of a date in the range, as periods.ts's quarterOf: its position among
 * the first days of the range's quarters (width_bucket, a search of a few dates), named once per
 * group afterwards, rather than worked out from each date (date_trunc of the date a month
 * earlier, about 5% of the range statement's time).
 */
function quarterSql(range: ReportFilters["range"]) {
  const quarters = quartersOf(range);
  const starts = quarters.map((quarter) => `${quarter}-01`);
  return {
    positionOf: (date: Prisma.Sql) => Prisma.sql`width_bucket(${date}, ${starts}::date[])`,
    nameOf: (position: Prisma.Sql) => Prisma.sql`(${quarters}::text[])[${position}]`,
  };
}

const signOffKindList = Prisma.join(Object.values(signOffKinds));
const reviewKindList = Prisma.join(Object.values(reviewKinds));

interface RangeRows {
  /** Per day (grouping by the date is cheaper than by its month's name, the months are summed here). */
  months: { day: string; kind: "submitted" | "decided" | "withdrawn"; cases: number }[] | null;
  outcomes: { outcome: string | null; cases: number }[] | null;
  turnaround: { routes: string[]; quarter: string; days: number; cases: number }[] | null;
  units: { dimension: "country" | "school" | "department"; code: string; submitted: number; decided: number }[] | null;
}

interface OpenRows {
  routes: { routes: string[]; cases: number }[] | null;
  ages: { age: number; cases: number }[] | null;
  waits: { holder: Holder; days: number; cases: number }[] | null;
  units: { dimension: "country" | "school" | "department"; code: string; cases: number }[] | null;
}

/**
 * The units' counts, from counts per partner country and per department (`GROUPING SETS
 * (("country"), ("department_id"))` over a statement's cases, as "by_unit"): the cases carry
 * their department's id alone, and the few department rows are named, and summed per school,
 * here, rather than every case joined to its department and school.
 */
function unitRows(counts: readonly string[]): Prisma.Sql {
  const summed = Prisma.raw(counts.map((name) => `sum(b."${name}")::int AS "${name}"`).join(", "));
  const kept = Prisma.raw(counts.map((name) => `b."${name}"`).join(", "));
  return Prisma.sql`
    SELECT 'country' AS "dimension", b."country" AS "code", ${kept} FROM by_unit b WHERE b."is_country"
    UNION ALL
    SELECT 'department', coalesce(d."code", ''), ${summed}
      FROM by_unit b LEFT JOIN "department" d ON d."id" = b."department_id" WHERE NOT b."is_country" GROUP BY 2
    UNION ALL
    SELECT 'school', coalesce(s."code", ''), ${summed}
      FROM by_unit b LEFT JOIN "department" d ON d."id" = b."department_id" LEFT JOIN "school" s ON s."id" = d."school_id"
     WHERE NOT b."is_country" GROUP BY 2`;
}

/** Whether a grouped row (of `GROUPING SETS`) is from the set that groups by this column. */
const groupedBy = (column: string) => Prisma.raw(`GROUPING("${column}") = 0`);

/**
 * The two statements (exported for EXPLAIN in the benchmark), to run with runReportStatement,
 * which sets the time zone their dates are cast in.
 *
 * Each reads its cases once and counts every figure in that one pass: `GROUPING SETS` keeps a
 * small hash table per figure, fed by the same rows. A row that does not count towards a
 * figure has NULL as that figure's key (the NULL group is then left out), so no filter needs a
 * pass of its own. The cases' columns are worked out in a subquery behind `OFFSET 0`, which
 * PostgreSQL does not merge into the query above it: each UK date is computed once per case,
 * not once per use, and nothing is written out to a temporary table (the statements used to
 * keep the cases in MATERIALIZED CTEs read by each figure in turn, about 80,000 rows spilled
 * to disk and read five times).
 * @param where the scope and filter conditions on p (proposal), d (department), s (school).
 */
export function reportStatements(
  where: Prisma.Sql[],
  filters: ReportFilters,
  today: string,
): { inRange: Prisma.Sql; open: Prisma.Sql } {
  const { range } = filters;
  const from = Prisma.sql`${range.from}::date`;
  const to = Prisma.sql`${range.to}::date`;
  const base = [...where, Prisma.sql`p."submitted_at" < ${ukEndExclusive(range.to)}`];
  // The joins serve the filters alone: PostgreSQL drops them when no condition names d or s.
  const fromCases = Prisma.sql`"proposal" p
        LEFT JOIN "department" d ON d."id" = p."department_id"
        LEFT JOIN "school" s ON s."id" = d."school_id"`;

  const decidedInRange = Prisma.sql`(k."status" = 'DECIDED' AND k."dec" BETWEEN ${from} AND ${to})`;
  const quarter = quarterSql(range);
  // Cases submitted, decided or withdrawn in the range: each one's UK dates once, then every
  // count grouped. A withdrawal's date is the case's withdrawn_at (its audit entry's moment),
  // which the reports' index holds: the scan never leaves that index.
  const inRange = Prisma.sql`
    WITH g AS MATERIALIZED (
      SELECT ${groupedBy("sub_in")} AS "is_sub", ${groupedBy("dec_in")} AS "is_dec", ${groupedBy("wd_in")} AS "is_wd",
             ${groupedBy("outcome")} AS "is_outcome", ${groupedBy("days")} AS "is_turnaround",
             ${groupedBy("country")} AS "is_country", ${groupedBy("department_id")} AS "is_department",
             "sub_in", "dec_in", "wd_in", "decided", "outcome", "routes", "q", "days", "country", "department_id",
             count(*)::int AS "cases",
             count(*) FILTER (WHERE "sub_in" IS NOT NULL)::int AS "submitted",
             -- A unit's decisions count by the date alone, as figures.ts's units do.
             count(*) FILTER (WHERE "decided_on_a_day_in_range")::int AS "decided_cases"
        FROM (
          SELECT k."routes", k."outcome", k."country", k."department_id", ${decidedInRange} AS "decided",
                 k."dec" BETWEEN ${from} AND ${to} AS "decided_on_a_day_in_range",
                 CASE WHEN k."sub" BETWEEN ${from} AND ${to} THEN k."sub" END AS "sub_in",
                 CASE WHEN ${decidedInRange} THEN k."dec" END AS "dec_in",
                 CASE WHEN k."status" = 'WITHDRAWN' AND k."wd" BETWEEN ${from} AND ${to} THEN k."wd" END AS "wd_in",
                 CASE WHEN ${decidedInRange} THEN ${quarter.positionOf(Prisma.sql`k."dec"`)} END AS "q",
                 CASE WHEN ${decidedInRange} THEN ${workingDayIndexSql(Prisma.sql`k."dec"`)} - ${workingDayIndexSql(Prisma.sql`k."sub"`)} END AS "days"
            FROM (
              SELECT p."status"::text AS "status", p."routes", p."outcome",
                     coalesce(p."partner_country", '') AS "country", p."department_id",
                     ${ukDay(Prisma.sql`p."submitted_at"`)} AS "sub", ${ukDay(Prisma.sql`p."decided_at"`)} AS "dec",
                     CASE WHEN p."status" = 'WITHDRAWN' THEN ${ukDay(Prisma.sql`p."withdrawn_at"`)} END AS "wd"
                FROM ${fromCases}
               WHERE ${Prisma.join(base, " AND ")}
                 AND (p."submitted_at" >= ${ukStart(range.from)} OR p."decided_at" >= ${ukStart(range.from)}
                      OR p."withdrawn_at" >= ${ukStart(range.from)})
              OFFSET 0) k
          OFFSET 0) c
       GROUP BY GROUPING SETS (("sub_in"), ("dec_in"), ("wd_in"), ("decided", "outcome"),
                               ("decided", "routes", "q", "days"), ("country"), ("department_id"))
    ), by_unit AS (
      SELECT "is_country", "country", "department_id", "submitted", "decided_cases" AS "decided"
        FROM g WHERE "is_country" OR "is_department"
    )
    SELECT
      (SELECT json_agg(m) FROM (
         SELECT "sub_in" AS "day", 'submitted' AS "kind", "cases" FROM g WHERE "is_sub" AND "sub_in" IS NOT NULL
         UNION ALL SELECT "dec_in", 'decided', "cases" FROM g WHERE "is_dec" AND "dec_in" IS NOT NULL
         UNION ALL SELECT "wd_in", 'withdrawn', "cases" FROM g WHERE "is_wd" AND "wd_in" IS NOT NULL) m) AS "months",
      (SELECT json_agg(o) FROM (
         SELECT "outcome", "cases" FROM g WHERE "is_outcome" AND "decided") o) AS "outcomes",
      (SELECT json_agg(t) FROM (
         SELECT "routes", ${quarter.nameOf(Prisma.sql`"q"`)} AS "quarter", "days", "cases"
           FROM g WHERE "is_turnaround" AND "decided") t) AS "turnaround",
      (SELECT json_agg(u) FROM (${unitRows(["submitted", "decided"])}) u) AS "units"`;

  // Cases open now (whatever the range): their routes, age, and whom they wait on since when.
  const todayIndex = indexOfDate(today);
  const daysSince = (date: Prisma.Sql) => Prisma.sql`greatest(0, ${todayIndex} - ${workingDayIndexSql(date)})`;
  const open = Prisma.sql`
    WITH g AS MATERIALIZED (
      SELECT ${groupedBy("routes")} AS "is_routes", ${groupedBy("age")} AS "is_age",
             ${groupedBy("head")} AS "is_head", ${groupedBy("reviewer")} AS "is_reviewer",
             ${groupedBy("officer")} AS "is_officer", ${groupedBy("proposer")} AS "is_proposer",
             ${groupedBy("country")} AS "is_country", ${groupedBy("department_id")} AS "is_department",
             "routes", "age", "head", "reviewer", "officer", "proposer", "country", "department_id",
             count(*)::int AS "cases"
        FROM (
          SELECT o."routes", o."country", o."department_id",
                 ${todayIndex} - ${workingDayIndexSql(Prisma.sql`o."sub"`)} AS "age",
                 -- Whom the case waits on, each as days waited (NULL: not on them).
                 CASE WHEN o."status" = 'IN_REVIEW' AND o."head" IS NOT NULL THEN ${daysSince(Prisma.sql`o."head"`)} END AS "head",
                 CASE WHEN o."status" = 'IN_REVIEW' AND o."reviewer" IS NOT NULL THEN ${daysSince(Prisma.sql`o."reviewer"`)} END AS "reviewer",
                 CASE WHEN o."status" = 'IN_REVIEW' AND o."head" IS NULL AND o."reviewer" IS NULL
                      THEN ${daysSince(Prisma.sql`coalesce(o."moved", o."sub")`)} END AS "officer",
                 CASE WHEN o."status" = 'INFORMATION_REQUESTED' THEN ${daysSince(Prisma.sql`coalesce(o."returned", o."sub")`)} END AS "proposer"
            FROM (
              SELECT p."status"::text AS "status", p."routes",
                     coalesce(p."partner_country", '') AS "country", p."department_id",
                     ${ukDay(Prisma.sql`p."submitted_at"`)} AS "sub",
                     tasks."head", tasks."reviewer", ${ukDay(Prisma.sql`requests."latest"`)} AS "returned",
                     -- With nothing left open, the officer's wait runs from the case's last move.
                     CASE WHEN p."status" = 'IN_REVIEW' AND tasks."any" IS NULL THEN ${ukDay(Prisma.sql`greatest(
                       (SELECT max(ps."submitted_at") FROM "proposal_submission" ps WHERE ps."proposal_id" = p."id"),
                       (SELECT max(t."completed_at") FROM "case_task" t WHERE t."proposal_id" = p."id"))`)} END AS "moved"
                FROM ${fromCases}
                -- Every open task grouped by case in one pass (over case_task_open_idx alone), then
                -- joined, rather than looked up case by case. Only a case in review waits on a task.
                LEFT JOIN (
                  SELECT t."proposal_id",
                         ${ukDay(Prisma.sql`min(t."created_at") FILTER (WHERE t."kind" IN (${signOffKindList}))`)} AS "head",
                         ${ukDay(Prisma.sql`min(t."created_at") FILTER (WHERE t."kind" IN (${reviewKindList}))`)} AS "reviewer",
                         min(t."created_at") AS "any"
                    FROM "case_task" t
                   WHERE t."state" = 'open'
                   GROUP BY t."proposal_id") tasks ON tasks."proposal_id" = p."id" AND p."status" = 'IN_REVIEW'
                -- The same for the requests not yet answered: a case back with the proposer waits from the latest.
                LEFT JOIN (
                  SELECT r."proposal_id", max(r."requested_at") AS "latest"
                    FROM "information_request" r
                   WHERE r."answered_at" IS NULL
                   GROUP BY r."proposal_id") requests
                  ON requests."proposal_id" = p."id" AND p."status" = 'INFORMATION_REQUESTED'
               WHERE ${Prisma.join(base, " AND ")} AND p."status" IN ('IN_REVIEW', 'INFORMATION_REQUESTED')
              OFFSET 0) o
          OFFSET 0) c
       GROUP BY GROUPING SETS (("routes"), ("age"), ("head"), ("reviewer"), ("officer"), ("proposer"),
                               ("country"), ("department_id"))
    ), by_unit AS (
      SELECT "is_country", "country", "department_id", "cases"
        FROM g WHERE "is_country" OR "is_department"
    )
    SELECT
      (SELECT json_agg(r) FROM (SELECT "routes", "cases" FROM g WHERE "is_routes") r) AS "routes",
      (SELECT json_agg(a) FROM (SELECT "age", "cases" FROM g WHERE "is_age") a) AS "ages",
      (SELECT json_agg(w) FROM (
         SELECT 'head' AS "holder", "head" AS "days", "cases" FROM g WHERE "is_head" AND "head" IS NOT NULL
         UNION ALL SELECT 'reviewer', "reviewer", "cases" FROM g WHERE "is_reviewer" AND "reviewer" IS NOT NULL
         UNION ALL SELECT 'officer', "officer", "cases" FROM g WHERE "is_officer" AND "officer" IS NOT NULL
         UNION ALL SELECT 'proposer', "proposer", "cases" FROM g WHERE "is_proposer" AND "proposer" IS NOT NULL) w) AS "waits",
      (SELECT json_agg(u) FROM (${unitRows(["cases"])}) u) AS "units"`;

  return { inRange, open };
}

/**
 * One of reportStatements' statements, in a transaction of its own with the settings it
 * needs, which hold for that transaction alone (set_config's third argument):
 * - the time zone London, which its dates are cast in (ukDay);
 * - no JIT: the planner's cost guesses for these statements are high enough to compile them,
 *   which took 2.8 s of a 4.6 s run over 100,000 cases (EXPLAIN ANALYZE); they run in well
 *   under a second without;
 * - a plan for these dates, never a prepared statement's generic one (src/db/statementNames.ts):
 *   how many cases a range holds decides the plan.
 */
export async function runReportStatement<Row>(prisma: PrismaClient, statement: Prisma.Sql): Promise<Row | undefined> {
  const [, rows] = await prisma.$transaction([
    prisma.$queryRaw`SELECT set_config('TimeZone', 'Europe/London', true), set_config('jit', 'off', true),
                            set_config('plan_cache_mode', 'force_custom_plan', true)`,
    prisma.$queryRaw<Row[]>(statement),
  ]);
  return rows[0];
}

/** Every figure of the dashboard, counted by the database. */
export async function figuresFromDatabase(
  prisma: PrismaClient,
  where: Prisma.Sql[],
  filters: ReportFilters,
  today: string,
): Promise<Figures> {
  const statements = reportStatements(where, filters, today);
  // Both at once: on PostgreSQL each runs on its own connection.
  const [ranged, current] = await Promise.all([
    runReportStatement<RangeRows>(prisma, statements.inRange),
    runReportStatement<OpenRows>(prisma, statements.open),
  ]);
  return assemble(ranged ?? emptyRange, current ?? emptyOpen, filters, today);
}

const emptyRange: RangeRows = { months: null, outcomes: null, turnaround: null, units: null };
const emptyOpen: OpenRows = { routes: null, ages: null, waits: null, units: null };

function assemble(ranged: RangeRows, current: OpenRows, filters: ReportFilters, today: string): Figures {
  const { range } = filters;
  const months = monthsOf(range).map((month) => ({ month, submitted: 0, decided: 0, withdrawn: 0 }));
  const monthIndex = new Map(months.map((entry, index) => [entry.month, index]));
  for (const row of ranged.months ?? []) {
    const entry = months[monthIndex.get(monthOf(row.day)) ?? -1];
    if (entry) entry[row.kind] += row.cases;
  }

  const openRoutes = current.routes ?? [];
  const routeKeys = [...routeNames, "none"] as const;
  const hasRoute = (routes: readonly string[], route: RouteName | "none") =>
    route === "none" ? !routeNames.some((name) => routes.includes(name)) : routes.includes(route);
  const openCount = openRoutes.reduce((sum, row) => sum + row.cases, 0);

  const ages = current.ages ?? [];
  const decided = ranged.turnaround ?? [];
  const daysWhere = (keep: (row: (typeof decided)[number]) => boolean): Weighted[] =>
    decided.filter(keep).map((row) => ({ value: row.days, count: row.cases }));

  const outcomeCounts = new Map<Outcome, number>(outcomes.map((outcome) => [outcome, 0]));
  for (const row of ranged.outcomes ?? []) {
    const outcome = row.outcome as Outcome;
    if (outcome !== "withdrawn" && outcomeCounts.has(outcome)) outcomeCounts.set(outcome, row.cases);
  }
  outcomeCounts.set(
    "withdrawn",
    months.reduce((sum, month) => sum + month.withdrawn, 0),
  );

  const units = (dimension: "country" | "school" | "department"): UnitCount[] => {
    const openByCode = new Map(
      (current.units ?? []).filter((row) => row.dimension === dimension).map((row) => [row.code, row.cases]),
    );
    return (ranged.units ?? [])
      .filter((row) => row.dimension === dimension && row.submitted > 0)
      .map((row) => ({
        code: row.code,
        submitted: row.submitted,
        decided: row.decided,
        open: openByCode.get(row.code) ?? 0,
      }))
      .sort((a, b) => b.submitted - a.submitted || a.code.localeCompare(b.code));
  };

  const waits = current.waits ?? [];
  return {
    range,
    today,
    months,
    open: openCount,
    openByRoute: routeKeys.map((route) => ({
      route,
      cases: openRoutes.filter((row) => hasRoute(row.routes, route)).reduce((sum, row) => sum + row.cases, 0),
    })),
    openByAge: ageBands.map((band, index) => ({
      band: band.key,
      cases: ages
        .filter((row) => row.age <= band.max && row.age > (ageBands[index - 1]?.max ?? -Infinity))
        .reduce((sum, row) => sum + row.cases, 0),
    })),
    turnaroundByRoute: [
      ...routeKeys.map((route) => ({ route, ...turnaround(daysWhere((row) => hasRoute(row.routes, route))) })),
      { route: "all" as const, ...turnaround(daysWhere(() => true)) },
    ],
    turnaroundByQuarter: quartersOf(range).map((quarter) => ({
      quarter,
      ...turnaround(daysWhere((row) => row.quarter === quarter)),
    })),
    waiting: holders.map((holder) => {
      const mine = waits.filter((row) => row.holder === holder).map((row) => ({ value: row.days, count: row.cases }));
      const cases = mine.reduce((sum, entry) => sum + entry.count, 0);
      return {
        holder,
        cases,
        median: weightedMedian(mine),
        longest: cases ? Math.max(...mine.map((entry) => entry.value)) : null,
      };
    }),
    outcomes: outcomes.map((outcome) => ({ outcome, cases: outcomeCounts.get(outcome) ?? 0 })),
    byCountry: units("country"),
    bySchool: units("school"),
    byDepartment: units("department"),
  };
}
