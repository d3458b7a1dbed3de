// The app for the HTTP benchmarks, run as a child process by scripts/bench-pages.ts and
// scripts/bench-form.ts: createApp over the PostgreSQL database in BENCH_DATABASE_URL, or the
// embedded one in BENCH_DATA_DIR (already migrated and seeded by the parent), test settings with silent logs, listening
// on 127.0.0.1 on a free port. Prints {"port":…,"pid":…} once listening; stops (closing
// the database) on SIGTERM/SIGINT or when its parent goes away (stdin closes).
import type { AddressInfo } from "node:net";
import { createApp, createLogger } from "../src/app";
import { testConfig } from "../src/config";
import { openDatabase } from "../src/db/database";
import { createServices } from "../src/services";

const url = process.env.BENCH_DATABASE_URL;
const dataDir = process.env.BENCH_DATA_DIR;
if (!url?.startsWith("postgres") && !dataDir) {
  console.error("BENCH_DATABASE_URL (PostgreSQL) or BENCH_DATA_DIR (PGlite) must name the database to serve");
  process.exit(2);
}
// DATABASE_PREPARED_STATEMENTS=false passes through, to measure the app without named statements.
const preparedStatements = process.env.DATABASE_PREPARED_STATEMENTS;
const config = testConfig(
  url
    ? {
        DATABASE_URL: url,
        LOG_LEVEL: "silent",
        ...(preparedStatements ? { DATABASE_PREPARED_STATEMENTS: preparedStatements } : {}),
      }
    : { DATA_DIR: dataDir!, LOG_LEVEL: "silent" },
);
const database = await openDatabase(config.database);
const services = createServices(database, config);
const app = createApp(services, createLogger("silent"));
const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid })}\n`);
});

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  server.closeAllConnections();
  await database.close();
  process.exit(0);
}
// `kill -USR2 <pid>`: where the memory is (V8 heap, code and buffers outside it).
process.on("SIGUSR2", () => {
  const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;
  const usage = process.memoryUsage();
  console.error(
    `memory: rss ${mb(usage.rss)}, heap used ${mb(usage.heapUsed)} of ${mb(usage.heapTotal)}, external ${mb(usage.external)}, array buffers ${mb(usage.arrayBuffers)}`,
  );
  // Started with --expose-gc: also what survives a full collection (a leak, if it grows).
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    const after = process.memoryUsage();
    console.error(`  after a full GC: rss ${mb(after.rss)}, heap used ${mb(after.heapUsed)} of ${mb(after.heapTotal)}`);
  }
});
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
