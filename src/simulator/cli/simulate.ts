// `npm run rules:simulate -- --reference draft.json [--since YYYY-MM-DD] [--until YYYY-MM-DD]
// [--open] [--limit N]`: replays the submitted cases of the configured database (DATABASE_URL,
// or the embedded one in DATA_DIR) against the reference data in the file (as
// `npm run rules:reference -- --export` writes it) and prints, as JSON on stdout,
// { "cases", "changed", "byRoute": { route: { before, after } }, "changes": [{ "reference",
// "before", "after", "reasonsAdded", "reasonsRemoved" }] }. Progress goes to stderr.
// Exit codes: 0 replayed; 2 bad usage or an unreadable or invalid reference file.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config";
import { openMigratedDatabase } from "../../db/database";
import { referenceDataSchema } from "../../reference/defaults";
import { simulatorService, type CaseChange, type SimulationScope } from "../simulatorService";
import { CliError, runCli } from "../../commands/cli";

const usage =
  "Usage: npm run rules:simulate -- --reference draft.json [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--open] [--limit N]";

const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));

function readReference(path: string) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`Cannot read the reference data file ${path}: ${(error as Error).message}`);
  }
  const parsed = referenceDataSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "(file)"}: ${issue.message}`);
    throw new CliError(`The reference data in ${path} is not valid:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

async function main(argv: string[]): Promise<number> {
  let values: { reference?: string; since?: string; until?: string; open?: boolean; limit?: string };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        reference: { type: "string" },
        since: { type: "string" },
        until: { type: "string" },
        open: { type: "boolean" },
        limit: { type: "string" },
      },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  if (!values.reference) throw new CliError(usage);
  for (const day of [values.since, values.until])
    if (day !== undefined && !isDay(day)) throw new CliError(`Dates must be YYYY-MM-DD, not "${day}".\n${usage}`);
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1))
    throw new CliError(`--limit must be a whole number above 0, not "${values.limit}".`);
  const candidate = readReference(values.reference);
  const scope: SimulationScope = { since: values.since, until: values.until, openOnly: values.open, limit };

  const config = loadConfig();
  const database = await openMigratedDatabase(config.database);
  try {
    const changes: Pick<CaseChange, "reference" | "before" | "after" | "reasonsAdded" | "reasonsRemoved">[] = [];
    const summary = await simulatorService(database.prisma).simulate(candidate, scope, {
      onChange: ({ reference, before, after, reasonsAdded, reasonsRemoved }) => {
        changes.push({ reference, before, after, reasonsAdded, reasonsRemoved });
      },
      onProgress: ({ cases, changed }) => {
        process.stderr.write(
          `replayed ${cases.toLocaleString("en-GB")} cases, ${changed.toLocaleString("en-GB")} changed\n`,
        );
      },
    });
    process.stderr.write(`done in ${(summary.ms / 1_000).toFixed(1)} s\n`);
    const output = { cases: summary.cases, changed: summary.changed, byRoute: summary.byRoute, changes };
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

await runCli(main);
