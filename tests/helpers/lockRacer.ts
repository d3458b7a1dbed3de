// A process that tries to lock the data directory named by its argument, for the race in
// tests/integrity/dataDirLock.test.ts: prints "took it" and holds on, or "refused: …" and ends.
import { lockDataDir } from "../../src/db/dataDirLock";

const dataDir = process.argv[2]!;
try {
  await lockDataDir(dataDir);
  console.log("took it");
  setInterval(() => {}, 60_000);
} catch (error) {
  console.log(`refused: ${(error as Error).message}`);
}
