// `npm run screening:import -- <file> [--source uk-sanctions-list|us-csl|opensanctions]`
// imports a downloaded list file into the configured database as the source's next
// version; `--accept <version id>` or `--reject <version id>` decides a held one. An
// accepted version is followed by re-screening every open and approved case against its
// new and changed entries. Progress goes to stderr, the outcome to stdout.
// Exit codes: 0 done (imported, held, or already imported); 2 bad usage or file.
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config";
import { openMigratedDatabase } from "../../db/database";
import { createServices } from "../../services";
import { LicenceRequiredError, ListFormatError, VersionStateError, type VersionSummary } from "../listImport";
import { isSourceId, sourceIds, sources } from "../sources";
import { CliError, runCli } from "../../commands/cli";

const usage = `Usage: npm run screening:import -- <file> [--source ${sourceIds.join("|")}]
       npm run screening:import -- --accept <version id> | --reject <version id>`;

function describe(version: VersionSummary): string {
  const { counts } = version;
  return [
    `${sources[version.source].label}, version ${version.number} (${version.id}): ${version.status}`,
    `  file ${version.fileName}, sha256 ${version.fileSha256}`,
    `  report date ${version.reportDate?.toISOString().slice(0, 10) ?? "not stated"}`,
    `  ${counts.total} entities (${counts.person} people, ${counts.organisation} organisations, ${counts.ship} ships, ${counts.other} other), ${version.nameCount} names`,
    `  ${version.addedCount} added, ${version.changedCount} changed, ${version.removedCount} removed since the version in use`,
    ...(version.heldReason && version.status !== "held"
      ? [`  It was held (${version.heldReason}), then ${version.status} by an admin.`]
      : []),
    ...(version.heldReason && version.status === "held"
      ? [
          `  HELD: ${version.heldReason}.`,
          `  It is not used until an admin confirms it (Administration > Sanctions lists, or --accept ${version.id}).`,
        ]
      : []),
  ].join("\n");
}

async function main(argv: string[]): Promise<number> {
  let values: { source?: string; accept?: string; reject?: string };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { source: { type: "string" }, accept: { type: "string" }, reject: { type: "string" } },
    }));
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n${usage}`);
  }
  const decide = values.accept ?? values.reject;
  if ((decide && positionals.length > 0) || (!decide && positionals.length !== 1) || (values.accept && values.reject)) {
    throw new CliError(usage);
  }
  const source = values.source ?? "uk-sanctions-list";
  if (!isSourceId(source)) throw new CliError(`Unknown source "${source}".\n${usage}`);

  const config = loadConfig();
  const database = await openMigratedDatabase(config.database);
  try {
    const services = createServices(database, config);
    let version: VersionSummary;
    if (decide) {
      try {
        version = await services.screeningLists.decideHeld(decide, values.accept ? "accept" : "reject", null);
      } catch (error) {
        if (error instanceof VersionStateError) throw new CliError(error.message);
        throw error;
      }
      process.stdout.write(`${describe(version)}\n`);
    } else {
      const [path = ""] = positionals;
      let outcome;
      try {
        outcome = await services.screeningLists.importFile(source, { name: basename(path), path }, null, (progress) => {
          if (progress.stage === "parsed") process.stderr.write(`read ${progress.total} entities\n`);
          else process.stderr.write(`stored ${progress.done} of ${progress.total}\n`);
        });
      } catch (error) {
        if (error instanceof ListFormatError || error instanceof LicenceRequiredError)
          throw new CliError(error.message);
        if ((error as NodeJS.ErrnoException).code === "ENOENT")
          throw new CliError(`Cannot read ${path}: no such file.`);
        throw error;
      }
      version = outcome.version;
      if (outcome.outcome === "duplicate") process.stdout.write("This file was already imported:\n");
      process.stdout.write(`${describe(version)}\n`);
      if (outcome.outcome === "duplicate") return 0;
    }
    if (version.status === "accepted") {
      process.stderr.write("re-screening open and approved cases against new and changed entries...\n");
      const rescreened = await services.screening.rescreenAfterImport(version.id);
      const newHits = rescreened.cases.reduce((sum, item) => sum + item.newHits.length, 0);
      process.stdout.write(
        `Re-screened ${rescreened.casesScreened} cases: ${newHits} new hits on ${rescreened.cases.length} cases${
          rescreened.cases.length > 0
            ? ` (${rescreened.cases.map((item) => item.reference ?? item.caseId).join(", ")})`
            : ""
        }.\n`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

await runCli(main);
