// The checklist form. Its fields depend on the checklist in force (`item-<id>` and
// `comment-<id>` per item), so it is read in two steps: the route's strict schema admits
// only the form's field names and single text values (anything else: 400, form re-shown);
// then `readChecklist` checks the answers against the checklist's items, every item
// answered, a comment wherever the answer is not yes, and a comment for a return or decline.
import { z } from "zod";
import { firstMessage, fromMessages, type FormErrors } from "../routing/formErrors";
import type { ChecklistItem } from "./checklists";
import { answers, decisions, type Answer, type SignOffDecision, type SignOffSubmission } from "./signOffService";

export const limits = { itemComment: 2000, comment: 5000, field: 10_000 } as const;

const fixedFields = new Set(["version", "checklistVersion", "decision", "comment"]);
const itemField = /^(?:item|comment)-[a-z]+(?:-[a-z]+)*$/;

export function isChecklistField(name: string): boolean {
  return fixedFields.has(name) || (name.length <= 80 && itemField.test(name));
}

export const unknownFieldsMessage = "The form contained fields it does not ask for. Check your answers and try again.";
const staleFormMessage = "The form was incomplete or out of date. Reload the page and try again.";

/** The route's schema: only this form's field names, each sent once as text. */
export const checklistBody = z
  .custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null)
  .superRefine((value, ctx) => {
    if (Object.keys(value).some((name) => !isChecklistField(name)))
      ctx.addIssue({ code: "custom", path: ["form"], message: unknownFieldsMessage });
  })
  .pipe(
    z.record(
      z.string(),
      z.string({ error: "Give one answer to each question" }).max(limits.field, "Enter no more than 10,000 characters"),
    ),
  );

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
const wholeNumber = (value: unknown) =>
  typeof value === "string" && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;

/** Field order on the page, so the error summary lists problems in the order people meet them. */
export function fieldOrder(items: readonly ChecklistItem[]): string[] {
  return ["form", ...items.flatMap((item) => [`item-${item.id}`, `comment-${item.id}`]), "decision", "comment"];
}

/** The GOV.UK error pattern: the summary links to each field (radios: the first radio). */
export function checklistErrors(byField: Record<string, string>, items: readonly ChecklistItem[]): FormErrors {
  const errors = fromMessages(byField, fieldOrder(items));
  return {
    ...errors,
    list: errors.list.map((error) => ({ ...error, href: error.field === "form" ? "#checklist" : `#${error.field}` })),
  };
}

export function readChecklist(
  items: readonly ChecklistItem[],
  raw: Record<string, unknown>,
): { ok: true; value: SignOffSubmission } | { ok: false; errors: FormErrors } {
  const byField: Record<string, string> = {};
  const known = new Set([
    "version",
    "checklistVersion",
    "decision",
    "comment",
    ...items.flatMap((item) => [`item-${item.id}`, `comment-${item.id}`]),
  ]);
  if (Object.keys(raw).some((name) => !known.has(name))) byField.form = unknownFieldsMessage;
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== "string") firstMessage(byField, name, "Give one answer to each question");
  }
  const version = wholeNumber(raw.version);
  const checklistVersion = wholeNumber(raw.checklistVersion);
  if (version === null || checklistVersion === null) firstMessage(byField, "form", staleFormMessage);

  const given: SignOffSubmission["answers"] = {};
  items.forEach((item, index) => {
    const number = index + 1;
    const answer = raw[`item-${item.id}`];
    const comment = text(raw[`comment-${item.id}`]);
    if (!(answers as readonly unknown[]).includes(answer)) {
      firstMessage(byField, `item-${item.id}`, `Select yes, no or not applicable for item ${number}`);
    } else if (answer !== "yes" && comment === "") {
      firstMessage(
        byField,
        `comment-${item.id}`,
        `Enter a comment on item ${number}: a comment is needed when the answer is not yes`,
      );
    }
    if (comment.length > limits.itemComment)
      firstMessage(
        byField,
        `comment-${item.id}`,
        `The comment on item ${number} must be ${limits.itemComment.toLocaleString("en-GB")} characters or fewer`,
      );
    given[item.id] = { answer: answer as Answer, comment };
  });

  const decision = raw.decision;
  const comment = text(raw.comment);
  if (!(decisions as readonly unknown[]).includes(decision)) {
    firstMessage(byField, "decision", "Select whether to approve, return or decline the proposal");
  } else if (decision === "return" && comment === "") {
    firstMessage(
      byField,
      "comment",
      "Enter your comments for the proposer: they say what to change before resubmitting",
    );
  } else if (decision === "decline" && comment === "") {
    firstMessage(byField, "comment", "Enter your reasons for declining the proposal");
  }
  if (comment.length > limits.comment)
    firstMessage(
      byField,
      "comment",
      `Your comments must be ${limits.comment.toLocaleString("en-GB")} characters or fewer`,
    );

  if (Object.keys(byField).length > 0 || version === null || checklistVersion === null)
    return { ok: false, errors: checklistErrors(byField, items) };
  return {
    ok: true,
    value: {
      version,
      checklistVersion,
      answers: given,
      decision: decision as SignOffDecision,
      comment,
    },
  };
}
