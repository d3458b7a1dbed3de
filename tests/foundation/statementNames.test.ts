// Named (prepared) statements on PostgreSQL (src/db/statementNames.ts): a statement with
// parameters gets one name per SQL text, so each connection prepares it once; without
// parameters, or past the limit, statements stay unnamed as before. On PostgreSQL, the
// server really keeps them, and DATABASE_PREPARED_STATEMENTS=false turns them off.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { statementNames } from "../../src/db/statementNames";
import { loadConfig } from "../../src/config";
import { createTestDatabase, testDatabaseUrl, type TestDatabase } from "../helpers/testDatabase";

const query = (sql: string, args: unknown[] = [1]) => ({ sql, args, argTypes: [] }) as never;

describe("statementNames", () => {
  it("names each text with parameters once, the same name every time", () => {
    const nameOf = statementNames();
    const first = nameOf(query('SELECT * FROM "proposal" WHERE "id" = $1'));
    expect(first).toMatch(/^spo_\d+$/);
    expect(nameOf(query('SELECT * FROM "proposal" WHERE "id" = $1'))).toBe(first);
    expect(nameOf(query('SELECT * FROM "case_task" WHERE "id" = $1'))).not.toBe(first);
  });

  it("leaves a statement without parameters unnamed (it may hold several commands)", () => {
    expect(statementNames()(query("SET LOCAL jit = off; SET LOCAL work_mem = '8MB'", []))).toBe("");
  });

  it("names at most `limit` texts, and keeps the names it gave", () => {
    const nameOf = statementNames(2);
    const a = nameOf(query("SELECT $1::int AS a"));
    const b = nameOf(query("SELECT $1::int AS b"));
    expect(nameOf(query("SELECT $1::int AS c"))).toBe("");
    expect([nameOf(query("SELECT $1::int AS a")), nameOf(query("SELECT $1::int AS b"))]).toEqual([a, b]);
  });

  it("is on unless DATABASE_PREPARED_STATEMENTS=false", () => {
    const url = "postgresql://app@db.example.ac.uk/spo";
    const settings = (env: Record<string, string>) => loadConfig({ DATABASE_URL: url, ...env }).database;
    expect(settings({})).toMatchObject({ kind: "postgres", preparedStatements: true });
    expect(settings({ DATABASE_PREPARED_STATEMENTS: "false" })).toMatchObject({ preparedStatements: false });
  });
});

describe.runIf(testDatabaseUrl)("named statements on PostgreSQL", () => {
  let testDatabase: TestDatabase;
  let unnamed: Database;
  beforeAll(async () => {
    testDatabase = await createTestDatabase({ seed: false });
    if (testDatabase.settings.kind !== "postgres") throw new Error("PostgreSQL expected");
    unnamed = await openDatabase({ ...testDatabase.settings, preparedStatements: false });
  }, 60_000);
  afterAll(async () => {
    await unnamed.close();
    await testDatabase.drop();
  });

  /** Runs a Prisma query twice on one connection, and lists what that connection has prepared. */
  async function preparedBy(database: Database): Promise<{ name: string; statement: string }[]> {
    return database.prisma.$transaction(async (tx) => {
      for (let round = 0; round < 2; round++) await tx.proposal.findMany({ where: { title: "Named statements" } });
      return tx.$queryRaw<{ name: string; statement: string }[]>`
        SELECT "name", "statement" FROM pg_prepared_statements WHERE "name" LIKE 'spo\\_%'`;
    });
  }

  it("prepares a query once per connection, under its name", async () => {
    const prepared = await preparedBy(testDatabase.database);
    const proposalQueries = prepared.filter((row) => row.statement.includes('"proposal"'));
    expect(proposalQueries).toHaveLength(1);
    expect(proposalQueries[0]!.name).toMatch(/^spo_\d+$/);
  });

  it("prepares nothing with DATABASE_PREPARED_STATEMENTS=false", async () => {
    expect(await preparedBy(unnamed)).toEqual([]);
  });
});
