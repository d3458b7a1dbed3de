// Starting the app as `npm start` does: the server bundle on plain node, the project's
// .env read if there is one. The start-up log ends with a plain "Listening on" line; a
// start that cannot go on (bad settings, a port in use) prints one line and exits 1.
// Pages are served from cached templates whatever NODE_ENV says, and the development
// sign-in is still there without single sign-on.
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createServices } from "../../src/services";
import {
  buildServerBundle,
  cleanEnv,
  killAll,
  packageScript,
  projectRoot,
  spawnProcess,
  type Spawned,
} from "../helpers/processes";
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from "../helpers/testDatabase";

const execFileAsync = promisify(execFile);
const listening = /^Listening on http:\/\/127\.0\.0\.1:(\d+)$/;

/**
 * `npm start` after its build step (`node --env-file-if-exists=.env … dist/server.js`), on
 * this test's bundle. The settings before `node` (MALLOC_ARENA_MAX: how glibc's allocator
 * holds memory) change no behaviour, only memory, and are left out.
 */
function startCommand(bundle: string): string[] {
  const words = packageScript("start").split("&&").at(-1)!.trim().split(/\s+/);
  const [node, ...args] = words.slice(words.findIndex((word) => !/^[A-Z_][A-Z0-9_]*=/.test(word)));
  expect(node).toBe("node");
  expect(args.at(-1)).toBe("dist/server.js");
  return [process.execPath, ...args.slice(0, -1), path.join(projectRoot, bundle)];
}

async function occupiedPort(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as { port: number }).port, server };
}

async function freePort(): Promise<number> {
  const { port, server } = await occupiedPort();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function oneLine(process: Spawned): string {
  const lines = process.stderr().trim().split("\n");
  expect(lines, process.stderr()).toHaveLength(1);
  return lines[0]!;
}

describe("starting the server as npm start does", () => {
  let bundle: string;
  let removeBundle: () => Promise<void>;
  let folder: string;
  /** A database of its own for the several-process start (on PostgreSQL runs only). */
  let postgres: TestDatabase | undefined;

  beforeAll(async () => {
    ({ bundle, remove: removeBundle } = buildServerBundle("startup"));
    folder = await mkdtemp(path.join(tmpdir(), "spo-start-"));
    if (testDatabaseUrl) postgres = await createTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await killAll();
    await postgres?.drop();
    await removeBundle();
    await rm(folder, { recursive: true, force: true });
  });

  /** `npm start`'s command, in a folder of its own (where .env is read from). */
  function npmStart(env: Record<string, string>, cwd = folder): Spawned {
    return spawnProcess(startCommand(bundle), { env: cleanEnv(env), cwd });
  }

  it("reads .env, ends its log with a plain Listening line, and offers the development sign-in", async () => {
    const port = await freePort();
    // Only .env names the port and the in-memory database; NODE_ENV is not set at all.
    await writeFile(path.join(folder, ".env"), `HOST=127.0.0.1\nPORT=${port}\nDATA_DIR=:memory:\nLOG_LEVEL=info\n`);
    const server = npmStart({});
    const [, shownPort] = await server.waitForLine(listening);
    expect(Number(shownPort)).toBe(port);
    // The structured log first, then the plain line last.
    const lines = server.stdout().trim().split("\n");
    expect(lines.at(-1)).toBe(`Listening on http://127.0.0.1:${port}`);
    expect(JSON.parse(lines.at(-2)!)).toMatchObject({ msg: "listening", url: `http://127.0.0.1:${port}` });

    const signIn = await fetch(`http://127.0.0.1:${port}/sign-in`);
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('action="/sign-in/development"');

    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
  }, 180_000);

  it("leaves what few requests need (record PDFs, e-mail, list parsers, PGlite) to chunks loaded on first use", async () => {
    const entry = await readFile(path.join(projectRoot, bundle), "utf8");
    const imported = (source: string) => [...source.matchAll(/^import .* from "([^"./][^"]*)";$/gm)].map((m) => m[1]);
    for (const lazy of ["pdfkit", "fontkit", "bidi-js", "nodemailer", "@electric-sql/pglite", "file-type"])
      expect(imported(entry)).not.toContain(lazy);
    // Each chunk loads from the bundle's folder, with the packages it needs.
    const chunks = await readdir(path.join(projectRoot, path.dirname(bundle), "chunks"));
    const pdfChunk = chunks.find((name) => name.startsWith("recordPdf-") && name.endsWith(".js"));
    expect(pdfChunk).toBeDefined();
    const pdfSource = await readFile(path.join(projectRoot, path.dirname(bundle), "chunks", pdfChunk!), "utf8");
    expect(imported(pdfSource)).toContain("pdfkit");
    const loader = `const m = await import(${JSON.stringify(`./chunks/${pdfChunk!}`)});
      const pdf = await m.recordPdf({ title: "T", caseLines: [["Reference", "SPO-2026-00001"]], signatureLines: [], items: [] });
      process.stdout.write(pdf.subarray(0, 5).toString());`;
    const { stdout } = await execFileAsync(process.execPath, ["--input-type=module", "-e", loader], {
      cwd: path.join(projectRoot, path.dirname(bundle)),
    });
    expect(stdout).toBe("%PDF-");
  }, 60_000);

  it("a port already in use: one line, exit 1", async () => {
    const { port, server: holder } = await occupiedPort();
    try {
      const server = npmStart({ HOST: "127.0.0.1", PORT: String(port), DATA_DIR: ":memory:", LOG_LEVEL: "warn" });
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(oneLine(server)).toBe(
        `Start-up failed: cannot listen on http://127.0.0.1:${port} (EADDRINUSE): the port is already in use ` +
          "(another copy of the app, or another program): stop it or set PORT.",
      );
      expect(server.stdout()).not.toMatch(/listening/i);
    } finally {
      holder.close();
    }
  }, 180_000);

  it("WEB_CONCURRENCY on the embedded database: ignored, and the log says why", async () => {
    const port = await freePort();
    const server = npmStart({
      HOST: "127.0.0.1",
      PORT: String(port),
      DATA_DIR: ":memory:",
      LOG_LEVEL: "info",
      WEB_CONCURRENCY: "2",
    });
    await server.waitForLine(listening);
    const logged = server
      .stdout()
      .trim()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { pid: number; msg: string });
    expect(logged.find((entry) => entry.msg.startsWith("WEB_CONCURRENCY is ignored"))?.msg).toMatch(
      /the embedded database belongs to one process/,
    );
    // One process: every entry from the same one.
    expect(new Set(logged.map((entry) => entry.pid)).size).toBe(1);
    server.child.kill("SIGTERM");
    expect((await server.exited).code).toBe(0);
  }, 180_000);

  it.runIf(testDatabaseUrl)(
    "WEB_CONCURRENCY=2 on PostgreSQL: two worker processes serve the port; SIGTERM stops them all",
    async () => {
      const port = await freePort();
      const server = npmStart({
        HOST: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: (postgres!.settings as { url: string }).url,
        LOG_LEVEL: "info",
        WEB_CONCURRENCY: "2",
      });
      const [, shownPort] = await server.waitForLine(
        /^Listening on http:\/\/127\.0\.0\.1:(\d+) \(2 worker processes\)$/,
      );
      expect(Number(shownPort)).toBe(port);
      const listeningPids = () =>
        new Set(
          server
            .stdout()
            .split("\n")
            .filter((line) => line.startsWith("{"))
            .map((line) => JSON.parse(line) as { pid: number; msg: string; url?: string })
            .filter((entry) => entry.msg === "listening" && entry.url)
            .map((entry) => entry.pid),
        );
      // Both workers report listening (the second may follow the plain line).
      for (let tries = 0; listeningPids().size < 2 && tries < 100; tries++)
        await new Promise((resolve) => setTimeout(resolve, 200));
      const workers = listeningPids();
      expect(workers.size).toBe(2);
      expect(workers.has(server.child.pid!)).toBe(false);
      for (let index = 0; index < 4; index++) {
        expect((await fetch(`http://127.0.0.1:${port}/sign-in`)).status).toBe(200);
      }
      server.child.kill("SIGTERM");
      expect((await server.exited).code).toBe(0);
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    },
    180_000,
  );

  it("bad settings: one line naming each problem, exit 1, no stack", async () => {
    const cases = [
      [{ PORT: "http" }, /^Start-up failed: invalid configuration: PORT: [^;]+$/],
      [{ NODE_ENV: "production" }, /^Start-up failed: invalid configuration: SESSION_SECRET: .+; BASE_URL: .+/],
    ] as const;
    for (const [env, expected] of cases) {
      const server = npmStart(env);
      const { code } = await server.exited;
      expect(code).toBe(1);
      const line = oneLine(server);
      expect(line).toMatch(expected);
      expect(line).not.toMatch(/ at |\.js:\d/);
      expect(server.stdout()).toBe("");
    }
  }, 60_000);
});

describe("template cache", () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase({ seed: false });
  });
  afterAll(() => testDatabase.drop());

  const appWith = (env: Record<string, string>) =>
    createApp(createServices(testDatabase.database, loadConfig(env)), createLogger("silent"));

  it("is on by default, also under NODE_ENV=development, where the development sign-in stays", () => {
    const config = loadConfig({});
    expect(config.environment).toBe("development");
    expect(config.developmentSignIn).toBe(true);
    expect(appWith({}).enabled("view cache")).toBe(true);
    expect(appWith({ NODE_ENV: "development" }).enabled("view cache")).toBe(true);
  });

  it("is off with VIEW_CACHE=false, as npm run dev sets it so edited views show on reload", () => {
    expect(appWith({ VIEW_CACHE: "false" }).enabled("view cache")).toBe(false);
    expect(packageScript("dev")).toMatch(/(^|\s)VIEW_CACHE=false\s/);
  });
});
