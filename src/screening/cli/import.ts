// `npm run screening:import -- <file> [--source uk-sanctions-list|us-csl|opensanctions]`
// imports a downloaded list file into the configured database as the source's next
// version; `--accept <version id>` or `--reject <version id>` decides a held one. An
// accepted version is followed by re-screening every open and approved case against its
// new and changed entries, in the background by the app; `--wait` does it here (or follows
// the app doing it) and prints the outcome. Progress goes to stderr, the outcome to stdout.
// Exit codes: 0 done (imported, held, or already imported); 2 bad usage or file.
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../../config";
import { openMigratedDatabase } from "../../db/database";
import { createServices, type Services } from "../../services";
import type { RescreenProgress } from "../rescreenJob";
import { LicenceRequiredError, ListFormatError, VersionStateError, type VersionSummary } from "../listImport";
import { isSourceId, sourceIds, sources } from "../sources";
import { CliError, runCli } from "../../commands/cli";

const usage = `Usage: npm run screening:import -- <file> [--source ${sourceIds.join("|")}] [--wait]
       npm run screening:import -- --accept <version id> [--wait] | --reject <version id>`;

function progressLine(progress: RescreenProgress): string {
  return progress.casesTotal === null
    ? "re-screening: waiting to start\n"
    : `re-screening ${progress.casesDone} of ${progress.casesTotal} cases: ${progress.newHits} new hits so far\n`;
}

/**
 * Works the version's re-screening here, or follows the process that holds it (the app
 * on PostgreSQL), printing progress; the finished job, or undefined if it failed.
 */
async function waitForRescreen(services: Services, versionId: string): Promise<RescreenProgress | undefined> {
  const { rescreens } = services.screening;
  let last = "";
  const report = (progress: RescreenProgress) => {
    const line = progressLine(progress);
    if (line !== last) process.stderr.write(line);
    last = line;
  };
  for (;;) {
    try {
      await rescreens.runVersion(versionId, { onProgress: report });
    } catch (error) {
      process.stderr.write(`re-screening failed: ${(error as Error).message}\n`);
    }
    const progress = await rescreens.progress(versionId);
    if (!progress || progress.status === "failed") return undefined;
    if (progress.status === "done") return progress;
    report(progress);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

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
  let values: { source?: string; accept?: string; reject?: string; wait?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        source: { type: "string" },
        accept: { type: "string" },
        reject: { type: "string" },
        wait: { type: "boolean" },
      },
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
      const entries = version.addedCount + version.changedCount;
      if (!values.wait) {
        process.stdout.write(
          `Every open and approved case will be screened again against its ${entries} new and changed entries, in the background by the app (progress on Administration > Sanctions lists; --wait does it here).\n`,
        );
        return 0;
      }
      const done = await waitForRescreen(services, version.id);
      if (!done) throw new CliError("The re-screening could not be finished; the app will try it again.");
      process.stdout.write(
        `Re-screened ${done.casesDone} cases against ${entries} new and changed entries: ${done.newHits} new hits (${done.newFlaggedHits} flagged) on ${done.casesWithNewHits} cases.\n`,
      );
    }
    return 0;
  } finally {
    await database.close();
  }
}

await runCli(main);
