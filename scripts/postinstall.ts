// Runs after `npm install`: generates the Prisma client and builds the front-end assets,
// both offline. Prisma's CLI would first download its native schema engine, which our
// machines cannot reach; naming any existing file as that engine stops the download, and
// `generate` never runs it (docs/prisma-offline.md). Migrations use the wasm
// engine instead (src/db/migrations/).
import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const run = (command: string, args: string[], env: Record<string, string> = {}) =>
  execFileSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });

run(path.join(root, "node_modules/.bin/prisma"), ["generate"], {
  PRISMA_SCHEMA_ENGINE_BINARY: process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
  CHECKPOINT_DISABLE: "1",
});
run(path.join(root, "node_modules/.bin/tsx"), ["scripts/build-assets.ts"]);
