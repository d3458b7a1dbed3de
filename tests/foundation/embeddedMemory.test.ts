// The embedded database's WebAssembly stays on V8's baseline compiler (src/db/pglite.ts).
// With the optimising compiler, a process opening an existing embedded database rose to
// about 650 MB within three seconds while one of PGlite's functions was optimised, then
// fell back. Measured in processes of their own, as the app's start would be.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanEnv, killAll, spawnTs } from "../helpers/processes";

const program = "tests/foundation/programs/embeddedMemory.ts";
const folders: string[] = [];

afterAll(async () => {
  await killAll();
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

async function largestRssMb(mode: "create" | "open", dataDir: string): Promise<number> {
  const run = spawnTs(program, cleanEnv(), [mode, dataDir]);
  const [line] = await run.waitForLine(/^\{"largestRssMb":\d+\}$/, 60_000);
  return (JSON.parse(line) as { largestRssMb: number }).largestRssMb;
}

describe("the embedded database's memory", () => {
  it("stays under 400 MB from opening an existing database through three seconds of use and idling", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "spo-embedded-memory-"));
    folders.push(dataDir);
    await largestRssMb("create", dataDir);
    const largest = await largestRssMb("open", dataDir);
    expect(largest).toBeGreaterThan(50); // a real measurement, not an empty process
    expect(largest).toBeLessThan(400);
  }, 120_000);
});
