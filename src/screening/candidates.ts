// Candidates for one screened name: listed names in the same script group whose match key
// (distinctive words only, see normaliseName) is trigram-similar to the query's, at a
// generous threshold (0.2): the scorer decides. Only entries of the given list versions
// are searched.
//
// Two ways, the same candidates: `candidateFinder` keeps each list version's names in an
// in-memory trigram index (trigramIndex.ts), built from the database on first use and kept
// while the version is in use (a version's contents never change, so it is never stale);
// a version with more names than `maxCompiledNames` (a licensed OpenSanctions file) is
// searched in the database instead, by `findCandidates` (pg_trgm `%` through the GIN index).
//
// In the database, the planner prices trigram comparisons far below their cost and picks a full scan of
// the names (or of another index), ten times slower than the trigram index: plain scans
// are turned off for this one query, leaving the bitmap scan of the trigram index.
import type { PrismaClient } from "../generated/prisma/client";
import type { EntityType, PreparedQuery, ListedName } from "./scorer";
import { buildTrigramIndex, type TrigramIndex } from "./trigramIndex";

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
/** pg_trgm's default is 0.3: short distinctive keys spelt differently ("nour", "noor") share few trigrams. */
const similarityThreshold = 0.2;

/** A candidate with what the scorer needs of its entry. */
export interface Candidate extends CandidateName {
  entry: { type: EntityType; countries: string[] };
}

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
    // similarityThreshold (SET takes no parameters).
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
  return rows.map((row) => candidateName(row, row.version_id));
}

/** A stored name as the matcher reads it. */
function candidateName(row: Omit<Row, "version_id">, versionId: string): CandidateName {
  return {
    id: row.id,
    entryId: row.entry_id,
    versionId,
    name: row.name,
    nameType: row.name_type as CandidateName["nameType"],
    aliasStrength: row.alias_strength as CandidateName["aliasStrength"],
    script: row.script as CandidateName["script"],
    scriptGroup: row.script_group as CandidateName["scriptGroup"],
    normalised: row.normalised,
    matchKey: row.match_key,
  };
}

/** A name as the in-memory index holds it: a Row without its version, with its entry's facts. */
interface CompiledRow extends Omit<Row, "version_id"> {
  change: string;
  type: string;
  countries: string[];
}

/** One list version's names, searchable in memory. */
interface CompiledVersion {
  names: (Candidate & { changed: boolean })[];
  index: TrigramIndex;
}

export interface CandidateFinderOptions {
  /** Versions with more names than this are searched in the database rather than held in memory. */
  maxCompiledNames: number;
}

export function candidateFinder(prisma: PrismaClient, options: CandidateFinderOptions) {
  const compiled = new Map<string, Promise<CompiledVersion | null>>();

  async function compile(versionId: string): Promise<CompiledVersion | null> {
    const [{ count } = { count: 0 }] = await prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM screening_name n
      JOIN screening_version_entry ve ON ve.entry_id = n.entry_id
      WHERE ve.version_id = ${versionId}::uuid`;
    if (count > options.maxCompiledNames) return null;
    const rows = await prisma.$queryRaw<CompiledRow[]>`
      SELECT n.id, n.entry_id, n.name, n.name_type, n.alias_strength, n.script, n.script_group,
             n.normalised, n.match_key, ve.change, e.type, e.countries
      FROM screening_version_entry ve
      JOIN screening_entry e ON e.id = ve.entry_id
      JOIN screening_name n ON n.entry_id = ve.entry_id
      WHERE ve.version_id = ${versionId}::uuid
      ORDER BY n.id`;
    const names = rows.map((row) => ({
      ...candidateName(row, versionId),
      changed: row.change !== "unchanged",
      entry: { type: row.type as EntityType, countries: row.countries },
    }));
    return { names, index: buildTrigramIndex(names.map((name) => ({ group: name.scriptGroup, key: name.matchKey }))) };
  }

  function compiledVersion(versionId: string): Promise<CompiledVersion | null> {
    let found = compiled.get(versionId);
    if (!found) {
      found = compile(versionId);
      compiled.set(versionId, found);
      // A failed load is tried again next time rather than remembered.
      found.catch(() => compiled.delete(versionId));
    }
    return found;
  }

  async function fromDatabase(query: PreparedQuery, versionId: string, onlyChanged: boolean): Promise<Candidate[]> {
    const names = await findCandidates(prisma, query, [versionId], { onlyChanged });
    if (names.length === 0) return [];
    const entries = new Map(
      (
        await prisma.screeningEntry.findMany({
          where: { id: { in: [...new Set(names.map((name) => name.entryId))] } },
          select: { id: true, type: true, countries: true },
        })
      ).map((entry) => [entry.id, { type: entry.type as EntityType, countries: entry.countries }]),
    );
    return names.flatMap((name) => {
      const entry = entries.get(name.entryId);
      return entry ? [{ ...name, entry }] : [];
    });
  }

  return {
    /** Candidates for a name in each of the given versions (only added and changed entries when asked). */
    async find(
      query: PreparedQuery,
      versionIds: readonly string[],
      findOptions: { onlyChanged?: boolean } = {},
    ): Promise<Candidate[]> {
      const key = query.form.key;
      if (!key) return [];
      const onlyChanged = findOptions.onlyChanged ?? false;
      const found: Candidate[] = [];
      for (const versionId of versionIds) {
        const version = await compiledVersion(versionId);
        if (!version) {
          found.push(...(await fromDatabase(query, versionId, onlyChanged)));
          continue;
        }
        const hits = version.index.search(query.form.group, key, {
          threshold: similarityThreshold,
          limit: candidateLimit,
          accept: onlyChanged ? (position) => version.names[position]?.changed === true : undefined,
        });
        for (const hit of hits) {
          const name = version.names[hit.position];
          if (name) found.push(name);
        }
      }
      return found;
    },

    /** Loads the versions now, so that the first screening does not wait (start-up, after an import). */
    async warm(versionIds: readonly string[]): Promise<void> {
      for (const versionId of versionIds) await compiledVersion(versionId);
    },

    /**
     * Frees versions no longer in use, oldest first, keeping two spare (a re-screening may
     * still be working through the version just replaced).
     */
    keepOnly(versionIds: readonly string[]): void {
      const keep = new Set(versionIds);
      for (const versionId of compiled.keys()) {
        if (compiled.size <= keep.size + 2) break;
        if (!keep.has(versionId)) compiled.delete(versionId);
      }
    },
  };
}

export type CandidateFinder = ReturnType<typeof candidateFinder>;
