// A NUL character (U+0000) cannot be stored in PostgreSQL text or jsonb: a form answer
// holding one would fail its query with a database error. No one types it on purpose, so
// it is taken out of what the person sent, and the form is shown again with the answer
// kept (without it) and a message beside the field, so nothing is saved changed unseen.
import { fromMessages, type FormErrors } from "./formErrors";

/** A form as parsed: its value, or what is wrong with it; with what was sent either way. */
type FormInput<T> =
  | { ok: true; value: T; raw: Record<string, unknown> }
  | { ok: false; errors: FormErrors; raw: Record<string, unknown> };

const nul = "\u0000";

export const unstorableMessage =
  "This contained a character that cannot be saved (a null character). It has been removed: check the answer and save again.";

export function withoutNul(value: string): string {
  return value.includes(nul) ? value.replaceAll(nul, "") : value;
}

function cleaned(value: unknown): unknown {
  if (typeof value === "string") return withoutNul(value);
  if (Array.isArray(value)) return value.map(cleaned);
  return value;
}

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes(nul);
  return Array.isArray(value) && value.some(holdsNul);
}

/** The input as is, or refused with the NUL taken out of each field that held one. */
export function refuseUnstorableText<T>(input: FormInput<T>): FormInput<T> {
  const fields = Object.keys(input.raw).filter((name) => name.includes(nul) || holdsNul(input.raw[name]));
  if (fields.length === 0) return input;
  const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, value] of Object.entries(input.raw)) raw[withoutNul(name)] = cleaned(value);
  const byField: Record<string, string> = input.ok ? {} : { ...input.errors.byField };
  for (const name of fields) byField[withoutNul(name)] = unstorableMessage;
  return { ok: false, errors: fromMessages(byField), raw };
}
