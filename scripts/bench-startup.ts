// `npm run bench:startup`: start-up on the embedded database with existing data. Target
// (docs/quality.md, "Speed"): the first page served within 2 s.
//
// A temporary DATA_DIR is created and seeded by a first start of the bundled server
// (migrations, reference and demo data), which is then stopped; BENCH_STARTUP_CASES
// (default 1,000) submitted cases are added with scripts/seed-bulk.ts, so the data is not
// empty. Then, three times: spawn `node dist/server.js` (what `npm start` runs), poll GET / every 20 ms until it
// answers 200 or 303, note the time since the spawn, stop it (SIGTERM) and wait for it to
// exit. Prints each time and the median. The folder is removed at the end.
import { execFileSync, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { openMigratedDatabase } from "../src/db/database";
import { seedBulkCases } from "./seed-bulk";
import { appEnvironment, appNodeFlags, fmt, onCleanup, projectRoot, runBenchmark } from "./bench-lib";

const runs = 3;
const targetMs = 2_000;
const cases = Number(process.env.BENCH_STARTUP_CASES ?? 1_000);
const pollMs = 20;
const startLimitMs = 60_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

interface Start {
  firstResponseMs: number;
  status: number;
  /** What the server itself logged as its start-up time (after node had loaded it). */
  reportedMs?: number;
}

/** Spawns the bundled server (as `npm start` does), waits for the first 200/303 on /, then stops it and waits for it to exit. */
async function startOnce(dataDir: string): Promise<Start> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...appEnvironment(),
    ...process.env,
    NODE_ENV: "development",
    DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    PORT: String(port),
    LOG_LEVEL: "info",
  };
  delete env.DATABASE_URL; // the embedded database
  const started = performance.now();
  // What `npm start` runs after its build step: the bundled server on plain node.
  const child = spawn(process.execPath, [...appNodeFlags(), "dist/server.js"], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    detached: true,
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  };
  const stop = async () => {
    if (exited) return;
    signalGroup("SIGTERM");
    const killer = setTimeout(() => signalGroup("SIGKILL"), 10_000);
    await exit;
    clearTimeout(killer);
  };
  onCleanup(stop);
  let reportedMs: number | undefined;
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("Listening on ")) return; // the plain last line of the start-up log
    try {
      const entry = JSON.parse(line) as { startupMs?: number; level?: number; msg?: string };
      if (entry.startupMs !== undefined) reportedMs = entry.startupMs;
      if ((entry.level ?? 0) >= 40) console.log(`  [server] ${entry.msg}`);
    } catch {
      console.log(`  [server] ${line}`);
    }
  });
  try {
    for (;;) {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- set by the child's exit handler
      if (exited) throw new Error("the server exited before answering");
      if (performance.now() - started > startLimitMs) throw new Error(`no answer within ${startLimitMs} ms`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/`, {
          redirect: "manual",
          signal: AbortSignal.timeout(2_000),
        });
        await response.arrayBuffer();
        if (response.status === 200 || response.status === 303) {
          const firstResponseMs = performance.now() - started;
          // The "listening" log line may still be on its way.
          for (let waited = 0; reportedMs === undefined && waited < 500; waited += pollMs)
            await new Promise((resolve) => setTimeout(resolve, pollMs));
          return { firstResponseMs, status: response.status, reportedMs };
        }
        throw new Error(`GET / answered ${response.status}`);
      } catch (error) {
        if (error instanceof Error && error.message.startsWith("GET /")) throw error;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    }
  } finally {
    await stop();
  }
}

async function main() {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: projectRoot, stdio: "inherit" });
  console.log(
    `Start-up benchmark: node dist/server.js (npm start) on the embedded database with existing data; ${runs} timed starts`,
  );
  console.log(
    `Machine: ${cpus().length} cores, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
  const dataDir = await mkdtemp(path.join(tmpdir(), "spo-bench-startup-"));
  onCleanup(async () => {
    await rm(dataDir, { recursive: true, force: true });
    console.log(`removed ${dataDir}`);
  });

  const first = await startOnce(dataDir);
  console.log(
    `first start (creates, migrates and seeds ${dataDir}): ${fmt.n(first.firstResponseMs)} ms to the first response (${first.status})`,
  );
  if (cases > 0) {
    const database = await openMigratedDatabase({ kind: "pglite", dataDir });
    try {
      const result = await seedBulkCases(database.prisma, cases);
      console.log(`added ${fmt.n(result.cases)} submitted cases in ${(result.ms / 1_000).toFixed(1)} s`);
    } finally {
      await database.close();
    }
  }

  const times: Start[] = [];
  for (let run = 1; run <= runs; run++) {
    const start = await startOnce(dataDir);
    times.push(start);
    console.log(
      `start ${run}: ${fmt.n(start.firstResponseMs)} ms from spawn to the first response (${start.status})` +
        (start.reportedMs !== undefined
          ? `; the server logged startupMs ${fmt.n(start.reportedMs)} (after node loaded it)`
          : ""),
    );
  }
  const sorted = times.map((start) => start.firstResponseMs).sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(`median: ${fmt.n(median)} ms (target <= ${fmt.n(targetMs)} ms) ${fmt.verdict(median <= targetMs)}`);
  console.log(
    `Load average at the end: ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")}`,
  );
}

await runBenchmark(main);
