// zod issues turned into the GOV.UK error pattern: one message per field, in form order,
// each linking to its field from the error summary.
import type { z } from "zod";

export interface FieldError {
  field: string;
  text: string;
  href: string;
}

export interface FormErrors {
  list: FieldError[];
  byField: Record<string, string>;
}

/** Keeps the first message for a field: the one nearest the field's own problem. */
export function firstMessage(byField: Record<string, string>, field: string, message: string): void {
  if (!(field in byField)) byField[field] = message;
}

export function formErrors(error: z.ZodError, fieldOrder: readonly string[] = []): FormErrors {
  const byField: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "form";
    if (issue.code === "unrecognized_keys") {
      firstMessage(byField, "form", "The form contained fields it does not ask for. Check your answers and try again.");
      continue;
    }
    firstMessage(byField, field, issue.message);
  }
  return fromMessages(byField, fieldOrder);
}

export function fromMessages(byField: Record<string, string>, fieldOrder: readonly string[] = []): FormErrors {
  const rank = (field: string) => {
    const index = fieldOrder.indexOf(field);
    return index === -1 ? fieldOrder.length : index;
  };
  const fields = Object.keys(byField).sort((a, b) => rank(a) - rank(b));
  return {
    byField,
    list: fields.map((field) => ({ field, text: byField[field] ?? "", href: `#${field}` })),
  };
}

export const noErrors: FormErrors = { list: [], byField: {} };
