import { describe, expect, it } from "vitest";
import { isWorkingDay, workingDaysBetween } from "../../src/reports/workingDays";
import {
  academicYearLabel,
  academicYearOf,
  monthsOf,
  quarterLabel,
  quarterOf,
  quartersOf,
  ukToday,
} from "../../src/reports/periods";

describe("working days (weekdays less England and Wales bank holidays)", () => {
  it.each([
    ["same day", "2026-03-16", "2026-03-16", 0],
    ["Monday to Tuesday", "2026-03-16", "2026-03-17", 1],
    ["Friday to Monday", "2026-03-13", "2026-03-16", 1],
    ["Saturday to Monday", "2026-03-14", "2026-03-16", 1],
    ["Friday to Sunday", "2026-03-13", "2026-03-15", 0],
    ["a full week", "2026-03-09", "2026-03-16", 5],
    ["across Easter 2026 (Good Friday, Easter Monday)", "2026-04-02", "2026-04-07", 1],
    ["across Christmas 2026 (Boxing Day's substitute on Monday 28th)", "2026-12-24", "2026-12-29", 1],
    ["across new year 2028 (substitute Monday 3 January)", "2027-12-31", "2028-01-04", 1],
    ["the summer bank holiday 2025", "2025-08-22", "2025-08-27", 2],
    ["a year after the list (weekends only)", "2029-01-05", "2029-01-08", 1],
    ["August 2025 in full (21 weekdays less the 25th)", "2025-07-31", "2025-08-31", 20],
  ])("%s", (_name, from, to, days) => {
    expect(workingDaysBetween(from, to)).toBe(days);
  });

  it("knows a bank holiday from a weekday and a weekend", () => {
    expect(isWorkingDay("2026-08-31")).toBe(false);
    expect(isWorkingDay("2026-09-01")).toBe(true);
    expect(isWorkingDay("2026-09-05")).toBe(false);
  });
});

describe("periods", () => {
  it("puts 31 July in the academic year before and 1 August in the next", () => {
    expect(academicYearOf("2026-07-31")).toEqual({ from: "2025-08-01", to: "2026-07-31" });
    expect(academicYearOf("2026-08-01")).toEqual({ from: "2026-08-01", to: "2027-07-31" });
    expect(academicYearOf("2026-01-15")).toEqual({ from: "2025-08-01", to: "2026-07-31" });
    expect(academicYearLabel(academicYearOf("2026-01-15"))).toBe("2025/26");
    expect(academicYearLabel(academicYearOf("2099-09-01"))).toBe("2099/00");
  });

  it("lists the months of a range", () => {
    expect(monthsOf({ from: "2025-11-30", to: "2026-02-01" })).toEqual(["2025-11", "2025-12", "2026-01", "2026-02"]);
  });

  it("puts each date in its academic quarter (Aug–Oct, Nov–Jan, Feb–Apr, May–Jul), named by its first month", () => {
    expect(quarterOf("2025-08-01")).toBe("2025-08");
    expect(quarterOf("2025-10-31")).toBe("2025-08");
    expect(quarterOf("2025-11-01")).toBe("2025-11");
    expect(quarterOf("2026-01-31")).toBe("2025-11");
    expect(quarterOf("2026-02-01")).toBe("2026-02");
    expect(quarterOf("2026-04-30")).toBe("2026-02");
    expect(quarterOf("2026-05-01")).toBe("2026-05");
    expect(quarterOf("2026-07-31")).toBe("2026-05");
    expect(quartersOf({ from: "2025-08-01", to: "2026-07-31" })).toEqual(["2025-08", "2025-11", "2026-02", "2026-05"]);
    expect(quartersOf({ from: "2025-12-15", to: "2026-02-01" })).toEqual(["2025-11", "2026-02"]);
  });

  it("labels a quarter with its number in the academic year and its months", () => {
    expect(quarterLabel("2025-08")).toBe("Q1 2025/26 (Aug–Oct 2025)");
    expect(quarterLabel("2025-11")).toBe("Q2 2025/26 (Nov 2025–Jan 2026)");
    expect(quarterLabel("2026-02")).toBe("Q3 2025/26 (Feb–Apr 2026)");
    expect(quarterLabel("2026-05")).toBe("Q4 2025/26 (May–Jul 2026)");
  });

  it("takes today's date in the UK, not in UTC", () => {
    // 23:30 UTC on 31 July 2026 is 00:30 on 1 August in London (BST).
    expect(ukToday(new Date("2026-07-31T23:30:00Z"))).toBe("2026-08-01");
    expect(ukToday(new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});
