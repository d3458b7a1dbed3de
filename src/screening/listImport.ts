// Importing a list file as a new version. Each import is a version of its source (file
// hash, report date, counts, who, when); entries are stored once per distinct content and
// shared by every version that lists them unchanged, so a verdict on an entry stands
// until the publisher changes it. A version that looks broken (sizes outside the source's
// bounds, or a drop of more than a tenth) is held until an admin confirms it.
//
// Written in batches outside one long transaction (a 20,000-name import would hold the
// embedded database for its whole length): the version is "importing" and invisible
// until the last step marks it accepted or held, with its audit entry, in one transaction;
// an accepted version's re-screening of the cases is recorded in it too (rescreenJob.ts).
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { normaliseName } from "./normalise";
import { queueRescreen } from "./rescreenJob";
import type { EntityType } from "./scorer";
import { holdReason, sources, type Bounds, type EntityCounts, type SourceId } from "./sources";
import { parseOpenSanctions } from "./lists/openSanctions";
import { ListFormatError, type ParsedEntity, type ParsedList } from "./lists/types";
import { parseUsCsl } from "./lists/usCsl";

export type VersionStatus = "importing" | "accepted" | "held" | "rejected" | "failed";

export interface ListFile {
  name: string;
  /** The file's bytes (an upload), or a path to read (the command line; streamed for OpenSanctions). */
  bytes?: Buffer;
  path?: string;
}

/** Who imports or decides: a signed-in person, or null for the command line. */
export type Actor = { id: string; displayName: string } | null;

export interface ImportProgress {
  stage: "parsed" | "stored";
  done: number;
  total: number;
}

export interface VersionSummary {
  id: string;
  source: SourceId;
  number: number;
  status: VersionStatus;
  heldReason: string | null;
  fileName: string;
  fileSha256: string;
  reportDate: Date | null;
  entityCount: number;
  nameCount: number;
  counts: EntityCounts;
  addedCount: number;
  changedCount: number;
  removedCount: number;
  importedBy: string;
  importedAt: Date;
  decidedAt: Date | null;
}

export type ImportOutcome =
  | { outcome: "imported"; version: VersionSummary }
  /** The same file as a version already imported: nothing new was stored. */
  | { outcome: "duplicate"; version: VersionSummary };

export class LicenceRequiredError extends Error {}
export class VersionStateError extends Error {}
export { ListFormatError };

const batchSize = 500;

function toSummary(row: Prisma.ScreeningListVersionGetPayload<object>): VersionSummary {
  return {
    id: row.id,
    source: row.source as SourceId,
    number: row.number,
    status: row.status as VersionStatus,
    heldReason: row.heldReason,
    fileName: row.fileName,
    fileSha256: row.fileSha256,
    reportDate: row.reportDate,
    entityCount: row.entityCount,
    nameCount: row.nameCount,
    counts: row.counts as unknown as EntityCounts,
    addedCount: row.addedCount,
    changedCount: row.changedCount,
    removedCount: row.removedCount,
    importedBy: row.importedBy,
    importedAt: row.importedAt,
    decidedAt: row.decidedAt,
  };
}

async function fileBytes(file: ListFile): Promise<Buffer> {
  if (file.bytes) return file.bytes;
  if (file.path) return readFile(file.path);
  throw new Error("A list file needs bytes or a path");
}

function filePath(file: ListFile): string {
  if (!file.path) throw new Error("A list file needs bytes or a path");
  return file.path;
}

async function fileHash(file: ListFile): Promise<string> {
  const hash = createHash("sha256");
  if (file.bytes) return hash.update(file.bytes).digest("hex");
  for await (const chunk of createReadStream(filePath(file))) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

function lines(file: ListFile): AsyncIterable<string> | Iterable<string> {
  if (file.bytes) return file.bytes.toString("utf8").split(/\r?\n/);
  return createInterface({ input: createReadStream(filePath(file), "utf8"), crlfDelay: Infinity });
}

/** Reads a file of the given source; throws ListFormatError with a plain message when it is not one. */
export async function parseListFile(source: SourceId, file: ListFile): Promise<ParsedList> {
  if (source === "opensanctions") return parseOpenSanctions(lines(file));
  const content = (await fileBytes(file)).toString("utf8");
  if (source === "us-csl") return parseUsCsl(content);
  // Loaded on first import: the XML and CSV parsers are only needed here.
  const { parseUkSanctionsListCsv, parseUkSanctionsListXml } = await import("./lists/ukSanctionsList");
  return /^\uFEFF?\s*</.test(content) ? parseUkSanctionsListXml(content) : parseUkSanctionsListCsv(content);
}

/** One entity per identifier: a file that lists one twice has its names merged. */
function distinctEntities(entities: readonly ParsedEntity[]): ParsedEntity[] {
  const byId = new Map<string, ParsedEntity>();
  for (const entity of entities) {
    const existing = byId.get(entity.externalId);
    if (!existing) byId.set(entity.externalId, entity);
    else existing.names.push(...entity.names.filter((name) => !existing.names.some((n) => n.name === name.name)));
  }
  return [...byId.values()];
}

function countEntities(entities: readonly ParsedEntity[]): EntityCounts {
  const counts: EntityCounts = { person: 0, organisation: 0, ship: 0, other: 0, total: entities.length };
  for (const entity of entities) counts[entity.type]++;
  return counts;
}

function contentHash(source: SourceId, entity: ParsedEntity): string {
  return createHash("sha256")
    .update(JSON.stringify([source, entity]))
    .digest("hex");
}

const dateOrNull = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : null);

export function listImportService(
  prisma: PrismaClient,
  options: {
    openSanctionsLicensed: boolean;
    /** The sizes a sound version falls within; each source's own unless given (tests use small lists). */
    bounds?: (source: SourceId) => Bounds;
  },
) {
  const boundsFor = options.bounds ?? ((source: SourceId) => sources[source].bounds);
  async function latest(source: SourceId, statuses: VersionStatus[]) {
    return prisma.screeningListVersion.findFirst({
      where: { source, status: { in: statuses } },
      orderBy: { number: "desc" },
    });
  }

  return {
    /**
     * Imports a file as the source's next version. Throws ListFormatError (the file is
     * not that list), LicenceRequiredError (OpenSanctions without a licence).
     */
    async importFile(
      source: SourceId,
      file: ListFile,
      actor: Actor,
      onProgress?: (progress: ImportProgress) => void,
    ): Promise<ImportOutcome> {
      if (sources[source].needsLicence && !options.openSanctionsLicensed) {
        throw new LicenceRequiredError(
          `${sources[source].label} data is not free for institutional use. Import it only once the University holds a licence, and then set SCREENING_OPENSANCTIONS_LICENSED=true.`,
        );
      }
      const sha256 = await fileHash(file);
      const same = await prisma.screeningListVersion.findFirst({
        where: { source, fileSha256: sha256, status: { in: ["accepted", "held"] } },
        orderBy: { number: "desc" },
      });
      if (same) return { outcome: "duplicate", version: toSummary(same) };

      const parsed = await parseListFile(source, file);
      const entities = distinctEntities(parsed.entities);
      if (entities.length === 0) throw new ListFormatError("The file lists no entries.");
      onProgress?.({ stage: "parsed", done: 0, total: entities.length });

      // An import that died part-way leaves a version marked importing: it never counts.
      await prisma.screeningListVersion.updateMany({
        where: { source, status: "importing", importedAt: { lt: new Date(Date.now() - 3_600_000) } },
        data: { status: "failed" },
      });
      const previous = await latest(source, ["accepted"]);
      const previousEntries = new Map<string, string>();
      if (previous) {
        const rows = await prisma.screeningVersionEntry.findMany({
          where: { versionId: previous.id },
          select: { entryId: true, entry: { select: { externalId: true } } },
        });
        for (const row of rows) previousEntries.set(row.entry.externalId, row.entryId);
      }
      const last = await prisma.screeningListVersion.findFirst({ where: { source }, orderBy: { number: "desc" } });
      const counts = countEntities(entities);
      const version = await prisma.screeningListVersion.create({
        data: {
          source,
          number: (last?.number ?? 0) + 1,
          status: "importing",
          fileName: file.name.slice(0, 255),
          fileSha256: sha256,
          reportDate: dateOrNull(parsed.reportDate),
          entityCount: entities.length,
          nameCount: entities.reduce((sum, entity) => sum + entity.names.length, 0),
          counts: counts,
          addedCount: 0,
          changedCount: 0,
          removedCount: 0,
          importedById: actor?.id ?? null,
          importedBy: actor?.displayName ?? "command line",
        },
      });

      let added = 0;
      let changed = 0;
      const seen = new Set<string>();
      for (let start = 0; start < entities.length; start += batchSize) {
        const batch = entities.slice(start, start + batchSize).map((entity) => ({
          entity,
          sha: contentHash(source, entity),
          id: randomUUID(),
        }));
        await prisma.screeningEntry.createMany({
          data: batch.map(({ entity, sha, id }) => ({
            id,
            source,
            externalId: entity.externalId,
            contentSha256: sha,
            type: entity.type,
            primaryName: entity.names[0]?.name ?? entity.externalId,
            regime: entity.regime,
            sanctionsImposed: entity.sanctionsImposed,
            statementOfReasons: entity.statementOfReasons,
            otherInformation: entity.otherInformation,
            designationSource: entity.designationSource,
            dateDesignated: dateOrNull(entity.dateDesignated),
            lastUpdated: dateOrNull(entity.lastUpdated),
            countries: entity.countries,
            details: entity.details as Prisma.InputJsonObject,
          })),
          skipDuplicates: true,
        });
        // Entries already stored (unchanged since an earlier version) keep their rows.
        const stored = await prisma.screeningEntry.findMany({
          where: { source, contentSha256: { in: batch.map((item) => item.sha) } },
          select: { id: true, externalId: true, contentSha256: true, _count: { select: { names: true } } },
        });
        const storedId = new Map(stored.map((row) => [`${row.externalId}|${row.contentSha256}`, row]));
        const names: Prisma.ScreeningNameCreateManyInput[] = [];
        const links: Prisma.ScreeningVersionEntryCreateManyInput[] = [];
        for (const item of batch) {
          const row = storedId.get(`${item.entity.externalId}|${item.sha}`);
          if (!row) throw new Error(`Entry ${item.entity.externalId} was not stored`);
          if (row._count.names === 0) {
            for (const name of item.entity.names) {
              const form = normaliseName(name.name);
              names.push({
                entryId: row.id,
                name: name.name,
                nameType: name.nameType,
                aliasStrength: name.aliasStrength,
                script: form.script,
                scriptGroup: form.group,
                normalised: form.normalised,
                matchKey: form.key,
              });
            }
          }
          const before = previousEntries.get(item.entity.externalId);
          const change = before === undefined ? "added" : before === row.id ? "unchanged" : "changed";
          if (change === "added") added++;
          if (change === "changed") changed++;
          seen.add(item.entity.externalId);
          links.push({ versionId: version.id, entryId: row.id, change });
        }
        if (names.length > 0) await prisma.screeningName.createMany({ data: names });
        await prisma.screeningVersionEntry.createMany({ data: links, skipDuplicates: true });
        onProgress?.({ stage: "stored", done: Math.min(start + batchSize, entities.length), total: entities.length });
      }
      const removed = [...previousEntries.keys()].filter((externalId) => !seen.has(externalId)).length;
      // Fresh statistics after a bulk load, so the planner sizes the tables right.
      await prisma.$executeRawUnsafe('ANALYZE "screening_name", "screening_entry", "screening_version_entry"');
      const held = holdReason(boundsFor(source), counts, previous?.entityCount);

      const final = await prisma.$transaction(async (tx) => {
        const row = await tx.screeningListVersion.update({
          where: { id: version.id },
          data: {
            status: held ? "held" : "accepted",
            heldReason: held ?? null,
            addedCount: added,
            changedCount: changed,
            removedCount: removed,
          },
        });
        // In use: every open and approved case is screened again, in the background.
        if (!held) await queueRescreen(tx, version.id, actor?.id ?? null);
        await recordAudit(tx, {
          actorId: actor?.id ?? null,
          action: "screening.list_imported",
          entityType: "screening_list_version",
          entityId: version.id,
          toState: row.status,
          details: {
            source,
            number: row.number,
            fileName: row.fileName,
            fileSha256: sha256,
            reportDate: parsed.reportDate,
            counts: counts as unknown as Prisma.InputJsonObject,
            added,
            changed,
            removed,
            heldReason: held ?? null,
          },
        });
        return row;
      });
      return { outcome: "imported", version: toSummary(final) };
    },

    /** Accepts or rejects a held version (an admin's decision, audited). */
    async decideHeld(versionId: string, decision: "accept" | "reject", actor: Actor): Promise<VersionSummary> {
      return prisma.$transaction(async (tx) => {
        const version = await tx.screeningListVersion.findUnique({ where: { id: versionId } });
        if (!version) throw new VersionStateError("There is no such list version.");
        if (version.status !== "held")
          throw new VersionStateError(`Version ${version.number} is not held: it is ${version.status}.`);
        if (decision === "accept") {
          const newer = await tx.screeningListVersion.findFirst({
            where: { source: version.source, status: "accepted", number: { gt: version.number } },
          });
          if (newer) {
            throw new VersionStateError(
              `Version ${newer.number} of this list, imported later, is already in use: import the list again instead.`,
            );
          }
        }
        const status = decision === "accept" ? "accepted" : "rejected";
        // Only a held version changes: of two admins deciding at once, one wins.
        const updated = await tx.screeningListVersion.updateMany({
          where: { id: versionId, status: "held" },
          data: { status, decidedById: actor?.id ?? null, decidedAt: new Date() },
        });
        if (updated.count !== 1) throw new VersionStateError("Someone else has just decided this version.");
        if (decision === "accept") await queueRescreen(tx, versionId, actor?.id ?? null);
        await recordAudit(tx, {
          actorId: actor?.id ?? null,
          action: decision === "accept" ? "screening.version_confirmed" : "screening.version_rejected",
          entityType: "screening_list_version",
          entityId: versionId,
          fromState: "held",
          toState: status,
          details: { source: version.source, number: version.number, heldReason: version.heldReason },
        });
        return toSummary(await tx.screeningListVersion.findUniqueOrThrow({ where: { id: versionId } }));
      });
    },

    /** Every version, newest first (for the admin page). */
    async versions(): Promise<VersionSummary[]> {
      const rows = await prisma.screeningListVersion.findMany({
        where: { status: { not: "importing" } },
        orderBy: [{ importedAt: "desc" }, { number: "desc" }],
        take: 200,
      });
      return rows.map(toSummary);
    },

    async version(id: string): Promise<VersionSummary | undefined> {
      const row = await prisma.screeningListVersion.findUnique({ where: { id } });
      return row ? toSummary(row) : undefined;
    },

    /** The version in use for each source that has one. */
    async currentVersions(): Promise<VersionSummary[]> {
      // One statement for every source (the case page asks twice per view): each source's
      // newest accepted version, in the order the sources are listed.
      const order = Object.keys(sources) as SourceId[];
      const rows = await prisma.screeningListVersion.findMany({
        where: { source: { in: order }, status: "accepted" },
        orderBy: [{ source: "asc" }, { number: "desc" }],
        distinct: ["source"],
      });
      return order.flatMap((source) => {
        const row = rows.find((candidate) => candidate.source === source);
        return row ? [toSummary(row)] : [];
      });
    },
  };
}

export type ListImportService = ReturnType<typeof listImportService>;
export type { EntityType };
