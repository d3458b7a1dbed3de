// npm run db:migrate: applies pending migrations to the configured database
// (DATABASE_URL, or the embedded one in DATA_DIR). The app also does this at start-up.
import { loadConfig } from "../src/config";
import { openMigratedDatabase } from "../src/db/database";

const config = loadConfig();
const database = await openMigratedDatabase(config.database, console.log);
console.log(`${database.kind}: schema is up to date`);
await database.close();
