// The queue's filters, read from the query string (GET: filtering changes nothing).
import { z } from "zod";
import { routeNames } from "../domain/reviews";
import { openStates, submittedStates, type CaseState } from "../domain/caseStates";

/** The queue's status filters, each a set of case states; drafts are never cases. */
export const statusFilters = {
  open: openStates,
  in_review: ["IN_REVIEW"],
  information_requested: ["INFORMATION_REQUESTED"],
  decided: ["DECIDED"],
  withdrawn: ["WITHDRAWN"],
  all: submittedStates,
} as const satisfies Record<string, readonly CaseState[]>;

export const statusFilterLabels: Record<keyof typeof statusFilters, string> = {
  open: "Open (in review or waiting for information)",
  in_review: "In review",
  information_requested: "Information requested",
  decided: "Decided",
  withdrawn: "Withdrawn",
  all: "All submitted",
};

const optionalText = (max: number) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : undefined),
    z.string().max(max).optional(),
  );

/** Unknown or malformed values fall back to "no filter" rather than failing the page. */
export const queueFiltersSchema = z.object({
  status: z.enum(Object.keys(statusFilters) as [keyof typeof statusFilters]).catch("open"),
  route: z.enum(routeNames).optional().catch(undefined),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional()
    .catch(undefined),
  department: z
    .string()
    .regex(/^[A-Z0-9_-]{1,20}$/)
    .optional()
    .catch(undefined),
  assignee: z
    .union([z.literal("me"), z.literal("unassigned"), z.uuid()])
    .optional()
    .catch(undefined),
  risk: z.enum(["high", "medium", "low"]).optional().catch(undefined),
  q: optionalText(200).catch(undefined),
  sort: z.enum(["oldest", "newest"]).catch("oldest"),
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});

export type QueueFilters = z.output<typeof queueFiltersSchema>;

export function parseQueueFilters(query: unknown): QueueFilters {
  const plain = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      Array.isArray(value) ? value[0] : value,
    ]),
  );
  return queueFiltersSchema.parse(plain);
}

/** The query string for these filters, without the page cursor (for links and the export). */
export function filterQuery(filters: QueueFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["status", "route", "country", "department", "assignee", "risk", "q", "sort"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
