// quality.md, "Several processes": the embedded database belongs to one process; a second
// one refuses to start. Two processes on one PGlite folder each keep their own copy of the
// pages and overwrite each other's acknowledged writes, so the app, `db:migrate` and
// `seed:bulk` all lock the folder, and a lock left by a killed process is taken over.
// Real processes on a real folder. Independent of TEST_DATABASE_URL: this is the embedded
// database, so it runs in the PGlite pass only.
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockDataDir, lockFileName } from "../../src/db/dataDirLock";
import { cleanEnv, killAll, spawnTs, type Spawned } from "../helpers/processes";
import { testDatabaseUrl } from "../helpers/testDatabase";

const listening = /^Listening on http:\/\/127\.0\.0\.1:(\d+)$/;

function serverEnv(dataDir: string): NodeJS.ProcessEnv {
  return cleanEnv({ DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn" });
}

/** A pid that was alive a moment ago and is not any more. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).toString());
}

async function lockHolder(dataDir: string): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(dataDir, lockFileName), "utf8")) as Record<string, unknown>;
}

describe.runIf(!testDatabaseUrl)("one process per embedded data directory (pglite)", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), "spo-lock-"));
  });
  afterAll(async () => {
    await killAll();
    await rm(root, { recursive: true, force: true });
  });

  it("refuses a second server, db:migrate and seed:bulk while the app runs, naming it; takes over after kill -9", async () => {
    const dataDir = path.join(root, "data");
    const first = spawnTs("src/server.ts", serverEnv(dataDir));
    const port = (await first.waitForLine(listening))[1]!;

    // An acknowledged write by the first process: a session from signing in.
    const signIn = await fetch(`http://127.0.0.1:${port}/sign-in`);
    expect(signIn.status).toBe(200);

    const holder = new RegExp(
      `in use by process ${first.pid} on this host \\(${hostname()}\\), "node src/server\\.ts", since \\d{4}-\\d\\d-\\d\\dT`,
    );
    const refused = async (process: Spawned, prefix: string) => {
      const { code } = await process.exited;
      expect(code).toBe(1);
      const lines = process.stderr().trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${prefix}: the data directory ${dataDir} `));
      expect(lines[0]).toMatch(holder);
      expect(process.stdout()).not.toMatch(/^Listening/m);
    };
    await Promise.all([
      refused(spawnTs("src/server.ts", serverEnv(dataDir)), "Start-up failed"),
      refused(spawnTs("scripts/db-migrate.ts", serverEnv(dataDir)), "db:migrate failed"),
      refused(spawnTs("scripts/seed-bulk.ts", serverEnv(dataDir), ["5"]), "seed:bulk failed"),
    ]);
    // The first one never noticed.
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    expect((await lockHolder(dataDir)).pid).toBe(first.pid);

    // kill -9 leaves the lock behind; the next start sees its pid is gone and takes over.
    first.child.kill("SIGKILL");
    await first.exited;
    expect((await lockHolder(dataDir)).pid).toBe(first.pid);
    const second = spawnTs("src/server.ts", serverEnv(dataDir));
    const secondPort = (await second.waitForLine(listening))[1]!;
    expect((await lockHolder(dataDir)).pid).toBe(second.pid);
    expect((await fetch(`http://127.0.0.1:${secondPort}/readyz`)).status).toBe(200);

    // A clean stop releases the folder: migrations may run now.
    second.child.kill("SIGTERM");
    expect((await second.exited).code).toBe(0);
    await expect(readFile(path.join(dataDir, lockFileName))).rejects.toThrow(/ENOENT/);
    const migrate = spawnTs("scripts/db-migrate.ts", serverEnv(dataDir));
    expect((await migrate.exited).code).toBe(0);
    expect(migrate.stdout()).toMatch(/pglite: schema is up to date/);
  }, 240_000);

  it("lets exactly one of several processes take a stale lock at once", async () => {
    const dataDir = path.join(root, "race");
    const stale = {
      token: "stale",
      pid: deadPid(),
      host: hostname(),
      command: "node dist/server.js",
      since: new Date(Date.now() - 60_000).toISOString(),
    };
    await lockDataDir(dataDir).then((lock) => lock.release()); // creates the folder
    await writeFile(path.join(dataDir, lockFileName), JSON.stringify(stale));
    const spawned = Array.from({ length: 4 }, () => spawnTs("tests/helpers/lockRacer.ts", cleanEnv(), [dataDir]));
    await Promise.all(spawned.map((racerProcess) => racerProcess.waitForLine(/^(took it|refused:)/)));
    const outcomes = spawned.map((racerProcess) => racerProcess.stdout().trim());
    expect(outcomes.filter((outcome) => outcome === "took it")).toHaveLength(1);
    const winner = spawned[outcomes.indexOf("took it")]!;
    for (const outcome of outcomes.filter((outcome) => outcome !== "took it")) {
      expect(outcome).toMatch(new RegExp(`in use by process ${winner.pid} `));
    }
    expect((await lockHolder(dataDir)).pid).toBe(winner.pid);
  }, 120_000);

  describe("stale or foreign locks", () => {
    const holderLike = (overrides: Record<string, unknown>) => ({
      token: "earlier",
      pid: process.ppid,
      host: hostname(),
      command: "node dist/server.js",
      since: "2026-01-01T00:00:00.000Z",
      ...overrides,
    });
    async function withLockFile(name: string, content: string) {
      const dataDir = path.join(root, name);
      await lockDataDir(dataDir).then((lock) => lock.release());
      await writeFile(path.join(dataDir, lockFileName), content);
      return dataDir;
    }

    it("refuses while the holder is alive, and a second open in the same process", async () => {
      const dataDir = await withLockFile("alive", JSON.stringify(holderLike({})));
      await expect(lockDataDir(dataDir)).rejects.toThrow(`in use by process ${process.ppid} on this host`);
      await rm(path.join(dataDir, lockFileName));
      const lock = await lockDataDir(dataDir);
      await expect(lockDataDir(dataDir)).rejects.toThrow(/already open in this process/);
      await lock.release();
    });

    it("takes over from a dead pid, a reused pid, an earlier boot, and a damaged file", async () => {
      const cases = {
        dead: JSON.stringify(holderLike({ pid: deadPid() })),
        reused: JSON.stringify(holderLike({ processStart: "1" })),
        rebooted: JSON.stringify(holderLike({ bootId: "not-this-boot" })),
        damaged: '{"token": "half a fi',
      };
      for (const [name, content] of Object.entries(cases)) {
        const dataDir = await withLockFile(name, content);
        const lock = await lockDataDir(dataDir);
        expect((await lockHolder(dataDir)).pid, name).toBe(process.pid);
        await lock.release();
        await expect(readFile(path.join(dataDir, lockFileName)), name).rejects.toThrow(/ENOENT/);
      }
    });

    it("refuses a lock from another host and says how to clear it", async () => {
      const dataDir = await withLockFile("elsewhere", JSON.stringify(holderLike({ host: "another-host", pid: 4242 })));
      await expect(lockDataDir(dataDir)).rejects.toThrow(
        `in use by process 4242 on host another-host, "node dist/server.js", since 2026-01-01T00:00:00.000Z`,
      );
      await expect(lockDataDir(dataDir)).rejects.toThrow(
        `If that process is no longer running there, delete ${path.join(dataDir, lockFileName)}`,
      );
    });
  });
});
