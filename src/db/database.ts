// Opens the database the configuration names: embedded PGlite (a data folder, or memory)
// by default, or a PostgreSQL server through node-postgres. Both sit behind Prisma
// driver adapters, so the rest of the app sees one PrismaClient either way.
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import type { Config } from "../config";
import { lockDataDir } from "./dataDirLock";
import { applyMigrations, defaultMigrationsDir, readMigrationList } from "./migrations/migrate";
import { postgresMigrationConnection, type MigrationConnection } from "./migrations/postgresMigrationConnection";
import { createPGlite } from "./pglite";
import { statementNames } from "./statementNames";
import { useBaselineWebAssemblyCompiler } from "./webAssembly";

export type DatabaseSettings = Config["database"];

/**
 * PostgreSQL zeroes its shared buffers at start, and in WebAssembly that memset of the
 * default 128 MB took most of a start-up (about 0.5 s of CPU, and 110 MB of resident
 * memory, on the project's machine). 16 MB holds the pages in use; the rest stays in the
 * operating system's file cache, which PGlite reads from.
 */
const embeddedStartParams = (defaults: readonly string[]) => [...defaults, "-c", "shared_buffers=16MB"];

export interface Database {
  kind: DatabaseSettings["kind"];
  /** The embedded database's folder (locked to this process while open); undefined in memory and on PostgreSQL. */
  dataDir?: string;
  prisma: PrismaClient;
  /** Where the job queue (pg-boss) connects: the same database, as the app's role; PGlite's one connection. */
  jobQueueSource: { kind: "postgres"; url: string } | { kind: "pglite"; pglite: PGlite };
  /** A connection for the schema engine (migrations); close it when done. */
  migrationConnection(): MigrationConnection;
  close(): Promise<void>;
}

type AdapterFactory = NonNullable<ConstructorParameters<typeof PrismaClient>[0]["adapter"]>;

/** Every SQL statement the app's Prisma client sends (the statement-budget tests count them). */
export type QueryObserver = (sql: string) => void;

function prismaClient(adapter: AdapterFactory, onQuery?: QueryObserver): PrismaClient {
  if (!onQuery) return new PrismaClient({ adapter });
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query));
  return client;
}

export async function openDatabase(
  settings: DatabaseSettings,
  onConnectionError?: (error: Error) => void,
  onQuery?: QueryObserver,
): Promise<Database> {
  if (settings.kind === "postgres") {
    useBaselineWebAssemblyCompiler(); // before Prisma's query compiler is: see webAssembly.ts
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
    const adapter = new PrismaPg(pool, {
      statementNameGenerator: settings.preparedStatements === false ? undefined : statementNames(),
    });
    const prisma = prismaClient(adapter, onQuery);
    return {
      kind: "postgres",
      prisma,
      jobQueueSource: { kind: "postgres", url: settings.url },
      // Migrations run as the owner role when one is configured: the app's role may not change the schema.
      migrationConnection: () => postgresMigrationConnection(settings.migrationUrl ?? settings.url),
      close: async () => {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }
  // One process per data directory (see dataDirLock.ts); memory needs no lock.
  const lock = settings.dataDir ? await lockDataDir(settings.dataDir) : undefined;
  let pglite: PGlite;
  try {
    pglite = await createPGlite(settings.dataDir, embeddedStartParams);
  } catch (error) {
    await lock?.release();
    throw error;
  }
  // Loaded here, as PGlite is (src/db/pglite.ts): unused on a PostgreSQL server.
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  const adapterFactory = new PrismaPGlite(pglite);
  const prisma = prismaClient(adapterFactory, onQuery);
  return {
    kind: "pglite",
    dataDir: settings.dataDir,
    prisma,
    jobQueueSource: { kind: "pglite", pglite },
    // PGlite is one connection already: the engine shares it with the app.
    migrationConnection: () => ({ adapterFactory, close: async () => {} }),
    close: async () => {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        await lock?.release();
      }
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
  onQuery?: QueryObserver,
) {
  const database = await openDatabase(settings, onConnectionError, onQuery);
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
