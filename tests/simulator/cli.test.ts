// `npm run rules:reference -- --export` and `npm run rules:simulate`, run as an officer runs
// them: child processes on a database of their own (an embedded one in a folder, or a new
// PostgreSQL database), reading and writing real files.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMigratedDatabase, type Database } from "../../src/db/database";
import { testConfig } from "../../src/config";
import { createServices } from "../../src/services";
import { seedDemoData, seedReferenceData } from "../../src/seed/seed";
import { referenceDataSchema } from "../../src/reference/defaults";
import { submittedCase } from "../helpers/cases";
import { createTestDatabase, databaseLabel, testDatabaseUrl, type TestDatabase } from "../helpers/testDatabase";
import { cleanEnv, killAll, spawnTs } from "../helpers/processes";

const scratch = mkdtempSync(join(tmpdir(), "simulate-"));
let childEnv: NodeJS.ProcessEnv;
let testDatabase: TestDatabase | undefined;
const references: Record<string, string> = {};

async function cli(entry: "simulate" | "reference", args: string[]) {
  const child = spawnTs(`src/simulator/cli/${entry}.ts`, childEnv, args);
  const { code } = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

beforeAll(async () => {
  let database: Database;
  if (testDatabaseUrl) {
    testDatabase = await createTestDatabase();
    database = testDatabase.database;
    if (testDatabase.settings.kind !== "postgres") throw new Error("expected a PostgreSQL test database");
    childEnv = cleanEnv({ DATABASE_URL: testDatabase.settings.url });
  } else {
    // The embedded database in a folder, closed before the commands open it (one process at a time).
    const dataDir = join(scratch, "data");
    database = await openMigratedDatabase({ kind: "pglite", dataDir });
    await seedReferenceData(database.prisma);
    await seedDemoData(database.prisma);
    childEnv = cleanEnv({ DATA_DIR: dataDir });
  }
  const services = createServices(database, testConfig());
  references.hongKong = (await submittedCase(services, "ab123", { partnerCountry: "HK" })).reference;
  references.hongKongNew = (
    await submittedCase(services, "ab123", { partnerCountry: "HK", relationship: "new" })
  ).reference;
  references.france = (await submittedCase(services, "ab123", {})).reference;
  const closed = await submittedCase(services, "ab123", { otherCountries: ["HK"] });
  references.closed = closed.reference;
  await database.prisma.proposal.update({ where: { id: closed.id }, data: { status: "WITHDRAWN" } });
  if (!testDatabase) await database.close();
}, 120_000);

afterAll(async () => {
  await killAll();
  await testDatabase?.drop();
  rmSync(scratch, { recursive: true, force: true });
});

interface Summary {
  cases: number;
  changed: number;
  byRoute: Record<string, { before: number; after: number }>;
  changes: { reference: string; before: { routes: unknown[] }; after: { routes: unknown[] } }[];
}

describe(`npm run rules:simulate and rules:reference (${databaseLabel})`, () => {
  const exported = join(scratch, "reference.json");

  it("exports the reference data in force, which simulates to 0 changed", async () => {
    const result = await cli("reference", ["--export", exported]);
    expect(result.stderr).toContain("Wrote reference data version 1");
    expect(result.code).toBe(0);
    const data = referenceDataSchema.parse(JSON.parse(readFileSync(exported, "utf8")));
    expect(data.version).toBe(1);

    const simulated = await cli("simulate", ["--reference", exported]);
    expect(simulated.code).toBe(0);
    const summary = JSON.parse(simulated.stdout) as Summary;
    expect(summary).toMatchObject({ cases: 4, changed: 0, changes: [] });
    expect(summary.byRoute.due_diligence).toEqual({ before: 3, after: 3 });
    expect(simulated.stderr).toContain("replayed 4 cases, 0 changed");
  }, 120_000);

  it("lists the cases that relied on Hong Kong's restrictions, in scope", async () => {
    const data = JSON.parse(readFileSync(exported, "utf8")) as { countryRestrictions: { country: string }[] };
    const draft = join(scratch, "draft.json");
    writeFileSync(
      draft,
      JSON.stringify({ ...data, countryRestrictions: data.countryRestrictions.filter((e) => e.country !== "HK") }),
    );
    const all = JSON.parse((await cli("simulate", ["--reference", draft])).stdout) as Summary;
    expect(all.cases).toBe(4);
    expect(all.changes.map((change) => change.reference).sort()).toEqual(
      [references.hongKong, references.closed].sort(),
    );
    expect(all.byRoute.due_diligence).toEqual({ before: 3, after: 1 });
    const changed = all.changes.find((change) => change.reference === references.hongKong)!;
    expect(changed.before.routes).toEqual([{ route: "due_diligence", mandatory: true }]);
    expect(changed.after.routes).toEqual([]);

    const open = JSON.parse(
      (await cli("simulate", ["--reference", draft, "--open", "--since", "2020-01-01"])).stdout,
    ) as Summary;
    expect(open.cases).toBe(3);
    expect(open.changes.map((change) => change.reference)).toEqual([references.hongKong]);
  }, 120_000);

  it("refuses an invalid reference file or bad options with exit code 2", async () => {
    const bad = join(scratch, "bad.json");
    writeFileSync(bad, JSON.stringify({ version: 1 }));
    const invalid = await cli("simulate", ["--reference", bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain("is not valid");
    const badDate = await cli("simulate", ["--reference", exported, "--since", "yesterday"]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain("YYYY-MM-DD");
  }, 120_000);
});
