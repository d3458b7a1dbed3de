// The reports' data, scoped to what the person may see and filtered: the figures counted by
// the database (reportQueries.ts), and the annual return. Figures are cached briefly per
// scope and filters: a committee paper does not need the last second, and a dashboard
// reloaded by several people costs one count. cases() reads the same cases one by one for
// figures.ts's computeFigures, the definition the database's counts are tested against.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { hasAnyRole, headedDepartmentIds, headedSchoolIds, type CurrentUser, type Role } from "../domain/roles";
import { openStates } from "../domain/caseStates";
import { workingDaysTaken, type Figures, type ReportCase, type ReportFilters } from "./figures";
import { ukToday } from "./periods";
import { figuresFromDatabase, ukEndExclusive, ukStart } from "./reportQueries";

/** Roles that see every case in the reports; heads see their own unit's only. */
export const reportsForEveryUnit = ["SPO_OFFICER", "SPO_LEAD", "ADMIN"] as const satisfies readonly Role[];
export const reportReaders = [
  ...reportsForEveryUnit,
  "HEAD_OF_DEPARTMENT",
  "HEAD_OF_SCHOOL",
] as const satisfies readonly Role[];
/** The exports (each chart's CSV, the annual return). */
export const reportExporters = reportsForEveryUnit;

/** Which cases a person's reports count: all, or those of the departments and schools they head. */
export type ReportScope = { all: true } | { all: false; departmentIds: string[]; schoolIds: string[] };

export function reportScopeOf(user: CurrentUser): ReportScope {
  if (hasAnyRole(user, reportsForEveryUnit)) return { all: true };
  return { all: false, departmentIds: headedDepartmentIds(user), schoolIds: headedSchoolIds(user) };
}

export interface AnnualReturnRow {
  reference: string;
  title: string;
  departmentCode: string | null;
  departmentName: string | null;
  schoolName: string | null;
  partnerName: string | null;
  partnerCountry: string | null;
  engagementType: string | null;
  valueGbp: number | null;
  routes: string[];
  outcome: string;
  submittedOn: string;
  decidedOn: string;
  workingDays: number;
}

const ukDate = (column: Prisma.Sql) => Prisma.sql`to_char(${column} AT TIME ZONE 'Europe/London', 'YYYY-MM-DD')`;

/** The scope's and the filters' conditions on p (proposal), d (department), s (school); exported for the benchmark. */
export function reportConditions(scope: ReportScope, filters: ReportFilters): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`p."submitted_at" IS NOT NULL`];
  if (!scope.all) {
    // No unit at all (a head whose grant names none) sees nothing, never everything.
    const departments = scope.departmentIds.length ? scope.departmentIds : ["00000000-0000-0000-0000-000000000000"];
    const schools = scope.schoolIds.length ? scope.schoolIds : ["00000000-0000-0000-0000-000000000000"];
    where.push(
      Prisma.sql`(p."department_id" = ANY(${departments}::uuid[]) OR d."school_id" = ANY(${schools}::uuid[]))`,
    );
  }
  if (filters.department) where.push(Prisma.sql`d."code" = ${filters.department}`);
  if (filters.school) where.push(Prisma.sql`s."code" = ${filters.school}`);
  if (filters.route) where.push(Prisma.sql`${filters.route} = ANY(p."routes")`);
  if (filters.country) where.push(Prisma.sql`p."partner_country" = ${filters.country}`);
  return where;
}

interface CaseRow {
  id: string;
  status: string;
  routes: string[];
  outcome: string | null;
  partnerCountry: string | null;
  departmentCode: string | null;
  schoolCode: string | null;
  submittedOn: string;
  decidedOn: string | null;
  withdrawnOn: string | null;
  openTasks: { kind: string; openedOn: string }[] | null;
  returnedOn: string | null;
  lastMovedOn: string | null;
}

export function reportService(prisma: PrismaClient, options: { cacheMs?: number } = {}) {
  const cacheMs = options.cacheMs ?? 15_000;
  const cache = new Map<string, { at: number; value: Promise<Figures> }>();

  async function casesFor(scope: ReportScope, filters: ReportFilters): Promise<ReportCase[]> {
    const open = Prisma.join(openStates);
    const where = [
      ...reportConditions(scope, filters),
      Prisma.sql`p."submitted_at" < ${ukEndExclusive(filters.range.to)}`,
      // Open cases count whatever the range; closed ones only if something happened in it.
      Prisma.sql`(p."status"::text IN (${open}) OR p."submitted_at" >= ${ukStart(filters.range.from)}
         OR p."decided_at" >= ${ukStart(filters.range.from)} OR p."status" = 'WITHDRAWN')`,
    ];
    const rows = await prisma.$queryRaw<CaseRow[]>`
      SELECT p."id", p."status"::text AS "status", p."routes", p."outcome",
             p."partner_country" AS "partnerCountry", d."code" AS "departmentCode", s."code" AS "schoolCode",
             ${ukDate(Prisma.sql`p."submitted_at"`)} AS "submittedOn",
             ${ukDate(Prisma.sql`p."decided_at"`)} AS "decidedOn",
             ${ukDate(Prisma.sql`w."at"`)} AS "withdrawnOn",
             open_tasks."list" AS "openTasks",
             ${ukDate(Prisma.sql`returned."at"`)} AS "returnedOn",
             -- Only a case in review with nothing left open waits on the officer, from its last move;
             -- in a CASE, the subqueries run for those cases alone.
             ${ukDate(Prisma.sql`CASE WHEN p."status" = 'IN_REVIEW' AND open_tasks."list" IS NULL THEN greatest(
                   (SELECT max(ps."submitted_at") FROM "proposal_submission" ps WHERE ps."proposal_id" = p."id"),
                   (SELECT max(t."completed_at") FROM "case_task" t WHERE t."proposal_id" = p."id")) END`)} AS "lastMovedOn"
        FROM "proposal" p
        LEFT JOIN "department" d ON d."id" = p."department_id"
        LEFT JOIN "school" s ON s."id" = d."school_id"
        -- The withdrawal's date from its audit entry, not the case's withdrawn_at (what the figures
        -- count): the tests comparing the two ways then check that column against the log too.
        LEFT JOIN LATERAL (
          SELECT a."at" FROM "audit_entry" a
           WHERE p."status" = 'WITHDRAWN' AND a."entity_type" = 'proposal' AND a."entity_id" = p."id"::text
             AND a."action" = 'case.withdrawn'
           ORDER BY a."at" DESC LIMIT 1) w ON true
        LEFT JOIN LATERAL (
          SELECT json_agg(json_build_object('kind', t."kind", 'openedOn', ${ukDate(Prisma.sql`t."created_at"`)})) AS "list"
            FROM "case_task" t
           WHERE p."status" = 'IN_REVIEW' AND t."proposal_id" = p."id" AND t."state" = 'open') open_tasks ON true
        LEFT JOIN LATERAL (
          SELECT max(r."requested_at") AS "at" FROM "information_request" r
           WHERE p."status" = 'INFORMATION_REQUESTED' AND r."proposal_id" = p."id" AND r."answered_at" IS NULL) returned ON true
       WHERE ${Prisma.join(where, " AND ")}`;
    return rows.map((row) => ({
      ...row,
      openTasks: row.openTasks ?? [],
      lastMovedOn: row.lastMovedOn ?? row.submittedOn,
    }));
  }

  return {
    /** Every figure of the dashboard, for this person's scope and these filters. */
    figures(user: CurrentUser, filters: ReportFilters, today: string = ukToday()): Promise<Figures> {
      const scope = reportScopeOf(user);
      const key = JSON.stringify([scope, filters, today]);
      const cached = cache.get(key);
      if (cached && Date.now() - cached.at < cacheMs) return cached.value;
      const value = figuresFromDatabase(prisma, reportConditions(scope, filters), filters, today);
      value.catch(() => cache.delete(key));
      if (cache.size > 200) cache.clear();
      cache.set(key, { at: Date.now(), value });
      return value;
    },

    /** The cases the figures count, one by one, for computeFigures (tests compare the two). */
    cases(user: CurrentUser, filters: ReportFilters): Promise<ReportCase[]> {
      return casesFor(reportScopeOf(user), filters);
    },

    /** The departments and schools this person's reports may be filtered by: all, or the ones they head. */
    async units(user: CurrentUser) {
      const scope = reportScopeOf(user);
      const rows = await prisma.department.findMany({
        select: { id: true, code: true, name: true, school: { select: { id: true, code: true, name: true } } },
        orderBy: { name: "asc" },
      });
      const visible = scope.all
        ? rows
        : rows.filter((row) => scope.departmentIds.includes(row.id) || scope.schoolIds.includes(row.school.id));
      const schools = new Map(
        visible.map((row) => [row.school.code, { code: row.school.code, name: row.school.name }]),
      );
      return {
        departments: visible.map((row) => ({ code: row.code, name: row.name, schoolCode: row.school.code })),
        schools: [...schools.values()].sort((a, b) => a.name.localeCompare(b.name, "en")),
      };
    },

    /** Forgets cached figures (after seeding, in benchmarks). */
    clearCache(): void {
      cache.clear();
    },

    /** One row per case decided within the range, in order of decision. */
    async annualReturn(user: CurrentUser, filters: ReportFilters): Promise<AnnualReturnRow[]> {
      const where = [
        ...reportConditions(reportScopeOf(user), filters),
        Prisma.sql`p."status" = 'DECIDED'`,
        Prisma.sql`p."decided_at" >= ${ukStart(filters.range.from)}`,
        Prisma.sql`p."decided_at" < ${ukEndExclusive(filters.range.to)}`,
      ];
      const rows = await prisma.$queryRaw<
        (Omit<AnnualReturnRow, "workingDays" | "valueGbp"> & { valueGbp: unknown })[]
      >`
        SELECT p."reference", p."title", d."code" AS "departmentCode", d."name" AS "departmentName",
               s."name" AS "schoolName", p."partner_name" AS "partnerName", p."partner_country" AS "partnerCountry",
               latest."answers"->>'engagementType' AS "engagementType", latest."answers"->'valueGbp' AS "valueGbp",
               p."routes", p."outcome",
               ${ukDate(Prisma.sql`p."submitted_at"`)} AS "submittedOn", ${ukDate(Prisma.sql`p."decided_at"`)} AS "decidedOn"
          FROM "proposal" p
          LEFT JOIN "department" d ON d."id" = p."department_id"
          LEFT JOIN "school" s ON s."id" = d."school_id"
          LEFT JOIN LATERAL (
            SELECT ps."answers" FROM "proposal_submission" ps WHERE ps."proposal_id" = p."id"
             ORDER BY ps."number" DESC LIMIT 1) latest ON true
         WHERE ${Prisma.join(where, " AND ")}
         ORDER BY p."decided_at", p."reference"`;
      return rows.map((row) => ({
        ...row,
        valueGbp: typeof row.valueGbp === "number" ? row.valueGbp : null,
        workingDays: workingDaysTaken(row) ?? 0,
      }));
    },
  };
}

export type ReportService = ReturnType<typeof reportService>;
