// Two app processes (the bundle `npm start` runs, as real child processes) on one fresh
// PostgreSQL database: a session made on one works on the other, a rate limit counts the
// requests both served, and a role an administrator removes on one is gone on the other
// within 2 s (no process keeps its own stale copy).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import * as cheerio from "cheerio";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../src/db/migrations/migrate";
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from "../helpers/testDatabase";

const submitLimit = 6;

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

interface Server {
  url: string;
  child: ChildProcess;
  output: string[];
}

async function startServer(bundle: string, databaseUrl: string): Promise<Server> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, ["--enable-source-maps", bundle], {
    cwd: projectRoot,
    // Only what the server reads (vitest's own environment has a BASE_URL of "/", for one).
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      LOG_LEVEL: "warn",
      SEED_DEMO_DATA: "false",
      SIGN_IN_RATE_LIMIT: "1000",
      SUBMIT_RATE_LIMIT: String(submitLimit),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout.on("data", (chunk: Buffer) => output.push(String(chunk)));
  child.stderr.on("data", (chunk: Buffer) => output.push(String(chunk)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${output.join("")}`);
    const ready = await request(url)
      .get("/readyz")
      .then((response) => response.status === 200)
      .catch(() => false);
    if (ready) return { url, child, output };
    if (Date.now() > deadline) throw new Error(`server did not start: ${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
}

/** A browser that may talk to either server: one cookie, the last form token seen. */
class Client {
  private cookie = "";
  private token = "";

  async get(base: string, url: string) {
    return this.remember(await this.withCookie(request(base).get(url)));
  }

  async post(base: string, url: string, fields: Record<string, string> = {}) {
    const body = new URLSearchParams({ _csrf: this.token, ...fields }).toString();
    return this.remember(await this.withCookie(request(base).post(url).type("form").send(body)));
  }

  private withCookie(test: request.Test) {
    return this.cookie ? test.set("Cookie", this.cookie) : test;
  }

  private remember(response: request.Response) {
    const cookies = ([] as string[]).concat((response.headers["set-cookie"] as string[] | string | undefined) ?? []);
    const cookie = cookies.find((value) => value.startsWith("spo.sid="));
    if (cookie) this.cookie = cookie.split(";")[0]!;
    const $ = cheerio.load(response.text || "");
    const token = $('input[name="_csrf"]').first().val();
    if (typeof token === "string" && token) this.token = token;
    return { status: response.status, $, location: response.headers.location };
  }
}

async function signedIn(base: string, username: string): Promise<Client> {
  const client = new Client();
  await client.get(base, "/sign-in");
  const response = await client.post(base, "/sign-in/development", { username });
  if (response.status !== 303) throw new Error(`sign-in as ${username} failed with ${response.status}`);
  return client;
}

describe.skipIf(!testDatabaseUrl)(
  "two app processes on one PostgreSQL database (PostgreSQL only: the embedded database belongs to one process)",
  () => {
    const bundleFolder = path.join(projectRoot, "dist", `multi-process-${randomBytes(4).toString("hex")}`);
    let database: TestDatabase;
    let first: Server | undefined;
    let second: Server | undefined;

    beforeAll(async () => {
      database = await createTestDatabase();
      if (database.settings.kind !== "postgres") throw new Error("needs PostgreSQL");
      // The bundle `npm start` builds (see package.json "build"), in a folder of its own.
      execFileSync(
        path.join(projectRoot, "node_modules/.bin/esbuild"),
        [
          "src/server.ts",
          "--bundle",
          "--platform=node",
          "--format=esm",
          "--packages=external",
          "--target=node24",
          "--sourcemap",
          `--outfile=${path.join(bundleFolder, "server.js")}`,
          "--log-level=warning",
        ],
        { cwd: projectRoot },
      );
      const bundle = path.join(bundleFolder, "server.js");
      [first, second] = await Promise.all([
        startServer(bundle, database.settings.url),
        startServer(bundle, database.settings.url),
      ]);
    }, 180_000);

    afterAll(async () => {
      await Promise.all([stopServer(first), stopServer(second)]);
      await rm(bundleFolder, { recursive: true, force: true });
      await database.drop();
    }, 60_000);

    it("runs as two processes", () => {
      expect(first!.child.pid).not.toBe(second!.child.pid);
      expect(first!.url).not.toBe(second!.url);
    });

    it("takes a session made on one process on the other", async () => {
      const client = await signedIn(first!.url, "ab123");
      const home = await client.get(second!.url, "/");
      expect(home.status).toBe(200);
      expect(home.$(".app-header__user").text()).toContain("Alex Brown");
      // And a form token the first process gave is good on the second.
      const signOut = await client.post(second!.url, "/sign-out");
      expect(signOut.status).toBe(303);
      expect((await client.get(first!.url, "/")).status).toBe(303);
    });

    it("counts a rate limit over both processes", async () => {
      const client = await signedIn(first!.url, "cd456");
      await client.get(first!.url, "/");
      const statuses: number[] = [];
      for (let attempt = 0; attempt <= submitLimit; attempt++) {
        const server = attempt % 2 === 0 ? first! : second!;
        const response = await client.post(server.url, "/proposals/00000000-0000-4000-8000-000000000000/submit", {
          declaration: "confirmed",
        });
        statuses.push(response.status);
      }
      expect(statuses.slice(0, submitLimit).every((status) => status !== 429)).toBe(true);
      expect(statuses[submitLimit]).toBe(429);
    });

    it("shows a role removed on one process on the other within 2 s", async () => {
      const officer = await signedIn(second!.url, "spo01");
      const colleague = await signedIn(second!.url, "spo02");
      expect((await officer.get(second!.url, "/queue")).status).toBe(200);
      const officersOffered = async () =>
        (await colleague.get(second!.url, "/queue"))
          .$("#assignee option")
          .map((_, option) => cheerio.load(option).text())
          .get();
      expect(await officersOffered()).toContain("Priya Raman");

      const admin = await signedIn(first!.url, "adm01");
      const person = await database.database.prisma.user.findUniqueOrThrow({ where: { username: "spo01" } });
      const grant = await database.database.prisma.roleAssignment.findFirstOrThrow({
        where: { userId: person.id, role: "SPO_OFFICER" },
      });
      await admin.get(first!.url, `/admin/people/${person.id}`);
      const removed = await admin.post(first!.url, `/admin/people/${person.id}/roles/${grant.id}/remove`, {
        confirm: "yes",
      });
      expect(removed.status).toBe(303);
      const removedAt = Date.now();

      let refusedAfterMs: number | undefined;
      let droppedAfterMs: number | undefined;
      while (Date.now() - removedAt < 2_000 && (refusedAfterMs === undefined || droppedAfterMs === undefined)) {
        if (refusedAfterMs === undefined && (await officer.get(second!.url, "/queue")).status === 403)
          refusedAfterMs = Date.now() - removedAt;
        if (droppedAfterMs === undefined && !(await officersOffered()).includes("Priya Raman"))
          droppedAfterMs = Date.now() - removedAt;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(refusedAfterMs, "the officer still had the queue on the other process").toBeDefined();
      expect(droppedAfterMs, "the other process still offered them as an officer").toBeDefined();
    });
  },
);
