// The reference data admin pages' forms: each a strict schema, with messages that say what
// to do. A form that fails comes back with what was typed.
import { z } from "zod";
import { isCountryCode } from "../domain/countries";
import { nsiSectorIds } from "../domain/questions";
import { countryRestrictionTypes } from "../rules/types";

/** A version as a page showed it: its number, and when it was last saved (src/reference/draftService.ts). */
export const revisionPattern = /^[1-9]\d{0,8}(?::\d{1,15})?$/;
const revision = z.string().regex(revisionPattern, "The form was out of date. Reload the page and try again.");
const version = z.string().regex(/^[1-9]\d{0,8}$/, "The form was out of date. Reload the page and try again.");
const country = z
  .string({ error: "Select a country" })
  .trim()
  .min(1, "Select a country")
  .refine(isCountryCode, "Select a country from the list");
/** An entry as the page showed it (its JSON): what a remove or an edit acts on. */
const entry = z.string().min(1).max(5_000);

export const countryForm = z.strictObject({ country });
export const countryRemoveForm = z.strictObject({ country });

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} must be ${max} characters or fewer`);

export const restrictionForm = z
  .strictObject({
    country,
    type: z.enum(countryRestrictionTypes, { error: "Select the type of restriction" }),
    scope: z.enum(["full", "partial", "none"], { error: "Select the scope" }),
    name: text("name of the restriction", 300),
    source: text("source", 300),
    asOf: z
      .string({ error: "Enter the date it was checked" })
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date it was checked as YYYY-MM-DD, for example 2025-06-01")
      .refine(
        (value) =>
          !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
          new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
        "Enter a real date, for example 2025-06-01",
      ),
    entry: entry.optional(),
  })
  .superRefine((form, context) => {
    if (form.type === "arms_embargo" && form.scope === "none")
      context.addIssue({
        code: "custom",
        path: ["scope"],
        message: "Select whether the arms embargo is full or partial",
      });
    if (form.type !== "arms_embargo" && form.scope !== "none")
      context.addIssue({
        code: "custom",
        path: ["scope"],
        message: "Only an arms embargo is full or partial: select “Not an arms embargo”",
      });
  });
export type RestrictionForm = z.output<typeof restrictionForm>;
export const restrictionRemoveForm = z.strictObject({ entry });

export const sectorForm = z.strictObject({
  id: z.enum(nsiSectorIds, { error: "Select a sector the proposal form asks about" }),
  label: text("label", 200),
});
export const sectorRemoveForm = z.strictObject({ id: z.string().min(1).max(100) });

const pounds = (what: string) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .transform((value) => value.replace(/^£/, "").replace(/,/g, ""))
    .pipe(z.string().regex(/^\d{1,12}$/, `Enter the ${what} as a whole number of pounds, for example 1,000,000`))
    .transform(Number);

export const settingsForm = z.strictObject({
  version: revision,
  acbelaThresholdGbp: pounds("committee referral threshold"),
  schoolThresholdGbp: pounds("head of school sign-off threshold"),
  committeeName: text("committee's name", 100),
  committeeFormerName: z.string().trim().max(100, "The former name must be 100 characters or fewer"),
  queueOverdueDays: z
    .string()
    .trim()
    .regex(/^(\d{1,3})?$/, "Enter the overdue age as a whole number of days, for example 10, or leave it empty")
    .transform((value) => (value === "" ? null : Number(value)))
    .refine((value) => value === null || (value >= 1 && value <= 365), "Enter a number of days from 1 to 365"),
});

export const publishForm = z.strictObject({
  version,
  reason: z
    .string({ error: "Enter why you are publishing these changes" })
    .trim()
    .min(1, "Enter why you are publishing these changes")
    .max(2_000, "The reason must be 2,000 characters or fewer"),
});
export const discardForm = z.strictObject({ version });
