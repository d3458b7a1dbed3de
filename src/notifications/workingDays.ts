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
  weekday: "short",
  hour: "2-digit",
  hourCycle: "h23",
});

/** The calendar date in London, as YYYY-MM-DD. */
export function londonDay(at: Date): string {
  return londonDate.format(at);
}

/** The hour of the day (0–23) in London. */
export function londonHour(at: Date): number {
  return Number(londonParts.formatToParts(at).find((part) => part.type === "hour")?.value ?? 0);
}

export function isWorkingDay(at: Date): boolean {
  const weekday = londonParts.formatToParts(at).find((part) => part.type === "weekday")?.value;
  if (weekday === "Sat" || weekday === "Sun") return false;
  return !holidays.has(londonDay(at));
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
