// `npm run bench:reports`: the reports dashboard (/reports, every chart and table) over
// 100,000 cases, as an SPO officer sees it, on PostgreSQL (default) or PGlite.
//
//   BENCH_DB=postgres|pglite   the database (default postgres)
//   BENCH_SIZES=100000         cases, seeded cumulatively with scripts/seed-bulk.ts (two years of cases)
//   REPORTS_DATABASE_URL=…     a PostgreSQL database to reuse: seeded up to the size (cases
//                              already there count) and kept, so a second run skips the seeding
//   REPORTS_DATA_DIR=…         the same for PGlite: a folder, kept
//   BENCH_REQUESTS=40, BENCH_SECONDS=5, BENCH_BASELINE_RUNS=5
//   BENCH_PROFILE=DIR          run the app under node --cpu-prof (read with scripts/profile-top.ts)
//
// Without REPORTS_*, a throwaway database (`spo_bench_<random>` on the server of
// BENCH_DATABASE_URL, or a temporary PGlite folder) is used and removed at the end, also on
// failure or Ctrl-C. The app runs in a child process (scripts/bench-server.ts). Measures:
// - uncached: one request at a time, each for a different date range (so the figures'
//   short cache never answers), timed from request to last byte: p50, p95, max;
// - cached: the same URL one at a time, then autocannon at 10 connections (what a reload costs);
// - in process, after the app has stopped, the baseline beside the figures alone: the
//   figures counted in SQL (what the app does) and every case fetched and counted in
//   JavaScript (what it did before), alternately, so both see the same machine.
// Target (design/quality.md, "Speed"): p95 under 300 ms over 100,000 cases.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { openMigratedDatabase, type Database } from "../src/db/database";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { reportConditions, reportScopeOf, reportService } from "../src/reports/reportService";
import { reportStatements, runReportStatement } from "../src/reports/reportQueries";
import { computeFigures } from "../src/reports/figures";
import { userService } from "../src/users/userService";
import { seedBulkCases } from "./seed-bulk";
import { startApp, createBenchDatabase, fmt, loadRun, onCleanup, printLoad, runBenchmark, signIn } from "./bench-lib";

const dbKind = process.env.BENCH_DB ?? "postgres";
const sizes = (process.env.BENCH_SIZES ?? "100000").split(",").map((size) => Number(size.replace(/_/g, "")));
const requests = Number(process.env.BENCH_REQUESTS ?? 40);
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const baselineRuns = Number(process.env.BENCH_BASELINE_RUNS ?? 5);
const targetP95Ms = 300;
const profileDir = process.env.BENCH_PROFILE ?? "";

const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(" ");

function percentileOf(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const isoDay = (msAgo: number) => new Date(Date.now() - msAgo).toISOString().slice(0, 10);
const dayMs = 86_400_000;

interface Target {
  label: string;
  open(): Promise<Database>;
  serverEnv: Record<string, string>;
}

async function chooseTarget(): Promise<Target> {
  if (dbKind === "pglite") {
    let dir = process.env.REPORTS_DATA_DIR;
    if (!dir) {
      const made = mkdtempSync(path.join(tmpdir(), "spo-bench-reports-"));
      onCleanup(() => {
        rmSync(made, { recursive: true, force: true });
        return Promise.resolve();
      });
      dir = made;
    }
    return {
      label: `PGlite (${dir})`,
      open: () => openMigratedDatabase({ kind: "pglite", dataDir: dir }),
      serverEnv: { BENCH_DATA_DIR: dir },
    };
  }
  const url = process.env.REPORTS_DATABASE_URL ?? (await createBenchDatabase());
  return {
    label: `PostgreSQL (${new URL(url).pathname.slice(1)})`,
    open: () => openMigratedDatabase({ kind: "postgres", url }),
    serverEnv: { BENCH_DATABASE_URL: url },
  };
}

async function seedUpTo(target: Target, size: number): Promise<void> {
  const database = await target.open();
  try {
    await seedReferenceData(database.prisma);
    await seedDemoData(database.prisma);
    const have = await database.prisma.proposal.count({ where: { submittedAt: { not: null } } });
    if (have > size) throw new Error(`${fmt.n(have)} cases there already, more than ${fmt.n(size)}`);
    console.log(`  ${fmt.n(have)} cases there; seeding ${fmt.n(size - have)}...`);
    if (size > have) {
      const seeding = await seedBulkCases(database.prisma, size - have, {
        seed: 20_261_201 + have,
        log: (message) => {
          console.log(`  ${message}`);
        },
      });
      console.log(`  seeded ${fmt.n(seeding.cases)} cases in ${(seeding.ms / 1_000).toFixed(1)} s`);
    }
    // Fresh statistics and visibility map (the reports' index-only scan needs the latter).
    await database.prisma.$executeRawUnsafe(
      `VACUUM (ANALYZE) "proposal", "proposal_submission", "case_task", "audit_entry", "information_request"`,
    );
  } finally {
    await database.close();
  }
}

async function overHttp(target: Target) {
  const app = await startApp(target.serverEnv, { profileDir });
  try {
    const session = await signIn(app.base, "spo01");
    const headers = { cookie: session.cookie };
    const yearAgo = isoDay(365 * dayMs);
    // Each request ends its range a day earlier: a new cache key, so the figures are computed afresh.
    const urlFor = (index: number) => `${app.base}/reports?from=${yearAgo}&to=${isoDay(index * dayMs)}`;
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
      if (index % 10 === 0) console.log(`  uncached: ${String(index)}/${String(requests)} requests, load ${load()}`);
    }
    times.sort((a, b) => a - b);
    const uncached = { p50: percentileOf(times, 50), p95: percentileOf(times, 95), max: times.at(-1) ?? 0 };
    console.log(
      `  uncached, one at a time: p50 ${uncached.p50.toFixed(0)} ms, p95 ${uncached.p95.toFixed(0)} ms, max ${uncached.max.toFixed(0)} ms (${String(requests)} requests)`,
    );
    // Cached, one at a time: the figures from the cache; what is left is the page itself and
    // what every signed-in page does (session, the attention count in the navigation).
    const cachedTimes: number[] = [];
    for (let index = 0; index < 20; index++) {
      const started = performance.now();
      await (await fetch(urlFor(0), { headers })).text();
      cachedTimes.push(performance.now() - started);
    }
    cachedTimes.sort((a, b) => a - b);
    console.log(
      `  cached, one at a time: p50 ${percentileOf(cachedTimes, 50).toFixed(0)} ms, p95 ${percentileOf(cachedTimes, 95).toFixed(0)} ms (20 requests)`,
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
    return { uncached, cached };
  } finally {
    await app.stop();
  }
}

/** The figures alone, in this process: counted in SQL, and the old way (every case fetched), alternately. */
async function baseline(target: Target) {
  const database = await target.open();
  try {
    const reports = reportService(database.prisma, { cacheMs: 0 });
    const users = userService(database.prisma);
    const found = await users.findByUsername("spo01");
    const officer = found ? await users.findActive(found.id) : null;
    if (!officer) throw new Error("no SPO officer spo01 (the demo people)");
    const sql: number[] = [];
    const rows: number[] = [];
    for (let index = 0; index < baselineRuns; index++) {
      const filters = { range: { from: isoDay(365 * dayMs), to: isoDay((200 + index) * dayMs) } };
      const today = isoDay(0);
      let started = performance.now();
      const counted = await reports.figures(officer, filters, today);
      sql.push(performance.now() - started);
      started = performance.now();
      const fetched = computeFigures(await reports.cases(officer, filters), filters, today);
      rows.push(performance.now() - started);
      if (JSON.stringify(counted) !== JSON.stringify(fetched)) throw new Error("the two ways disagree");
    }
    sql.sort((a, b) => a - b);
    rows.sort((a, b) => a - b);
    const median = (list: number[]) => percentileOf(list, 50).toFixed(0);
    console.log(
      `  figures alone (median of ${String(baselineRuns)}, load ${load()}): counted in SQL ${median(sql)} ms; ` +
        `every case fetched and counted in JavaScript (before) ${median(rows)} ms; the same figures both ways`,
    );
    // Each of the figures' statements alone, one after the other (the app runs them at once):
    // which one a change should aim at.
    const statementTimes = new Map<string, number[]>();
    for (let index = 0; index < baselineRuns; index++) {
      const filters = { range: { from: isoDay(365 * dayMs), to: isoDay((1 + index) * dayMs) } };
      const statements = reportStatements(reportConditions(reportScopeOf(officer), filters), filters, isoDay(0));
      for (const [name, statement] of Object.entries(statements)) {
        const started = performance.now();
        await runReportStatement(database.prisma, statement);
        statementTimes.set(name, [...(statementTimes.get(name) ?? []), performance.now() - started]);
      }
    }
    const perStatement = [...statementTimes].map(
      ([name, times]) => `${name} ${median(times.sort((a, b) => a - b))} ms`,
    );
    console.log(
      `  each statement alone (median of ${String(baselineRuns)}, load ${load()}): ${perStatement.join(", ")}`,
    );
  } finally {
    await database.close();
  }
}

async function main() {
  console.log(`Reports benchmark: ${sizes.map((size) => fmt.n(size)).join(" then ")} cases on ${dbKind}`);
  console.log(
    `Machine: ${String(cpus().length)} cores, load average ${load()} (other work running here skews absolute numbers)`,
  );
  const target = await chooseTarget();
  console.log(`Database: ${target.label}`);
  const results: { size: number; p95: number }[] = [];
  for (const size of sizes) {
    console.log(`\n== ${fmt.n(size)} cases ==`);
    await seedUpTo(target, size);
    console.log(`  load average ${load()}`);
    const { uncached } = await overHttp(target);
    await baseline(target);
    results.push({ size, p95: uncached.p95 });
  }
  console.log(`\nSummary (uncached p95; target under 300 ms at 100,000 cases; load average now ${load()}):`);
  for (const result of results) {
    const verdict = result.p95 < targetP95Ms ? "PASS" : "FAIL";
    console.log(`  ${fmt.n(result.size)} cases: p95 ${result.p95.toFixed(0)} ms ${verdict}`);
  }
}

await runBenchmark(main);
