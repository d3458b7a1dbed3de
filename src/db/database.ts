// Opens the database the configuration names: embedded PGlite (a data folder, or memory)
// by default, or a PostgreSQL server through node-postgres. Both sit behind Prisma
// driver adapters, so the rest of the app sees one PrismaClient either way.
import { mkdir } from "node:fs/promises";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "../generated/prisma/client";
import type { Config } from "../config";
import { applyMigrations, defaultMigrationsDir, readMigrationList } from "./migrations/migrate";
import { postgresMigrationConnection, type MigrationConnection } from "./migrations/postgresMigrationConnection";
import { createPGlite } from "./pglite";

export type DatabaseSettings = Config["database"];

export interface Database {
  kind: DatabaseSettings["kind"];
  prisma: PrismaClient;
  /** A connection for the schema engine (migrations); close it when done. */
  migrationConnection(): MigrationConnection;
  close(): Promise<void>;
}

export async function openDatabase(
  settings: DatabaseSettings,
  onConnectionError?: (error: Error) => void,
): Promise<Database> {
  if (settings.kind === "postgres") {
    const pool = new pg.Pool({
      connectionString: settings.url,
      max: 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    });
    // A connection the server drops (a restart, a failover, an administrator) emits an
    // "error" on its client. Unheard, that event would end the process; heard, the query
    // in flight fails, the pool discards the client and the next request gets a new one.
    pool.on("error", (error) => onConnectionError?.(error));
    pool.on("connect", (client) => client.on("error", (error) => onConnectionError?.(error)));
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    return {
      kind: "postgres",
      prisma,
      migrationConnection: () => postgresMigrationConnection(settings.url),
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  if (settings.dataDir) await mkdir(settings.dataDir, { recursive: true });
  const pglite = await createPGlite(settings.dataDir);
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: "pglite",
    prisma,
    // PGlite is one connection already: the engine shares it with the app.
    migrationConnection: () => ({ adapterFactory, close: async () => {} }),
    close: async () => {
      await prisma.$disconnect();
      await pglite.close();
    },
  };
}

/** Migration folders not yet recorded as applied (all of them on a new database). */
async function pendingMigrations(database: Database): Promise<string[]> {
  const folders = (await readMigrationList(defaultMigrationsDir)).migrationDirectories.map(
    (directory) => directory.path,
  );
  try {
    const applied = await database.prisma.$queryRawUnsafe<{ migration_name: string }[]>(
      'SELECT "migration_name" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL',
    );
    const names = new Set(applied.map((row) => row.migration_name));
    return folders.filter((folder) => !names.has(folder));
  } catch {
    return folders;
  }
}

/**
 * Opens the database and brings its schema up to date. The schema engine (WebAssembly,
 * about 50 MB that stays resident once loaded) is only loaded when a migration is pending.
 */
export async function openMigratedDatabase(
  settings: DatabaseSettings,
  log?: (message: string) => void,
  onConnectionError?: (error: Error) => void,
) {
  const database = await openDatabase(settings, onConnectionError);
  try {
    if ((await pendingMigrations(database)).length > 0) {
      const connection = database.migrationConnection();
      try {
        const applied = await applyMigrations(connection.adapterFactory);
        if (applied.length > 0) log?.(`applied migrations: ${applied.join(", ")}`);
      } finally {
        await connection.close();
      }
    }
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}
