// The reports' figures, computed from the cases alone: pure, so each number can be checked
// against a hand-computed fixture (tests/reports/figures.test.ts). The service reads the
// cases (already scoped to what the person may see) and the page draws these numbers.
import { routeNames, signOffKinds, reviewKinds, type RouteName } from "../domain/reviews";
import { inRange, monthOf, monthsOf, quarterOf, quartersOf, type DateRange } from "./periods";
import { workingDaysBetween } from "./workingDays";

/** Who an open case is waiting on. */
export const holders = ["officer", "reviewer", "head", "proposer"] as const;
export type Holder = (typeof holders)[number];

export const outcomes = ["approved", "approved_with_conditions", "declined", "withdrawn"] as const;
export type Outcome = (typeof outcomes)[number];

/** Age bands of open cases, in working days since submission (upper bound inclusive). */
export const ageBands = [
  { key: "0-5", label: "0 to 5 working days", max: 5 },
  { key: "6-10", label: "6 to 10 working days", max: 10 },
  { key: "11-20", label: "11 to 20 working days", max: 20 },
  { key: "21-40", label: "21 to 40 working days", max: 40 },
  { key: "41+", label: "More than 40 working days", max: Infinity },
] as const;
export type AgeBand = (typeof ageBands)[number]["key"];

/** A submitted case, as the reports need it. Dates are UK calendar dates (YYYY-MM-DD). */
export interface ReportCase {
  id: string;
  status: "IN_REVIEW" | "INFORMATION_REQUESTED" | "DECIDED" | "WITHDRAWN" | (string & {});
  /** The first submission. */
  submittedOn: string;
  decidedOn: string | null;
  withdrawnOn: string | null;
  /** approved, approved_with_conditions or declined, once decided. */
  outcome: string | null;
  routes: readonly string[];
  departmentCode: string | null;
  schoolCode: string | null;
  partnerCountry: string | null;
  /** Sign-offs and reviews not yet done, and when each was opened. */
  openTasks: readonly { kind: string; openedOn: string }[];
  /** While the case is back with the proposer: when it was returned (the latest request). */
  returnedOn: string | null;
  /** The last time the case moved (a submission or a task completed): an officer's wait starts there. */
  lastMovedOn: string;
}

export interface ReportFilters {
  range: DateRange;
  school?: string | undefined;
  department?: string | undefined;
  route?: RouteName | undefined;
  country?: string | undefined;
}

export interface Turnaround {
  cases: number;
  /** Working days; null when nothing was decided. */
  median: number | null;
  p90: number | null;
}

export interface WaitFigures {
  holder: Holder;
  cases: number;
  /** Working days waited so far. */
  median: number | null;
  longest: number | null;
}

export interface UnitCount {
  code: string;
  submitted: number;
  decided: number;
  open: number;
}

export interface Figures {
  range: DateRange;
  today: string;
  months: { month: string; submitted: number; decided: number; withdrawn: number }[];
  open: number;
  /** A case with two review routes counts under each; "none" is a case with no review route. */
  openByRoute: { route: RouteName | "none"; cases: number }[];
  openByAge: { band: AgeBand; cases: number }[];
  turnaroundByRoute: ({ route: RouteName | "none" | "all" } & Turnaround)[];
  turnaroundByQuarter: ({ quarter: string } & Turnaround)[];
  /** A case waiting on a head and a reviewer at once counts under both. */
  waiting: WaitFigures[];
  outcomes: { outcome: Outcome; cases: number }[];
  /** Cases submitted in the range, most first (then by code). */
  byCountry: UnitCount[];
  bySchool: UnitCount[];
  byDepartment: UnitCount[];
}

/** The middle value (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? upper) + upper) / 2;
}

/** The nearest-rank percentile: the smallest value with at least p% of values at or below it. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}

function turnaround(days: readonly number[]): Turnaround {
  return { cases: days.length, median: median(days), p90: percentile(days, 90) };
}

export function isOpenCase(c: ReportCase): boolean {
  return c.status === "IN_REVIEW" || c.status === "INFORMATION_REQUESTED";
}

export function matchesFilters(c: ReportCase, filters: Omit<ReportFilters, "range">): boolean {
  return (
    (!filters.school || c.schoolCode === filters.school) &&
    (!filters.department || c.departmentCode === filters.department) &&
    (!filters.route || c.routes.includes(filters.route)) &&
    (!filters.country || c.partnerCountry === filters.country)
  );
}

const signOffKindList: readonly string[] = Object.values(signOffKinds);
const reviewKindList: readonly string[] = Object.values(reviewKinds);

/** Who an open case waits on now, and since when: several parties at once while tasks run side by side. */
export function waitsOf(c: ReportCase): { holder: Holder; since: string }[] {
  if (c.status === "INFORMATION_REQUESTED") return [{ holder: "proposer", since: c.returnedOn ?? c.lastMovedOn }];
  if (c.status !== "IN_REVIEW") return [];
  const earliest = (kinds: readonly string[]) =>
    c.openTasks
      .filter((task) => kinds.includes(task.kind))
      .map((task) => task.openedOn)
      .sort()[0];
  const waits: { holder: Holder; since: string }[] = [];
  const head = earliest(signOffKindList);
  if (head) waits.push({ holder: "head", since: head });
  const reviewer = earliest(reviewKindList);
  if (reviewer) waits.push({ holder: "reviewer", since: reviewer });
  // Nothing left with anyone else: the officer's decision is what it waits for.
  if (waits.length === 0) waits.push({ holder: "officer", since: c.lastMovedOn });
  return waits;
}

/** Working days from first submission to decision. */
export function workingDaysTaken(c: Pick<ReportCase, "submittedOn" | "decidedOn">): number | null {
  return c.decidedOn ? workingDaysBetween(c.submittedOn, c.decidedOn) : null;
}

function countBy<K extends string>(keys: readonly K[], pick: (key: K) => number) {
  return keys.map((key) => [key, pick(key)] as const);
}

function unitCounts(
  cases: readonly ReportCase[],
  range: DateRange,
  unitOf: (c: ReportCase) => string | null,
): UnitCount[] {
  const units = new Map<string, UnitCount>();
  const unit = (code: string) => {
    let found = units.get(code);
    if (!found) units.set(code, (found = { code, submitted: 0, decided: 0, open: 0 }));
    return found;
  };
  for (const c of cases) {
    const code = unitOf(c) ?? "";
    if (inRange(c.submittedOn, range)) unit(code).submitted++;
    if (inRange(c.decidedOn, range)) unit(code).decided++;
    if (isOpenCase(c)) unit(code).open++;
  }
  return [...units.values()]
    .filter((count) => count.submitted > 0)
    .sort((a, b) => b.submitted - a.submitted || a.code.localeCompare(b.code));
}

/**
 * Every figure of the dashboard. What counts where:
 * - submitted, decided, withdrawn per month: by the date of that event, within the range;
 * - open cases (by review route, age band, who holds them): as they are today, whatever the range;
 * - working days to decision: cases decided within the range, from first submission to
 *   decision (time back with the proposer included), by the quarter they were decided in;
 * - outcomes: cases decided or withdrawn within the range;
 * - by country, school and department: cases submitted within the range.
 */
export function computeFigures(all: readonly ReportCase[], filters: ReportFilters, today: string): Figures {
  const { range } = filters;
  const cases = all.filter((c) => matchesFilters(c, filters));
  const months = monthsOf(range).map((month) => ({ month, submitted: 0, decided: 0, withdrawn: 0 }));
  const monthIndex = new Map(months.map((entry, index) => [entry.month, index]));
  const bump = (date: string | null, field: "submitted" | "decided" | "withdrawn") => {
    if (!inRange(date, range)) return;
    const entry = months[monthIndex.get(monthOf(date)) ?? -1];
    if (entry) entry[field]++;
  };

  const open = cases.filter(isOpenCase);
  const decided = cases.filter((c) => c.status === "DECIDED" && inRange(c.decidedOn, range));
  const days = new Map(decided.map((c) => [c, workingDaysTaken(c) ?? 0]));
  const daysOf = (list: readonly ReportCase[]) => list.map((c) => days.get(c) ?? 0);

  for (const c of cases) {
    bump(c.submittedOn, "submitted");
    if (c.status === "DECIDED") bump(c.decidedOn, "decided");
    if (c.status === "WITHDRAWN") bump(c.withdrawnOn, "withdrawn");
  }

  const routeKeys = [...routeNames, "none"] as const;
  const hasRoute = (c: ReportCase, route: RouteName | "none") =>
    route === "none" ? !routeNames.some((name) => c.routes.includes(name)) : c.routes.includes(route);

  const ages = open.map((c) => workingDaysBetween(c.submittedOn, today));
  const waits = open.flatMap((c) =>
    waitsOf(c).map((wait) => ({ ...wait, days: Math.max(0, workingDaysBetween(wait.since, today)) })),
  );

  const outcomeCounts = new Map<Outcome, number>(outcomes.map((outcome) => [outcome, 0]));
  for (const c of decided) {
    const outcome = c.outcome as Outcome;
    if (outcomeCounts.has(outcome)) outcomeCounts.set(outcome, (outcomeCounts.get(outcome) ?? 0) + 1);
  }
  outcomeCounts.set("withdrawn", cases.filter((c) => c.status === "WITHDRAWN" && inRange(c.withdrawnOn, range)).length);

  return {
    range,
    today,
    months,
    open: open.length,
    openByRoute: countBy(routeKeys, (route) => open.filter((c) => hasRoute(c, route)).length).map(([route, count]) => ({
      route,
      cases: count,
    })),
    openByAge: ageBands.map((band, index) => ({
      band: band.key,
      cases: ages.filter((age) => age <= band.max && age > (ageBands[index - 1]?.max ?? -Infinity)).length,
    })),
    turnaroundByRoute: [
      ...routeKeys.map((route) => ({ route, ...turnaround(daysOf(decided.filter((c) => hasRoute(c, route)))) })),
      { route: "all" as const, ...turnaround(daysOf(decided)) },
    ],
    turnaroundByQuarter: quartersOf(range).map((quarter) => ({
      quarter,
      ...turnaround(daysOf(decided.filter((c) => c.decidedOn !== null && quarterOf(c.decidedOn) === quarter))),
    })),
    waiting: holders.map((holder) => {
      const mine = waits.filter((wait) => wait.holder === holder).map((wait) => wait.days);
      return {
        holder,
        cases: mine.length,
        median: median(mine),
        longest: mine.length ? mine.reduce((a, b) => Math.max(a, b)) : null,
      };
    }),
    outcomes: outcomes.map((outcome) => ({ outcome, cases: outcomeCounts.get(outcome) ?? 0 })),
    byCountry: unitCounts(cases, range, (c) => c.partnerCountry),
    bySchool: unitCounts(cases, range, (c) => c.schoolCode),
    byDepartment: unitCounts(cases, range, (c) => c.departmentCode),
  };
}
