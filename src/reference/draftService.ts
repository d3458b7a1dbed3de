// Drafts of the reference data, and publishing them. A draft is a row of the same table
// (status 'draft'), numbered the next version when it is started; there is at most one. Every
// edit of any list is an edit of that draft; publishing turns it into the version in force
// with one UPDATE (who, when, why) inside a transaction that checks it is still the newest,
// with its audit entry. A published version is never changed again (a trigger refuses it).
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { ActionNotAllowedError, NotFoundError } from "../domain/errors";
import type { CurrentUser } from "../domain/roles";
import { referenceDataSchema, type ReferenceData } from "./defaults";
import { parseStoredReference } from "./referenceService";
import { diffReference, diffSummary } from "./diff";

/** Someone changed the reference data since the page was loaded: nothing was saved. */
export class ReferenceDataChanged extends Error {
  constructor(readonly currentVersion: number) {
    super("The reference data changed since the page was loaded");
  }
}

/** An edit that does not fit the draft as it stands (a country already listed): shown beside its field. */
export class DraftEditRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface VersionSummary {
  version: number;
  status: "draft" | "published";
  note: string;
  reason: string | null;
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  updatedBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
}

export interface DraftState {
  /** The newest published version: what decisions use. */
  published: VersionSummary;
  /** The open draft, if there is one. */
  draft: VersionSummary | null;
  /** What the edit pages show: the draft's data, or the published data if there is no draft. */
  data: ReferenceData;
  /** Which version, as last saved, `data` is: a form carries it, and a save from an older page is refused. */
  revision: string;
}

/** A version as last saved: its number and when it was last changed. */
export function revisionOf(row: { version: number; updatedAt: Date }): string {
  return `${row.version}:${row.updatedAt.getTime()}`;
}

/** The version number a revision names. */
export function revisionVersion(revision: string): number {
  return Number(revision.split(":")[0]);
}

type Tx = Prisma.TransactionClient;
type Row = Awaited<ReturnType<PrismaClient["referenceDataVersion"]["findMany"]>>[number];

const asJson = ({ version: _version, ...data }: ReferenceData) => data as unknown as Prisma.InputJsonObject;

export function referenceDraftService(prisma: PrismaClient) {
  async function names(ids: (string | null)[]): Promise<Map<string, string>> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const users = await prisma.user.findMany({
      where: { id: { in: wanted } },
      select: { id: true, displayName: true },
    });
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  async function summaries(rows: Row[]): Promise<VersionSummary[]> {
    const byId = await names(rows.flatMap((row) => [row.createdById, row.updatedById, row.publishedById]));
    const name = (id: string | null) => (id ? (byId.get(id) ?? null) : null);
    return rows.map((row) => ({
      version: row.version,
      status: row.status === "published" ? "published" : "draft",
      note: row.note,
      reason: row.reason,
      createdAt: row.createdAt,
      createdBy: name(row.createdById),
      updatedAt: row.updatedAt,
      updatedBy: name(row.updatedById),
      publishedAt: row.publishedAt,
      publishedBy: name(row.publishedById),
    }));
  }

  async function newestPublished(tx: Tx | PrismaClient) {
    const row = await tx.referenceDataVersion.findFirst({
      where: { status: "published" },
      orderBy: { version: "desc" },
    });
    if (!row) throw new Error("No reference data: the database was not seeded");
    return row;
  }

  /** The open draft, locked for this transaction; null if there is none. */
  async function lockedDraft(tx: Tx) {
    const locked = await tx.$queryRaw<{ version: number }[]>`
      SELECT "version" FROM "reference_data_version" WHERE "status" = 'draft' FOR UPDATE`;
    const version = locked[0]?.version;
    return version === undefined ? null : tx.referenceDataVersion.findUniqueOrThrow({ where: { version } });
  }

  return {
    async state(): Promise<DraftState> {
      const [published, draft] = await Promise.all([
        newestPublished(prisma),
        prisma.referenceDataVersion.findFirst({ where: { status: "draft" } }),
      ]);
      const [publishedSummary, draftSummary] = await summaries(draft ? [published, draft] : [published]);
      if (!publishedSummary) throw new Error("No reference data: the database was not seeded");
      return {
        published: publishedSummary,
        draft: draftSummary ?? null,
        data: parseStoredReference(draft ?? published),
        revision: revisionOf(draft ?? published),
      };
    },

    /** Every version, newest first. */
    async versions(): Promise<VersionSummary[]> {
      return summaries(await prisma.referenceDataVersion.findMany({ orderBy: { version: "desc" } }));
    },

    /**
     * Applies `change` to the draft (starting one from the newest published version if there
     * is none) and returns the draft's version. `seenRevision`, when given, is the revision the
     * page showed (a version number alone names that version as last saved): if that is no
     * longer what an edit would change, nothing is saved (ReferenceDataChanged). `change` may
     * throw DraftEditRefused.
     */
    async edit(
      actor: CurrentUser,
      what: string,
      change: (data: ReferenceData) => ReferenceData,
      seenRevision?: string,
    ): Promise<number> {
      try {
        return await prisma.$transaction(async (tx) => {
          const draft = await lockedDraft(tx);
          const base = draft ?? (await newestPublished(tx));
          if (seenRevision !== undefined && seenRevision !== revisionOf(base) && seenRevision !== String(base.version))
            throw new ReferenceDataChanged(base.version);
          const before = parseStoredReference(base);
          const after = referenceDataSchema.parse(change(structuredClone(before)));
          let version: number;
          if (draft) {
            version = draft.version;
            await tx.referenceDataVersion.update({
              where: { version },
              data: { data: asJson(after), updatedById: actor.id, updatedAt: new Date() },
            });
          } else {
            const newest = await tx.referenceDataVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
            version = newest.version + 1;
            await tx.referenceDataVersion.create({
              data: {
                version,
                data: asJson(after),
                status: "draft",
                note: `Draft started from version ${base.version}`,
                createdById: actor.id,
                updatedById: actor.id,
              },
            });
          }
          await recordAudit(tx, {
            actorId: actor.id,
            action: "reference.draft_edited",
            entityType: "reference_data",
            entityId: String(version),
            details: { what, started: draft === null, changes: diffSummary(diffReference(before, after)) },
          });
          return version;
        });
      } catch (error) {
        // Two admins starting a draft at once: the second insert collides; nothing of theirs was saved.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          const newest = await prisma.referenceDataVersion.findFirst({ orderBy: { version: "desc" } });
          throw new ReferenceDataChanged(newest?.version ?? 0);
        }
        throw error;
      }
    },

    /** Throws the draft away (a published version cannot be: the database refuses it). */
    async discard(actor: CurrentUser, version: number): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const draft = await lockedDraft(tx);
        if (!draft || draft.version !== version) throw new NotFoundError();
        await tx.referenceDataVersion.delete({ where: { version } });
        await recordAudit(tx, {
          actorId: actor.id,
          action: "reference.draft_discarded",
          entityType: "reference_data",
          entityId: String(version),
        });
      });
    },

    /**
     * Publishes the draft: one UPDATE draft -> published, with the reason, who and when, and
     * the audit entry naming the changes. Refused if it is not the newest version or if it
     * changes nothing.
     */
    async publish(actor: CurrentUser, version: number, reason: string): Promise<void> {
      const why = reason.trim();
      if (why === "") throw new DraftEditRefused("reason", "Enter why you are publishing these changes");
      await prisma.$transaction(async (tx) => {
        const draft = await lockedDraft(tx);
        if (!draft || draft.version !== version) throw new NotFoundError();
        const newest = await tx.referenceDataVersion.findFirstOrThrow({ orderBy: { version: "desc" } });
        if (newest.version !== version) throw new ReferenceDataChanged(newest.version);
        const published = await newestPublished(tx);
        const diff = diffReference(parseStoredReference(published), parseStoredReference(draft));
        if (diff.same)
          throw new ActionNotAllowedError(
            `The draft is the same as version ${published.version}: there is nothing to publish. Discard it, or change something first.`,
          );
        const updated = await tx.referenceDataVersion.updateMany({
          where: { version, status: "draft" },
          data: { status: "published", reason: why, publishedAt: new Date(), publishedById: actor.id },
        });
        if (updated.count !== 1) throw new ReferenceDataChanged(newest.version);
        await recordAudit(tx, {
          actorId: actor.id,
          action: "reference.published",
          entityType: "reference_data",
          entityId: String(version),
          fromState: String(published.version),
          toState: String(version),
          details: { reason: why, changes: diffSummary(diff) },
        });
      });
    },
  };
}

export type ReferenceDraftService = ReturnType<typeof referenceDraftService>;
