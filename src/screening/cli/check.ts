// `npm run screening:check -- --name "..." [--country XX] [--type organisation|person]`
// screens one name against the lists imported into the configured database and prints
// { "listVersion": [...], "hits": [{ "entryId", "score", "matchedName", "nameType",
// "regime", "explanation" }] } as JSON. Exit codes: 0 screened; 2 bad usage or no list.
import { parseArgs } from "node:util";
import { loadConfig } from "../../config";
import { openMigratedDatabase } from "../../db/database";
import { isCountryCode } from "../../domain/countries";
import { createServices } from "../../services";
import { CliError, runCli } from "../../commands/cli";

const usage = 'Usage: npm run screening:check -- --name "..." [--country XX] [--type organisation|person]';

async function main(argv: string[]): Promise<number> {
  let values: { name?: string; country?: string; type?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { name: { type: "string" }, country: { type: "string" }, type: { type: "string" } },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  const name = values.name?.trim();
  if (!name) throw new CliError(usage);
  if (name.length > 500) throw new CliError("The name must be 500 characters or fewer.");
  const country = values.country?.toUpperCase();
  if (country !== undefined && !isCountryCode(country))
    throw new CliError(`--country must be an ISO 3166 alpha-2 code, not "${values.country}".`);
  if (values.type !== undefined && values.type !== "organisation" && values.type !== "person")
    throw new CliError(usage);

  const config = loadConfig();
  const database = await openMigratedDatabase(config.database);
  try {
    const { screening } = createServices(database, config);
    const result = await screening.screenName({ name, country, type: values.type });
    if (result.listVersions.length === 0) {
      throw new CliError("No list has been imported into this database: run npm run screening:import first.");
    }
    const output = {
      listVersion: result.listVersions.map((version) => ({
        source: version.source,
        list: version.sourceLabel,
        version: version.number,
        id: version.id,
        reportDate: version.reportDate,
      })),
      hits: result.hits.map((hit) => ({
        entryId: hit.externalId,
        source: hit.listVersion.source,
        score: hit.score,
        flagged: hit.flagged,
        matchedName: hit.matchedName.name,
        nameType: hit.matchedName.nameType,
        aliasStrength: hit.matchedName.aliasStrength,
        script: hit.matchedName.script,
        primaryName: hit.primaryName,
        regime: hit.regime,
        sanctionsImposed: hit.sanctionsImposed,
        explanation: hit.explanation,
      })),
    };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

await runCli(main);
