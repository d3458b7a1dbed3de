// The page benchmarks (`npm run bench:queue`, `npm run bench:case`): three servers in the
// same run, one after another on the same data, each loaded alone by autocannon from this
// process at 20 connections on 127.0.0.1:
//   bare      Express 5 + one compiled EJS template, the page's rows and cells inline
//             (scripts/bench-baseline.ts, BASELINE_KIND=bare): the stack's ceiling;
//   nunjucks  Express 5 + Nunjucks + govuk-frontend's own macros and page template
//             (BASELINE_KIND=nunjucks): what most GOV.UK-style services run;
//   app       the app itself (scripts/bench-server.ts), signed in as an SPO officer:
//             /queue?status=open&route=acbela, or the case page of a case with a long
//             timeline (50 audit entries, 3 reviews, 2 sign-offs).
// The baselines render the very view model the app builds for that page (read here from the
// same database through the app's services and presenters), from memory.
//
// For each server: req/s, p50/p95/p99, resident memory (idle after start, through the run,
// peak) and the server's CPU time per request; then the ratios app/bare and app/nunjucks.
// Targets (quality.md, "Speed"): app >= 1/3 of bare and faster than nunjucks, p99 < 50 ms,
// <= 1.2x slower at 100,000 cases than at 1,000, RSS < 250 MB under load, < 150 MB idle.
//
// Options (flags or environment):
//   --cases=1000,100000   BENCH_SIZES     case counts, one after another (seeded cumulatively)
//   --seconds=10          BENCH_SECONDS   measured seconds per server (plus 2 s of warm-up)
//   --db=pglite|postgres  BENCH_DB        default: postgres if DATABASE_URL is set, else pglite
//   DATABASE_URL          a PostgreSQL database to use (created if missing, kept afterwards so
//                         a second run reuses the seeded cases); without it, --db=postgres
//                         creates spo_bench_<random> on BENCH_DATABASE_URL's server and drops it
//   --profile=DIR         BENCH_PROFILE   run the app under node --cpu-prof, profiles in DIR
//   --only=bare,nunjucks,app              run only these servers
//   --deep=false          BENCH_DEEP      leave out the queue's deep pages (by default the app
//                                         also serves a mid-queue page and the last page of
//                                         all cases, by cursor, for half the time each)
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openMigratedDatabase, type Database } from "../src/db/database";
import { testConfig, type Config } from "../src/config";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { parseQueueFilters } from "../src/queue/queueFilters";
import { encodeCursor, queueWhere } from "../src/queue/queueService";
import { seedBulkCases } from "./seed-bulk";
import { officer, pageData, queuePath, writePageData, type BenchPage } from "./bench-page-data";
import {
  createBenchDatabase,
  fmt,
  loadRun,
  memoryOf,
  onCleanup,
  printLoad,
  projectRoot,
  runBenchmark,
  signIn,
  startChild,
  type Child,
  type LoadResult,
  appSettings,
  startApp,
} from "./bench-lib";

function option(name: string, envName: string, fallback: string): string {
  const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return flag ? flag.slice(name.length + 3) : (process.env[envName] ?? fallback);
}

const sizes = option("cases", "BENCH_SIZES", "1000,100000")
  .split(",")
  .map((size) => Number(size.replace(/[_ ]/g, "")));
const seconds = Number(option("seconds", "BENCH_SECONDS", "10"));
const dbKind = option("db", "BENCH_DB", process.env.DATABASE_URL ? "postgres" : "pglite");
const profileDir = option("profile", "BENCH_PROFILE", "");
const only = option("only", "BENCH_ONLY", "bare,nunjucks,app").split(",");
const deep = option("deep", "BENCH_DEEP", "true") !== "false";
const connections = 20;
const targets = { bareShare: 1 / 3, p99Ms: 50, slowdown: 1.2, rssMb: 250, idleMb: 150 };
if (
  sizes.some((size) => !Number.isInteger(size) || size < 60) ||
  !(seconds > 0) ||
  !/^(pglite|postgres)$/.test(dbKind)
) {
  console.error(
    "Usage: --cases=1000,100000 --seconds=10 --db=pglite|postgres [--profile=DIR] [--only=bare,nunjucks,app]",
  );
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// The database: PGlite in a folder of its own, or PostgreSQL
// ---------------------------------------------------------------------------------------

interface Target {
  label: string;
  config: Config;
  /** Environment for scripts/bench-server.ts. */
  serverEnv: Record<string, string>;
}

async function ensurePostgresDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

async function chooseTarget(): Promise<Target> {
  if (dbKind === "postgres") {
    let url = process.env.DATABASE_URL;
    if (url) await ensurePostgresDatabase(url);
    else url = await createBenchDatabase();
    return {
      label: `PostgreSQL (${new URL(url).pathname.slice(1)})`,
      config: testConfig({ DATABASE_URL: url, LOG_LEVEL: "silent" }),
      serverEnv: { BENCH_DATABASE_URL: url },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "spo-bench-"));
  onCleanup(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`removed ${dir}`);
    return Promise.resolve();
  });
  return {
    label: `PGlite (${dir})`,
    config: testConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" }),
    serverEnv: { BENCH_DATA_DIR: dir },
  };
}

async function submittedCases(database: Database): Promise<number> {
  return database.prisma.proposal.count({ where: { submittedAt: { not: null } } });
}

// ---------------------------------------------------------------------------------------
// The case with a long timeline: 3 reviews, 2 sign-offs, 50 audit entries
// ---------------------------------------------------------------------------------------

const timelineLength = 50;

async function longTimelineCase(database: Database): Promise<string> {
  const { prisma } = database;
  // A case in review on all three routes has the three reviews and both sign-offs.
  const [candidate] = await prisma.$queryRaw<{ id: string; entries: bigint }[]>`
    SELECT p."id", (SELECT count(*) FROM "audit_entry" a WHERE a."entity_type" = 'proposal' AND a."entity_id" = p."id"::text) AS entries
      FROM "proposal" p
     WHERE p."status" = 'IN_REVIEW' AND cardinality(p."routes") = 3
       AND (SELECT count(*) FROM "case_task" t WHERE t."proposal_id" = p."id") = 5
     ORDER BY entries DESC, p."submitted_at", p."id"
     LIMIT 1`;
  if (!candidate) throw new Error("no case in review on all three routes: seed more cases");
  const missing = timelineLength - Number(candidate.entries);
  if (missing > 0) {
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id: candidate.id } });
    const officers = await prisma.user.findMany({
      where: { roles: { some: { role: "SPO_OFFICER" } } },
      select: { id: true },
    });
    const start = (proposal.submittedAt ?? new Date()).getTime();
    const actions = ["case.note_added", "case.assigned", "case.route_added", "case.route_removed"];
    await prisma.auditEntry.createMany({
      data: Array.from({ length: missing }, (_, index) => ({
        at: new Date(start + (index + 1) * 3_600_000),
        actorId: officers[index % officers.length]?.id ?? null,
        action: actions[index % actions.length]!,
        entityType: "proposal",
        entityId: proposal.id,
        fromState: "IN_REVIEW",
        toState: "IN_REVIEW",
        details: { benchmark: true },
      })),
    });
  }
  return candidate.id;
}

/** The `after` cursor of the row at `position(matching)` in queue order (oldest first): a page that deep. */
async function cursorAt(
  database: Database,
  query: Record<string, string>,
  position: (matching: number) => number,
): Promise<{ path: string; page: number }> {
  const filters = parseQueueFilters(query);
  const where = queueWhere(filters, new Map(), "00000000-0000-0000-0000-000000000000");
  const matching = await database.prisma.proposal.count({ where });
  const skip = Math.max(0, Math.min(matching - 1, position(matching)));
  const [row] = await database.prisma.proposal.findMany({
    where,
    orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
    skip,
    take: 1,
    select: { id: true, submittedAt: true },
  });
  if (!row) throw new Error(`no rows match ${JSON.stringify(query)}`);
  const search = new URLSearchParams({ ...query, sort: "oldest", after: encodeCursor(row) });
  return { path: `/queue?${search.toString()}`, page: Math.floor(skip / 50) + 2 };
}

// ---------------------------------------------------------------------------------------
// Runs
// ---------------------------------------------------------------------------------------

interface ServerResult {
  name: string;
  load: LoadResult;
  idleMb: number;
  peakMb: number;
  bytes: number;
}

async function measure(
  name: string,
  child: Child,
  url: string,
  headers: Record<string, string> | undefined,
  more?: () => Promise<void>,
): Promise<ServerResult> {
  try {
    const check = await fetch(url, { headers });
    const body = await check.text();
    if (check.status !== 200) throw new Error(`${name}: GET ${url} gave ${check.status}`);
    const idleMb = memoryOf(child.pid).rssMb;
    process.stdout.write(`  ${name.padEnd(9)} ${fmt.n(body.length)} bytes, idle RSS ${fmt.mb(idleMb)}; warm-up...`);
    await loadRun({ label: "warm-up", url, duration: 2, connections, headers });
    process.stdout.write(` measuring ${seconds} s\n`);
    const load = await loadRun({ label: name, url, duration: seconds, connections, headers, pid: child.pid });
    printLoad(load);
    await more?.();
    return { name, load, idleMb, peakMb: memoryOf(child.pid).peakMb, bytes: body.length };
  } finally {
    await child.stop();
  }
}

interface SizeResult {
  size: number;
  servers: Map<string, ServerResult>;
  /** The app on deep queue pages (a cursor far into the queue), beside its page 1. */
  deepPages: LoadResult[];
}

async function benchSize(page: BenchPage, target: Target, size: number, dataFile: string): Promise<SizeResult> {
  console.log(`\n== ${page} page, ${fmt.n(size)} cases, ${target.label} ==`);
  const database = await openMigratedDatabase(target.config.database, (message) => console.log(`  ${message}`));
  let caseId: string | undefined;
  const deepPaths: { label: string; path: string }[] = [];
  try {
    await seedReferenceData(database.prisma);
    await seedDemoData(database.prisma);
    const have = await submittedCases(database);
    if (have > size)
      throw new Error(
        `the database already holds ${fmt.n(have)} cases, more than ${fmt.n(size)}: sizes are seeded one after another into one database, so give --cases=${fmt.n(have).replace(/,/g, "")} (or more), or a DATABASE_URL naming a database not yet made (it is created)`,
      );
    if (have < size) {
      console.log(`  seeding ${fmt.n(size - have)} cases (have ${fmt.n(have)})...`);
      const seeding = await seedBulkCases(database.prisma, size - have, {
        seed: 20_261_121 + size,
        log: (message) => console.log(`  ${message.trim()}`),
      });
      console.log(`  seeded ${fmt.n(seeding.cases)} cases in ${(seeding.ms / 1_000).toFixed(1)} s`);
    } else console.log(`  ${fmt.n(have)} cases already there`);
    if (database.kind === "postgres") {
      // Settle the tables as autovacuum would, so it does not start during the runs.
      await database.prisma.$executeRawUnsafe(
        `VACUUM (ANALYZE) "proposal", "proposal_submission", "case_task", "audit_entry", "information_request"`,
      );
    }
    if (page === "case") caseId = await longTimelineCase(database);
    if (page === "queue" && deep) {
      // Reached directly with the cursor a "Next page" link would carry: keyset pages cost what page 1 does.
      const filtered = Object.fromEntries(new URLSearchParams(queuePath.split("?")[1]));
      const middle = await cursorAt(database, filtered, (matching) => Math.floor(matching / 2));
      const last = await cursorAt(database, { status: "all" }, (matching) => matching - 60);
      deepPaths.push(
        { label: `app, same filter, page ~${fmt.n(middle.page)}`, path: middle.path },
        { label: `app, status=all, page ~${fmt.n(last.page)}`, path: last.path },
      );
    }
    const data = await pageData(database, target.config, page, caseId);
    writePageData(dataFile, data);
    console.log(
      page === "queue"
        ? `  ${queuePath}: ${data.rows} rows on the page`
        : `  case ${caseId}: ${data.rows} timeline entries`,
    );
  } finally {
    // The embedded database belongs to one process: the app's server opens it next.
    await database.close();
  }

  const servers = new Map<string, ServerResult>();
  const deepPages: LoadResult[] = [];
  const pagePath = page === "queue" ? "/queue" : "/case";
  for (const kind of ["bare", "nunjucks"] as const) {
    if (!only.includes(kind)) continue;
    const child = await startChild("scripts/bench-baseline.ts", { BASELINE_KIND: kind, BASELINE_DATA: dataFile });
    servers.set(kind, await measure(kind, child, `${child.base}${pagePath}`, undefined));
  }
  if (only.includes("app")) {
    console.log(`  app flags (as npm start; BENCH_APP_FLAGS to change): ${appSettings()}`);
    const app = await startApp(target.serverEnv, { profileDir });
    const session = await signIn(app.base, officer);
    const appPath = page === "queue" ? queuePath : `/cases/${caseId!}`;
    const headers = { cookie: session.cookie };
    const deepSeconds = Math.max(3, Math.round(seconds / 2));
    servers.set(
      "app",
      await measure("app", app, `${app.base}${appPath}`, headers, async () => {
        for (const { label, path: deepPath } of deepPaths) {
          const result = await loadRun({
            label,
            url: `${app.base}${deepPath}`,
            duration: deepSeconds,
            connections,
            headers,
            pid: app.pid,
          });
          printLoad(result);
          deepPages.push(result);
        }
      }),
    );
  }
  return { size, servers, deepPages };
}

function summarise(page: BenchPage, target: Target, results: SizeResult[]): void {
  console.log(`\n== Summary: ${page} page, ${target.label}, ${connections} connections, ${seconds} s per server ==`);
  console.log("| cases | server | req/s | p50 | p95 | p99 | CPU ms/req | RSS idle | RSS max (run) | page bytes |");
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const { size, servers } of results) {
    for (const result of servers.values()) {
      const { load } = result;
      console.log(
        `| ${fmt.n(size)} | ${result.name} | ${fmt.n(load.reqPerSec)} | ${fmt.ms(load.p50)} | ${fmt.ms(load.p95)} | ${fmt.ms(load.p99)} | ` +
          `${load.cpuMsPerRequest?.toFixed(2)} | ${fmt.mb(result.idleMb)} | ${fmt.mb(load.memory!.maxMb)} | ${fmt.n(result.bytes)} |` +
          (load.errors ? ` ${load.errors} errors` : ""),
      );
    }
  }
  for (const { size, servers } of results) {
    const app = servers.get("app");
    if (!app) continue;
    const parts = [`${fmt.n(size)} cases:`];
    for (const baseline of ["bare", "nunjucks"]) {
      const other = servers.get(baseline);
      if (!other) continue;
      const share = app.load.reqPerSec / other.load.reqPerSec;
      const cpu = app.load.cpuMsPerRequest! / other.load.cpuMsPerRequest!;
      const goal = baseline === "bare" ? share >= targets.bareShare : share > 1;
      parts.push(
        `app/${baseline} ${share.toFixed(2)} by req/s (CPU per request ${cpu.toFixed(2)}x; target ${baseline === "bare" ? ">= 0.33" : "> 1"}) ${fmt.verdict(goal)};`,
      );
    }
    parts.push(
      `p99 ${fmt.ms(app.load.p99)} (target < ${targets.p99Ms} ms) ${fmt.verdict(app.load.p99 < targets.p99Ms)};`,
    );
    parts.push(
      `RSS idle ${fmt.mb(app.idleMb)} ${fmt.verdict(app.idleMb < targets.idleMb)}, max under load ${fmt.mb(app.load.memory!.maxMb)} ${fmt.verdict(app.load.memory!.maxMb < targets.rssMb)}`,
    );
    console.log(parts.join(" "));
  }
  for (const { size, servers, deepPages } of results) {
    const app = servers.get("app");
    if (!app || deepPages.length === 0) continue;
    console.log(
      `${fmt.n(size)} cases, deep pages: page 1 p50/p99 ${fmt.ms(app.load.p50)} / ${fmt.ms(app.load.p99)}; ` +
        deepPages.map((run) => `${run.label.replace(/^app, /, "")} ${fmt.ms(run.p50)} / ${fmt.ms(run.p99)}`).join("; "),
    );
  }
  const withApp = results.filter((result) => result.servers.has("app"));
  if (withApp.length >= 2) {
    const small = withApp[0]!.servers.get("app")!;
    const large = withApp.at(-1)!.servers.get("app")!;
    const slowdown = small.load.reqPerSec / large.load.reqPerSec;
    console.log(
      `Slowdown at ${fmt.n(withApp.at(-1)!.size)} vs ${fmt.n(withApp[0]!.size)} cases: ${slowdown.toFixed(2)}x by req/s ` +
        `(p50 ${fmt.ms(small.load.p50)} -> ${fmt.ms(large.load.p50)}; target <= ${targets.slowdown}x) ${fmt.verdict(slowdown <= targets.slowdown)}`,
    );
  }
  console.log(
    `Load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
}

export async function runPageBenchmark(page: BenchPage): Promise<void> {
  await runBenchmark(async () => {
    console.log(
      `${page === "queue" ? "Queue" : "Case"} page benchmark: ${sizes.map((size) => fmt.n(size)).join(" then ")} cases; ` +
        `servers ${only.join(", ")}; ${connections} connections; ${seconds} s per server after 2 s of warm-up`,
    );
    console.log(
      `Machine: ${cpus().length} cores, load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(" ")} (other work here skews absolute numbers; the ratios, from the same run, less so)`,
    );
    const target = await chooseTarget();
    const scratch = mkdtempSync(path.join(tmpdir(), "spo-bench-data-"));
    onCleanup(() => {
      rmSync(scratch, { recursive: true, force: true });
      return Promise.resolve();
    });
    const results: SizeResult[] = [];
    for (const size of sizes) {
      results.push(await benchSize(page, target, size, path.join(scratch, `${page}-${size}.json`)));
    }
    summarise(page, target, results);
    if (profileDir) console.log(`CPU profiles of the app: ${path.resolve(projectRoot, profileDir)}`);
  });
}
