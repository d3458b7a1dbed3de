// Candidates for one screened name, from the database: listed names in the same script
// group whose match key (distinctive words only, see normaliseName) is trigram-similar to
// the query's (pg_trgm `%`, order-blind, through the GIN index), at a generous threshold:
// the scorer decides. Only entries of the given list versions are searched.
//
// The planner prices trigram comparisons far below their cost and picks a full scan of
// the names (or of another index), ten times slower than the trigram index: plain scans
// are turned off for this one query, leaving the bitmap scan of the trigram index.
import type { PrismaClient } from "../generated/prisma/client";
import type { PreparedQuery, ListedName } from "./scorer";

export interface CandidateName extends ListedName {
  id: string;
  entryId: string;
  versionId: string;
}

interface Row {
  id: string;
  entry_id: string;
  version_id: string;
  name: string;
  name_type: string;
  alias_strength: string | null;
  script: string;
  script_group: string;
  normalised: string;
  match_key: string;
}

/** More than this many similar names means a very common name: the most alike are kept. */
const candidateLimit = 400;

export async function findCandidates(
  prisma: PrismaClient,
  query: PreparedQuery,
  versionIds: readonly string[],
  options: { onlyChanged?: boolean } = {},
): Promise<CandidateName[]> {
  const key = query.form.key;
  if (!key || versionIds.length === 0) return [];
  const onlyChanged = options.onlyChanged ?? false;
  const [, , , rows] = await prisma.$transaction([
    prisma.$executeRaw`SET LOCAL enable_seqscan = off`,
    prisma.$executeRaw`SET LOCAL enable_indexscan = off`,
    // 0.3 by default: short distinctive keys spelt differently ("nour", "noor") share few trigrams.
    prisma.$executeRaw`SET LOCAL pg_trgm.similarity_threshold = 0.2`,
    prisma.$queryRaw<Row[]>`
    SELECT n.id, n.entry_id, ve.version_id, n.name, n.name_type, n.alias_strength, n.script,
           n.script_group, n.normalised, n.match_key
    FROM screening_name n
    JOIN screening_version_entry ve ON ve.entry_id = n.entry_id
    WHERE ve.version_id = ANY(${[...versionIds]}::uuid[])
      AND (${!onlyChanged} OR ve.change <> 'unchanged')
      AND n.script_group = ${query.form.group}
      AND n.match_key % ${key}
    ORDER BY similarity(n.match_key, ${key}) DESC
    LIMIT ${candidateLimit}`,
  ]);
  return rows.map((row) => ({
    id: row.id,
    entryId: row.entry_id,
    versionId: row.version_id,
    name: row.name,
    nameType: row.name_type as CandidateName["nameType"],
    aliasStrength: row.alias_strength as CandidateName["aliasStrength"],
    script: row.script as CandidateName["script"],
    scriptGroup: row.script_group as CandidateName["scriptGroup"],
    normalised: row.normalised,
    matchKey: row.match_key,
  }));
}
