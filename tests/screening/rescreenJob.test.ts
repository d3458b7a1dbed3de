// The re-screening after a list import as a background job: recorded with the version,
// worked in batches, resumed after a process dies part-way without doing a case twice or
// telling an officer twice, and held by one worker at a time.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import { createServices, type Services } from "../../src/services";
import { queueRescreen, type RescreenProgress } from "../../src/screening/rescreenJob";
import { currentVersion, submittedCase } from "../helpers/cases";
import { personNamed } from "../helpers/testApp";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../helpers/testDatabase";

const csvText = readFileSync(path.join(import.meta.dirname, "fixtures", "uk-sanctions-list.csv"), "utf8");
const [zenithRow = ""] = csvText.split("\n").filter((line) => line.includes(",TST0001,"));
/** The fixture and a new entity listed under the name of three of the cases' partners. */
const withNewEntry = `${csvText.trimEnd()}\n${zenithRow
  .replace(",TST0001,90001,", ",TST0099,90099,")
  .replace("ZENITH ORBITAL TECHNOLOGIES LLC", "NORTHERN STAR AVIONICS BUREAU")
  .replace("ООО «Зенит Орбитал Технолоджис»,Cyrillic,Russian", ",,")}\n`;

describe(`re-screening in the background (${databaseLabel})`, () => {
  let testDatabase: TestDatabase;
  let services: Services;
  const config = testConfig();
  // Two cases a batch, so that five cases take three batches.
  const settings = { ...config, screening: { ...config.screening, rescreen: { batchSize: 2 } } };
  let admin: { id: string; displayName: string };
  const listedCases: string[] = [];

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    services = createServices(testDatabase.database, settings);
    admin = await services.prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    const first = await services.screeningLists.importFile(
      "uk-sanctions-list",
      { name: "v1.csv", bytes: Buffer.from(csvText) },
      admin,
    );
    await services.screeningLists.decideHeld(first.version.id, "accept", admin);
    await services.screening.rescreens.runPending();
    const officer = await services.prisma.user.findUniqueOrThrow({ where: { username: "spo02" } });
    const lead = await personNamed(services, "spo01");
    for (let i = 0; i < 5; i++) {
      const listed = i % 2 === 0;
      const { id } = await submittedCase(
        services,
        "ab123",
        listed ? { partnerName: "Northern Star Avionics Bureau" } : {},
      );
      await services.workflow.assign(id, await currentVersion(services, id), lead, officer.id);
      if (listed) listedCases.push(id);
    }
  });
  afterAll(() => testDatabase.drop());

  const sanctionsMessages = () =>
    services.prisma.notification.findMany({ where: { kind: "sanctions_match" }, select: { proposalId: true } });

  it("is recorded with the version that comes into use, resumed after a process dies part-way, and tells each officer once", async () => {
    const imported = await services.screeningLists.importFile(
      "uk-sanctions-list",
      { name: "v2.csv", bytes: Buffer.from(withNewEntry) },
      admin,
    );
    expect(imported.version.status).toBe("held");
    expect(await services.screening.rescreens.progress(imported.version.id)).toBeUndefined();
    await services.screeningLists.decideHeld(imported.version.id, "accept", admin);
    expect(await services.screening.rescreens.progress(imported.version.id)).toMatchObject({
      status: "pending",
      casesTotal: null,
      casesDone: 0,
    });
    // Recording it again (a retried request) makes no second job.
    await queueRescreen(services.prisma, imported.version.id, null);
    expect(await services.prisma.screeningRescreen.count({ where: { versionId: imported.version.id } })).toBe(1);

    // The first process does one batch, then dies holding its lease.
    const crashed = new Error("the process died");
    await expect(
      services.screening.rescreens.runPending({
        onProgress: () => {
          throw crashed;
        },
      }),
    ).rejects.toBe(crashed);
    await services.prisma.screeningRescreen.update({
      where: { versionId: imported.version.id },
      data: { lockedBy: "a process that died", lockedUntil: new Date(Date.now() + 60_000) },
    });
    const afterCrash = await services.screening.rescreens.progress(imported.version.id);
    expect(afterCrash).toMatchObject({ status: "running", casesTotal: 5, casesDone: 2 });
    // Its lease still runs: nobody else may take the job.
    expect(await services.screening.rescreens.runPending()).toBe(0);

    // The lease runs out; a restarted process (new services) resumes after the last batch done.
    await services.prisma.screeningRescreen.update({
      where: { versionId: imported.version.id },
      data: { lockedUntil: new Date(Date.now() - 1_000) },
    });
    const restarted = createServices(testDatabase.database, settings);
    const seen: RescreenProgress[] = [];
    expect(await restarted.screening.rescreens.runPending({ onProgress: (p) => seen.push(p) })).toBe(1);
    expect(seen.map((p) => p.casesDone)).toEqual([4, 5, 5]);
    const done = await restarted.screening.rescreens.progress(imported.version.id);
    expect(done).toMatchObject({
      status: "done",
      casesTotal: 5,
      casesDone: 5,
      newHits: 3,
      newFlaggedHits: 3,
      casesWithNewHits: 3,
      error: null,
    });
    const matches = await services.prisma.screeningMatch.findMany({
      where: { entry: { externalId: "TST0099" } },
      select: { proposalId: true },
    });
    expect(matches.map((match) => match.proposalId).sort()).toEqual([...listedCases].sort());
    expect((await sanctionsMessages()).map((message) => message.proposalId).sort()).toEqual([...listedCases].sort());
    const audit = await services.prisma.auditEntry.findFirst({
      where: { action: "screening.rescreen_finished", entityId: imported.version.id },
    });
    expect(audit?.details).toMatchObject({ casesDone: 5, newHits: 3, casesWithNewHits: 3 });
  });

  it("finds nothing new, and tells nobody, when the same cases are screened again", async () => {
    const [job] = await services.screening.rescreens.recent(1);
    if (!job) throw new Error("expected a job");
    await services.prisma.screeningRescreen.update({
      where: { id: job.id },
      data: { status: "running", cursor: null, casesDone: 0, newHits: 0, casesWithNewHits: 0, lockedUntil: null },
    });
    await services.screening.rescreens.runPending();
    expect(await services.screening.rescreens.progress(job.versionId)).toMatchObject({
      status: "done",
      casesDone: 5,
      newHits: 0,
    });
    expect(await sanctionsMessages()).toHaveLength(3);
  });
});
