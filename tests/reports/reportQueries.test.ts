// The database's counts (reportQueries.ts) against the definition (figures.ts's
// computeFigures, itself checked by hand in figures.test.ts): over a few hundred seeded cases
// of every state, for several ranges, filters, days and scopes, the two must agree exactly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../../src/generated/prisma/client";
import { computeFigures, median, percentile, type ReportFilters } from "../../src/reports/figures";
import { weightedMedian, weightedPercentile, workingDayIndexSql } from "../../src/reports/reportQueries";
import { indexOfDate } from "../../src/reports/workingDays";
import { dateOfDayNumber, dayNumber } from "../../src/reports/workingDays";
import { academicYearOf } from "../../src/reports/periods";
import type { CurrentUser } from "../../src/domain/roles";
import { seedBulkCases } from "../../scripts/seed-bulk";
import { personNamed, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

describe("weighted median and percentile", () => {
  it("give what median and percentile give over the values written out", () => {
    let state = 12_345;
    const next = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const values = Array.from({ length: 1 + (next() % 40) }, () => next() % 12);
      const counts = new Map<number, number>();
      for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
      const weighted = [...counts].map(([value, count]) => ({ value, count }));
      expect(weightedMedian(weighted)).toBe(median(values));
      expect(weightedPercentile(weighted, 90)).toBe(percentile(values, 90));
    }
    expect(weightedMedian([])).toBeNull();
    expect(weightedPercentile([{ value: 3, count: 0 }], 90)).toBeNull();
  });
});

describe(`the reports' counts in SQL (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: CurrentUser;
  let head: CurrentUser;
  const today = "2026-03-16";

  beforeAll(async () => {
    testApp = await startTestApp();
    // Two years of cases before 16 March 2026: submitted, decided, withdrawn, returned, open.
    await seedBulkCases(testApp.services.prisma, 400, { seed: 16, now: new Date("2026-03-16T15:00:00Z") });
    officer = await personNamed(testApp.services, "spo01");
    head = await personNamed(testApp.services, "hos01");
  }, 120_000);
  afterAll(() => testApp.close());

  it("computes working days as workingDays.ts does, every day from 2024 to 2029", async () => {
    const first = dayNumber("2024-12-01");
    const days = Array.from({ length: 5 * 366 }, (_, index) => dateOfDayNumber(first + index));
    const rows = await testApp.services.prisma.$queryRaw<{ day: string; index: number }[]>`
      SELECT to_char(d, 'YYYY-MM-DD') AS "day", ${workingDayIndexSql(Prisma.sql`d`)} AS "index"
        FROM unnest(${days}::date[]) AS d`;
    expect(rows).toHaveLength(days.length);
    for (const row of rows) expect([row.day, row.index]).toEqual([row.day, indexOfDate(row.day)]);
  });

  const year = academicYearOf(today);
  const cases: [string, () => CurrentUser, ReportFilters, string][] = [
    ["this academic year", () => officer, { range: year }, today],
    ["last academic year", () => officer, { range: academicYearOf("2025-01-10") }, today],
    [
      "a range over new year, another day",
      () => officer,
      { range: { from: "2025-11-15", to: "2026-01-04" } },
      "2026-01-05",
    ],
    ["a department", () => officer, { range: year, department: "ENG" }, today],
    ["a school", () => officer, { range: year, school: "PS" }, today],
    ["a review route", () => officer, { range: year, route: "export_control" }, today],
    ["a partner country and a school", () => officer, { range: year, country: "CN", school: "TECH" }, today],
    ["a head of school's own school", () => head, { range: year }, today],
  ];
  it.each(cases)("agrees with computeFigures: %s", async (_name, user, filters, day) => {
    const { reports } = testApp.services;
    reports.clearCache();
    const fromSql = await reports.figures(user(), filters, day);
    const defined = computeFigures(await reports.cases(user(), filters), filters, day);
    expect(fromSql).toEqual(defined);
    // Not an empty agreement: the seeded cases show in it.
    expect(
      defined.months.reduce((sum, month) => sum + month.submitted + month.decided, 0) + defined.open,
    ).toBeGreaterThan(0);
  });
});
