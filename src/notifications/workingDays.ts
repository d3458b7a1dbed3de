// Working days in the UK: Monday to Friday, less the bank holidays of England and Wales.
// Dates are counted on the calendar of Europe/London, so a task opened late on a Friday
// evening in summer (already Saturday in some time zones) still counts from Friday.

import { bankHolidaysEnglandAndWales } from "../domain/bankHolidays";
import { perLondonHour } from "../domain/londonHours";

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

// London's day of an instant, and whether it is a working day, once per UTC hour.
const londonCalendar = perLondonHour((at: Date): { day: string; working: boolean } => {
  const day = londonDate.format(at);
  // The weekday of the London date itself (read as a UTC date: no zone left to apply).
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return { day, working: weekday !== 0 && weekday !== 6 && !holidays.has(day) };
});

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
