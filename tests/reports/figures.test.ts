// The dashboard's figures against a small set of cases whose every number was worked out
// by hand (the comments give the working). Today is Monday 16 March 2026; the range is the
// academic year 2025/26 (1 August 2025 to 31 July 2026).
import { describe, expect, it } from "vitest";
import { computeFigures, median, percentile, waitsOf, type ReportCase } from "../../src/reports/figures";
import { academicYearOf } from "../../src/reports/periods";

const today = "2026-03-16";
const range = academicYearOf(today);

function reportCase(fields: Partial<ReportCase> & Pick<ReportCase, "id" | "submittedOn">): ReportCase {
  return {
    status: "DECIDED",
    decidedOn: null,
    withdrawnOn: null,
    outcome: null,
    routes: [],
    departmentCode: "ENG",
    schoolCode: "TECH",
    partnerCountry: "US",
    openTasks: [],
    returnedOn: null,
    lastMovedOn: fields.submittedOn,
    ...fields,
  };
}

const chem = { departmentCode: "CHEM", schoolCode: "PS" } as const;
const cases: ReportCase[] = [
  // Submitted on the last day of the previous academic year, decided on the first of this one: 1 working day.
  reportCase({ id: "A", submittedOn: "2025-07-31", decidedOn: "2025-08-01", outcome: "approved" }),
  // Fri 22 Aug to Wed 27 Aug across the summer bank holiday (Mon 25): Tue, Wed = 2.
  reportCase({
    id: "B",
    submittedOn: "2025-08-22",
    decidedOn: "2025-08-27",
    outcome: "approved_with_conditions",
    routes: ["acbela"],
    partnerCountry: "RU",
  }),
  // Fri 19 Dec to Mon 5 Jan: 22, 23, 24, 29, 30, 31 Dec, 2 and 5 Jan = 8 (25, 26 Dec and 1 Jan are holidays).
  reportCase({
    id: "C",
    submittedOn: "2025-12-19",
    decidedOn: "2026-01-05",
    outcome: "declined",
    routes: ["export_control", "due_diligence"],
    partnerCountry: "CN",
    ...chem,
  }),
  // Withdrawn: an outcome, never a turnaround.
  reportCase({
    id: "D",
    status: "WITHDRAWN",
    submittedOn: "2025-09-30",
    withdrawnOn: "2025-10-01",
    routes: ["due_diligence"],
    partnerCountry: "CN",
    ...chem,
  }),
  // Open: waiting on the head and two reviews. Age 2 to 16 March = 10 working days.
  reportCase({
    id: "E",
    status: "IN_REVIEW",
    submittedOn: "2026-03-02",
    routes: ["acbela", "due_diligence"],
    partnerCountry: "RU",
    openTasks: [
      { kind: "department_sign_off", openedOn: "2026-03-02" },
      { kind: "review_due_diligence", openedOn: "2026-03-09" },
      { kind: "review_acbela", openedOn: "2026-03-02" },
    ],
  }),
  // Returned to the proposer on Fri 13 March (1 working day ago). Age 30 Jan to 16 Mar = 20 + 11 = 31.
  reportCase({
    id: "F",
    status: "INFORMATION_REQUESTED",
    submittedOn: "2026-01-30",
    returnedOn: "2026-03-13",
    lastMovedOn: "2026-01-30",
    ...chem,
  }),
  // Every task done on Wed 11 March: waiting for the officer's decision 3 working days. Age 27 Feb to 16 Mar = 11.
  reportCase({
    id: "G",
    status: "IN_REVIEW",
    submittedOn: "2026-02-27",
    lastMovedOn: "2026-03-11",
    routes: ["export_control"],
    partnerCountry: "DE",
  }),
  // Returned once, then resubmitted and decided: the clock runs from first submission. Mon 3 to Fri 28 Nov = 19.
  reportCase({
    id: "H",
    submittedOn: "2025-11-03",
    decidedOn: "2025-11-28",
    outcome: "approved",
    routes: ["due_diligence"],
  }),
  // Submitted and decided on the first day of the year: 0 working days.
  reportCase({ id: "I", submittedOn: "2025-08-01", decidedOn: "2025-08-01", outcome: "approved", ...chem }),
];

describe("report figures (hand-computed fixture)", () => {
  const figures = computeFigures(cases, { range }, today);

  it("counts submissions, decisions and withdrawals in the month they happened, within the academic year", () => {
    expect(figures.months.map((month) => month.month)).toEqual([
      "2025-08",
      "2025-09",
      "2025-10",
      "2025-11",
      "2025-12",
      "2026-01",
      "2026-02",
      "2026-03",
      "2026-04",
      "2026-05",
      "2026-06",
      "2026-07",
    ]);
    const by = Object.fromEntries(figures.months.map((m) => [m.month, [m.submitted, m.decided, m.withdrawn]]));
    // A was submitted in July 2025, before the year began: not counted; its decision on 1 August is.
    expect(by).toMatchObject({
      "2025-08": [2, 3, 0],
      "2025-09": [1, 0, 0],
      "2025-10": [0, 0, 1],
      "2025-11": [1, 1, 0],
      "2025-12": [1, 0, 0],
      "2026-01": [1, 1, 0],
      "2026-02": [1, 0, 0],
      "2026-03": [1, 0, 0],
      "2026-04": [0, 0, 0],
    });
  });

  it("counts open cases by review route (each route a case has) and by age in working days", () => {
    expect(figures.open).toBe(3);
    expect(figures.openByRoute).toEqual([
      { route: "acbela", cases: 1 },
      { route: "export_control", cases: 1 },
      { route: "due_diligence", cases: 1 },
      { route: "none", cases: 1 },
    ]);
    expect(figures.openByAge).toEqual([
      { band: "0-5", cases: 0 },
      { band: "6-10", cases: 1 },
      { band: "11-20", cases: 1 },
      { band: "21-40", cases: 1 },
      { band: "41+", cases: 0 },
    ]);
  });

  it("gives the median and 90th percentile of working days to decision per route, withdrawn cases left out", () => {
    expect(figures.turnaroundByRoute).toEqual([
      { route: "acbela", cases: 1, median: 2, p90: 2 },
      { route: "export_control", cases: 1, median: 8, p90: 8 },
      { route: "due_diligence", cases: 2, median: 13.5, p90: 19 },
      { route: "none", cases: 2, median: 0.5, p90: 1 },
      { route: "all", cases: 5, median: 2, p90: 19 },
    ]);
  });

  it("gives the same per academic quarter of decision (Aug–Oct, Nov–Jan, Feb–Apr, May–Jul)", () => {
    // Aug–Oct: A 1, B 2, I 0. Nov–Jan: H 19 (28 Nov) and C 8 (5 Jan, the quarter runs over new year).
    expect(figures.turnaroundByQuarter).toEqual([
      { quarter: "2025-08", cases: 3, median: 1, p90: 2 },
      { quarter: "2025-11", cases: 2, median: 13.5, p90: 19 },
      { quarter: "2026-02", cases: 0, median: null, p90: null },
      { quarter: "2026-05", cases: 0, median: null, p90: null },
    ]);
  });

  it("says whom open cases wait on now and for how long, a returned case with its proposer", () => {
    expect(figures.waiting).toEqual([
      { holder: "officer", cases: 1, median: 3, longest: 3 },
      { holder: "reviewer", cases: 1, median: 10, longest: 10 },
      { holder: "head", cases: 1, median: 10, longest: 10 },
      { holder: "proposer", cases: 1, median: 1, longest: 1 },
    ]);
    expect(waitsOf(cases.find((c) => c.id === "F")!)).toEqual([{ holder: "proposer", since: "2026-03-13" }]);
    expect(waitsOf(cases.find((c) => c.id === "B")!)).toEqual([]);
  });

  it("counts outcomes of cases closed within the range, withdrawals included", () => {
    expect(figures.outcomes).toEqual([
      { outcome: "approved", cases: 3 },
      { outcome: "approved_with_conditions", cases: 1 },
      { outcome: "declined", cases: 1 },
      { outcome: "withdrawn", cases: 1 },
    ]);
  });

  it("ranks partner countries, schools and departments by cases submitted in the range", () => {
    expect(figures.byCountry).toEqual([
      { code: "US", submitted: 3, decided: 3, open: 1 },
      { code: "CN", submitted: 2, decided: 1, open: 0 },
      { code: "RU", submitted: 2, decided: 1, open: 1 },
      { code: "DE", submitted: 1, decided: 0, open: 1 },
    ]);
    expect(figures.bySchool).toEqual([
      { code: "PS", submitted: 4, decided: 2, open: 1 },
      { code: "TECH", submitted: 4, decided: 3, open: 2 },
    ]);
    expect(figures.byDepartment.map((unit) => [unit.code, unit.submitted])).toEqual([
      ["CHEM", 4],
      ["ENG", 4],
    ]);
  });

  it("applies the filters: department, review route, country", () => {
    const eng = computeFigures(cases, { range, department: "ENG" }, today);
    expect(eng.months.reduce((sum, month) => sum + month.submitted, 0)).toBe(4);
    expect(eng.open).toBe(2);
    const dueDiligence = computeFigures(cases, { range, route: "due_diligence" }, today);
    expect(dueDiligence.outcomes.map((o) => o.cases)).toEqual([1, 0, 1, 1]);
    expect(dueDiligence.open).toBe(1);
    const russia = computeFigures(cases, { range, country: "RU", school: "TECH" }, today);
    expect(russia.byCountry).toEqual([{ code: "RU", submitted: 2, decided: 1, open: 1 }]);
  });

  it("starts and ends the months with the range, whatever it is", () => {
    const short = computeFigures(cases, { range: { from: "2025-11-15", to: "2026-01-04" } }, today);
    expect(short.months).toEqual([
      { month: "2025-11", submitted: 0, decided: 1, withdrawn: 0 },
      { month: "2025-12", submitted: 1, decided: 0, withdrawn: 0 },
      { month: "2026-01", submitted: 0, decided: 0, withdrawn: 0 },
    ]);
  });
});

describe("median and percentile", () => {
  it("takes the mean of the middle two, and the nearest rank", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 90)).toBe(10);
    expect(percentile([7], 90)).toBe(7);
  });
});
