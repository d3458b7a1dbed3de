// Working days for the reports: weekdays that are not bank holidays in England and Wales
// (the shared list in src/domain/bankHolidays.ts).
import { bankHolidaysEnglandAndWales as bankHolidays } from "../domain/bankHolidays";

const dayMs = 86_400_000;

/** Days since 1970-01-01 of a calendar date written YYYY-MM-DD. */
export function dayNumber(date: string): number {
  const [year, month, day] = date.split("-").map(Number);
  return Math.floor(Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1) / dayMs);
}

export function dateOfDayNumber(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10);
}

/** The bank holidays, sorted (for the SQL twin of workingDayIndex). */
export const sortedHolidays: readonly string[] = [...bankHolidays].sort();

const holidayDays = bankHolidays.map(dayNumber).sort((a, b) => a - b);

function isWeekend(day: number): boolean {
  // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(date: string): boolean {
  const day = dayNumber(date);
  return !isWeekend(day) && !holidayDays.includes(day);
}

/** How many holidays fall on or before the day (the list is short and sorted). */
function holidaysUpTo(day: number): number {
  let count = 0;
  for (const holiday of holidayDays) {
    if (holiday > day) break;
    count++;
  }
  return count;
}

/**
 * Working days from a fixed Monday (1970-01-05) up to and including the day. The SQL in
 * reportQueries.ts (workingDayIndexSql) computes the same number, so the database can
 * subtract two dates' indexes instead of sending every row here.
 */
function workingDayIndex(day: number): number {
  const sinceMonday = day - 4 + 1;
  const weeks = Math.floor(sinceMonday / 7);
  return weeks * 5 + Math.min(sinceMonday - weeks * 7, 5) - holidaysUpTo(day);
}

/**
 * Working days taken from one date to another: those after `from`, up to and including
 * `to`. Submitted on a Monday and decided on the Tuesday is 1; on the same day, 0; a
 * Friday to the Monday after, 1.
 */
export function workingDaysBetween(from: string, to: string): number {
  return indexOfDate(to) - indexOfDate(from);
}

// A dashboard asks for the same few hundred dates thousands of times: remember each.
const indexCache = new Map<string, number>();

/** The working-day index of a date (see workingDayIndex): differences of two are working days. */
export function indexOfDate(date: string): number {
  let index = indexCache.get(date);
  if (index === undefined) {
    index = workingDayIndex(dayNumber(date));
    if (indexCache.size > 20_000) indexCache.clear();
    indexCache.set(date, index);
  }
  return index;
}
