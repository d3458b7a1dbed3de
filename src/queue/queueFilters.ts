// The queue's filters, read from the query string (GET: filtering changes nothing).
import { z } from "zod";
import { routeNames } from "../domain/reviews";
import { riskLevels } from "../domain/risk";
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

/** The queue's sortable columns; each sorts on the server (the queue is paginated). */
export const queueSortKeys = ["age", "submitted", "reference", "partner", "department"] as const;
export type QueueSortKey = (typeof queueSortKeys)[number];

export const queueSortLabels: Record<QueueSortKey, string> = {
  age: "Age",
  submitted: "Submitted",
  reference: "Reference",
  partner: "Partner",
  department: "Department",
};

/** Each column's first order: the oldest case first by age, A to Z otherwise. */
const defaultOrder: Record<QueueSortKey, "ascending" | "descending"> = {
  age: "descending",
  submitted: "ascending",
  reference: "ascending",
  partner: "ascending",
  department: "ascending",
};

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
  risk: z.enum(riskLevels).optional().catch(undefined),
  q: optionalText(200).catch(undefined),
  sort: z.enum(queueSortKeys).catch("age"),
  order: z.enum(["ascending", "descending"]).optional().catch(undefined),
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
});

export type QueueFilters = Omit<z.output<typeof queueFiltersSchema>, "order"> & {
  order: "ascending" | "descending";
};

export function parseQueueFilters(query: unknown): QueueFilters {
  const plain: Record<string, unknown> = Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      Array.isArray(value) ? value[0] : value,
    ]),
  );
  // The queue's first sort options, still in bookmarks: oldest or newest submission first.
  if (plain.sort === "oldest" || plain.sort === "newest") {
    plain.order = plain.sort === "oldest" ? "ascending" : "descending";
    plain.sort = "submitted";
  }
  const parsed = queueFiltersSchema.parse(plain);
  return { ...parsed, order: parsed.order ?? defaultOrder[parsed.sort] };
}

/** The order a column's heading link asks for: the other way if it is the current sort. */
export function nextOrder(filters: QueueFilters, key: QueueSortKey): "ascending" | "descending" {
  if (filters.sort !== key) return defaultOrder[key];
  return filters.order === "ascending" ? "descending" : "ascending";
}

/** The query string for these filters, without the page cursor (for links and the export). */
export function filterQuery(filters: QueueFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["status", "route", "country", "department", "assignee", "risk", "q", "sort", "order"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}
