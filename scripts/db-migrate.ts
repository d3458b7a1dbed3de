// npm run db:migrate: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded one in DATA_DIR). The app also does this at start-up.
// The embedded database is locked to one process: while the app runs on the same
// DATA_DIR this refuses, naming the app's process, rather than migrate under it.
import { loadConfig } from "../src/config";
import { openMigratedDatabase } from "../src/db/database";
import { startupFailureLine } from "../src/startup/startupError";

try {
  const config = loadConfig();
  const database = await openMigratedDatabase(config.database, console.log);
  console.log(`${database.kind}: schema is up to date`);
  await database.close();
} catch (error) {
  console.error(startupFailureLine(error, "db:migrate failed"));
  process.exit(1);
}
