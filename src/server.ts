// Starts the app: configuration, database (migrated), first-start data, HTTP server,
// and a graceful shutdown that closes the database. A start that fails (bad settings, a
// data directory locked by another process or not writable, a port in use) prints one
// line saying why and exits 1.
import cluster from "node:cluster";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pino, type Logger } from "pino";
import { loadConfig, type Config } from "./config";
import { openMigratedDatabase, type Database } from "./db/database";
import { createServices, type Services } from "./services";
import { createApp, createLogger } from "./app";
import { seedDemoData, seedReferenceData } from "./seed/seed";
import { StartupError, startupFailureLine } from "./startup/startupError";
import { runPrimary, servingProcesses } from "./startup/workers";

const started = Date.now();
/** Standard output, shared by the structured log and the plain "Listening on" line. */
const logOutput = pino.destination({ dest: 1, sync: false });

/** Resolves once the server listens; rejects (as one clear line) if it cannot. */
function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      const where = `http://${host}:${port}`;
      const reason =
        error.code === "EADDRINUSE"
          ? "the port is already in use (another copy of the app, or another program): stop it or set PORT"
          : error.code === "EACCES"
            ? "this user may not listen there (ports below 1024 need privileges): set PORT"
            : error.code === "EADDRNOTAVAIL"
              ? "that address is not one of this machine's: set HOST"
              : error.message;
      reject(new StartupError(`cannot listen on ${where} (${error.code ?? "error"}): ${reason}.`));
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

interface Running {
  config: Config;
  logger: Logger;
  database: Database;
  services: Services;
  server: Server;
}

async function start(): Promise<Running> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel, logOutput);
  // WEB_CONCURRENCY on PostgreSQL: this process starts and watches the workers (which run
  // this file again, as cluster workers) and goes no further.
  const processes = cluster.isPrimary ? servingProcesses(config, logger) : 1;
  if (processes > 1) await runPrimary(config, logger, processes, (line) => logOutput.write(`${line}\n`));
  const database = await openMigratedDatabase(
    config.database,
    (message) => logger.info(message),
    (error) => logger.warn({ err: error }, "a database connection was lost; the pool will open another"),
  );
  try {
    // A worker's primary has seeded the database already.
    if (cluster.isPrimary) {
      await seedReferenceData(database.prisma);
      if (config.seedDemoData) await seedDemoData(database.prisma);
    }
    const services = createServices(database, config, { logger });
    // Reading the reference data in force names the committee for every label from the start.
    await services.reference.current();
    // IdP metadata from a URL: wait for the first fetch (it is retried if it fails).
    await services.saml?.idp.ready();
    const server = createServer(createApp(services, logger));
    await listen(server, config.host, config.port);
    return { config, logger, database, services, server };
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}

let running: Running;
try {
  running = await start();
} catch (error) {
  process.stderr.write(`${startupFailureLine(error)}\n`);
  process.exit(1);
}

const { config, logger, database, services, server } = running;
const { port } = server.address() as AddressInfo;
const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
logger.info({ database: database.kind, url, startupMs: Date.now() - started }, "listening");
// The last line of the start-up log, plain for people; through the log's own stream, which
// writes asynchronously, so that it comes after the structured lines. (Workers leave it to
// their primary, which says it once.)
if (cluster.isPrimary) logOutput.write(`Listening on ${url}\n`);

// Free space and writability of the embedded database's folder: logged when it changes.
services.storage.onChange((status, previous) => {
  if (!status.canSave) {
    logger.error(
      { reason: status.reason, freeBytes: status.freeBytes, minFreeBytes: config.storage.minFreeBytes },
      "storage: changes are refused until the data directory has room and can be written",
    );
  } else if (previous) {
    logger.info({ freeBytes: status.freeBytes }, "storage: changes can be saved again");
  }
});
services.storage.watch(10_000);

/** Set once a signal asks the process to stop: work still starting may then fail, expectedly. */
let stopping = false;

// E-mail is sent from inside this process: the embedded database belongs to it alone; on
// PostgreSQL every process runs a worker and they share the job queue (each message once).
if (config.notifications.worker)
  services.notifications.startWorker(logger).catch((error: unknown) => {
    if (!stopping) logger.error({ err: error }, "notifications: the job queue did not start");
  });
// Re-screening of cases after a list import (src/screening/rescreenJob.ts); a job left by a
// stopped process is resumed here.
services.screening.rescreens.start(logger);
services.screening
  .warm()
  .catch((error: unknown) => logger.warn({ err: error }, "screening: could not load the lists in use"));
void services.storage.check();

services.sessionStore.on("writeFailed", (error: unknown) =>
  logger.warn({ err: error }, "could not record session activity; those sessions may end early"),
);
const sessionSweep = setInterval(() => {
  services.sessionStore.deleteExpired().catch((error: unknown) => logger.warn({ err: error }, "session sweep failed"));
  services.rateLimits.sweep().catch((error: unknown) => logger.warn({ err: error }, "rate-limit sweep failed"));
}, 15 * 60_000);
sessionSweep.unref();

async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  clearInterval(sessionSweep);
  services.storage.stop();
  services.saml?.stop();
  server.close();
  server.closeIdleConnections();
  const forced = setTimeout(() => server.closeAllConnections(), 5_000);
  forced.unref();
  await new Promise<void>((resolve) => server.once("close", () => resolve()));
  await services.sessionStore.flush();
  await services.notifications.stopWorker();
  await services.screening.rescreens.stop();
  await database.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
