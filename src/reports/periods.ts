// Calendar periods the reports count in: the academic year (1 August to 31 July), months
// and the academic year's quarters. Dates are calendar dates in the UK (YYYY-MM-DD): the database turns
// each moment into the date it was in Europe/London, so a case submitted at 23:30 on 31 July
// (BST) counts in July.

export interface DateRange {
  /** First day, inclusive. */
  from: string;
  /** Last day, inclusive. */
  to: string;
}

const pad = (value: number) => String(value).padStart(2, "0");

/** The academic year (1 August to 31 July) that contains the date. */
export function academicYearOf(date: string): DateRange {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  const start = month >= 8 ? year : year - 1;
  return { from: `${String(start)}-08-01`, to: `${String(start + 1)}-07-31` };
}

/** "2025/26" for the academic year starting on 1 August 2025. */
export function academicYearLabel(range: DateRange): string {
  const start = Number(range.from.slice(0, 4));
  return `${String(start)}/${pad((start + 1) % 100)}`;
}

export function inRange(date: string | null, range: DateRange): date is string {
  return date !== null && date >= range.from && date <= range.to;
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2025-08" */
export const monthOf = (date: string) => date.slice(0, 7);

/** Every month the range touches, in order: ["2025-08", "2025-09", ...]. */
export function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  let year = Number(range.from.slice(0, 4));
  let month = Number(range.from.slice(5, 7));
  const last = monthOf(range.to);
  for (;;) {
    const key = `${String(year)}-${pad(month)}`;
    if (key > last) return months;
    months.push(key);
    month++;
    if (month > 12) {
      month = 1;
      year++;
    }
  }
}

/** "Aug 2025" */
export function monthLabel(month: string): string {
  return `${monthNames[Number(month.slice(5, 7)) - 1] ?? ""} ${month.slice(0, 4)}`;
}

/**
 * The academic quarter (Aug–Oct, Nov–Jan, Feb–Apr, May–Jul) a date falls in, as the month
 * it starts: "2025-08", "2025-11", "2026-02", "2026-05". The committee reports by academic
 * year, so its quarters are the year's four. (The SQL in reportQueries.ts computes the same key.)
 */
export function quarterOf(date: string): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  // Months since August, 0 to 11; the quarter starts 0, 3, 6 or 9 months after August.
  const sinceAugust = (month + 4) % 12;
  const startIndex = year * 12 + (month - 1) - (sinceAugust % 3);
  return `${String(Math.floor(startIndex / 12))}-${pad((startIndex % 12) + 1)}`;
}

/** Every quarter the range touches, in order. */
export function quartersOf(range: DateRange): string[] {
  return [...new Set(monthsOf(range).map((month) => quarterOf(`${month}-01`)))];
}

/** "Q1 2025/26 (Aug–Oct 2025)", "Q2 2025/26 (Nov 2025–Jan 2026)". */
export function quarterLabel(quarter: string): string {
  const year = Number(quarter.slice(0, 4));
  const month = Number(quarter.slice(5, 7));
  const number = Math.floor(((month + 4) % 12) / 3) + 1;
  const academic = academicYearLabel(academicYearOf(quarter + "-01"));
  const lastIndex = year * 12 + (month - 1) + 2;
  const lastYear = Math.floor(lastIndex / 12);
  const first = monthNames[month - 1] ?? "";
  const last = monthNames[lastIndex % 12] ?? "";
  const months =
    lastYear === year ? `${first}–${last} ${String(year)}` : `${first} ${String(year)}–${last} ${String(lastYear)}`;
  return `Q${String(number)} ${academic} (${months})`;
}

const ukDateFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

/** Today's date in the UK. */
export function ukToday(now: Date = new Date()): string {
  return ukDateFormat.format(now);
}

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
