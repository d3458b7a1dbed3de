// A full disk or a read-only data directory. PGlite cannot survive running out of space
// (once PostgreSQL fails to create a WAL segment it spins at 100% CPU and nothing else
// runs, not even SIGTERM), so the storage guard refuses changes while the data directory's
// free space is below DATA_MIN_FREE_MB or it cannot be written, with a 503 page that shows
// back what was typed; pages still load and /readyz says 503. A read-only data directory at
// start is one line and exit 1.
import { writeFile, rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import { createApp, createLogger } from "../../src/app";
import { testConfig } from "../../src/config";
import { openMigratedDatabase, type Database } from "../../src/db/database";
import { createServices } from "../../src/services";
import { seedDemoData, seedReferenceData } from "../../src/seed/seed";
import { diskProbe, storageGuard, type StorageReading } from "../../src/storage/storageGuard";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel, testDatabaseUrl } from "../helpers/testDatabase";
import { cleanEnv, killAll, spawnTs } from "../helpers/processes";
import { readOnlyFolder, smallDisk, type Mounted } from "../helpers/mounts";

const MB = 1_048_576;

describe(`changes while the data directory is nearly full or read-only (${databaseLabel})`, () => {
  let testApp: TestApp;
  let browser: Browser;
  let draftId: string;
  // What the injected probe reports: the test seam in the storage service.
  let reading: StorageReading = { freeBytes: 50_000 * MB, writable: true };

  beforeAll(async () => {
    testApp = await startTestApp({ services: { storageProbe: () => Promise.resolve(reading) } });
    browser = await signInAs(testApp.app, "ab123");
    const owner = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    draftId = (await testApp.services.proposals.createDraft(owner.id)).id;
  });
  afterAll(() => testApp.close());

  async function diskReads(next: StorageReading) {
    reading = next;
    await testApp.services.storage.check();
  }
  const proposalCount = () => testApp.services.prisma.proposal.count();
  const savedTitle = async () =>
    (
      (await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: draftId } })).answers as {
        title?: string;
      }
    ).title;

  it("below DATA_MIN_FREE_MB (200 by default): a change gets a 503 page with what was typed, and nothing is saved", async () => {
    await diskReads({ freeBytes: 150 * MB, writable: true });
    const typed = { title: "Fusion <b>partners</b> & co", summary: "First line of the summary\nSecond line" };
    const page = await browser.post(`/proposals/${draftId}/title`, typed);
    expect(page.status).toBe(503);
    expect(page.headers["retry-after"]).toBeDefined();
    expect(page.$("title").text()).toMatch(/^The service cannot save changes right now/);
    expect(page.$("h1").text()).toBe("The service cannot save changes right now");
    expect(page.$("main").text()).toContain("Nothing was changed");
    // Shown back, escaped: they can copy it.
    const shown = page.$(".govuk-summary-list__value").text();
    expect(shown).toContain("Fusion <b>partners</b> & co");
    expect(shown).toContain("First line of the summary");
    expect(shown).toContain("Second line");
    expect(page.text).toContain("Fusion &lt;b&gt;partners&lt;/b&gt; &amp; co");
    expect(page.text).not.toContain(browser.token!);
    expect(await savedTitle()).toBeUndefined();

    const before = await proposalCount();
    expect((await browser.post("/proposals", { title: "A new proposal", summary: "Its summary." })).status).toBe(503);
    expect(await proposalCount()).toBe(before);
  });

  it("pages still load, /healthz is ok and /readyz is 503 meanwhile", async () => {
    await diskReads({ freeBytes: 150 * MB, writable: true });
    expect((await browser.get("/")).status).toBe(200);
    const step = await browser.get(`/proposals/${draftId}/title`);
    expect(step.status).toBe(200);
    const ready = await request(testApp.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.text).toMatch(/storage/);
    expect((await request(testApp.app).get("/healthz")).status).toBe(200);
  });

  it("a data directory that cannot be written is refused the same way, whatever the space", async () => {
    await diskReads({ freeBytes: 50_000 * MB, writable: false });
    expect((await browser.post(`/proposals/${draftId}/title`, { title: "Any", summary: "Any" })).status).toBe(503);
    expect((await request(testApp.app).get("/readyz")).status).toBe(503);
    expect(await savedTitle()).toBeUndefined();
  });

  it("saves again once there is room, and is ready again", async () => {
    await diskReads({ freeBytes: 250 * MB, writable: true });
    const page = await browser.post(`/proposals/${draftId}/title`, { title: "Saved at last", summary: "Room again" });
    expect(page.status).toBe(303);
    expect(await savedTitle()).toBe("Saved at last");
    expect((await request(testApp.app).get("/readyz")).status).toBe(200);
  });

  it("reads the disk again by itself once the last reading is a second old", async () => {
    const guard = storageGuard({
      probe: () => Promise.resolve(reading),
      minFreeBytes: 50 * MB,
      maxAgeMs: 20,
    });
    reading = { freeBytes: 150 * MB, writable: true };
    expect((await guard.status()).canSave).toBe(true); // 150 MB is plenty with DATA_MIN_FREE_MB=50
    reading = { freeBytes: 10 * MB, writable: true };
    expect((await guard.status()).canSave).toBe(true); // the reading is still fresh
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await guard.status()).toEqual({ canSave: false, reason: "low-space", freeBytes: 10 * MB });
    expect(testConfig({ DATA_MIN_FREE_MB: "50" }).storage.minFreeBytes).toBe(50 * MB);
    expect(testConfig().storage.minFreeBytes).toBe(200 * MB);
  });
});

// Real file systems: a read-only bind mount and a tmpfs that really fills. The embedded
// database only, so in the PGlite pass.
describe.runIf(!testDatabaseUrl)("real disks (pglite)", () => {
  const mounts: Mounted[] = [];
  afterAll(async () => {
    await killAll();
    for (const mounted of mounts.reverse()) await mounted.remove();
  });

  it("a read-only data directory at start: one line and exit 1", async (context) => {
    const readOnly = await readOnlyFolder(async (folder) => {
      await writeFile(path.join(folder, "PG_VERSION"), "17\n"); // as if a database were there
    });
    if (!readOnly.ok) return context.skip(readOnly.reason);
    mounts.push(readOnly.mounted);
    for (const dataDir of [readOnly.mounted.path, path.join(readOnly.mounted.path, "not-yet-made")]) {
      const server = spawnTs(
        "src/server.ts",
        cleanEnv({ DATA_DIR: dataDir, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "warn" }),
      );
      const { code } = await server.exited;
      expect(code).toBe(1);
      expect(server.stderr().trim().split("\n")).toEqual([
        `Start-up failed: the data directory ${dataDir} cannot be written (EROFS: it is on a read-only file system). ` +
          "The embedded database needs a writable folder: fix the mount or permissions, or set DATA_DIR.",
      ]);
      expect(server.stdout()).toBe("");
    }
  }, 120_000);

  it("the real probe sees a read-only folder and a small disk", async (context) => {
    const readOnly = await readOnlyFolder();
    if (!readOnly.ok) return context.skip(readOnly.reason);
    mounts.push(readOnly.mounted);
    expect((await diskProbe(readOnly.mounted.path)()).writable).toBe(false);
    const disk = await smallDisk(64);
    if (!disk.ok) return context.skip(disk.reason);
    mounts.push(disk.mounted);
    const measured = await diskProbe(disk.mounted.path)();
    expect(measured.writable).toBe(true);
    expect(measured.freeBytes).toBeGreaterThan(60 * MB);
    expect(measured.freeBytes).toBeLessThanOrEqual(64 * MB);
  });

  it("the embedded database on a disk that fills up: changes refused before it is full, saved again after", async (context) => {
    const disk = await smallDisk(400);
    if (!disk.ok) return context.skip(disk.reason);
    mounts.push(disk.mounted);
    const dataDir = path.join(disk.mounted.path, "data");
    const database: Database = await openMigratedDatabase({ kind: "pglite", dataDir });
    try {
      await seedReferenceData(database.prisma);
      await seedDemoData(database.prisma);
      const services = createServices(database, testConfig({ DATA_MIN_FREE_MB: "200" }));
      const app = createApp(services, createLogger("silent"));
      const person = await signInAs(app, "ab123");
      const before = await database.prisma.proposal.count();
      expect((await person.post("/proposals", { title: "A new proposal", summary: "Its summary." })).status).toBe(303);

      // Something else fills the disk to 100 MB free.
      const filler = path.join(disk.mounted.path, "filler");
      const free = (await diskProbe(dataDir)()).freeBytes;
      await writeFile(filler, Buffer.alloc(free - 100 * MB));
      await services.storage.check();
      const refused = await person.post("/proposals", { title: "A new proposal", summary: "Its summary." });
      expect(refused.status).toBe(503);
      expect(refused.$("h1").text()).toBe("The service cannot save changes right now");
      expect((await request(app).get("/readyz")).status).toBe(503);
      expect((await person.get("/")).status).toBe(200);
      expect(await database.prisma.proposal.count()).toBe(before + 1);

      await rm(filler);
      await services.storage.check();
      expect((await person.post("/proposals", { title: "A new proposal", summary: "Its summary." })).status).toBe(303);
      expect((await request(app).get("/readyz")).status).toBe(200);
      expect(await database.prisma.proposal.count()).toBe(before + 2);
    } finally {
      await database.close();
    }
  }, 240_000);
});
