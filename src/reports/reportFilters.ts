// The reports' filters, read from the query string so that a view can be bookmarked and
// shared. A value that is not understood is dropped (and said so), never an error page.
import { z } from "zod";
import { isRouteName } from "../domain/reviews";
import { isCountryCode } from "../domain/countries";
import type { ReportFilters } from "./figures";
import { academicYearOf, isCalendarDate, type DateRange } from "./periods";

export interface ParsedReportFilters {
  filters: ReportFilters;
  /** Field id → what was wrong, for the error summary. */
  errors: Record<string, string>;
  /** As typed, to put back in the form. */
  values: { from: string; to: string; school: string; department: string; route: string; country: string };
}

const code = z.string().regex(/^[A-Z0-9_-]{1,20}$/);
const first = (value: unknown) => (Array.isArray(value) ? (value[0] as unknown) : value);
const text = (value: unknown) => {
  const item = first(value);
  return typeof item === "string" ? item.trim() : "";
};

/** The longest range the dashboard draws month by month (five academic years). */
const maxDays = 5 * 366;

export function parseReportFilters(query: unknown, today: string): ParsedReportFilters {
  const raw = (query ?? {}) as Record<string, unknown>;
  const values = {
    from: text(raw.from),
    to: text(raw.to),
    school: text(raw.school),
    department: text(raw.department),
    route: text(raw.route),
    country: text(raw.country),
  };
  const errors: Record<string, string> = {};
  const year = academicYearOf(today);
  const from = values.from === "" ? year.from : isCalendarDate(values.from) ? values.from : undefined;
  const to = values.to === "" ? year.to : isCalendarDate(values.to) ? values.to : undefined;
  if (from === undefined) errors.from = "Enter the start date as a real date, for example 2025-08-01";
  if (to === undefined) errors.to = "Enter the end date as a real date, for example 2026-07-31";
  let range: DateRange = year;
  if (from !== undefined && to !== undefined) {
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0) errors.to = "The end date must be the same as or after the start date";
    else if (days > maxDays) errors.to = "Choose a range of five years or less";
    else range = { from, to };
  }
  const filters: ReportFilters = { range };
  if (values.school) {
    if (code.safeParse(values.school).success) filters.school = values.school;
    else errors.school = "Choose a school from the list";
  }
  if (values.department) {
    if (code.safeParse(values.department).success) filters.department = values.department;
    else errors.department = "Choose a department from the list";
  }
  if (values.route) {
    if (isRouteName(values.route)) filters.route = values.route;
    else errors.route = "Choose a review route from the list";
  }
  if (values.country) {
    if (isCountryCode(values.country)) filters.country = values.country;
    else errors.country = "Choose a country from the list";
  }
  return { filters, errors, values };
}

/** The query string that carries these filters (the range always, so a bookmark keeps its dates). */
export function reportQuery(filters: ReportFilters): string {
  const params = new URLSearchParams({ from: filters.range.from, to: filters.range.to });
  if (filters.school) params.set("school", filters.school);
  if (filters.department) params.set("department", filters.department);
  if (filters.route) params.set("route", filters.route);
  if (filters.country) params.set("country", filters.country);
  return params.toString();
}
