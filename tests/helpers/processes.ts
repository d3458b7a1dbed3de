// Real processes for the start-up and one-process-per-data-directory tests: the server
// (through tsx, or a bundle built as `npm start` builds it) and the scripts, each with a
// clean environment, their output collected, and all of them killed when the test file ends.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { projectRoot } from "../../src/db/migrations/migrate";

export { projectRoot };

export interface Spawned {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Waits for a line of stdout matching the pattern; rejects if the process ends first or time runs out. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

const running = new Set<ChildProcess>();

/** Settings for a child: PATH and HOME only, so the test runner's NODE_ENV=test or DATABASE_URL do not leak in. */
export function cleanEnv(settings: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...settings };
}

export function spawnProcess(args: string[], options: { env: NodeJS.ProcessEnv; cwd?: string }): Spawned {
  const [command, ...rest] = args;
  // A process group of its own, so that killAll ends anything it started too.
  const child = spawn(command!, rest, {
    cwd: options.cwd ?? projectRoot,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running.add(child);
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    async waitForLine(pattern, timeoutMs = 180_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = out
          .split("\n")
          .reduce<RegExpMatchArray | null>((found, line) => found ?? line.match(pattern), null);
        if (match) return match;
        if (ended) throw new Error(`the process ended before printing ${pattern}; stderr: ${err.slice(0, 2_000)}`);
        if (Date.now() > deadline) throw new Error(`no line matching ${pattern} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** node running a TypeScript entry point through tsx: `src/server.ts`, `scripts/db-migrate.ts`. */
export function spawnTs(entry: string, env: NodeJS.ProcessEnv, args: string[] = []): Spawned {
  return spawnProcess([process.execPath, "--import", "tsx", entry, ...args], { env });
}

/** Ends every process a test started and has not seen end. */
export async function killAll(): Promise<void> {
  const children = [...running];
  for (const child of children) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await Promise.all(
    children.map((child) =>
      child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("close", resolve)),
    ),
  );
}

/** The parts of package.json's scripts, so a test runs what `npm start` runs. */
export function packageScript(name: string): string {
  const scripts = (
    JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const script = scripts[name];
  if (!script) throw new Error(`package.json has no script ${name}`);
  return script;
}

/**
 * Builds the server bundle as `npm run build` does, into a folder of this test's own under
 * dist/ (so test files building at once do not overwrite each other's bundle), and returns
 * its path relative to the project and a clean-up.
 */
export function buildServerBundle(name: string): { bundle: string; remove: () => Promise<void> } {
  const folder = `dist/test-${name}-${process.pid}`;
  const build = packageScript("build")
    .replace("rm -rf dist/chunks", `rm -rf ${folder}/chunks`)
    .replace("--outdir=dist ", `--outdir=${folder} `);
  if (!build.includes(`--outdir=${folder} `)) throw new Error(`the build script no longer writes to dist: ${build}`);
  execFileSync("sh", ["-c", build.replace(/(^|&& )esbuild /, "$1npx esbuild ")], {
    cwd: projectRoot,
    stdio: "inherit",
  });
  return {
    bundle: `${folder}/server.js`,
    remove: () => rm(path.join(projectRoot, folder), { recursive: true, force: true }),
  };
}
