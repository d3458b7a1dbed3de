// Real app processes sending to a real SMTP server: a process killed while it is sending
// (the change committed, the mail not yet accepted) sends exactly once after a restart;
// and two processes on one PostgreSQL database share the outbox, each message sent once.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMigratedDatabase, type Database, type DatabaseSettings } from "../../src/db/database";
import { seedDemoData, seedReferenceData } from "../../src/seed/seed";
import { createServices, type Services } from "../../src/services";
import { testConfig } from "../../src/config";
import { cleanEnv, killAll, spawnTs, type Spawned } from "../helpers/processes";
import { createTestDatabase, databaseLabel, testDatabaseUrl, type TestDatabase } from "../helpers/testDatabase";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtpServer";
import { currentVersion, submittedCase } from "../helpers/cases";

let smtp: TestSmtpServer;
beforeAll(async () => {
  smtp = await startSmtpServer();
});
afterAll(async () => {
  await killAll();
  await smtp.stop();
});

function serverEnv(database: DatabaseSettings): NodeJS.ProcessEnv {
  return cleanEnv({
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "warn",
    SEED_DEMO_DATA: "false",
    BASE_URL: "https://spo.example.ac.uk",
    SMTP_URL: smtp.url,
    NOTIFY_POLL_MS: "100",
    NOTIFY_LOCK_SECONDS: "2",
    NOTIFY_RETRY_BASE_MS: "200",
    ...(database.kind === "postgres" ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir ?? "" }),
  });
}

async function startServer(database: DatabaseSettings): Promise<Spawned> {
  const server = spawnTs("src/server.ts", serverEnv(database));
  await server.waitForLine(/Listening on/, 120_000);
  return server;
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`a process killed between commit and send (${databaseLabel})`, () => {
  let folder: string | undefined;
  let postgres: TestDatabase | undefined;
  let settings: DatabaseSettings;

  afterAll(async () => {
    if (folder) await rm(folder, { recursive: true, force: true });
    await postgres?.drop();
  });

  it("sends the message exactly once after a restart", async () => {
    // A committed case change with its messages, made before any server runs.
    let database: Database;
    if (testDatabaseUrl) {
      postgres = await createTestDatabase();
      database = postgres.database;
      settings = postgres.settings;
    } else {
      folder = await mkdtemp(path.join(tmpdir(), "spo-notify-"));
      settings = { kind: "pglite", dataDir: folder };
      database = await openMigratedDatabase(settings);
      await seedReferenceData(database.prisma);
      await seedDemoData(database.prisma);
    }
    const services = createServices(database, testConfig({ BASE_URL: "https://spo.example.ac.uk" }));
    const submitted = await submittedCase(services, "ab123", { department: "ENG", title: "Killed mid-send" });
    const officer = await services.prisma.user.findUniqueOrThrow({ where: { username: "spo01" } });
    const expected = await services.prisma.notification.count({ where: { proposalId: submitted.id } });
    expect(expected).toBe(3); // the two officers and the head of department
    expect(officer).toBeDefined();
    if (!postgres) await database.close();

    // The first process takes the messages and starts sending; the server reads the first and never answers.
    smtp.clear();
    smtp.holdData = true;
    let held = 0;
    smtp.onHeld = () => (held += 1);
    const first = await startServer(settings);
    await until(() => held > 0, 60_000, "the first process to start sending");
    process.kill(-first.pid, "SIGKILL");
    await first.exited;
    expect(smtp.received).toEqual([]);

    // A new process, after the dead one's claim expires, sends each message: exactly once.
    smtp.holdData = false;
    const second = await startServer(settings);
    await until(() => smtp.received.length >= expected, 60_000, "the messages after the restart");
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const keys = smtp.received.map((message) => message.key);
    expect(keys).toHaveLength(expected);
    expect(new Set(keys).size).toBe(expected);
    expect(smtp.received.every((message) => message.subject.includes("Killed mid-send"))).toBe(true);
    process.kill(-second.pid, "SIGTERM");
    await second.exited;
  }, 240_000);
});

describe.skipIf(!testDatabaseUrl)("two app processes on one PostgreSQL database", () => {
  let database: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    database = await createTestDatabase();
    services = createServices(database.database, testConfig({ BASE_URL: "https://spo.example.ac.uk" }));
  }, 120_000);
  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
    await database?.drop();
  });

  it("sends each message once between them", async () => {
    const [first, second] = await Promise.all([startServer(database.settings), startServer(database.settings)]);
    smtp.clear();
    // Assignments back and forth between two officers, made by a third person's office: one message each.
    const cases = await Promise.all([1, 2, 3, 4].map(() => submittedCase(services, "ab123", { department: "ENG" })));
    const officers = await Promise.all(
      ["spo01", "spo02"].map(async (username) => {
        const user = await services.users.findByUsername(username);
        return (await services.users.findActive(user!.id))!;
      }),
    );
    for (let round = 0; round < 50; round += 1) {
      await Promise.all(
        cases.map(async (submitted, index) => {
          const by = officers[(round + index) % 2]!;
          const to = officers[(round + index + 1) % 2]!;
          await services.workflow.assign(submitted.id, await currentVersion(services, submitted.id), by, to.id);
        }),
      );
    }
    const total = await services.prisma.notification.count();
    expect(total).toBeGreaterThan(200);
    await until(() => smtp.received.length >= total, 120_000, "every message");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const keys = smtp.received.map((message) => message.key);
    expect(keys).toHaveLength(total);
    expect(new Set(keys).size).toBe(total);
    // Both processes did some of the sending.
    const senders = new Set(smtp.received.map((message) => message.sender.split("/")[1]));
    expect(senders).toEqual(new Set([String(first.pid), String(second.pid)]));
    expect(await services.prisma.notification.count({ where: { status: { not: "sent" } } })).toBe(0);
    process.kill(-first.pid, "SIGTERM");
    process.kill(-second.pid, "SIGTERM");
    await Promise.all([first.exited, second.exited]);
  }, 240_000);
});
