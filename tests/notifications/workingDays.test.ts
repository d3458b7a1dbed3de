// Working days in England and Wales: weekends and bank holidays are skipped, in London's calendar.
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bankHolidaysEnglandAndWales,
  isWorkingDay,
  londonDay,
  workingDaysBetween,
} from "../../src/notifications/workingDays";
import { dueDates, dueState, nextDue } from "../../src/notifications/dueDates";

const at = (iso: string) => new Date(iso);

describe("working days", () => {
  it.each([
    // A Monday plus five is the next Monday.
    ["2026-11-30T09:00:00Z", 5, "2026-12-07T09:00:00.000Z"],
    // A Friday plus one is Monday.
    ["2026-12-04T09:00:00Z", 1, "2026-12-07T09:00:00.000Z"],
    // Opened on a Saturday: Monday is the first working day.
    ["2026-12-05T09:00:00Z", 1, "2026-12-07T09:00:00.000Z"],
    // Christmas Eve 2026 (Thursday): Christmas, the weekend and the Boxing Day substitute (Mon 28th) are skipped.
    ["2026-12-24T09:00:00Z", 1, "2026-12-29T09:00:00.000Z"],
    ["2026-12-24T09:00:00Z", 5, "2027-01-05T09:00:00.000Z"],
    // Easter 2027: Good Friday 26 March and Easter Monday 29 March.
    ["2027-03-25T09:00:00Z", 1, "2027-03-30T09:00:00.000Z"],
    // Christmas 2027 falls on a weekend: substitutes on Monday 27 and Tuesday 28 December.
    ["2027-12-24T09:00:00Z", 1, "2027-12-29T09:00:00.000Z"],
    // New Year 2028 is a Saturday: its substitute is Monday 3 January.
    ["2027-12-31T09:00:00Z", 1, "2028-01-04T09:00:00.000Z"],
    // Across the clocks going forward (28 March 2027): still the same London time of day.
    ["2027-03-24T09:00:00Z", 10, "2027-04-09T09:00:00.000Z"],
  ])("%s plus %i working days is %s", (start, days, expected) => {
    expect(addWorkingDays(at(start), days).toISOString()).toBe(expected);
  });

  it("counts the London date: 23:30 UTC on a Sunday in summer is already Monday in London", () => {
    expect(isWorkingDay(at("2026-06-07T23:30:00Z"))).toBe(true);
    expect(isWorkingDay(at("2026-06-07T22:30:00Z"))).toBe(false);
    // And 23:30 UTC on a Friday in summer is Saturday in London.
    expect(isWorkingDay(at("2026-06-05T22:30:00Z"))).toBe(true);
    expect(isWorkingDay(at("2026-06-05T23:30:00Z"))).toBe(false);
  });

  it("remembers London's day per UTC hour and still gives Intl's answer at every quarter hour of two years", () => {
    const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });
    const weekdays = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", weekday: "short" });
    const holidays = new Set(bankHolidaysEnglandAndWales);
    // Both clock changes of 2026 and 2027 fall inside, at 01:00 UTC.
    for (let ms = Date.UTC(2026, 0, 1); ms < Date.UTC(2028, 0, 1); ms += 15 * 60_000) {
      const instant = new Date(ms);
      const expectedDay = intl.format(instant);
      expect(londonDay(instant)).toBe(expectedDay);
      const weekday = weekdays.format(instant);
      expect(isWorkingDay(instant)).toBe(weekday !== "Sat" && weekday !== "Sun" && !holidays.has(expectedDay));
    }
  });

  it("lists eight bank holidays a year for 2026 to 2028, all on weekdays", () => {
    for (const year of ["2026", "2027", "2028"])
      expect(bankHolidaysEnglandAndWales.filter((day) => day.startsWith(year))).toHaveLength(8);
    for (const day of bankHolidaysEnglandAndWales) expect([0, 6]).not.toContain(at(`${day}T12:00:00Z`).getUTCDay());
  });

  it("agrees with itself: the working days between a start and its due date are the days added", () => {
    for (const start of ["2026-12-21T10:00:00Z", "2027-03-24T10:00:00Z", "2028-04-12T10:00:00Z"])
      for (const days of [1, 5, 10]) expect(workingDaysBetween(at(start), addWorkingDays(at(start), days))).toBe(days);
  });

  it("escalates when a task is overdue by as many working days again", () => {
    const { dueAt, escalateAt } = dueDates(at("2026-12-24T10:00:00Z"), 5);
    expect(dueAt.toISOString()).toBe("2027-01-05T10:00:00.000Z");
    expect(escalateAt.toISOString()).toBe("2027-01-12T10:00:00.000Z");
  });
});

describe("a case's next due task", () => {
  const due = { signOff: 5, review: 10, information: 10 };

  it("is the soonest due, whatever each kind's working days: a review opened first can fall due later", () => {
    const next = nextDue(
      [
        { kind: "review_export_control", openedAt: at("2026-11-30T09:00:00Z"), departmentApprovedAt: null },
        { kind: "department_sign_off", openedAt: at("2026-12-02T09:00:00Z"), departmentApprovedAt: null },
      ],
      due,
      at("2026-12-03T09:00:00Z"),
    );
    expect(next).toEqual({ what: "Head of department sign-off", dueAt: at("2026-12-09T09:00:00Z"), state: "upcoming" });
  });

  it("leaves out a school sign-off until the department has approved", () => {
    const waiting = [{ kind: "school_sign_off", openedAt: at("2026-11-02T09:00:00Z"), departmentApprovedAt: null }];
    expect(nextDue(waiting, due, at("2026-12-03T09:00:00Z"))).toBeNull();
    expect(
      nextDue([{ ...waiting[0]!, departmentApprovedAt: at("2026-12-01T09:00:00Z") }], due, at("2026-12-03T09:00:00Z"))
        ?.dueAt,
    ).toEqual(at("2026-12-08T09:00:00Z"));
  });

  it("is due today on its London day until its moment, then overdue", () => {
    const dueAt = at("2026-12-09T15:00:00Z");
    expect(dueState(dueAt, at("2026-12-08T23:59:00Z"))).toBe("upcoming");
    expect(dueState(dueAt, at("2026-12-09T00:01:00Z"))).toBe("today");
    expect(dueState(dueAt, at("2026-12-09T15:00:00Z"))).toBe("today");
    expect(dueState(dueAt, at("2026-12-09T15:00:01Z"))).toBe("overdue");
  });
});
