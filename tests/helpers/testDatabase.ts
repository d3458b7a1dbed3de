// Every test file gets a database of its own: in-memory PGlite by default, or a new
// database on the server named by TEST_DATABASE_URL, dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";
import {
  openDatabase,
  openMigratedDatabase,
  type Database,
  type DatabaseSettings,
  type QueryObserver,
} from "../../src/db/database";
import { seedDemoData, seedReferenceData } from "../../src/seed/seed";

export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const databaseLabel = testDatabaseUrl ? "postgres" : "pglite";

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: testDatabaseUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  database: Database;
  settings: DatabaseSettings;
  drop(): Promise<void>;
}

/** A migrated, seeded database nobody else uses (empty with `migrate: false`, for migration tests). */
export async function createTestDatabase(
  options: { seed?: boolean; migrate?: boolean; onQuery?: QueryObserver } = {},
): Promise<TestDatabase> {
  const open = (settings: DatabaseSettings) =>
    options.migrate === false
      ? openDatabase(settings, undefined, options.onQuery)
      : openMigratedDatabase(settings, undefined, undefined, options.onQuery);
  if (!testDatabaseUrl) {
    const settings = { kind: "pglite" as const, dataDir: undefined };
    const database = await open(settings);
    if (options.seed !== false) await seed(database);
    return { database, settings, drop: () => database.close() };
  }
  const name = `spo_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(testDatabaseUrl);
  url.pathname = `/${name}`;
  const settings = { kind: "postgres" as const, url: url.toString() };
  const database = await open(settings);
  if (options.seed !== false) await seed(database);
  return {
    database,
    settings,
    drop: async () => {
      await database.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function seed(database: Database) {
  await seedReferenceData(database.prisma);
  await seedDemoData(database.prisma);
}
