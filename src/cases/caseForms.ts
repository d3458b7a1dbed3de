// The forms of the case page's actions: one strict schema each.
import { z } from "zod";
import { routeNames, decisionOutcomes, reviewOutcomes } from "../domain/reviews";
import { verdicts } from "../screening/screeningService";

const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(1);

const text = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Must be ${max.toLocaleString("en-GB")} characters or fewer`);

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .default("");

export const caseForms = {
  assign: z.strictObject({ version, assignee: z.union([z.literal(""), z.uuid()], { error: "Select an officer" }) }),
  requestInformation: z.strictObject({ version, message: text("Enter what the proposer needs to tell you", 5_000) }),
  addRoute: z.strictObject({
    version,
    route: z.enum(routeNames, { error: "Select a route" }),
    reason: text("Enter why the route is added", 2_000),
  }),
  removeRoute: z.strictObject({
    version,
    route: z.enum(routeNames, { error: "Select a route" }),
    reason: text("Enter why the route is removed", 2_000),
  }),
  decide: z
    .strictObject({
      version,
      outcome: z.enum(decisionOutcomes, { error: "Select the decision" }),
      note: optionalText(5_000),
    })
    .refine((form) => form.outcome === "approved" || form.note.length > 0, {
      path: ["note"],
      message: "Enter the conditions or the reasons for the decision",
    }),
  addNote: z.strictObject({ body: text("Enter the note", 5_000) }),
  review: z
    .strictObject({
      version,
      outcome: z.enum(reviewOutcomes, { error: "Select the outcome of the review" }),
      note: optionalText(5_000),
    })
    .refine((form) => form.outcome === "cleared" || form.note.length > 0, {
      path: ["note"],
      message: "Enter the conditions or the reasons",
    }),
  /** An officer's (or due-diligence reviewer's) verdict on a possible sanctions match. */
  verdict: z
    .strictObject({
      verdict: z.enum(verdicts, { error: "Select a verdict" }),
      note: optionalText(2_000),
    })
    .refine((form) => form.verdict !== "not_a_match" || form.note.length > 0, {
      path: ["note"],
      message: "Say why it is not a match",
    }),
  screen: z.strictObject({}),
};

export type CaseFormName = keyof typeof caseForms;
