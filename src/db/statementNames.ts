// Named statements on PostgreSQL: node-postgres prepares a named statement once per
// connection, and after that sends only its parameters, so the server skips parsing and,
// once it finds the generic plan no worse, planning. The case page's one query of the case
// and every relation (lateral joins) is the one it pays off for: about a third more case
// pages a second on the 2-core machine, where the database shares the cores with the app
// (150 -> 205 and 114 -> 159 req/s, alternated); the queue's simpler statements gain nothing.
import type { SqlQuery } from "@prisma/driver-adapter-utils";

/**
 * The names for PrismaPg's statementNameGenerator: one per distinct SQL text, shared by the
 * pool's connections ("" leaves a statement unnamed, as before).
 * - Only statements with parameters are named: they already go by the extended protocol,
 *   whereas a named one without them could not carry several commands (`SET …; SET …`).
 * - At most `limit` texts are named: each connection keeps each statement it prepared for as
 *   long as it lives, and texts built from lists (`IN ($1, $2, …)`) vary with the length.
 */
export function statementNames(limit = 500): (query: SqlQuery) => string {
  const names = new Map<string, string>();
  return (query) => {
    if (query.args.length === 0) return "";
    let name = names.get(query.sql);
    if (name === undefined) {
      if (names.size >= limit) return "";
      name = `spo_${String(names.size + 1)}`;
      names.set(query.sql, name);
    }
    return name;
  };
}
