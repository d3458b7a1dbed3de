// Importing lists as versions and screening cases against them, on a real database.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import { createServices, type Services } from "../../src/services";
import { LicenceRequiredError, listImportService, ListFormatError } from "../../src/screening/listImport";
import { ScreeningError, screeningService } from "../../src/screening/screeningService";
import { submittedCase } from "../helpers/cases";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../helpers/testDatabase";
import { quietFunding } from "../fixtures/answers";

const fixtures = path.join(import.meta.dirname, "fixtures");
const csvText = readFileSync(path.join(fixtures, "uk-sanctions-list.csv"), "utf8");
const xmlText = readFileSync(path.join(fixtures, "uk-sanctions-list.xml"), "utf8");
const file = (name: string, text: string) => ({ name, bytes: Buffer.from(text, "utf8") });

/** The fixture with a statement of reasons changed (a changed entry), or an entry left out. */
const withReason = (id: string, reason: string) =>
  csvText
    .split("\n")
    .map((line) => (line.includes(`,${id},`) ? line.replace(/An invented [^,]*, for tests only\./, reason) : line))
    .join("\n");
const without = (ids: string[]) =>
  csvText
    .split("\n")
    .filter((line) => !ids.some((id) => line.includes(`,${id},`)))
    .join("\n");

describe(`sanctions screening (${databaseLabel})`, () => {
  let testDatabase: TestDatabase;
  let services: Services;
  let admin: { id: string; displayName: string };
  let officer: { id: string };

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    services = createServices(testDatabase.database, testConfig());
    admin = await services.prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    officer = await services.prisma.user.findUniqueOrThrow({ where: { username: "spo01" } });
  });
  afterAll(() => testDatabase.drop());

  describe("importing", () => {
    it("holds a version far smaller than the real list until an admin confirms it, then screens against it", async () => {
      const { screeningLists, screening } = services;
      const imported = await screeningLists.importFile("uk-sanctions-list", file("list.csv", csvText), admin);
      expect(imported.outcome).toBe("imported");
      const version = imported.version;
      expect(version).toMatchObject({
        number: 1,
        status: "held",
        entityCount: 7,
        nameCount: 20,
        counts: { person: 2, organisation: 4, ship: 1, other: 0, total: 7 },
        addedCount: 7,
        importedBy: "Sian Morgan",
      });
      expect(version.reportDate?.toISOString().slice(0, 10)).toBe("2026-03-14");
      expect(version.heldReason).toMatch(/fewer than the usual minimum of 3,060/);
      expect((await screening.screenName({ name: "Zenith Orbital Technologies" })).hits).toEqual([]);

      const confirmed = await screeningLists.decideHeld(version.id, "accept", admin);
      expect(confirmed.status).toBe("accepted");
      await expect(screeningLists.decideHeld(version.id, "accept", admin)).rejects.toThrow(/not held/);

      const result = await screening.screenName({
        name: "Zenith Orbital Technologies",
        country: "RU",
        type: "organisation",
      });
      expect(result.listVersions).toEqual([
        {
          id: version.id,
          source: "uk-sanctions-list",
          sourceLabel: "UK Sanctions List",
          number: 1,
          reportDate: "2026-03-14",
        },
      ]);
      expect(result.hits).toHaveLength(1);
      expect(result.hits[0]).toMatchObject({
        externalId: "TST0001",
        flagged: true,
        regime: "The Russia (Sanctions) (EU Exit) Regulations 2019",
        sanctionsImposed: ["Asset freeze", "Trust services sanctions"],
        statementOfReasons: "An invented company that supplies invented satellite parts, for tests only.",
        matchedName: {
          name: "ZENITH ORBITAL TECHNOLOGIES LLC",
          nameType: "primary",
          aliasStrength: null,
          script: "latin",
        },
      });
      expect(result.hits[0]?.explanation.features[0]).toMatchObject({ feature: "name" });

      const audit = await services.prisma.auditEntry.findMany({
        where: { entityType: "screening_list_version", entityId: version.id },
        orderBy: { id: "asc" },
      });
      expect(audit.map((entry) => [entry.action, entry.toState])).toEqual([
        ["screening.list_imported", "held"],
        ["screening.version_confirmed", "accepted"],
      ]);
    });

    it("finds names in their own script: Cyrillic romanised, Chinese and Arabic as written", async () => {
      const { screening } = services;
      const top = async (name: string, type?: "person" | "organisation") =>
        (await screening.screenName({ name, type })).hits.map((hit) => [
          hit.externalId,
          hit.flagged,
          hit.matchedName.script,
        ]);
      expect(await top("Краснопевцев Борис", "person")).toEqual([["TST0002", true, "latin"]]);
      expect(await top("北辰光电研究院")).toEqual([["TST0003", true, "han"]]);
      expect(await top("北辰光电大学")).toEqual([]);
      expect(await top("شركة النور للتجارة العامة")).toEqual([["TST0004", true, "arabic"]]);
      // Short distinctive words spelt differently share few trigrams ("nour", "noor").
      expect(await top("Al Nour General Trading", "organisation")).toEqual([["TST0004", true, "latin"]]);
      expect(await top("Eastern State University of Avionics", "organisation")).toEqual([["TST0006", false, "latin"]]);
      // A low-quality alias only on exact equality; ships never match a partner.
      expect(await top("ZOT", "organisation")).toEqual([["TST0001", true, "latin"]]);
      expect(await top("ZOTT", "organisation")).toEqual([]);
      expect(await top("Sea Sparrow", "organisation")).toEqual([]);
    });

    it("stores nothing twice: the same file again is a duplicate, the same entries in XML share their rows", async () => {
      const { screeningLists, prisma } = services;
      const again = await screeningLists.importFile("uk-sanctions-list", file("again.csv", csvText), admin);
      expect(again.outcome).toBe("duplicate");
      const entries = await prisma.screeningEntry.count();
      const xml = await screeningLists.importFile("uk-sanctions-list", file("list.xml", xmlText), null);
      expect(xml.version).toMatchObject({ number: 2, status: "held", addedCount: 0, changedCount: 0, removedCount: 0 });
      expect(xml.version.importedBy).toBe("command line");
      expect(await prisma.screeningEntry.count()).toBe(entries);
      await screeningLists.decideHeld(xml.version.id, "reject", admin);
    });

    it("says plainly when a file is not the list, and refuses OpenSanctions without a licence", async () => {
      const { screeningLists } = services;
      await expect(
        screeningLists.importFile("uk-sanctions-list", file("x.csv", "name,country\nA,B\n"), admin),
      ).rejects.toThrow(ListFormatError);
      const ftm = readFileSync(path.join(fixtures, "opensanctions.ftm.json"));
      await expect(screeningLists.importFile("opensanctions", { name: "e.json", bytes: ftm }, admin)).rejects.toThrow(
        LicenceRequiredError,
      );
      const licensed = listImportService(services.prisma, { openSanctionsLicensed: true });
      const imported = await licensed.importFile("opensanctions", { name: "e.json", bytes: ftm }, admin);
      expect(imported.version).toMatchObject({ source: "opensanctions", status: "held", entityCount: 2 });
    });
  });

  describe("cases", () => {
    // Small bounds, so versions of the fixture are accepted and only the drop rule holds them.
    let lists: ReturnType<typeof listImportService>;
    let screening: ReturnType<typeof screeningService>;
    let caseId: string;

    beforeAll(() => {
      lists = listImportService(services.prisma, { openSanctionsLicensed: false, bounds: () => ({ total: [1, 100] }) });
      screening = screeningService(services.prisma, lists, services.config.screening);
    });

    it("screens the partner and the funder of a submitted case, and remembers what it found", async () => {
      const submitted = await submittedCase(services, "ab123", {
        partnerName: "Zenith Orbital Technologies",
        partnerType: "company",
        partnerCountry: "RU",
        ...quietFunding,
        funderName: "Беичен Фотоникс",
        funderType: "company",
        funderCountry: "CN",
      });
      caseId = submitted.id;
      // Screened at submission, which found the match first.
      const atSubmission = await services.prisma.screeningRun.findFirstOrThrow({ where: { proposalId: caseId } });
      expect(atSubmission).toMatchObject({ trigger: "submission", hitCount: 1, newHitCount: 1 });
      const again = await screening.screenCase(caseId, { actorId: officer.id });
      expect(again.hits.map((hit) => [hit.role, hit.externalId, hit.flagged])).toEqual([["partner", "TST0001", true]]);
      expect(again.newHits).toEqual([]);
      const runs = await services.prisma.screeningRun.findMany({ where: { proposalId: caseId } });
      expect(runs.map((run) => run.subjects)).toContainEqual([
        { role: "partner", name: "Zenith Orbital Technologies", country: "RU", type: "organisation" },
        { role: "funder", name: "Беичен Фотоникс", country: "CN", type: "organisation" },
      ]);

      const status = await screening.caseStatus(caseId);
      expect(status.blocksApproval).toBe(true);
      expect(status.reasons).toEqual([
        expect.objectContaining({
          code: "sanctions_match",
          externalId: "TST0001",
          source: "uk-sanctions-list",
          verdict: null,
        }),
      ]);
    });

    it("refuses to screen a case that does not exist or was never submitted", async () => {
      const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
      const draft = await services.proposals.createDraft(owner.id);
      await expect(screening.screenCase(draft.id, { actorId: null })).rejects.toThrow(ScreeningError);
      await expect(screening.screenCase("00000000-0000-4000-8000-000000000000", { actorId: null })).rejects.toThrow(
        /no such case/,
      );
    });

    it("records verdicts with their audit entries; 'not a match' needs a note; verdicts are never changed", async () => {
      const [match] = (await screening.caseStatus(caseId)).matches;
      if (!match) throw new Error("expected a match");
      await expect(
        screening.recordVerdict({ caseId, matchId: match.matchId, verdict: "not_a_match", actorId: officer.id }),
      ).rejects.toThrow(/Say why/);
      await screening.recordVerdict({ caseId, matchId: match.matchId, verdict: "needs_review", actorId: officer.id });
      expect((await screening.caseStatus(caseId)).blocksApproval).toBe(true);
      const { verdictId } = await screening.recordVerdict({
        caseId,
        matchId: match.matchId,
        verdict: "not_a_match",
        note: "Different company: registered in Kazan, not Novosibirsk.",
        actorId: officer.id,
      });
      const status = await screening.caseStatus(caseId);
      expect(status.blocksApproval).toBe(false);
      expect(status.reasons).toEqual([]);
      expect(status.matches[0]?.verdict).toMatchObject({ verdict: "not_a_match", byId: officer.id });
      const audit = await services.prisma.auditEntry.findMany({
        where: { entityId: caseId, action: "screening.verdict_recorded" },
        orderBy: { id: "asc" },
      });
      expect(audit.map((entry) => [entry.fromState, entry.toState])).toEqual([
        [null, "needs_review"],
        ["needs_review", "not_a_match"],
      ]);
      await expect(
        services.prisma.screeningVerdict.update({ where: { id: verdictId }, data: { verdict: "true_match" } }),
      ).rejects.toThrow();
    });

    it("after a new version, re-screens only against new and changed entries; a verdict stands until its entry changes", async () => {
      const v1 = await lists.importFile(
        "uk-sanctions-list",
        file("v1.csv", withReason("TST0003", "Changed, for tests only.")),
        admin,
      );
      expect(v1.outcome).toBe("imported");
      expect(v1.version).toMatchObject({ status: "accepted", changedCount: 1, addedCount: 0 });
      const unchanged = await screening.rescreenAfterImport(v1.version.id);
      if (!unchanged) throw new Error("the re-screening was not run here");
      expect(unchanged.casesScreened).toBeGreaterThanOrEqual(1);
      expect(unchanged.cases.find((item) => item.caseId === caseId)).toBeUndefined();
      expect((await screening.caseStatus(caseId)).blocksApproval).toBe(false);

      const v2 = await lists.importFile(
        "uk-sanctions-list",
        file("v2.csv", withReason("TST0001", "Changed: now also supplies invented rocket parts, for tests only.")),
        admin,
      );
      expect(v2.outcome).toBe("imported");
      expect(v2.version).toMatchObject({ status: "accepted", changedCount: 2 });
      const changed = await screening.rescreenAfterImport(v2.version.id);
      if (!changed) throw new Error("the re-screening was not run here");
      const forCase = changed.cases.find((item) => item.caseId === caseId);
      expect(forCase?.newHits.map((hit) => hit.externalId)).toEqual(["TST0001"]);
      expect(forCase?.assigneeId).toBeDefined();
      const status = await screening.caseStatus(caseId);
      expect(status.blocksApproval).toBe(true);
      expect(status.matches).toHaveLength(1);
      expect(status.matches[0]).toMatchObject({
        verdict: null,
        earlierVerdict: { verdict: "not_a_match" },
        listVersion: { number: v2.version.number },
      });
    });

    it("holds a version that loses more than a tenth of the entries, and drops hits on entries no longer listed", async () => {
      const dropped = await lists.importFile("uk-sanctions-list", file("v3.csv", without(["TST0001"])), admin);
      expect(dropped.version).toMatchObject({ status: "held", removedCount: 1 });
      expect(dropped.version.heldReason).toMatch(/down more than 10% from 7/);
      expect((await screening.caseStatus(caseId)).matches).toHaveLength(1);
      await lists.decideHeld(dropped.version.id, "accept", admin);
      const status = await screening.caseStatus(caseId);
      expect(status.matches).toEqual([]);
      expect(status.blocksApproval).toBe(false);
    });
  });
});
