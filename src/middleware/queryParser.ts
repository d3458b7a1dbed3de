import { parse } from "node:querystring";
import { withoutNul } from "../routing/unstorableText";

/**
 * Express's simple query parser (node:querystring), with NUL characters dropped from
 * names and values: a query only filters or searches, so dropping a character nobody
 * types loses nothing, and it keeps a database error (PostgreSQL text cannot hold NUL)
 * out of every search box at once.
 */
export function parseQuery(query: string): Record<string, string | string[]> {
  const parsed: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of Object.entries(parse(query))) {
    if (value === undefined) continue;
    parsed[withoutNul(name)] = Array.isArray(value) ? value.map(withoutNul) : withoutNul(value);
  }
  return parsed;
}
