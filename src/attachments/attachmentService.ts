// Attachments on a proposal or case: kept in the database (bytea) with their SHA-256, seen
// by whoever may see the case, never deleted once the proposal has been submitted (a
// replacement supersedes the old file, which stays listed and downloadable).
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { hasRole, type CurrentUser } from "../domain/roles";
import { ActionNotAllowedError, NotFoundError } from "../domain/errors";
import { isEditable, isOpen } from "../domain/caseStates";
import { signOffKinds } from "../domain/reviews";
import { isUuid } from "../db/uuid";
import { mayView as mayViewCase } from "../cases/caseService";
import { viewingRole } from "../signOff/signOffService";
import { displayNames } from "../users/displayNames";

/** Who a person is to a proposal's attachments: its proposer, or one of the case's offices. */
export type AttachmentRole = "proposer" | "officer" | "reviewer" | "head";
/** Who may read a proposal's files: those who may add them, and the SPO lead, who only reads. */
export type AttachmentReader = AttachmentRole | "lead";

export interface NewAttachment {
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  bytes: Buffer;
}

/** The order attachments are listed in: as uploaded. */
export const attachmentOrder = [
  { uploadedAt: "asc" },
  { id: "asc" },
] satisfies Prisma.AttachmentOrderByWithRelationInput[];

/** What a list of attachments shows (never the content). */
export const listedAttachment = {
  id: true,
  proposalId: true,
  fileName: true,
  contentType: true,
  size: true,
  sha256: true,
  uploadedById: true,
  uploadedAt: true,
  addedAs: true,
  supersededById: true,
  supersededAt: true,
} as const;

const accessInclude = {
  department: { select: { schoolId: true } },
  tasks: { select: { kind: true, state: true } },
} as const;

/** What deciding someone's standing on a proposal needs of it (a case page's loaded case has it all). */
export type AccessProposal = Prisma.ProposalGetPayload<{ include: typeof accessInclude }>;

/** The person's standing on a proposal already read, or null when they may not see it. */
export function roleOf(proposal: AccessProposal, user: CurrentUser): AttachmentReader | null {
  if (proposal.ownerId === user.id) return "proposer";
  // A draft is its proposer's alone.
  if (!proposal.submittedAt || proposal.status === "DRAFT") return null;
  if (hasRole(user, "SPO_OFFICER")) return "officer";
  if (hasRole(user, "SPO_LEAD")) return "lead";
  if (mayViewCase(user, proposal)) return "reviewer";
  const headOf = proposal.tasks.some(
    (task) =>
      (task.kind === signOffKinds.department || task.kind === signOffKinds.school) &&
      viewingRole(user, { kind: task.kind, proposal }) !== null,
  );
  return headOf ? "head" : null;
}

/** Whether the person may add files now, on a proposal already read: its proposer while editable, an office while open. */
export function mayAddTo(proposal: AccessProposal, user: CurrentUser): AttachmentRole | null {
  const role = roleOf(proposal, user);
  if (!role || role === "lead") return null;
  if (role === "proposer") return isEditable(proposal.status) ? role : null;
  return isOpen(proposal.status) ? role : null;
}

type AttachmentRow = Prisma.AttachmentGetPayload<{ select: typeof listedAttachment }>;

/** Attachments as listed (oldest first, as given), named: who added each, and what replaced it. */
export function attachmentList(rows: readonly AttachmentRow[], names: ReadonlyMap<string, string>) {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return rows.map((row) => ({
    ...row,
    uploadedBy: names.get(row.uploadedById) ?? "",
    supersededBy: row.supersededById ? (byId.get(row.supersededById)?.fileName ?? null) : null,
  }));
}

export function attachmentService(prisma: PrismaClient) {
  /** The person's standing on the proposal, or null when they may not see it (the case's own checks). */
  async function roleOn(proposalId: string, user: CurrentUser) {
    const proposal = await prisma.proposal.findUnique({ where: { id: proposalId }, include: accessInclude });
    if (!proposal) return { proposal: null, role: null };
    return { proposal, role: roleOf(proposal, user) };
  }

  return {
    roleOn,

    /** Every attachment of the proposal, oldest first, with who added each (no content). */
    async list(proposalId: string) {
      const rows = await prisma.attachment.findMany({
        where: { proposalId },
        orderBy: attachmentOrder,
        select: listedAttachment,
      });
      const names = await displayNames(
        prisma,
        rows.map((row) => row.uploadedById),
      );
      return attachmentList(rows, names);
    },

    /**
     * Whether `user` may add a file now, as whom: the proposer while they may edit the
     * proposal; an officer, reviewer or head of the case while it is open (never on their own).
     */
    async mayAdd(proposalId: string, user: CurrentUser): Promise<AttachmentRole | null> {
      const { proposal } = await roleOn(proposalId, user);
      return proposal ? mayAddTo(proposal, user) : null;
    },

    /** Keeps the file, superseding `replaces` if given, with its audit entry, in one transaction. */
    async add(input: {
      proposalId: string;
      user: CurrentUser;
      addedAs: AttachmentRole;
      file: NewAttachment;
      replaces?: string | undefined;
    }) {
      const { proposalId, user, addedAs, file, replaces } = input;
      return prisma.$transaction(async (tx) => {
        if (replaces) {
          const old = await tx.attachment.findFirst({
            where: { id: replaces, proposalId },
            select: { uploadedById: true, supersededById: true },
          });
          if (!old) throw new NotFoundError();
          if (old.uploadedById !== user.id)
            throw new ActionNotAllowedError("Only whoever added a file may replace it.");
          if (old.supersededById) throw new ActionNotAllowedError("That file has already been replaced.");
        }
        const created = await tx.attachment.create({
          data: {
            proposalId,
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.size,
            sha256: file.sha256,
            content: new Uint8Array(file.bytes),
            uploadedById: user.id,
            addedAs,
          },
          select: { id: true },
        });
        if (replaces) {
          const superseded = await tx.attachment.updateMany({
            where: { id: replaces, supersededById: null },
            data: { supersededById: created.id, supersededAt: new Date() },
          });
          if (superseded.count !== 1) throw new ActionNotAllowedError("That file has already been replaced.");
        }
        await recordAudit(tx, {
          actorId: user.id,
          action: "attachment.added",
          entityType: "proposal",
          entityId: proposalId,
          details: {
            attachmentId: created.id,
            fileName: file.fileName,
            contentType: file.contentType,
            size: file.size,
            sha256: file.sha256,
            addedAs,
            ...(replaces ? { replaces } : {}),
          },
        });
        return created;
      });
    },

    /** The proposer removes a file from a draft that has never been submitted. */
    async removeFromDraft(proposalId: string, attachmentId: string, user: CurrentUser) {
      if (!isUuid(attachmentId)) throw new NotFoundError();
      return prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findFirst({ where: { id: proposalId, ownerId: user.id } });
        if (!proposal) throw new NotFoundError();
        const attachment = await tx.attachment.findFirst({
          where: { id: attachmentId, proposalId },
          select: listedAttachment,
        });
        if (!attachment) throw new NotFoundError();
        if (proposal.submittedAt || proposal.status !== "DRAFT")
          throw new ActionNotAllowedError(
            "Files are kept once a proposal has been submitted: replace it with a new version instead.",
          );
        await tx.attachment.delete({ where: { id: attachmentId } });
        await recordAudit(tx, {
          actorId: user.id,
          action: "attachment.removed",
          entityType: "proposal",
          entityId: proposalId,
          details: { attachmentId, fileName: attachment.fileName, sha256: attachment.sha256 },
        });
      });
    },

    /** The file itself, for someone who may see its case; NotFoundError for anyone else. */
    async download(attachmentId: string, user: CurrentUser) {
      if (!isUuid(attachmentId)) throw new NotFoundError();
      const attachment = await prisma.attachment.findUnique({ where: { id: attachmentId } });
      if (!attachment) throw new NotFoundError();
      const { role } = await roleOn(attachment.proposalId, user);
      if (!role) throw new NotFoundError();
      return attachment;
    },
  };
}

export type AttachmentService = ReturnType<typeof attachmentService>;
export type ListedAttachment = Awaited<ReturnType<AttachmentService["list"]>>[number];
