// WEB_CONCURRENCY: several processes serving HTTP on one port (node:cluster), on PostgreSQL
// only. The primary process migrates and seeds the database once, starts the workers (each
// runs src/server.ts as a whole app: its own pool, its own e-mail worker and sweeps, which
// share the outbox through FOR UPDATE SKIP LOCKED and idempotency keys), starts another in
// place of one that dies, and stops them all on SIGTERM or SIGINT. The embedded database
// belongs to one process (a second one refuses to open it), so with it the setting is
// ignored and said so.
import cluster, { type Worker } from "node:cluster";
import type { Logger } from "pino";
import type { Config } from "../config";
import { openMigratedDatabase } from "../db/database";
import { seedDemoData, seedReferenceData } from "../seed/seed";

/** How many processes should serve: 1 on the embedded database, whatever is asked. */
export function servingProcesses(config: Config, logger: Logger): number {
  if (config.webConcurrency <= 1) return 1;
  if (config.database.kind !== "postgres") {
    logger.warn(
      { webConcurrency: config.webConcurrency },
      "WEB_CONCURRENCY is ignored: the embedded database belongs to one process; set DATABASE_URL (PostgreSQL) to run several",
    );
    return 1;
  }
  return config.webConcurrency;
}

/** A worker that ends this soon after it started failed to start (a port in use): not restarted. */
const failedStartMs = 5_000;

/**
 * The primary process: prepares the database, then starts and watches `count` workers.
 * Never resolves; the process exits when the workers have stopped.
 */
export async function runPrimary(
  config: Config,
  logger: Logger,
  count: number,
  print: (line: string) => void,
): Promise<never> {
  // Once, here, rather than in every worker at the same moment.
  const database = await openMigratedDatabase(config.database, (message) => logger.info(message));
  try {
    await seedReferenceData(database.prisma);
    if (config.seedDemoData) await seedDemoData(database.prisma);
  } finally {
    await database.close();
  }

  let stopping = false;
  let announced = false;
  const startedAt = new Map<Worker, number>();
  const fork = () => startedAt.set(cluster.fork(), Date.now());

  cluster.on("listening", (_worker, address) => {
    if (announced) return;
    announced = true;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    logger.info({ workers: count }, "listening");
    print(`Listening on http://${host}:${address.port} (${count} worker processes)`);
  });
  cluster.on("exit", (worker, code, signal) => {
    const began = startedAt.get(worker) ?? 0;
    startedAt.delete(worker);
    if (stopping) {
      if (startedAt.size === 0) {
        logger.info("stopped");
        // 0, or 1 after a worker failed to start.
        process.exit();
      }
      return;
    }
    if (Date.now() - began < failedStartMs && code !== 0) {
      // It could not start (its own line says why): the others would fail the same way.
      logger.error({ pid: worker.process.pid, code }, "a worker process failed to start; stopping");
      stopping = true;
      for (const other of startedAt.keys()) other.process.kill("SIGTERM");
      if (startedAt.size === 0) process.exit(1);
      process.exitCode = 1;
      return;
    }
    logger.error({ pid: worker.process.pid, code, signal }, "a worker process ended; starting another");
    fork();
  });

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down the worker processes");
    for (const worker of startedAt.keys()) worker.process.kill("SIGTERM");
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));

  logger.info({ workers: count, database: config.database.kind }, "starting worker processes");
  for (let index = 0; index < count; index++) fork();
  return new Promise<never>(() => {});
}
