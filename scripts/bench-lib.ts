// What the HTTP benchmarks share (scripts/bench-queue.ts, scripts/bench-form.ts): a fresh
// PostgreSQL database that is always dropped, servers in child processes (so the load
// generator, autocannon in the benchmark's own process, is a second process), signing in
// through the development sign-in page, and bounded load runs on 127.0.0.1 that report
// req/s, p50/p95/p99 and the server's resident memory.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { EventEmitter } from "node:events";
import pg from "pg";

// autocannon ships no type declarations: the little used here, typed by hand.
type AutocannonInstance = EventEmitter & PromiseLike<{ errors: number; timeouts: number }>;
const autocannon = createRequire(import.meta.url)("autocannon") as (options: {
  url: string;
  connections: number;
  duration: number;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: AutocannonRequest[];
  timeout: number;
}) => AutocannonInstance;

/** A request autocannon sends; setupRequest may change it per connection (context is per connection). */
export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The command `npm start` runs after its build step (package.json's start script), split in words. */
function startCommand(): string[] {
  const scripts = (
    JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  return (scripts.start ?? "").split("&&").at(-1)!.trim().split(/\s+/);
}

/**
 * The node and V8 flags `npm start` runs the app with, so the benchmarks measure the app as
 * shipped; BENCH_APP_FLAGS replaces them ("" for none), to compare settings. The baselines
 * run without them.
 */
export function appNodeFlags(): string[] {
  const chosen = process.env.BENCH_APP_FLAGS;
  if (chosen !== undefined) return chosen.split(/\s+/).filter(Boolean);
  return startCommand().filter((part) => part.startsWith("--") && !part.startsWith("--env-file"));
}

/**
 * The environment `npm start` sets for node (`NAME=value` or `NAME=${NAME:-value}` before
 * the command, such as MALLOC_ARENA_MAX), unless this process's environment sets that name.
 */
export function appEnvironment(): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const part of startCommand()) {
    const setting = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(part);
    if (!setting) break;
    const [, name, written] = setting;
    const value = /^\$\{[A-Z_][A-Z0-9_]*:-(.*)\}$/.exec(written!)?.[1] ?? written!;
    if (process.env[name!] === undefined) settings[name!] = value;
  }
  return settings;
}

/** The app's node arguments: npm start's flags, and node --cpu-prof into `profileDir` when given. */
function appNodeArgs(profileDir?: string): string[] {
  return [...appNodeFlags(), ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];
}

/** How the app is started, as printed beside its figures: npm start's environment and flags. */
export function appSettings(): string {
  const environment = Object.entries(appEnvironment()).map(([name, value]) => `${name}=${value}`);
  return [...environment, ...appNodeFlags()].join(" ") || "none";
}

/**
 * The app's benchmark server (scripts/bench-server.ts) started as `npm start` starts the app:
 * with its environment and node flags, and under --cpu-prof into `profileDir` when given.
 */
export function startApp(env: Record<string, string>, options: { profileDir?: string; timeoutMs?: number } = {}) {
  return startChild(
    "scripts/bench-server.ts",
    { ...appEnvironment(), ...env },
    options.timeoutMs,
    appNodeArgs(options.profileDir),
  );
}

// ---------------------------------------------------------------------------------------
// Clean-up that also runs on Ctrl-C
// ---------------------------------------------------------------------------------------

const cleanups: (() => Promise<void>)[] = [];
let interrupted = false;

/** Registers clean-up to run (last first) by runCleanups, or on SIGINT/SIGTERM. */
export function onCleanup(step: () => Promise<void>): void {
  cleanups.push(step);
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length > 0) {
    const step = cleanups.pop()!;
    try {
      await step();
    } catch (error) {
      console.error("clean-up step failed:", error);
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up...`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------
// A database of its own
// ---------------------------------------------------------------------------------------

export const adminUrl = process.env.BENCH_DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Creates `spo_bench_<random>` on the admin URL's server; dropped by runCleanups. Returns its URL. */
export async function createBenchDatabase(): Promise<string> {
  const name = `spo_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  onCleanup(async () => {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    console.log(`dropped database ${name}`);
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  console.log(`created database ${name}`);
  return url.toString();
}

// ---------------------------------------------------------------------------------------
// Servers in child processes
// ---------------------------------------------------------------------------------------

export interface Child {
  port: number;
  pid: number;
  base: string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript server script in a child process, bundled by esbuild and run on plain
 * node as `npm start` runs the app (so its memory and CPU are what is shipped, without a
 * TypeScript loader), and waits
 * for the line `{"port":…,"pid":…}` it prints when listening. The child also exits when
 * its stdin closes, so it never outlives this process.
 */
export async function startChild(
  script: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
  nodeArgs: string[] = [],
): Promise<Child> {
  // Split as `npm run build` splits, so what the app loads on first use stays out of its start.
  const name = path.basename(script, ".ts");
  const outdir = path.join(projectRoot, "dist", "bench", name);
  const bundle = path.join(outdir, `${name}.js`);
  rmSync(outdir, { recursive: true, force: true });
  execFileSync(
    path.join(projectRoot, "node_modules", ".bin", "esbuild"),
    [
      script,
      "--bundle",
      "--platform=node",
      "--format=esm",
      "--splitting",
      "--packages=external",
      "--target=node24",
      `--outdir=${outdir}`,
      "--entry-names=[name]",
      "--log-level=warning",
    ],
    { cwd: projectRoot, stdio: "inherit" },
  );
  // BENCH_NODE_ARGS: node or V8 flags for the servers (e.g. "--max-semi-space-size=2"), to compare settings.
  const extraArgs = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child: ChildProcess = spawn(process.execPath, [...extraArgs, ...nodeArgs, bundle], {
    cwd: projectRoot,
    env: { ...process.env, ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once("exit", () => {
      exited = true;
      resolve();
    }),
  );
  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exit;
    clearTimeout(killer);
  };
  onCleanup(stop);
  const ready = await new Promise<{ port: number; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${timeoutMs} ms`)), timeoutMs);
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      try {
        const parsed = JSON.parse(line) as { port?: number; pid?: number };
        if (parsed.port && parsed.pid) {
          clearTimeout(timer);
          resolve({ port: parsed.port, pid: parsed.pid });
        }
      } catch {
        process.stdout.write(`[${path.basename(script)}] ${line}\n`);
      }
    });
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before listening`));
    });
  });
  return { ...ready, base: `http://127.0.0.1:${ready.port}`, stop };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (clock ticks of 10 ms). */
export function cpuMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident set size (and its peak so far) of a process, in MB, from /proc. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
}

// ---------------------------------------------------------------------------------------
// A signed-in session, as a browser gets one
// ---------------------------------------------------------------------------------------

export interface Session {
  cookie: string;
  csrf: string;
}

function cookieFrom(response: Response, previous?: string): string {
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .find((pair) => pair.includes("sid="));
  return cookie ?? previous ?? "";
}

export function csrfTokenIn(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

/** GET /sign-in (cookie and CSRF token), POST /sign-in/development, then a token for forms. */
export async function signIn(base: string, username: string): Promise<Session> {
  const page = await fetch(`${base}/sign-in`, { redirect: "manual" });
  let cookie = cookieFrom(page);
  const token = csrfTokenIn(await page.text());
  if (!cookie || !token) throw new Error(`GET /sign-in gave no session cookie or form token (status ${page.status})`);
  const response = await fetch(`${base}/sign-in/development`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ username, _csrf: token }).toString(),
  });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`sign-in as ${username} failed with ${response.status}`);
  cookie = cookieFrom(response, cookie);
  // The new session (a new id at sign-in) has its own token: read it from a page.
  const home = await fetch(`${base}/`, { headers: { cookie }, redirect: "manual" });
  const csrf = csrfTokenIn(await home.text());
  if (home.status !== 200 || !csrf) throw new Error(`GET / after sign-in gave ${home.status}`);
  return { cookie: cookieFrom(home, cookie), csrf };
}

// ---------------------------------------------------------------------------------------
// Load runs
// ---------------------------------------------------------------------------------------

export interface LoadResult {
  label: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p95: number;
  p99: number;
  statusCounts: Record<string, number>;
  /** Responses with another status than expected, plus socket errors and timeouts. */
  errors: number;
  memory?: { startMb: number; endMb: number; maxMb: number };
  /** The server's CPU time per response (ms): unlike latency, barely moved by other work on the machine. */
  cpuMsPerRequest?: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LoadOptions {
  label: string;
  url: string;
  connections?: number;
  /** Seconds: every run is bounded in time. */
  duration: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Per-connection requests (autocannon's `requests`), instead of method/headers/body. */
  requests?: AutocannonRequest[];
  /** The status every response should have (or one of these): any other counts as an error. */
  expectStatus?: number | number[];
  /** The server's pid, to sample its resident memory through the run. */
  pid?: number;
}

export async function loadRun(options: LoadOptions): Promise<LoadResult> {
  if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(options.url))
    throw new Error(`load runs only aim at 127.0.0.1: ${options.url}`);
  const latencies: number[] = [];
  const statusCounts: Record<string, number> = {};
  let rssMax = 0;
  const startMb = options.pid ? memoryOf(options.pid).rssMb : NaN;
  const cpuStart = options.pid ? cpuMsOf(options.pid) : NaN;
  const sampler = options.pid
    ? setInterval(() => {
        rssMax = Math.max(rssMax, memoryOf(options.pid!).rssMb);
      }, 250)
    : undefined;
  const started = performance.now();
  const instance = autocannon({
    url: options.url,
    connections: options.connections ?? 20,
    duration: options.duration,
    method: options.method ?? "GET",
    headers: options.headers,
    body: options.body,
    requests: options.requests,
    timeout: 10,
  });
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
    statusCounts[statusCode] = (statusCounts[statusCode] ?? 0) + 1;
  });
  const result = await instance;
  const elapsed = (performance.now() - started) / 1_000;
  if (sampler) clearInterval(sampler);
  const endMb = options.pid ? memoryOf(options.pid).rssMb : NaN;
  const cpuMs = options.pid ? cpuMsOf(options.pid) - cpuStart : NaN;
  const sorted = Float64Array.from(latencies).sort();
  const expected = [options.expectStatus ?? 200].flat();
  const unexpected = latencies.length - expected.reduce((sum, status) => sum + (statusCounts[status] ?? 0), 0);
  return {
    label: options.label,
    requests: latencies.length,
    reqPerSec: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    statusCounts,
    errors: unexpected + result.errors + result.timeouts,
    memory: options.pid ? { startMb, endMb, maxMb: Math.max(rssMax, startMb, endMb) } : undefined,
    cpuMsPerRequest: options.pid && latencies.length > 0 ? cpuMs / latencies.length : undefined,
  };
}

// ---------------------------------------------------------------------------------------
// Printing
// ---------------------------------------------------------------------------------------

export const fmt = {
  n: (value: number, digits = 0) =>
    value.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  ms: (value: number) => `${value.toFixed(1)} ms`,
  mb: (value: number) => `${value.toFixed(0)} MB`,
  verdict: (ok: boolean) => (ok ? "PASS" : "FAIL"),
};

export function printLoad(result: LoadResult): void {
  const cpu = result.cpuMsPerRequest !== undefined ? `  cpu ${result.cpuMsPerRequest.toFixed(2)} ms/req` : "";
  const memory = result.memory
    ? `  RSS ${fmt.mb(result.memory.startMb)} -> ${fmt.mb(result.memory.endMb)} (max ${fmt.mb(result.memory.maxMb)})`
    : "";
  const codes = Object.entries(result.statusCounts)
    .map(([code, count]) => `${code}x${count}`)
    .join(" ");
  console.log(
    `  ${result.label.padEnd(40)} ${fmt.n(result.reqPerSec).padStart(6)} req/s  p50 ${fmt.ms(result.p50).padStart(8)}  p95 ${fmt.ms(result.p95).padStart(8)}  ` +
      `p99 ${fmt.ms(result.p99).padStart(8)}  [${codes}${result.errors ? `, ${result.errors} errors` : ""}]${cpu}${memory}`,
  );
}

/** Runs a benchmark's main: a failure sets the exit code, and the clean-ups always run. */
export async function runBenchmark(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  } finally {
    await runCleanups();
  }
}
