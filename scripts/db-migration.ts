// npm run db:migration -- <name>
// Writes the next migration from prisma/schema.prisma, offline: the existing migrations
// are applied to a throwaway in-memory PGlite, then diffed against the schema.
import { PrismaPGlite } from "pglite-prisma-adapter";
import {
  applyMigrations,
  defaultMigrationsDir,
  diffToSchema,
  migrationFolderName,
  writeMigration,
} from "../src/db/migrations/migrate";
import { createPGlite } from "../src/db/pglite";

const name = process.argv[2];
if (!name) {
  console.error("usage: npm run db:migration -- <name>");
  process.exit(2);
}
const pglite = await createPGlite();
try {
  const adapter = new PrismaPGlite(pglite);
  await applyMigrations(adapter);
  const sql = await diffToSchema(adapter);
  if (!sql.trim() || /^-- This is an empty migration\.?\s*$/.test(sql.trim())) {
    console.log("The schema and the migrations agree: no migration written.");
  } else {
    const folder = await writeMigration(defaultMigrationsDir, migrationFolderName(name, new Date()), sql);
    console.log(`Wrote ${folder}/migration.sql: review it (add triggers or data changes by hand) and commit it.`);
  }
} finally {
  await pglite.close();
}
