// `npm run bench:screening`: how well and how fast names are screened.
//
// A UK Sanctions List CSV (the published shape) of 10,000 entries is generated: the
// labelled entries (scripts/bench-screening/labelled.ts) among invented background ones,
// with Cyrillic, Chinese and Arabic names. It is imported through the real importer into a
// fresh embedded database and a fresh PostgreSQL database. Then:
// - precision and recall at the flag threshold over the labelled query/entry pairs (hand-
//   written, plus typos, word order and legal-form changes generated from them); a flag on
//   any other entry is reported too, as "other flags";
// - the time to screen one name (candidates from the database, scoring, explanation):
//   p50/p95/p99 over every labelled query and as many background ones, after a warm-up.
// - then a new version with 20 changed entries over 10,000 cases (seed-bulk's realistic
//   submitted cases): 10 entries renamed to the partners of open cases, 10 with only their
//   statement of reasons changed. The import, then the background re-screening (run here
//   by the same worker the app runs): cases screened, time, new hits, messages to officers.
// Bounded: about a thousand screenings per database. BENCH_DATABASE_URL picks the server;
// `npm run bench:screening -- pglite` (or `postgres`) runs one database only;
// BENCH_RESCREEN_CASES sets the number of cases (0 skips that part).
import { loadConfig } from "../src/config";
import { openMigratedDatabase, type Database } from "../src/db/database";
import { listImportService } from "../src/screening/listImport";
import { screeningService } from "../src/screening/screeningService";
import { benchEntries } from "./bench-screening/labelled";
import { buildList, pairsFor, typo, type Pair } from "./bench-screening/list";
import { createBenchDatabase, runBenchmark } from "./bench-lib";
import { createServices } from "../src/services";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { seedBulkCases } from "./seed-bulk";

const TIMED_BACKGROUND_QUERIES = 300;
const RESCREEN_CASES = Number(process.env.BENCH_RESCREEN_CASES ?? 10_000);
const CHANGED_ENTRIES = 20;

// ---------------------------------------------------------------------------------------
// Running
// ---------------------------------------------------------------------------------------

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function benchOn(
  label: string,
  database: Database,
  csv: string,
  pairs: Pair[],
  background: { name: string; type: "person" | "organisation" }[],
) {
  const config = loadConfig({ NODE_ENV: "test" });
  const lists = listImportService(database.prisma, { openSanctionsLicensed: false });
  const screening = screeningService(database.prisma, lists, config.screening);

  const importStart = performance.now();
  const imported = await lists.importFile("uk-sanctions-list", { name: "bench.csv", bytes: Buffer.from(csv) }, null);
  const importMs = performance.now() - importStart;
  if (imported.version.status !== "accepted")
    throw new Error(`the benchmark list was held: ${imported.version.heldReason}`);
  console.log(
    `\n== ${label}: imported ${imported.version.entityCount} entries, ${imported.version.nameCount} names in ${(importMs / 1000).toFixed(1)} s`,
  );

  // The version's names into memory (what the app does at start-up and after an import).
  const warmStart = performance.now();
  await screening.warm();
  console.log(`loaded the version in use into memory in ${(performance.now() - warmStart).toFixed(0)} ms`);

  // Quality
  let tp = 0,
    fn = 0,
    fp = 0,
    tn = 0,
    otherFlags = 0;
  const byKind = new Map<string, { total: number; right: number }>();
  const misses: string[] = [];
  const positivesByQuery = new Map<string, Set<string>>();
  for (const pair of pairs)
    if (pair.match) positivesByQuery.set(pair.query, (positivesByQuery.get(pair.query) ?? new Set()).add(pair.entryId));
  const flaggedCache = new Map<string, { ids: Set<string>; scores: Map<string, number> }>();
  for (const pair of pairs) {
    const key = `${pair.type}|${pair.query}`;
    let result = flaggedCache.get(key);
    if (!result) {
      const { hits } = await screening.screenName({ name: pair.query, type: pair.type });
      result = {
        ids: new Set(hits.filter((hit) => hit.flagged).map((hit) => hit.externalId)),
        scores: new Map(hits.map((hit) => [hit.externalId, hit.score])),
      };
      flaggedCache.set(key, result);
      const expected = positivesByQuery.get(pair.query) ?? new Set();
      for (const id of result.ids)
        if (!expected.has(id) && !pairs.some((p) => p.query === pair.query && p.entryId === id)) otherFlags++;
    }
    const flagged = result.ids.has(pair.entryId);
    if (pair.match && flagged) tp++;
    else if (pair.match) fn++;
    else if (flagged) fp++;
    else tn++;
    const kind = `${pair.match ? "should flag" : "should not"}: ${pair.kind}`;
    const stat = byKind.get(kind) ?? { total: 0, right: 0 };
    stat.total++;
    if (flagged === pair.match) stat.right++;
    else
      misses.push(
        `${pair.match ? "missed" : "false flag"} ${pair.entryId} "${pair.query}" (${pair.kind}, score ${result.scores.get(pair.entryId) ?? "below show"})`,
      );
    byKind.set(kind, stat);
  }
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  console.log(
    `pairs ${pairs.length} (${pairs.filter((p) => p.match).length} should flag, ${pairs.filter((p) => !p.match).length} should not)`,
  );
  console.log(
    `precision ${precision.toFixed(3)}  recall ${recall.toFixed(3)}  (tp ${tp}, fn ${fn}, fp ${fp}, tn ${tn}); flags on other entries: ${otherFlags}`,
  );
  console.log(`precision counting other flags as false: ${(tp / (tp + fp + otherFlags)).toFixed(3)}`);
  for (const [kind, stat] of [...byKind].sort()) console.log(`  ${kind.padEnd(48)} ${stat.right}/${stat.total}`);
  for (const miss of misses) console.log(`  ${miss}`);

  // Speed
  const queries = [
    ...new Set(pairs.map((pair) => `${pair.type}|${pair.query}`)),
    ...background.slice(0, TIMED_BACKGROUND_QUERIES).map((item) => `${item.type}|${typo(item.name) ?? item.name}`),
  ];
  for (const query of queries.slice(0, 50)) {
    const [type, name] = query.split("|") as ["person" | "organisation", string];
    await screening.screenName({ name, type });
  }
  const timed: { query: string; ms: number; cpuMs: number }[] = [];
  for (const query of queries) {
    const [type, name] = query.split("|") as ["person" | "organisation", string];
    const cpu = process.cpuUsage();
    const start = performance.now();
    await screening.screenName({ name, type });
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    timed.push({ query, ms, cpuMs: (used.user + used.system) / 1000 });
  }
  const times = timed.map((item) => item.ms).sort((a, b) => a - b);
  const cpuTimes = timed.map((item) => item.cpuMs).sort((a, b) => a - b);
  console.log(
    `  CPU time of this process per screening: p50 ${percentile(cpuTimes, 50).toFixed(1)} ms, p95 ${percentile(cpuTimes, 95).toFixed(1)} ms`,
  );
  console.log(
    `  slowest: ${timed
      .toSorted((a, b) => b.ms - a.ms)
      .slice(0, 5)
      .map((item) => `"${item.query}" ${item.ms.toFixed(0)} ms`)
      .join(", ")}`,
  );
  console.log(
    `screen one name against ${imported.version.entityCount} entries: ${times.length} screenings, p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, p99 ${percentile(times, 99).toFixed(1)} ms`,
  );
  return { precision, recall, p95: percentile(times, 95) };
}

/**
 * The list with `CHANGED_ENTRIES` background organisations changed: the first half renamed
 * to the given names, the rest with a new statement of reasons.
 */
function changedList(csv: string, newNames: readonly string[]): { csv: string; changedIds: string[] } {
  const lines = csv.split("\n");
  const organisationIds = [
    ...new Set(lines.map((line) => /^[^,]*,(BGR\d{5}),,,[^,]*,,,,,,Primary name,/.exec(line)?.[1]).filter(Boolean)),
  ].slice(600, 600 + CHANGED_ENTRIES) as string[];
  const renamed = new Map(organisationIds.slice(0, CHANGED_ENTRIES / 2).map((id, i) => [id, newNames[i] ?? id]));
  const changed = lines.map((line) => {
    const id = /^[^,]*,(BGR\d{5}),/.exec(line)?.[1];
    if (!id || !organisationIds.includes(id)) return line;
    const name = renamed.get(id);
    if (name && line.includes(",Primary name,"))
      return line.replace(/^([^,]*,[^,]*,,,)[^,]*,/, `$1${name.toUpperCase().replace(/[",]/g, " ")},`);
    return name ? line : line.replace("Invented, for the benchmark.", "Invented, for the benchmark; amended.");
  });
  return { csv: changed.join("\n"), changedIds: organisationIds };
}

/** A new version with 20 changed entries, over RESCREEN_CASES cases: what the re-screening does. */
async function rescreenBench(label: string, database: Database, csv: string) {
  const config = loadConfig({ NODE_ENV: "test" });
  const services = createServices(database, config);
  // The first version's own re-screening (of no cases yet).
  await services.screening.rescreens.runPending();
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);
  const seeded = await seedBulkCases(database.prisma, RESCREEN_CASES, { seed: 15, now: new Date("2026-12-01") });
  const open = await database.prisma.proposal.findMany({
    where: { status: { in: ["IN_REVIEW", "INFORMATION_REQUESTED"] }, assigneeId: { not: null } },
    select: { answers: true },
    orderBy: { reference: "asc" },
    take: CHANGED_ENTRIES / 2,
  });
  const partners = open.map((proposal) => String((proposal.answers as Record<string, unknown>).partnerName));
  const { csv: next } = changedList(csv, partners);
  const messagesBefore = await database.prisma.notification.count({ where: { kind: "sanctions_match" } });

  const importStart = performance.now();
  const imported = await services.screeningLists.importFile(
    "uk-sanctions-list",
    { name: "bench-2.csv", bytes: Buffer.from(next) },
    null,
  );
  const importMs = performance.now() - importStart;
  const { version } = imported;
  if (version.status !== "accepted") throw new Error(`the second version was ${version.status}`);
  const rescreenStart = performance.now();
  const cpu = process.cpuUsage();
  let batches = 0;
  await services.screening.rescreens.runPending({ onProgress: () => batches++ });
  const rescreenMs = performance.now() - rescreenStart;
  const used = process.cpuUsage(cpu);
  const job = await services.screening.rescreens.progress(version.id);
  const messages = (await database.prisma.notification.count({ where: { kind: "sanctions_match" } })) - messagesBefore;
  console.log(
    `\n== ${label}: a new version with ${version.addedCount} added and ${version.changedCount} changed entries over ${seeded.cases} cases (${Object.entries(
      seeded.byStatus,
    )
      .map(([status, n]) => `${n} ${status}`)
      .join(", ")})`,
  );
  console.log(`  import of the new version: ${(importMs / 1000).toFixed(1)} s`);
  console.log(
    `  re-screening: ${job?.casesDone ?? 0} of ${job?.casesTotal ?? 0} open and approved cases against ${version.addedCount + version.changedCount} entries, in ${(rescreenMs / 1000).toFixed(1)} s (${batches} progress reports; CPU of this process ${((used.user + used.system) / 1000 / 1000).toFixed(1)} s)`,
  );
  console.log(
    `  found: ${job?.newHits ?? 0} new hits (${job?.newFlaggedHits ?? 0} flagged) on ${job?.casesWithNewHits ?? 0} cases; ${messages} messages to assigned officers in the outbox; job ${job?.status}`,
  );
}

await runBenchmark(async () => {
  const { csv, backgroundNames } = buildList();
  const pairs = benchEntries.flatMap(pairsFor);
  console.log(`labelled pairs: ${pairs.length}; list file: ${(csv.length / 1e6).toFixed(1)} MB`);

  const only = process.argv[2];
  if (only !== "postgres") {
    const pglite = await openMigratedDatabase({ kind: "pglite", dataDir: undefined });
    try {
      await benchOn("PGlite", pglite, csv, pairs, backgroundNames);
      if (RESCREEN_CASES > 0) await rescreenBench("PGlite", pglite, csv);
    } finally {
      await pglite.close();
    }
  }
  if (only === "pglite") return;
  const url = await createBenchDatabase();
  const postgres = await openMigratedDatabase({ kind: "postgres", url });
  try {
    await benchOn("PostgreSQL", postgres, csv, pairs, backgroundNames);
    if (RESCREEN_CASES > 0) await rescreenBench("PostgreSQL", postgres, csv);
  } finally {
    await postgres.close();
  }
});
