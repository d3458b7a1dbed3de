// `npm run bench:queue`: the SPO queue page on PostgreSQL at 1,000 and at 100,000 cases,
// beside a baseline measured in the same run (a bare Express + EJS server rendering the
// same 50 rows from memory: scripts/bench-baseline.ts).
//
// A fresh database `spo_bench_<random>` on the server of BENCH_DATABASE_URL (default
// postgresql://postgres@127.0.0.1:5432/postgres) is filled with scripts/seed-bulk.ts's
// seedBulkCases and dropped at the end, also on failure or Ctrl-C. The app runs in a child
// process (scripts/bench-server.ts); autocannon runs here, at 20 connections on 127.0.0.1,
// for a bounded time per run. Targets (design/quality.md, "Speed"): at least a third of
// the baseline's throughput, p99 under 50 ms, at most 1.2x slower at 100,000 cases than at
// 1,000, resident memory under 250 MB. PASS/FAIL is printed; the exit code is 0 unless the
// run itself failed.
//
// Settings: BENCH_SIZES (default "1000,100000"), BENCH_SECONDS (main runs, default 10).
import { cpus, loadavg } from "node:os";
import { openMigratedDatabase, type Database } from "../src/db/database";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { encodeCursor, queueWhere } from "../src/queue/queueService";
import { parseQueueFilters } from "../src/queue/queueFilters";
import { seedBulkCases } from "./seed-bulk";
import {
  createBenchDatabase,
  fmt,
  loadRun,
  memoryOf,
  onCleanup,
  printLoad,
  signIn,
  startChild,
  type Child,
  type LoadResult,
  runBenchmark,
} from "./bench-lib";

const sizes = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map((size) => Number(size.replace(/_/g, "")));
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const deepSeconds = Math.max(3, Math.round(seconds / 2));
const connections = 20;
const queuePath = "/queue?status=open&route=acbela";
const targets = { baselineShare: 1 / 3, p99Ms: 50, slowdown: 1.2, rssMb: 250 };

interface SizeResult {
  size: number;
  seedMs: number;
  baseline: LoadResult;
  page1: LoadResult;
  deep: LoadResult;
  deepPage: number;
  allPage1: LoadResult;
  allMiddle: LoadResult;
  allMiddlePage: number;
  allDeep: LoadResult;
  allDeepPage: number;
  peakMb: number;
}

function rowsOnPage(html: string): number {
  return (html.match(/<tr class="govuk-table__row">/g)?.length ?? 1) - 1;
}

/** The `after` cursor of the row at `position(matching)` in queue order (oldest first): a page that deep. */
async function cursorAt(
  database: Database,
  query: Record<string, string>,
  position: (matching: number) => number,
): Promise<{ cursor: string; page: number }> {
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
  return { cursor: encodeCursor(row), page: Math.floor(skip / 50) + 2 };
}

async function benchSize(
  database: Database,
  url: string,
  size: number,
  seedMs: number,
  baselineBase: Child,
): Promise<SizeResult> {
  const app = await startChild("scripts/bench-server.ts", { BENCH_DATABASE_URL: url });
  try {
    const session = await signIn(app.base, "spo01");
    const headers = { cookie: session.cookie };
    const check = await fetch(`${app.base}${queuePath}`, { headers });
    const html = await check.text();
    if (check.status !== 200) throw new Error(`GET ${queuePath} gave ${check.status}`);
    console.log(`  ${queuePath}: ${rowsOnPage(html)} rows on page 1 (expected 50)`);

    // Deep pages, reached directly with the cursor a "Next page" link would carry: the
    // middle of the filtered queue, and pages ~1,000 and ~2,000 (the last) of all cases.
    const middle = await cursorAt(database, { status: "open", route: "acbela" }, (matching) =>
      Math.floor(matching / 2),
    );
    const allMiddle = await cursorAt(database, { status: "all" }, (matching) => Math.floor(matching / 2));
    const allLast = await cursorAt(database, { status: "all" }, (matching) => matching - 60);
    const deepUrls = {
      middle: `${app.base}${queuePath}&sort=oldest&after=${middle.cursor}`,
      allPage1: `${app.base}/queue?status=all&sort=oldest`,
      allMiddle: `${app.base}/queue?status=all&sort=oldest&after=${allMiddle.cursor}`,
      allLast: `${app.base}/queue?status=all&sort=oldest&after=${allLast.cursor}`,
    };
    const rowCounts = await Promise.all(
      Object.values(deepUrls).map(async (target) => rowsOnPage(await (await fetch(target, { headers })).text())),
    );
    console.log(
      `  deep pages: filtered page ~${fmt.n(middle.page)}, all cases pages ~${fmt.n(allMiddle.page)} and ~${fmt.n(allLast.page)} (rows: ${rowCounts.join(", ")})`,
    );

    // Warm-up (not reported): compiled templates, JIT, connection pools, database caches.
    for (const target of [`${app.base}${queuePath}`, ...Object.values(deepUrls)]) {
      await loadRun({ label: "warm-up", url: target, duration: 1, connections, headers });
    }
    await loadRun({ label: "warm-up", url: `${baselineBase.base}/queue`, duration: 2, connections });

    const baseline = await loadRun({
      label: "baseline (Express + EJS, 50 rows)",
      url: `${baselineBase.base}/queue`,
      duration: seconds,
      connections,
      pid: baselineBase.pid,
    });
    printLoad(baseline);
    const page1 = await loadRun({
      label: `app ${queuePath}`,
      url: `${app.base}${queuePath}`,
      duration: seconds,
      connections,
      headers,
      pid: app.pid,
    });
    printLoad(page1);
    const run = async (label: string, target: string) => {
      const result = await loadRun({ label, url: target, duration: deepSeconds, connections, headers, pid: app.pid });
      printLoad(result);
      return result;
    };
    const deep = await run(`  same filter, page ~${fmt.n(middle.page)}`, deepUrls.middle);
    const allPage1 = await run("app /queue?status=all, page 1", deepUrls.allPage1);
    const allMiddleRun = await run(`  status=all, page ~${fmt.n(allMiddle.page)}`, deepUrls.allMiddle);
    const allLastRun = await run(`  status=all, page ~${fmt.n(allLast.page)}`, deepUrls.allLast);
    const peakMb = memoryOf(app.pid).peakMb;
    console.log(`  app server peak resident memory (VmHWM): ${fmt.mb(peakMb)}`);
    return {
      size,
      seedMs,
      baseline,
      page1,
      deep,
      deepPage: middle.page,
      allPage1,
      allMiddle: allMiddleRun,
      allMiddlePage: allMiddle.page,
      allDeep: allLastRun,
      allDeepPage: allLast.page,
      peakMb,
    };
  } finally {
    await app.stop();
  }
}

async function main() {
  console.log(
    `Queue benchmark: ${sizes.map((size) => fmt.n(size)).join(" then ")} cases; ${connections} connections; ${seconds} s per main run, ${deepSeconds} s per deep-page run`,
  );
  console.log(
    `Machine: ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")} (other work running here skews absolute numbers; ratios less so)`,
  );
  const url = await createBenchDatabase();
  const database = await openMigratedDatabase({ kind: "postgres", url });
  onCleanup(() => database.close());
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);
  const baseline = await startChild("scripts/bench-baseline.ts", {});

  const results: SizeResult[] = [];
  let seeded = 0;
  const now = new Date();
  for (const size of sizes) {
    console.log(`\n== ${fmt.n(size)} cases ==`);
    const seeding = await seedBulkCases(database.prisma, size - seeded, { seed: 20_261_121 + size, now });
    seeded = size;
    // Settle the tables as autovacuum would, so it does not start during the runs.
    await database.prisma.$executeRawUnsafe(
      `VACUUM (ANALYZE) "proposal", "proposal_submission", "case_task", "audit_entry", "information_request"`,
    );
    console.log(`  seeded ${fmt.n(seeding.cases)} more cases in ${(seeding.ms / 1_000).toFixed(1)} s`);
    results.push(await benchSize(database, url, size, seeding.ms, baseline));
  }

  console.log("\n== Summary ==");
  for (const result of results) {
    const share = result.page1.reqPerSec / result.baseline.reqPerSec;
    console.log(
      `${fmt.n(result.size).padStart(7)} cases: app ${fmt.n(result.page1.reqPerSec)} req/s vs baseline ${fmt.n(result.baseline.reqPerSec)} req/s = ` +
        `${share.toFixed(2)} of baseline (target >= ${targets.baselineShare.toFixed(2)}) ${fmt.verdict(share >= targets.baselineShare)}`,
    );
    console.log(
      `${" ".repeat(15)}p50/p95/p99 ${fmt.ms(result.page1.p50)} / ${fmt.ms(result.page1.p95)} / ${fmt.ms(result.page1.p99)} ` +
        `(p99 target < ${targets.p99Ms} ms) ${fmt.verdict(result.page1.p99 < targets.p99Ms)}`,
    );
    console.log(
      `${" ".repeat(15)}page 1 p50/p99 ${fmt.ms(result.page1.p50)} / ${fmt.ms(result.page1.p99)}; same filter page ~${fmt.n(result.deepPage)} ${fmt.ms(result.deep.p50)} / ${fmt.ms(result.deep.p99)}`,
    );
    console.log(
      `${" ".repeat(15)}status=all page 1 p50/p99 ${fmt.ms(result.allPage1.p50)} / ${fmt.ms(result.allPage1.p99)}; page ~${fmt.n(result.allMiddlePage)} ` +
        `${fmt.ms(result.allMiddle.p50)} / ${fmt.ms(result.allMiddle.p99)}; page ~${fmt.n(result.allDeepPage)} ${fmt.ms(result.allDeep.p50)} / ${fmt.ms(result.allDeep.p99)}`,
    );
    console.log(
      `${" ".repeat(15)}server CPU per request: app page 1 ${result.page1.cpuMsPerRequest?.toFixed(2)} ms, baseline ${result.baseline.cpuMsPerRequest?.toFixed(2)} ms`,
    );
    const runs = [result.page1, result.deep, result.allPage1, result.allMiddle, result.allDeep];
    const runMax = Math.max(...runs.map((run) => run.memory!.maxMb));
    console.log(
      `${" ".repeat(15)}server RSS at start/end of the page-1 run ${fmt.mb(result.page1.memory!.startMb)} / ${fmt.mb(result.page1.memory!.endMb)}, ` +
        `max over all runs ${fmt.mb(runMax)}, peak ${fmt.mb(result.peakMb)} (target < ${targets.rssMb} MB) ${fmt.verdict(Math.max(runMax, result.peakMb) < targets.rssMb)}`,
    );
  }
  if (results.length >= 2) {
    const small = results[0]!;
    const large = results[results.length - 1]!;
    const slowdown = small.page1.reqPerSec / large.page1.reqPerSec;
    const normalised =
      small.page1.reqPerSec / small.baseline.reqPerSec / (large.page1.reqPerSec / large.baseline.reqPerSec);
    console.log(
      `Slowdown ${fmt.n(large.size)} vs ${fmt.n(small.size)} cases: ${slowdown.toFixed(2)}x by throughput ` +
        `(${normalised.toFixed(2)}x against each run's baseline; p50 ${fmt.ms(small.page1.p50)} -> ${fmt.ms(large.page1.p50)}) ` +
        `(target <= ${targets.slowdown}x) ${fmt.verdict(slowdown <= targets.slowdown)}`,
    );
  }
  console.log(
    `Load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  console.log(
    `Seeding: ${results.map((result) => `${fmt.n(result.size - (results[results.indexOf(result) - 1]?.size ?? 0))} cases in ${(result.seedMs / 1_000).toFixed(1)} s`).join(", ")}`,
  );
}

await runBenchmark(main);
