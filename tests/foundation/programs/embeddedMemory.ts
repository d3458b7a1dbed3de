// Run by tests/foundation/embeddedMemory.test.ts in processes of its own. `create DIR` makes
// an embedded database in DIR and closes it. `open DIR` opens it again, as the app's start
// does (createPGlite), runs a few statements and idles for three seconds, sampling resident
// memory every 50 ms from the process's start, and prints the largest sample.
import { createPGlite } from "../../../src/db/pglite";

const [mode, dataDir] = process.argv.slice(2);
if (!dataDir || (mode !== "create" && mode !== "open")) throw new Error("usage: create|open DIR");

let largest = process.memoryUsage().rss;
const sampler = setInterval(() => (largest = Math.max(largest, process.memoryUsage().rss)), 50);
const pglite = await createPGlite(dataDir);
if (mode === "open") {
  for (let round = 0; round < 20; round++) {
    await pglite.query(
      "SELECT count(*) FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid WHERE c.relname LIKE $1",
      [`%${String(round)}%`],
    );
  }
  await new Promise((resolve) => setTimeout(resolve, 3_000));
}
clearInterval(sampler);
await pglite.close();
process.stdout.write(`${JSON.stringify({ largestRssMb: Math.round(largest / 1_048_576) })}\n`);
