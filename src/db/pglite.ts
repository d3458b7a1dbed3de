// The embedded database, with the contrib extensions the schema needs loaded: PGlite
// bundles them but loads only those named here (PostgreSQL servers have them installed).
// pg_trgm: trigram search for sanctions screening candidates (src/screening/).
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** A PGlite on `dataDir`, or in memory when it is undefined. */
export function createPGlite(dataDir?: string, startParams?: string[]): Promise<PGlite> {
  return PGlite.create(dataDir, { extensions: { pg_trgm }, ...(startParams ? { startParams } : {}) });
}
