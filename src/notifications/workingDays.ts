// Working days in the UK: Monday to Friday, less the bank holidays of England and Wales.
// Dates are counted on the calendar of Europe/London, so a task opened late on a Friday
// evening in summer (already Saturday in some time zones) still counts from Friday.

import { bankHolidaysEnglandAndWales } from "../domain/bankHolidays";

export { bankHolidaysEnglandAndWales };

const holidays = new Set(bankHolidaysEnglandAndWales);
const dayMs = 86_400_000;

const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});
const londonParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  hourCycle: "h23",
});

// London's offset from UTC is a whole hour (0 or +1) and changes on the hour, so every
// instant of one UTC hour falls on the same London day. Formatting with Intl costs
// microseconds and the queue's "Next due" column asks for hundreds of days per page,
// so each hour's day is formatted once and remembered (a small object per hour; the
// map is cleared if it ever holds 200,000 hours, some 23 years of distinct dates).
const hourMs = 3_600_000;
const londonDayOfHour = new Map<number, { day: string; working: boolean }>();
const rememberedHours = 200_000;

function londonCalendar(at: Date): { day: string; working: boolean } {
  const hour = Math.floor(at.getTime() / hourMs);
  let known = londonDayOfHour.get(hour);
  if (known === undefined) {
    const day = londonDate.format(at);
    // The weekday of the London date itself (read as a UTC date: no zone left to apply).
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    known = { day, working: weekday !== 0 && weekday !== 6 && !holidays.has(day) };
    if (londonDayOfHour.size >= rememberedHours) londonDayOfHour.clear();
    londonDayOfHour.set(hour, known);
  }
  return known;
}

/** The calendar date in London, as YYYY-MM-DD. */
export function londonDay(at: Date): string {
  return londonCalendar(at).day;
}

/** The hour of the day (0–23) in London. */
export function londonHour(at: Date): number {
  return Number(londonParts.formatToParts(at).find((part) => part.type === "hour")?.value ?? 0);
}

/** Monday to Friday in London, and not a bank holiday of England and Wales. */
export function isWorkingDay(at: Date): boolean {
  return londonCalendar(at).working;
}

/**
 * The moment `days` working days after `start`: step a day at a time, counting only
 * working days, keeping the time of day. Three working days after a Thursday before
 * Easter is the Wednesday after Easter Monday.
 */
export function addWorkingDays(start: Date, days: number): Date {
  let at = start.getTime();
  let counted = 0;
  while (counted < days) {
    at += dayMs;
    if (isWorkingDay(new Date(at))) counted += 1;
  }
  return new Date(at);
}

/** Whole working days from `from` to `to` (0 when `to` is not later). */
export function workingDaysBetween(from: Date, to: Date): number {
  let count = 0;
  for (let at = from.getTime() + dayMs; at <= to.getTime(); at += dayMs) {
    if (isWorkingDay(new Date(at))) count += 1;
  }
  return count;
}
