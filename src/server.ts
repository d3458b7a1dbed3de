// Starts the app: configuration, database (migrated), first-start data, HTTP server,
// and a graceful shutdown that closes the database.
import { loadConfig } from "./config";
import { openMigratedDatabase } from "./db/database";
import { createServices } from "./services";
import { createApp, createLogger } from "./app";
import { seedDemoData, seedReferenceData } from "./seed/seed";

const config = loadConfig();
const logger = createLogger(config.logLevel);
const started = Date.now();

const database = await openMigratedDatabase(
  config.database,
  (message) => logger.info(message),
  (error) => logger.warn({ err: error }, "a database connection was lost; the pool will open another"),
);
await seedReferenceData(database.prisma);
if (config.seedDemoData) await seedDemoData(database.prisma);

const services = createServices(database, config, logger);
// IdP metadata from a URL: wait for the first fetch (it is retried if it fails).
await services.saml?.idp.ready();
const app = createApp(services, logger);
const server = app.listen(config.port, config.host, () => {
  logger.info(
    { database: database.kind, url: `http://${config.host}:${config.port}`, startupMs: Date.now() - started },
    "listening",
  );
});

const sessionSweep = setInterval(() => {
  services.sessionStore.deleteExpired().catch((error: unknown) => logger.warn({ err: error }, "session sweep failed"));
}, 15 * 60_000);
sessionSweep.unref();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  clearInterval(sessionSweep);
  services.saml?.stop();
  server.close();
  server.closeIdleConnections();
  const forced = setTimeout(() => server.closeAllConnections(), 5_000);
  forced.unref();
  await new Promise<void>((resolve) => server.once("close", () => resolve()));
  await database.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
