// Calendar periods the reports count in: the academic year (1 August to 31 July), months
// and calendar quarters. Dates are calendar dates in the UK (YYYY-MM-DD): the database turns
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

/** "2025-Q3": calendar quarters (Jan–Mar is Q1). */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${String(Math.ceil(Number(date.slice(5, 7)) / 3))}`;
}

/** Every quarter the range touches, in order. */
export function quartersOf(range: DateRange): string[] {
  return [...new Set(monthsOf(range).map((month) => quarterOf(`${month}-01`)))];
}

/** "Jul–Sep 2025" */
export function quarterLabel(quarter: string): string {
  const first = (Number(quarter.slice(6)) - 1) * 3;
  return `${monthNames[first] ?? ""}–${monthNames[first + 2] ?? ""} ${quarter.slice(0, 4)}`;
}

/** Today's date in the UK. */
export function ukToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(now);
}

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}
