// HTML that is safe to write as it is, and the escaping of everything else. Component
// functions build their markup from escaped text and return SafeHtml; templates print it
// with `<%= %>`, whose escape function (src/views/engine.ts) writes SafeHtml unchanged and
// escapes every other value. Only this folder makes SafeHtml from strings.

export class SafeHtml {
  constructor(readonly html: string) {}
  toString(): string {
    return this.html;
  }
}

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
const special = /[&<>"']/g;
// Separate from `special`: test() on a /g expression moves its lastIndex, and the next
// string's test would start part-way in and could miss a character to escape.
const hasSpecial = /[&<>"']/;

/** The text of any value (null and undefined are empty), escaped for HTML text and attribute values. */
export function escapeHtml(value: unknown): string {
  if (value === undefined || value === null) return "";
  // As EJS prints any value: through String() (the CSRF token is an object with toString()).
  // eslint-disable-next-line @typescript-eslint/no-base-to-string
  const text = typeof value === "string" ? value : String(value);
  return hasSpecial.test(text) ? text.replace(special, (char) => escapes[char] ?? char) : text;
}

/** SafeHtml as it is; anything else escaped. EJS's escape function (src/views/engine.ts). */
export function escapeOrSafe(value: unknown): string {
  return value instanceof SafeHtml ? value.html : escapeHtml(value);
}

/** Marks markup built in this folder as safe. Never call it with text from elsewhere. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** Class names, leaving out the empty ones. */
export function classNames(...names: unknown[]): string {
  let out = "";
  for (const name of names) {
    if (!name) continue;
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- as the partials' join(' ') does
    const text = typeof name === "string" ? name : String(name);
    out = out ? `${out} ${text}` : text;
  }
  return out;
}

export type AttributeValue = string | number | boolean | null | undefined;
export type Attributes = Record<string, AttributeValue | { value: AttributeValue; optional?: boolean }>;

const attributeName = /^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/;
const allowedNames = new Set<string>();

/**
 * ` name="value"` pairs as govuk-frontend's govukAttributes macro writes them: values
 * escaped; an optional attribute is left out when empty and written bare when true. Event
 * handlers and style are refused (strict CSP), as are names that are not names.
 */
export function attributes(attrs: unknown): string {
  if (attrs === null || typeof attrs !== "object") return "";
  let out = "";
  for (const [name, item] of Object.entries(attrs as Attributes)) {
    if (!allowedNames.has(name)) {
      if (!attributeName.test(name) || /^on/i.test(name) || /^style$/i.test(name)) {
        throw new Error(`Attribute not allowed in a component: ${name}`);
      }
      // Names come from the templates, not from people: a few dozen, each checked once.
      allowedNames.add(name);
    }
    const { value, optional } = item !== null && typeof item === "object" ? item : { value: item, optional: false };
    if (optional === true && value === true) out += ` ${name}`;
    else if (optional !== true || (value !== undefined && value !== null && value !== false))
      out += ` ${name}="${escapeHtml(value)}"`;
  }
  return out;
}
