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
// Bounded: about a thousand screenings per database. BENCH_DATABASE_URL picks the server;
// `npm run bench:screening -- pglite` (or `postgres`) runs one database only.
import { loadConfig } from "../src/config";
import { openMigratedDatabase, type Database } from "../src/db/database";
import { listImportService } from "../src/screening/listImport";
import { screeningService } from "../src/screening/screeningService";
import { benchEntries } from "./bench-screening/labelled";
import { buildList, pairsFor, typo, type Pair } from "./bench-screening/list";
import { createBenchDatabase, runBenchmark } from "./bench-lib";

const TIMED_BACKGROUND_QUERIES = 300;

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

await runBenchmark(async () => {
  const { csv, backgroundNames } = buildList();
  const pairs = benchEntries.flatMap(pairsFor);
  console.log(`labelled pairs: ${pairs.length}; list file: ${(csv.length / 1e6).toFixed(1)} MB`);

  const only = process.argv[2];
  if (only !== "postgres") {
    const pglite = await openMigratedDatabase({ kind: "pglite", dataDir: undefined });
    try {
      await benchOn("PGlite", pglite, csv, pairs, backgroundNames);
    } finally {
      await pglite.close();
    }
  }
  if (only === "pglite") return;
  const url = await createBenchDatabase();
  const postgres = await openMigratedDatabase({ kind: "postgres", url });
  try {
    await benchOn("PostgreSQL", postgres, csv, pairs, backgroundNames);
  } finally {
    await postgres.close();
  }
});
