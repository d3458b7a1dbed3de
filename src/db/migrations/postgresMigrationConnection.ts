// Migrating a PostgreSQL server through @prisma/adapter-pg needs two corrections:
// - it runs a script by splitting it on every ";", which breaks function bodies (our
//   append-only triggers) and runs the pieces outside a transaction. Sent whole through
//   the simple-query protocol, PostgreSQL runs a multi-statement script as one implicit
//   transaction: a failed migration leaves nothing behind;
// - every query may take a different pooled connection, so the schema engine's session
//   advisory lock would be taken on one connection and "released" on another, leaving it
//   held. One connection for the whole migration keeps lock, scripts and unlock together.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function sendingWholeScripts(adapter: PgAdapter): PgAdapter {
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    await pool.query(script);
  };
  return adapter;
}

export interface MigrationConnection {
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  close(): Promise<void>;
}

export function postgresMigrationConnection(connectionString: string): MigrationConnection {
  const pool = new pg.Pool({ connectionString, max: 1 });
  // A dropped connection fails the migration (it is one transaction); it must not end the process.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  const factory = new PrismaPg(pool);
  return {
    adapterFactory: {
      provider: factory.provider,
      adapterName: factory.adapterName,
      connect: async () => sendingWholeScripts(await factory.connect()),
      connectToShadowDb: async () => sendingWholeScripts(await factory.connectToShadowDb()),
    },
    close: () => pool.end(),
  };
}
