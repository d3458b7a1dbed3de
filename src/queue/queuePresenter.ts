// The queue page's view model: what the handler passes to queue/index, built from a page
// of rows and the lists the filters offer. The benchmarks (scripts/bench-pages.ts) build
// the same model so that their baselines render exactly what the app renders.
import { countryList, countryName } from "../domain/countries";
import { routeLabel, routeLabels, routeNames } from "../domain/reviews";
import { isOpen, stateTag } from "../domain/caseStates";
import { riskLabel, riskLabels, riskLevels } from "../domain/risk";
import {
  filterQuery,
  nextOrder,
  queueSortLabels,
  statusFilterLabels,
  type QueueFilters,
  type QueueSortKey,
} from "./queueFilters";
import type { QueueRowWaiting } from "./queueService";
import { nextDue, type DueSettings, type DueState, type NextDue } from "../notifications/dueDates";
import { viewHelpers } from "../views/helpers";

const dayMs = 86_400_000;

export function ageInDays(row: { submittedAt: Date | null }, now: number): number {
  return row.submittedAt ? Math.floor((now - row.submittedAt.getTime()) / dayMs) : 0;
}

/** How a due date stands, in words: as a tag beside the date on the page, and in the CSV. */
export const dueStateLabels: Record<DueState, string> = { overdue: "Overdue", today: "Due today", upcoming: "" };
const dueStateTagClasses: Record<DueState, string> = {
  overdue: "govuk-tag--red",
  today: "govuk-tag--yellow",
  upcoming: "",
};

export interface QueuePageInput {
  filters: QueueFilters;
  page: { rows: QueueRowWaiting[]; next?: string; previous?: string };
  counts: Record<string, number>;
  /** How many cases the filters match, across every page. */
  total: number;
  departments: readonly { id: string; code: string; name: string }[];
  officers: readonly { id: string; displayName: string }[];
  highlightDays: number;
  /** The working days each kind of task has (the reminders' settings): for each case's next due date. */
  due: DueSettings;
  now: number;
}

/** The Due cell: the date, what is due under it, and a tag when it is due today or overdue. */
function dueCell(next: NextDue | null) {
  if (!next) return { text: "None" };
  const label = dueStateLabels[next.state];
  return {
    text: viewHelpers.formatDate(next.dueAt),
    secondary: next.what,
    tag: label ? { text: label, classes: dueStateTagClasses[next.state] } : undefined,
  };
}

/** A sortable column's heading: a link that sorts by it (the other way if it is the sort). */
function sortHeading(filters: QueueFilters, key: QueueSortKey) {
  const current = filters.sort === key;
  return {
    key,
    text: queueSortLabels[key],
    href: `/queue?${filterQuery({ ...filters, sort: key, order: nextOrder(filters, key) })}`,
    ariaSort: current ? filters.order : "none",
  };
}

export function queuePageModel({
  filters,
  page,
  counts,
  total,
  departments,
  officers,
  highlightDays,
  due,
  now,
}: QueuePageInput) {
  const departmentName = new Map(departments.map((department) => [department.id, department.name]));
  const officerName = new Map(officers.map((officer) => [officer.id, officer.displayName]));
  return {
    title: "SPO queue",
    /** A case-working screen: the whole width of the window. */
    fullWidth: true,
    filters,
    counts,
    total,
    totalText: `${total.toLocaleString("en-GB")} ${total === 1 ? "case" : "cases"}`,
    sortDescription: `sorted by ${queueSortLabels[filters.sort].toLowerCase()}, ${filters.order}`,
    sortHeadings: Object.fromEntries(
      (["reference", "partner", "department", "submitted", "age"] as const).map((key) => [
        key,
        sortHeading(filters, key),
      ]),
    ) as Record<QueueSortKey, ReturnType<typeof sortHeading>>,
    riskOptions: riskLevels.map((risk) => ({ value: risk, text: riskLabels[risk] })),
    clearUrl: "/queue",
    routeNames,
    routeLabels,
    statusFilterLabels,
    countries: countryList(),
    departments,
    officers,
    rows: page.rows.map(({ waiting, ...row }) => {
      const age = ageInDays(row, now);
      return {
        ...row,
        due: dueCell(nextDue(waiting, due, new Date(now))),
        url: `/cases/${row.id}`,
        countryName: row.partnerCountry ? countryName(row.partnerCountry) : "",
        departmentName: row.departmentId ? (departmentName.get(row.departmentId) ?? "") : "",
        assigneeName: row.assigneeId ? (officerName.get(row.assigneeId) ?? "Former officer") : "Unassigned",
        statusLabel: stateTag(row.status),
        routeText: row.routes.map(routeLabel).join(", ") || "None",
        riskText: riskLabel(row.risk),
        age,
        overdue: isOpen(row.status) && age >= highlightDays,
      };
    }),
    highlightDays,
    nextUrl: page.next ? `/queue?${filterQuery(filters, { after: page.next })}` : undefined,
    previousUrl: page.previous ? `/queue?${filterQuery(filters, { before: page.previous })}` : undefined,
    exportUrl: `/queue/export.csv?${filterQuery(filters)}`,
  };
}

export type QueuePageModel = ReturnType<typeof queuePageModel>;
