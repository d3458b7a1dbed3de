// `npm run bench:reports`: the reports dashboard (/reports, every chart and table) over
// 10,000 cases on PostgreSQL (BENCH_SIZES="10000,100000" for more), as an SPO officer sees it.
//
// A fresh database `spo_bench_<random>` on the server of BENCH_DATABASE_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres) is filled with scripts/seed-bulk.ts's
// seedBulkCases (two years of cases) and dropped at the end, also on failure or Ctrl-C.
// The app runs in a child process (scripts/bench-server.ts). Two measures:
// - uncached: one request at a time, each for a different date range (so the figures'
//   short cache never answers), timed from request to last byte: p50, p95, max;
// - cached: autocannon at 10 connections on the same URL (what a reload costs).
// Target (design/quality.md, "Speed"): p95 under 300 ms over 100,000 cases.
import { cpus, loadavg } from "node:os";
import { openMigratedDatabase } from "../src/db/database";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { seedBulkCases } from "./seed-bulk";
import { createBenchDatabase, fmt, loadRun, onCleanup, printLoad, runBenchmark, signIn, startChild } from "./bench-lib";

const sizes = (process.env.BENCH_SIZES ?? "10000").split(",").map((size) => Number(size.replace(/_/g, "")));
const requests = Number(process.env.BENCH_REQUESTS ?? 40);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const targetP95Ms = 300;

function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function benchSize(url: string, size: number) {
  const app = await startChild("scripts/bench-server.ts", { BENCH_DATABASE_URL: url });
  try {
    const session = await signIn(app.base, "spo01");
    const headers = { cookie: session.cookie };
    const today = new Date();
    const yearAgo = new Date(today.getTime() - 365 * 86_400_000).toISOString().slice(0, 10);
    // Each request ends its range a day earlier: a new cache key, so the figures are computed afresh.
    const urlFor = (index: number) =>
      `${app.base}/reports?from=${yearAgo}&to=${new Date(today.getTime() - index * 86_400_000).toISOString().slice(0, 10)}`;
    const first = await fetch(urlFor(0), { headers });
    const html = await first.text();
    if (first.status !== 200) throw new Error(`GET /reports gave ${String(first.status)}`);
    const charts = (html.match(/<svg class="app-chart"/g) ?? []).length;
    const submitted = /(\d[\d,]*) proposals? submitted/.exec(html)?.[1] ?? "?";
    console.log(
      `  /reports: ${String(charts)} charts, ${submitted} proposals submitted in the last year, ${fmt.n(html.length)} bytes`,
    );
    // Warm-up (not reported): compiled templates, JIT, connection pool, database caches.
    for (let index = 1; index <= 5; index++) await (await fetch(urlFor(1_000 + index), { headers })).text();

    const times: number[] = [];
    for (let index = 1; index <= requests; index++) {
      const started = performance.now();
      const response = await fetch(urlFor(index), { headers });
      await response.text();
      if (response.status !== 200) throw new Error(`GET /reports gave ${String(response.status)}`);
      times.push(performance.now() - started);
      if (index % 10 === 0) process.stdout.write(`  uncached: ${String(index)}/${String(requests)} requests\n`);
    }
    times.sort((a, b) => a - b);
    const uncached = { p50: percentileOf(times, 50), p95: percentileOf(times, 95), max: times.at(-1) ?? 0 };
    console.log(
      `  uncached, one at a time: p50 ${uncached.p50.toFixed(0)} ms, p95 ${uncached.p95.toFixed(0)} ms, max ${uncached.max.toFixed(0)} ms (${String(requests)} requests)`,
    );
    const cached = await loadRun({
      label: "cached, 10 connections",
      url: urlFor(0),
      duration: seconds,
      connections: 10,
      headers,
      pid: app.pid,
    });
    printLoad(cached);
    return { size, uncached };
  } finally {
    await app.stop();
  }
}

async function main() {
  console.log(`Reports benchmark: ${sizes.map((size) => fmt.n(size)).join(" then ")} cases`);
  console.log(
    `Machine: ${String(cpus().length)} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")} (other work running here skews absolute numbers)`,
  );
  const url = await createBenchDatabase();
  const database = await openMigratedDatabase({ kind: "postgres", url });
  onCleanup(() => database.close());
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);
  const results: { size: number; uncached: { p50: number; p95: number; max: number } }[] = [];
  let seeded = 0;
  for (const size of sizes) {
    console.log(`\n== ${fmt.n(size)} cases ==`);
    console.log(`  seeding ${fmt.n(size - seeded)} cases...`);
    const seeding = await seedBulkCases(database.prisma, size - seeded, {
      seed: 20_261_201 + size,
      log: (message) => {
        console.log(`  ${message}`);
      },
    });
    seeded = size;
    await database.prisma.$executeRawUnsafe(
      `VACUUM (ANALYZE) "proposal", "proposal_submission", "case_task", "audit_entry", "information_request"`,
    );
    console.log(`  seeded ${fmt.n(seeding.cases)} cases in ${(seeding.ms / 1_000).toFixed(1)} s`);
    results.push(await benchSize(url, size));
  }
  console.log("\nSummary (uncached p95; target under 300 ms at 100,000 cases):");
  for (const result of results) {
    const verdict = result.uncached.p95 < targetP95Ms ? "PASS" : "FAIL";
    console.log(`  ${fmt.n(result.size)} cases: p95 ${result.uncached.p95.toFixed(0)} ms ${verdict}`);
  }
}

await runBenchmark(main);
