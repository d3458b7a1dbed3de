// The embedded database, with the contrib extensions the schema needs loaded: PGlite
// bundles them but loads only those named here (PostgreSQL servers have them installed).
// pg_trgm: trigram search for sanctions screening candidates (src/screening/).
//
// Loaded on first use: a process on a PostgreSQL server never loads PGlite's modules.
import type { PGlite } from "@electric-sql/pglite";
import { useBaselineWebAssemblyCompiler } from "./webAssembly";

/**
 * A PGlite on `dataDir`, or in memory when it is undefined. `startParams` receives PGlite's
 * default start parameters, to add to them.
 */
export async function createPGlite(
  dataDir?: string,
  startParams?: (defaults: readonly string[]) => string[],
): Promise<PGlite> {
  useBaselineWebAssemblyCompiler(); // before PGlite's module is compiled: see webAssembly.ts
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
  ]);
  return PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(startParams ? { startParams: startParams(PGlite.defaultStartParams) } : {}),
  });
}
