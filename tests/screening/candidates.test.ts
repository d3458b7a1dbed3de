// Candidates from memory are the database's: the in-memory trigram index computes
// pg_trgm's similarity, and a version searched in the database (too large to hold) gives
// the same hits as one held in memory.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testConfig } from "../../src/config";
import { createServices, type Services } from "../../src/services";
import { listImportService } from "../../src/screening/listImport";
import { screeningService } from "../../src/screening/screeningService";
import { buildTrigramIndex, trigrams } from "../../src/screening/trigramIndex";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../helpers/testDatabase";

const csvText = readFileSync(path.join(import.meta.dirname, "fixtures", "uk-sanctions-list.csv"), "utf8");

describe("the in-memory trigram index", () => {
  it("finds the keys of the same group at or above the threshold, most similar first, at most the limit", () => {
    const index = buildTrigramIndex([
      { group: "latin", key: "zenith orbital" },
      { group: "latin", key: "zenit orbital tekhnolodzhis" },
      { group: "latin", key: "krasnopevtsev boris" },
      { group: "arabic", key: "zenith orbital" },
    ]);
    const found = index.search("latin", "zenith orbitall", { threshold: 0.2, limit: 10 });
    expect(found.map((hit) => hit.position)).toEqual([0, 1]);
    expect(found[0]?.similarity).toBeGreaterThan(found[1]?.similarity ?? 1);
    expect(index.search("latin", "zenith orbitall", { threshold: 0.2, limit: 1 }).map((hit) => hit.position)).toEqual([
      0,
    ]);
    expect(index.search("latin", "zenith", { threshold: 0.2, limit: 10, accept: (p) => p !== 0 })).toEqual([]);
    expect(index.search("latin", "", { threshold: 0, limit: 10 })).toEqual([]);
  });

  it("pads each word as pg_trgm does", () => {
    expect(trigrams("Ab c").sort()).toEqual(["  a", "  c", " ab", " c ", "ab "]);
  });
});

describe(`candidates in memory and in the database (${databaseLabel})`, () => {
  let testDatabase: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    services = createServices(testDatabase.database, testConfig());
  });
  afterAll(() => testDatabase.drop());

  it("computes pg_trgm's similarity", async () => {
    const pairs: [string, string][] = [
      ["zenith orbital", "zenit orbital tekhnolodzhis"],
      ["krasnopevtsev boris", "krasnopievtsev borys"],
      ["noor", "nour"],
      ["al noor general", "noor"],
      ["harbin precision optics", "harbin preccision optics"],
      ["a", "ab"],
    ];
    for (const [a, b] of pairs) {
      const [row] = await services.prisma.$queryRaw<
        { similarity: number }[]
      >`SELECT similarity(${a}, ${b}) AS similarity`;
      const index = buildTrigramIndex([{ group: "latin", key: b }]);
      const [hit] = index.search("latin", a, { threshold: 0, limit: 1 });
      expect(hit?.similarity ?? 0, `${a} / ${b}`).toBeCloseTo(Number(row?.similarity), 5);
    }
  });

  it("gives the same hits whether the version is held in memory or searched in the database", async () => {
    const lists = listImportService(services.prisma, {
      openSanctionsLicensed: false,
      bounds: () => ({ total: [1, 100] }),
    });
    const imported = await lists.importFile("uk-sanctions-list", { name: "l.csv", bytes: Buffer.from(csvText) }, null);
    expect(imported.version.status).toBe("accepted");
    const inMemory = screeningService(services.prisma, lists, services.config.screening);
    const inDatabase = screeningService(services.prisma, lists, { ...services.config.screening, maxCompiledNames: 0 });
    const queries = [
      { name: "Zenith Orbital Technologies", type: "organisation" as const, country: "RU" },
      { name: "Boris Krasnopevtsev", type: "person" as const },
      { name: "北辰光电研究院", type: "organisation" as const },
      { name: "Al Nour General Trading Co.", type: "organisation" as const },
      { name: "Harbin Institute of Technology", type: "organisation" as const },
    ];
    let hits = 0;
    for (const query of queries) {
      const fromMemory = await inMemory.screenName(query);
      const fromDatabase = await inDatabase.screenName(query);
      expect(fromMemory.hits, query.name).toEqual(fromDatabase.hits);
      hits += fromMemory.hits.length;
    }
    expect(hits).toBeGreaterThanOrEqual(4);
  });
});
