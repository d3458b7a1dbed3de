// `npm run bench:form`: a form step POST (validate + save) on PostgreSQL. Target
// (docs/quality.md, "Speed"): at least 1,500 per second.
//
// A fresh database `spo_bench_<random>` (on the server of BENCH_DATABASE_URL, default
// postgresql://postgres@127.0.0.1:5432/postgres; dropped at the end, also on failure or
// Ctrl-C), the app in a child process (scripts/bench-server.ts), a member of staff signed
// in through the development sign-in page with a draft, and autocannon here posting a
// valid "Name and describe the collaboration" page (title, summary, CSRF token, the session
// cookie) at 20 connections for a bounded time. Every response should be the 303 to the
// next step; any other status is counted as an error. Two runs:
//  1. the same draft from every connection (one person, one draft, as the target is set);
//  2. a draft per connection (20 sessions of the same person, each saving its own draft),
//     which shows what saving the same row from 20 connections at once costs;
//  3. as people go through the form: each connection saves a step of its own draft and then
//     opens the page the 303 sends it to (which shows the "were saved" message), in turn.
//     Counted per response, so pairs per second are half its req/s.
// Beside them, in the same run and at the same 20 connections, the page benchmarks' two
// baselines (docs/quality.md, "Speed"; scripts/bench-baseline.ts) serving the queue page
// from memory, with 1,000 submitted cases added (as `npm run bench:queue` has at its first
// size: the page's 50 rows): bare (one compiled EJS template) and nunjucks (govuk-frontend's macros). A GET is not a POST, but they show what this machine serves in this run, so a
// form figure can be read against another run's.
// Settings: BENCH_SECONDS (default 10); BENCH_PROFILE=DIR runs the app under node --cpu-prof
// (profiles in DIR; read them with scripts/profile-top.ts).
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { testConfig } from "../src/config";
import { openMigratedDatabase } from "../src/db/database";
import { seedDemoData, seedReferenceData } from "../src/seed/seed";
import { pageData, writePageData } from "./bench-page-data";
import { seedBulkCases } from "./seed-bulk";
import {
  createBenchDatabase,
  fmt,
  loadRun,
  onCleanup,
  printLoad,
  signIn,
  startChild,
  type AutocannonRequest,
  type LoadResult,
  type Session,
  runBenchmark,
  startApp,
} from "./bench-lib";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = 20;
const target = 1_500;
const staff = "ab123";
const profileDir = process.env.BENCH_PROFILE ?? "";

/**
 * A new draft, as people start one: its first page ("Name and describe the collaboration")
 * saved at /proposals creates it. Returns the path of that page of the new draft.
 */
async function newDraft(base: string, session: Session): Promise<string> {
  const response = await fetch(`${base}/proposals`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: formBody(session, 0),
  });
  await response.arrayBuffer();
  const location = response.headers.get("location") ?? "";
  const id = /^\/proposals\/([0-9a-f-]{36})\//.exec(location)?.[1];
  if (response.status !== 303 || !id) throw new Error(`starting a draft gave ${response.status} ${location}`);
  return `/proposals/${id}/title`;
}

function formBody(session: Session, n: number): string {
  return new URLSearchParams({
    title: `Joint research programme on quantum materials ${n}`,
    summary:
      "A three-year programme of joint research and doctoral exchanges on quantum materials with a long-standing partner.",
    _csrf: session.csrf,
  }).toString();
}

async function main() {
  console.log(`Form step benchmark: POST /proposals/<id>/title, ${connections} connections, ${seconds} s per run`);
  console.log(
    `Machine: ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  const url = await createBenchDatabase();
  const database = await openMigratedDatabase({ kind: "postgres", url });
  onCleanup(() => database.close());
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);

  // 0. The baselines, serving the queue page's view model from memory.
  await seedBulkCases(database.prisma, 1_000);
  const folder = mkdtempSync(path.join(tmpdir(), "spo-bench-form-"));
  onCleanup(() => rm(folder, { recursive: true, force: true }));
  const dataFile = path.join(folder, "queue.json");
  const queueData = await pageData(database, testConfig({ DATABASE_URL: url }), "queue", undefined);
  writePageData(dataFile, queueData);
  console.log(`  baselines: the queue page's view model, ${String(queueData.rows)} rows`);
  const baselines: { kind: string; result: LoadResult }[] = [];
  for (const kind of ["bare", "nunjucks"] as const) {
    const baseline = await startChild("scripts/bench-baseline.ts", { BASELINE_KIND: kind, BASELINE_DATA: dataFile });
    try {
      const pageUrl = `${baseline.base}/queue`;
      await loadRun({ label: "warm-up", url: pageUrl, duration: 2, connections });
      const result = await loadRun({
        label: `${kind} baseline, GET /queue`,
        url: pageUrl,
        duration: seconds,
        connections,
        pid: baseline.pid,
      });
      printLoad(result);
      baselines.push({ kind, result });
    } finally {
      await baseline.stop();
    }
  }

  const app = await startApp({ BENCH_DATABASE_URL: url }, { profileDir });

  // 1. One person, one draft.
  const session = await signIn(app.base, staff);
  const stepPath = await newDraft(app.base, session);
  const headers = { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" };
  const body = formBody(session, 1);
  const check = await fetch(`${app.base}${stepPath}`, { method: "POST", redirect: "manual", headers, body });
  await check.arrayBuffer();
  console.log(`  check: POST ${stepPath} -> ${check.status} ${check.headers.get("location")}`);
  if (check.status !== 303) throw new Error(`the form step POST gave ${check.status}, not 303`);

  await loadRun({
    label: "warm-up",
    url: `${app.base}${stepPath}`,
    method: "POST",
    headers,
    body,
    duration: 2,
    connections,
    expectStatus: 303,
  });
  const single = await loadRun({
    label: "one draft, 20 connections",
    url: `${app.base}${stepPath}`,
    method: "POST",
    headers,
    body,
    duration: seconds,
    connections,
    expectStatus: 303,
    pid: app.pid,
  });
  printLoad(single);

  // 2. A draft (and a session) per connection.
  const slots: AutocannonRequest[] = [];
  for (let index = 0; index < connections; index++) {
    const own = await signIn(app.base, staff);
    const path = await newDraft(app.base, own);
    slots.push({
      method: "POST",
      path,
      headers: { cookie: own.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: formBody(own, index),
    });
  }
  // Each connection keeps the slot it is first given (autocannon's per-connection context).
  let nextSlot = 0;
  const slotOf = (context: Record<string, unknown>) => slots[(context.slot ??= nextSlot++ % slots.length) as number]!;
  const requests: AutocannonRequest[] = [
    { method: "POST", setupRequest: (request, context) => ({ ...request, ...slotOf(context) }) },
  ];
  await loadRun({ label: "warm-up", url: `${app.base}/`, requests, duration: 2, connections, expectStatus: 303 });
  const perConnection = await loadRun({
    label: "a draft per connection",
    url: `${app.base}/`,
    requests,
    duration: seconds,
    connections,
    expectStatus: 303,
    pid: app.pid,
  });
  printLoad(perConnection);

  // 3. A step saved, then the next page shown: the drafts (and sessions) of run 2, each
  // connection its own; the step after "Name and describe" is the engagement type.
  const journey: AutocannonRequest[] = [
    { method: "POST", setupRequest: (request, context) => ({ ...request, ...slotOf(context) }) },
    {
      method: "GET",
      setupRequest: (request, context) => {
        const slot = slotOf(context);
        return {
          ...request,
          method: "GET",
          path: slot.path!.replace(/\/title$/, "/engagement-type"),
          headers: { cookie: slot.headers!.cookie! },
        };
      },
    },
  ];
  const journeyOptions = { url: `${app.base}/`, requests: journey, connections, expectStatus: [303, 200] };
  await loadRun({ label: "warm-up", ...journeyOptions, duration: 2 });
  const stepAndNext = await loadRun({
    label: "a step saved, the next page shown",
    ...journeyOptions,
    duration: seconds,
    pid: app.pid,
  });
  printLoad(stepAndNext);

  const saved = await database.prisma.proposal.findMany({ where: { status: "DRAFT" }, select: { version: true } });
  const versions = saved.reduce((sum, draft) => sum + draft.version - 1, 0);
  console.log(
    `  saves recorded in the database (version bumps): ${fmt.n(versions)}; 303 responses: ${fmt.n((single.statusCounts["303"] ?? 0) + (perConnection.statusCounts["303"] ?? 0) + (stepAndNext.statusCounts["303"] ?? 0))} plus warm-ups and checks`,
  );

  console.log("\n== Summary ==");
  console.log(
    `This run's baselines (GET of the queue page's view model, from memory): ${baselines.map(({ kind, result }) => `${kind} ${fmt.n(result.reqPerSec)} req/s`).join(", ")}`,
  );
  for (const result of [single, perConnection]) {
    console.log(
      `${result.label}: ${fmt.n(result.reqPerSec)} req/s (target >= ${fmt.n(target)}) ${fmt.verdict(result.reqPerSec >= target)}; ` +
        `p50/p95/p99 ${fmt.ms(result.p50)} / ${fmt.ms(result.p95)} / ${fmt.ms(result.p99)}; non-303: ${result.errors}; ` +
        `server CPU ${result.cpuMsPerRequest?.toFixed(2)} ms per request (at most ${fmt.n(1_000 / (result.cpuMsPerRequest ?? 1))} req/s on one core); ` +
        baselines
          .map((baseline) => `${(result.reqPerSec / baseline.result.reqPerSec).toFixed(2)}x ${baseline.kind}`)
          .join(", "),
    );
  }
  console.log(
    `${stepAndNext.label}: ${fmt.n(stepAndNext.reqPerSec / 2)} steps/s (a POST and a GET each; ${fmt.n(stepAndNext.reqPerSec)} req/s); ` +
      `p50/p95/p99 ${fmt.ms(stepAndNext.p50)} / ${fmt.ms(stepAndNext.p95)} / ${fmt.ms(stepAndNext.p99)}; unexpected statuses: ${stepAndNext.errors}; ` +
      `server CPU ${stepAndNext.cpuMsPerRequest?.toFixed(2)} ms per response`,
  );
  console.log(
    `Load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
}

await runBenchmark(main);
