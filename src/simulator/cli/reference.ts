// `npm run rules:reference -- --export file.json`: writes the reference data in force in the
// configured database (DATABASE_URL, or the embedded one in DATA_DIR) to the file, in the
// format `npm run rules:simulate -- --reference` and `npm run triage -- --reference` read.
// Edit a copy and simulate it to see which cases a change would move.
// Exit codes: 0 written; 2 bad usage or the file cannot be written.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config";
import { openMigratedDatabase } from "../../db/database";
import { referenceService } from "../../reference/referenceService";
import { CliError, runCli } from "../../commands/cli";

const usage = "Usage: npm run rules:reference -- --export file.json";

async function main(argv: string[]): Promise<number> {
  let path: string | undefined;
  try {
    path = parseArgs({ args: argv, options: { export: { type: "string" } } }).values.export;
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  if (!path) throw new CliError(usage);
  const config = loadConfig();
  const database = await openMigratedDatabase(config.database);
  try {
    const data = await referenceService(database.prisma).current();
    try {
      writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
    } catch (error) {
      throw new CliError(`Cannot write ${path}: ${(error as Error).message}`);
    }
    process.stderr.write(`Wrote reference data version ${String(data.version)} to ${path}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

await runCli(main);
