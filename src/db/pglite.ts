// The embedded database, with the contrib extensions the schema needs loaded: PGlite
// bundles them but loads only those named here (PostgreSQL servers have them installed).
// pg_trgm: trigram search for sanctions screening candidates (src/screening/).
//
// Loaded on first use: a process on a PostgreSQL server never loads PGlite's modules.
import { setFlagsFromString } from "node:v8";
import type { PGlite } from "@electric-sql/pglite";

/**
 * PostgreSQL's WebAssembly runs on V8's baseline compiler (Liftoff) only, without tiering
 * up to the optimising one (TurboFan). One function of PGlite's module, hot from the first
 * queries, took TurboFan about 2 s of a second core and 600 MB of memory to optimise,
 * measured on the project's machine: every start of the app on the embedded database rose
 * to about 800 MB and fell back to about 300 MB, and the start-up waited on that core.
 * Baseline only, the start stays under 300 MB throughout and is about 0.4 s quicker, and the
 * app sits at about 230 MB once started; the price is slower SQL (a CPU-bound statement
 * about 1.5x), which the pages measured as the queue unchanged and the case page about 16%
 * fewer requests a second (docs/architecture.md, "The embedded database").
 *
 * The flags are V8's, for the whole process, and read when a module is compiled: set here,
 * before PGlite's module is, they reach it and whatever is compiled after (Prisma's query
 * compiler, on the embedded database); a process on PostgreSQL never sets them.
 */
export const baselineWebAssemblyFlags = ["--no-wasm-tier-up", "--no-wasm-dynamic-tiering"] as const;

/**
 * A PGlite on `dataDir`, or in memory when it is undefined. `startParams` receives PGlite's
 * default start parameters, to add to them.
 */
export async function createPGlite(
  dataDir?: string,
  startParams?: (defaults: readonly string[]) => string[],
): Promise<PGlite> {
  for (const flag of baselineWebAssemblyFlags) setFlagsFromString(flag);
  const [{ PGlite }, { pg_trgm }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite/contrib/pg_trgm"),
  ]);
  return PGlite.create(dataDir, {
    extensions: { pg_trgm },
    ...(startParams ? { startParams: startParams(PGlite.defaultStartParams) } : {}),
  });
}
