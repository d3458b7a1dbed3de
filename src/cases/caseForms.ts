// The forms of the case page's actions: one strict schema each.
import { z } from "zod";
import { routeNames, decisionOutcomes, reviewOutcomes } from "../domain/reviews";
import { verdicts } from "../screening/screeningService";
import { committeeOutcomes } from "../domain/committee";

const londonDay = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" });

const meetingDateBoxes = (
  form: Partial<Record<"meetingDate-day" | "meetingDate-month" | "meetingDate-year", string>>,
) => ({
  "meetingDate-day": form["meetingDate-day"],
  "meetingDate-month": form["meetingDate-month"],
  "meetingDate-year": form["meetingDate-year"],
});

/** A meeting's date from the day, month and year boxes: a real date, not in the future. */
const meetingDate = z
  .strictObject({
    "meetingDate-day": z.string().trim().optional().default(""),
    "meetingDate-month": z.string().trim().optional().default(""),
    "meetingDate-year": z.string().trim().optional().default(""),
  })
  .transform((boxes, context) => {
    const [day, month, year] = [boxes["meetingDate-day"], boxes["meetingDate-month"], boxes["meetingDate-year"]];
    const fail = (message: string) => {
      context.addIssue({ code: "custom", path: ["meetingDate-day"], message });
      return z.NEVER;
    };
    if (!day && !month && !year) return fail("Enter the date of the meeting");
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year))
      return fail("The date of the meeting must be a real date, for example 27 3 2026");
    const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
    if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1)
      return fail("The date of the meeting must be a real date, for example 27 3 2026");
    if (Number(year) < 2000) return fail("The date of the meeting must be in 2000 or later");
    if (date.toISOString().slice(0, 10) > londonDay.format(new Date()))
      return fail("The date of the meeting must be today or in the past");
    return date;
  });

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

const decisionFields = z.strictObject({
  version,
  outcome: z.enum(decisionOutcomes, { error: "Select the decision" }),
  note: optionalText(5_000),
});
const needsNote = {
  path: ["note"],
  message: "Enter the conditions or the reasons for the decision",
};
const noteGiven = (form: { outcome: string; note: string }) => form.outcome === "approved" || form.note.length > 0;

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
  /** The decision as typed: the check page shows it before anything is recorded. */
  decide: decisionFields.refine(noteGiven, needsNote),
  /** The decision confirmed on the check page: every field is checked again (they came back hidden). */
  decideConfirmed: decisionFields
    .extend({ confirm: z.literal("yes", { error: "Check the decision before you record it" }) })
    .refine(noteGiven, needsNote),
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
  /** The committee secretary's record of the meeting that considered the case. */
  committee: z
    .strictObject({
      "meetingDate-day": z.string().optional(),
      "meetingDate-month": z.string().optional(),
      "meetingDate-year": z.string().optional(),
      minuteReference: z
        .string({ error: "Enter the minute reference" })
        .trim()
        .min(1, "Enter the minute reference")
        .max(100, "The minute reference must be 100 characters or fewer"),
      outcome: z.enum(committeeOutcomes, { error: "Select the committee's outcome" }),
      conditions: optionalText(5_000),
    })
    // Every field's error at once (GOV.UK error summaries list them all): the date and the
    // conditions are checked even when another field already failed.
    .superRefine(
      (form, context) => {
        const date = meetingDate.safeParse(meetingDateBoxes(form));
        if (!date.success)
          for (const issue of date.error.issues)
            context.addIssue({ code: "custom", path: issue.path, message: issue.message });
        if (form.outcome === "approved_with_conditions" && !form.conditions)
          context.addIssue({ code: "custom", path: ["conditions"], message: "Enter the committee's conditions" });
      },
      { when: (payload) => typeof payload.value === "object" && payload.value !== null },
    )
    .transform((form) => ({
      meetingDate: meetingDate.parse(meetingDateBoxes(form)),
      minuteReference: form.minuteReference,
      outcome: form.outcome,
      conditions: form.conditions,
    })),
};

/** Fields in the order the page shows them, where checks can report them out of order. */
export const caseFormFieldOrder: Partial<Record<CaseFormName, readonly string[]>> = {
  committee: ["meetingDate-day", "minuteReference", "outcome", "conditions"],
};

/** The case page's forms (the confirmed decision is the decide form again, from its check page). */
export type CaseFormName = Exclude<keyof typeof caseForms, "decideConfirmed">;
