// The reference data in force: the newest PUBLISHED version in the database. A draft (the
// newest version, while admins edit it) never reaches a decision. Published versions are
// never changed in place (a trigger refuses it), so one, once read, can be cached for good.
import type { PrismaClient } from "../generated/prisma/client";
import { nameCommittee } from "../domain/committee";
import { NotFoundError } from "../domain/errors";
import { auditEntriesWritten } from "../audit/auditLog";
import { referenceDataSchema, type ReferenceData } from "./defaults";

/** Stored JSON, with its version number, read through the schema (never cast). */
export function parseStoredReference(row: { version: number; data: unknown }): ReferenceData {
  return referenceDataSchema.parse({ ...(row.data as object), version: row.version });
}

export function referenceService(prisma: PrismaClient) {
  const published = new Map<number, ReferenceData>();
  let recent: { at: number; changes: number; data: ReferenceData } | undefined;
  /** The newest published version, read now. */
  async function latest(): Promise<ReferenceData> {
    const latest = await prisma.referenceDataVersion.findFirst({
      where: { status: "published" },
      orderBy: { version: "desc" },
      select: { version: true },
    });
    if (!latest) throw new Error("No reference data: the database was not seeded");
    const cached = published.get(latest.version);
    if (cached) return cached;
    const row = await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: latest.version } });
    const data = parseStoredReference(row);
    published.set(row.version, data);
    return data;
  }

  return {
    /**
     * The reference data in force. With `maxAgeMs`, what a read at most that long ago found
     * may do (dropped when this process records a change, as publishing does): for pages
     * that only show a setting from it (the queue's overdue age), not for decisions.
     */
    async current(options: { maxAgeMs?: number } = {}): Promise<ReferenceData> {
      const changes = auditEntriesWritten();
      if (options.maxAgeMs && recent && recent.changes === changes && Date.now() - recent.at < options.maxAgeMs)
        return recent.data;
      const data = await latest();
      nameCommittee(data.committeeName);
      recent = { at: Date.now(), changes, data };
      return data;
    },

    /** Any version, draft or published; NotFoundError if there is none of that number. */
    async version(version: number): Promise<ReferenceData> {
      const cached = published.get(version);
      if (cached) return cached;
      const row = Number.isSafeInteger(version)
        ? await prisma.referenceDataVersion.findUnique({ where: { version } })
        : null;
      if (!row) throw new NotFoundError();
      const data = parseStoredReference(row);
      if (row.status === "published") published.set(row.version, data);
      return data;
    },
  };
}

export type ReferenceService = ReturnType<typeof referenceService>;
