// From a page's form fields (strings, as a browser sends them) to answers, with the
// messages of questions.ts. One strict schema per step: unknown fields, repeated fields
// and wrong types are refused, and the page is shown again with what was typed.
import { z } from "zod";
import { fundingQuestionIds, questionSchemas, type QuestionId } from "../../domain/questions";
import { presentationOf } from "../../domain/questionCatalogue";
import { applicableSteps, steps, type Step } from "./steps";

type Raw = Record<string, unknown>;

const dateParts = ["day", "month", "year"] as const;
// A date box is checked as part of its date (composeDate), so that anything wrong with it,
// a repeated box included, is reported on the date question the error summary links to.
const dateBox = z.unknown().optional();

/** Day, month and year boxes as one YYYY-MM-DD string ("" when all are blank). */
export function composeDate(raw: Raw, id: string): string {
  const [day, month, year] = dateParts.map((part) => {
    const box = raw[`${id}-${part}`];
    return box === undefined ? "" : typeof box === "string" ? box.trim() : "not a date";
  });
  if (day === undefined || month === undefined || year === undefined) return "invalid";
  if (!day && !month && !year) return "";
  if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) return "invalid";
  return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}`;
}

function toList(value: unknown): unknown {
  if (value === undefined) return [];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === "string" ? item.trim() : item)).filter((item) => item !== "");
}

/** Whole pounds, forgiving of "£" and thousands separators as people type them. */
function toPounds(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const cleaned = value.replace(/[£,\s]/g, "");
  if (cleaned === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(cleaned) ? Number(cleaned) : value;
}

const nsiNone = "none";
function toSectors(value: unknown): unknown {
  const list = toList(value);
  if (!Array.isArray(list) || list.length === 0) return undefined;
  if (list.includes(nsiNone)) return list.length === 1 ? [] : "none-and-sectors";
  return list;
}

function fieldSchema(id: QuestionId): z.ZodType {
  const base: z.ZodType = questionSchemas[id];
  switch (id) {
    case "valueGbp":
      return z.preprocess(toPounds, base);
    case "otherCountries":
      return z.preprocess(toList, base);
    case "partnerNationalities":
    case "visitorNationalities":
      // Asked only where they apply, so at least one is needed; a blank list is a missed answer.
      return z.preprocess(
        toList,
        z
          .custom<unknown>((value) => !Array.isArray(value) || value.length > 0, "Select at least one nationality")
          .pipe(base),
      );
    case "nsiSectors":
      return z.preprocess(
        toSectors,
        z
          .custom<unknown>((value) => value !== undefined, "Select the sectors that apply, or none of these sectors")
          .refine((value) => value !== "none-and-sectors", "Select sectors, or none of these sectors, not both")
          .pipe(base),
      );
    case "conflictsOfInterestDetails":
      return z.preprocess(
        (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
        base.optional(),
      );
    default:
      return base;
  }
}

export interface StepForm {
  schema: z.ZodType<Raw>;
  /** The ids of form fields on the page, for the error summary's order. */
  fieldOrder: string[];
}

function buildStepForm(step: Step): StepForm {
  const shape: Record<string, z.ZodType> = {};
  const fieldOrder: string[] = [];
  const dates: string[] = [];
  for (const id of step.questions as QuestionId[]) {
    fieldOrder.push(id);
    if (presentationOf(id).kind === "date") {
      dates.push(id);
      for (const part of dateParts) shape[`${id}-${part}`] = dateBox;
    } else {
      shape[id] = fieldSchema(id);
    }
  }
  const schema = z
    .strictObject(shape)
    .superRefine((values, context) => {
      for (const id of dates) {
        const result = questionSchemas[id as "startDate" | "endDate"].safeParse(composeDate(values, id));
        if (!result.success)
          context.addIssue({
            code: "custom",
            path: [id],
            message: result.error.issues[0]?.message ?? "Enter a real date",
          });
      }
      if (dates.includes("startDate") && dates.includes("endDate")) {
        const start = composeDate(values, "startDate");
        const end = composeDate(values, "endDate");
        const valid = (date: string) => questionSchemas.startDate.safeParse(date).success;
        if (valid(start) && valid(end) && end < start) {
          context.addIssue({
            code: "custom",
            path: ["endDate"],
            message: "End date must be the same as or after the start date",
          });
        }
      }
      if (
        "conflictsOfInterestDetails" in shape &&
        values.conflictsOfInterest !== "no" &&
        values.conflictsOfInterest !== undefined &&
        values.conflictsOfInterestDetails === undefined
      ) {
        context.addIssue({
          code: "custom",
          path: ["conflictsOfInterestDetails"],
          message: "Give details of the conflicts of interest",
        });
      }
    })
    .transform((values) => {
      const answers: Raw = {};
      for (const [key, value] of Object.entries(values)) {
        if (!dateParts.some((part) => key.endsWith(`-${part}`)) && value !== undefined) answers[key] = value;
      }
      for (const id of dates) answers[id] = composeDate(values, id);
      return answers;
    });
  return { schema, fieldOrder };
}

export const stepForms: ReadonlyMap<string, StepForm> = new Map(steps.map((step) => [step.slug, buildStepForm(step)]));

/** Answers a save must drop: they no longer apply once these answers are given. */
export function answersToRemove(changes: Raw): string[] {
  const remove: string[] = [];
  if (changes.hasFunding === "no") remove.push(...fundingQuestionIds);
  if (changes.conflictsOfInterest === "no") remove.push("conflictsOfInterestDetails");
  if (!("partnerWebsite" in changes) && "partnerName" in changes) remove.push("partnerWebsite");
  return remove;
}

/** A step is complete when every question it asks has a valid saved answer. */
export function isStepComplete(step: Step, answers: Raw): boolean {
  return step.questions.every((id) => {
    if (id === "partnerWebsite") return true;
    if ((id === "partnerNationalities" || id === "visitorNationalities") && !Array.isArray(answers[id])) return false;
    if (id === "conflictsOfInterestDetails" && answers.conflictsOfInterest === "no") return true;
    if (id === "otherCountries" && answers[id] === undefined) return false;
    return questionSchemas[id as QuestionId].safeParse(answers[id]).success;
  });
}

/** What the page's fields should hold, from saved answers (dates split into boxes). */
export function formValuesFromAnswers(step: Step, answers: Raw): Raw {
  const values: Raw = {};
  for (const id of step.questions) {
    const answer = answers[id];
    if (presentationOf(id).kind === "date" && typeof answer === "string") {
      const [year, month, day] = answer.split("-");
      values[`${id}-day`] = day ? String(Number(day)) : "";
      values[`${id}-month`] = month ? String(Number(month)) : "";
      values[`${id}-year`] = year ?? "";
    } else if (id === "nsiSectors" && Array.isArray(answer) && answer.length === 0) {
      values[id] = [nsiNone];
    } else if (answer !== undefined) {
      values[id] = answer;
    }
  }
  return values;
}

/** The first page that applies and is not finished, if any. */
export function firstIncompleteStep(answers: Record<string, unknown>): Step | undefined {
  return applicableSteps(answers).find((step) => !isStepComplete(step, answers));
}
