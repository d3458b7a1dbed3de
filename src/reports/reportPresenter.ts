// Figures → what the page and the CSVs show. Each chart has one dataset (its columns and
// rows): the chart is drawn from it, the table beneath prints it, and its CSV is it, so the
// three cannot disagree.
import { countryName } from "../domain/countries";
import { routeLabels, type RouteName } from "../domain/reviews";
import { decisionOutcomeLabels } from "../domain/reviews";
import { ageBands, type Figures, type Holder, type Outcome, type UnitCount } from "./figures";
import { monthLabel, quarterLabel } from "./periods";
import { barChart, formatNumber, lineChart, type Chart } from "./charts";

export const datasetIds = [
  "monthly",
  "open-by-route",
  "open-by-age",
  "turnaround-by-route",
  "turnaround-by-quarter",
  "waiting",
  "outcomes",
  "countries",
  "schools",
  "departments",
] as const;
export type DatasetId = (typeof datasetIds)[number];

export interface Dataset {
  id: DatasetId;
  title: string;
  /** What the chart shows, in words (its SVG description and the summary beneath it). */
  summary: string;
  /** Header of the table and the CSV: the first column names the rows. */
  columns: string[];
  rows: { label: string; values: (number | null)[] }[];
  chart: Chart;
}

const holderLabels: Record<Holder, string> = {
  officer: "SPO officer (decision)",
  reviewer: "Reviewer",
  head: "Head (sign-off)",
  proposer: "Proposer (information requested)",
};

const outcomeLabels: Record<Outcome, string> = { ...decisionOutcomeLabels, withdrawn: "Withdrawn" };

const routeOrNone = (route: RouteName | "none" | "all") =>
  route === "none" ? "No review route" : route === "all" ? "All decided cases" : routeLabels[route];

const plural = (count: number, one: string, many = `${one}s`) => `${formatNumber(count)} ${count === 1 ? one : many}`;
const days = (value: number | null) => (value === null ? "none decided" : plural(value, "working day"));

function largest(rows: readonly { label: string; values: readonly (number | null)[] }[], index = 0) {
  return [...rows].sort((a, b) => (b.values[index] ?? 0) - (a.values[index] ?? 0))[0];
}

function bars(
  id: DatasetId,
  title: string,
  summary: string,
  columns: string[],
  rows: Dataset["rows"],
  charted = rows,
  shortNames?: string[],
): Dataset {
  const seriesCount = charted[0]?.values.length ?? 1;
  const series = columns.slice(1, 1 + seriesCount).map((name, index) => ({ name, short: shortNames?.[index] ?? name }));
  return { id, title, summary, columns, rows, chart: barChart(id, series, charted) };
}

export interface Names {
  schools: ReadonlyMap<string, string>;
  departments: ReadonlyMap<string, string>;
}

/** On the bars themselves (the legend and the table give the full names). */
const turnaroundShort = ["median", "90th percentile"];

/** The top of a ranked list is charted; the table and CSV hold every row. */
const chartedRows = 15;

function unitRows(units: readonly UnitCount[], name: (code: string) => string): Dataset["rows"] {
  return units.map((unit) => ({ label: name(unit.code), values: [unit.submitted, unit.decided, unit.open] }));
}

export function presentFigures(figures: Figures, names: Names): Dataset[] {
  const months = figures.months.map((month) => ({
    label: monthLabel(month.month),
    values: [month.submitted, month.decided, month.withdrawn],
  }));
  const total = (index: number) => months.reduce((sum, month) => sum + (month.values[index] ?? 0), 0);
  const busiest = largest(months);

  const openByRoute = figures.openByRoute.map((entry) => ({ label: routeOrNone(entry.route), values: [entry.cases] }));
  const openByAge = figures.openByAge.map((entry) => ({
    label: ageBands.find((band) => band.key === entry.band)?.label ?? entry.band,
    values: [entry.cases],
  }));
  const oldBands = figures.openByAge.slice(3).reduce((sum, entry) => sum + entry.cases, 0);

  const byRoute = figures.turnaroundByRoute.map((entry) => ({
    label: routeOrNone(entry.route),
    values: [entry.median, entry.p90, entry.cases],
  }));
  const all = figures.turnaroundByRoute.find((entry) => entry.route === "all");
  const byQuarter = figures.turnaroundByQuarter.map((entry) => ({
    label: quarterLabel(entry.quarter),
    values: [entry.median, entry.p90, entry.cases],
  }));

  const waiting = figures.waiting.map((entry) => ({
    label: holderLabels[entry.holder],
    values: [entry.cases, entry.median, entry.longest],
  }));
  const mostWaiting = largest(waiting);

  const outcomes = figures.outcomes.map((entry) => ({ label: outcomeLabels[entry.outcome], values: [entry.cases] }));
  const closed = outcomes.reduce((sum, row) => sum + (row.values[0] ?? 0), 0);

  const countries = unitRows(figures.byCountry, (code) => (code ? countryName(code) : "Not given"));
  const schools = unitRows(figures.bySchool, (code) => names.schools.get(code) ?? (code || "No school"));
  const departments = unitRows(
    figures.byDepartment,
    (code) => names.departments.get(code) ?? (code || "No department"),
  );
  const unitColumns = (first: string) => [first, "Submitted", "Decided", "Open now"];
  const topOf = (rows: Dataset["rows"], what: string, whats = `${what}s`) =>
    rows.length === 0
      ? `No cases were submitted in this period.`
      : `${plural(rows.length, what, whats)} ${rows.length === 1 ? "has" : "have"} cases submitted in this period; most: ${rows
          .slice(0, 3)
          .map((row) => `${row.label} (${formatNumber(row.values[0] ?? 0)})`)
          .join(", ")}.`;

  const monthly: Dataset = {
    id: "monthly",
    title: "Proposals submitted, decided and withdrawn per month",
    summary:
      `${plural(total(0), "proposal")} submitted, ${formatNumber(total(1))} decided and ${formatNumber(total(2))} withdrawn in this period.` +
      (busiest && total(0) > 0 ? ` Most submissions: ${busiest.label} (${formatNumber(busiest.values[0] ?? 0)}).` : ""),
    columns: ["Month", "Submitted", "Decided", "Withdrawn"],
    rows: months,
    chart: lineChart("monthly", ["Submitted", "Decided", "Withdrawn"], months),
  };

  return [
    monthly,
    bars(
      "open-by-route",
      "Open cases by review route",
      `${plural(figures.open, "case")} open now. A case with more than one review route counts under each: ` +
        openByRoute.map((row) => `${row.label} ${formatNumber(row.values[0] ?? 0)}`).join(", ") +
        ".",
      ["Review route", "Open cases"],
      openByRoute,
    ),
    bars(
      "open-by-age",
      "Open cases by age",
      `Age in working days since first submission. ${plural(oldBands, "open case")} ${oldBands === 1 ? "is" : "are"} more than 20 working days old.`,
      ["Age", "Open cases"],
      openByAge,
    ),
    bars(
      "turnaround-by-route",
      "Working days from submission to decision, by review route",
      `For the ${plural(all?.cases ?? 0, "case")} decided in this period: median ${days(all?.median ?? null)}, ` +
        `90th percentile ${days(all?.p90 ?? null)}. Time back with the proposer is included; withdrawn cases are not.`,
      ["Review route", "Median (working days)", "90th percentile (working days)", "Cases decided"],
      byRoute,
      byRoute.map((row) => ({ label: row.label, values: row.values.slice(0, 2) })),
      turnaroundShort,
    ),
    bars(
      "turnaround-by-quarter",
      "Working days from submission to decision, by academic quarter decided",
      byQuarter
        .filter((row) => (row.values[2] ?? 0) > 0)
        .map((row) => `${row.label}: median ${days(row.values[0] ?? null)} over ${plural(row.values[2] ?? 0, "case")}`)
        .join("; ") || "No case was decided in this period.",
      ["Quarter", "Median (working days)", "90th percentile (working days)", "Cases decided"],
      byQuarter,
      byQuarter.map((row) => ({ label: row.label, values: row.values.slice(0, 2) })),
      turnaroundShort,
    ),
    bars(
      "waiting",
      "Where open cases wait now",
      mostWaiting && (mostWaiting.values[0] ?? 0) > 0
        ? `Most open cases wait on: ${mostWaiting.label} (${formatNumber(mostWaiting.values[0] ?? 0)}, the longest for ${days(mostWaiting.values[2] ?? null)}). ` +
            "Sign-off and reviews run side by side, so a case can wait on a head and a reviewer at once and counts under both."
        : "No case is open now.",
      ["Waiting on", "Open cases", "Median wait (working days)", "Longest wait (working days)"],
      waiting,
      waiting.map((row) => ({ label: row.label, values: row.values.slice(0, 1) })),
    ),
    bars(
      "outcomes",
      "Outcomes",
      `${plural(closed, "case")} decided or withdrawn in this period: ` +
        outcomes.map((row) => `${row.label.toLowerCase()} ${formatNumber(row.values[0] ?? 0)}`).join(", ") +
        ".",
      ["Outcome", "Cases"],
      outcomes,
    ),
    bars(
      "countries",
      "Proposals by partner country",
      topOf(countries, "country", "countries") +
        (countries.length > chartedRows
          ? ` The chart shows the ${formatNumber(chartedRows)} with most; the table lists all.`
          : ""),
      unitColumns("Partner country"),
      countries,
      countries.slice(0, chartedRows).map((row) => ({ label: row.label, values: row.values.slice(0, 1) })),
    ),
    bars(
      "schools",
      "Proposals by school",
      topOf(schools, "school"),
      unitColumns("School"),
      schools,
      schools.map((row) => ({ label: row.label, values: row.values.slice(0, 1) })),
    ),
    bars(
      "departments",
      "Proposals by department",
      topOf(departments, "department") +
        (departments.length > chartedRows
          ? ` The chart shows the ${formatNumber(chartedRows)} with most; the table lists all.`
          : ""),
      unitColumns("Department"),
      departments,
      departments.slice(0, chartedRows).map((row) => ({ label: row.label, values: row.values.slice(0, 1) })),
    ),
  ];
}

/** A table cell or CSV field: numbers as they are, "" for nothing to measure. */
/** A number as the page shows it (17,387), "–" for nothing; the CSVs keep cellText's plain digits. */
export function displayNumber(value: number | null): string {
  return value === null ? "–" : formatNumber(value);
}

export function cellText(value: number | null): string {
  return value === null ? "" : Number.isInteger(value) ? String(value) : value.toFixed(1);
}
