// Both databases run WebAssembly in the app's process: PGlite's PostgreSQL on the embedded
// one, and Prisma's query compiler on either. It stays on V8's baseline compiler (Liftoff),
// without tiering up to the optimising one (TurboFan).
//
// Measured on the project's machine (docs/architecture.md, "WebAssembly and memory"):
// - PGlite: one function, hot from the first queries, took TurboFan about 2 s of a second
//   core and 600 MB of memory to optimise; every start on the embedded database rose to
//   about 800 MB and fell back to about 300 MB, and the first page waited on that core.
//   Baseline only, the start stays under 300 MB and is about 0.4 s quicker; a CPU-bound
//   statement runs about 1.5x slower, the case page served about 16% fewer requests a
//   second, the queue as many.
// - Prisma's query compiler (on PostgreSQL): the optimised code is kept for the process's
//   life; without it the app idles 15-27 MB smaller (about 170 MB against 185-196) at 0-4%
//   fewer requests a second, within the noise of the machine: plans are cached per query
//   shape, so the compiler runs rarely once the pages have been seen.
//
// V8's flags are the whole process's and are read when a module is compiled: set before
// the first database opens, they reach every module compiled after.
import { setFlagsFromString } from "node:v8";

export const baselineWebAssemblyFlags = ["--no-wasm-tier-up", "--no-wasm-dynamic-tiering"] as const;

let applied = false;

/** Keeps WebAssembly compiled from now on at V8's baseline tier (idempotent). */
export function useBaselineWebAssemblyCompiler(): void {
  if (applied) return;
  for (const flag of baselineWebAssemblyFlags) setFlagsFromString(flag);
  applied = true;
}
