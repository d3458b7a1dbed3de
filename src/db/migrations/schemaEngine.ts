// The one place that touches Prisma's WebAssembly schema engine, an internal API of
// Prisma's (versions are pinned exactly in package.json). The native engine cannot be
// downloaded on our machines, so migrations are applied and written through this.
// See docs/prisma-offline.md for what was checked.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm/schema_engine_bg";

/** The slice of the WebAssembly API used here (Node has it; our TS lib has no DOM types). */
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let initialised: Promise<void> | undefined;

/** Loads the wasm module once per process (Node cannot import a .wasm ES module). */
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    const require = createRequire(import.meta.url);
    const bindingsFile = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmFile = path.join(path.dirname(bindingsFile), "schema_engine_bg.wasm");
    const { instance } = await wasmApi.instantiate(await readFile(wasmFile), {
      "./schema_engine_bg.js": engineBindings,
    });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start: () => void };
    engineBindings.__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return initialised;
}

export type EngineLog = (message: string) => void;

/** A schema engine bound to one database through a Prisma driver adapter factory. */
export async function openSchemaEngine(
  schemaPath: string,
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: EngineLog = () => {},
): Promise<{ engine: SchemaEngine; schema: { path: string; content: string } }> {
  await initialiseWasm();
  const content = await readFile(schemaPath, "utf8");
  const engine = await engineBindings.SchemaEngine.new(
    { datamodels: [[schemaPath, content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
  return { engine, schema: { path: schemaPath, content } };
}
