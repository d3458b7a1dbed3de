// Data access for proposals: drafts and their answers, and what their owners may see.
// Controllers never build queries; they call these.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { editableStates } from "../domain/caseStates";
import { NotFoundError } from "../domain/errors";
import { isUuid } from "../db/uuid";

export type StoredAnswers = Record<string, unknown>;

/**
 * Never submitted, so never a case: its owner may delete it. WITHDRAWN covers drafts
 * withdrawn when drafts could still be withdrawn; a withdrawn case has a submission time.
 */
export function isDeletableDraft(proposal: { status: string; submittedAt: Date | null }): boolean {
  return proposal.submittedAt === null && (proposal.status === "DRAFT" || proposal.status === "WITHDRAWN");
}

export type DraftDeletion = "deleted" | "changed" | "notDeletable";

export function proposalService(prisma: PrismaClient) {
  return {
    /** A new draft with the answers of its first page: a draft exists only once something was saved. */
    async createDraft(ownerId: string, answers: StoredAnswers = {}) {
      return prisma.$transaction(async (tx) => {
        const draft = await tx.proposal.create({
          data: {
            ownerId,
            answers: answers as Prisma.InputJsonObject,
            title: typeof answers.title === "string" ? answers.title : "",
            partnerName: typeof answers.partnerName === "string" ? answers.partnerName : null,
          },
        });
        await recordAudit(tx, {
          actorId: ownerId,
          action: "proposal.draft_created",
          entityType: "proposal",
          entityId: draft.id,
          toState: "DRAFT",
        });
        return draft;
      });
    },

    /** A proposal its owner may see; null for anyone else's (shown as not found). */
    async findOwned(id: string, ownerId: string) {
      if (!isUuid(id)) return null;
      return prisma.proposal.findFirst({ where: { id, ownerId } });
    },

    /** The person's own proposal; NotFoundError for anyone else's, as for a missing one. */
    async ownedBy(id: string, ownerId: string) {
      const proposal = isUuid(id) ? await prisma.proposal.findFirst({ where: { id, ownerId } }) : null;
      if (!proposal) throw new NotFoundError();
      return proposal;
    },

    /** The request for information still waiting for the proposer's answer, with who asked. */
    async openInformationRequest(proposalId: string) {
      const request = await prisma.informationRequest.findFirst({
        where: { proposalId, answeredAt: null },
        orderBy: { requestedAt: "asc" },
      });
      if (!request) return null;
      const requester = await prisma.user.findUnique({
        where: { id: request.requestedById },
        select: { displayName: true },
      });
      return { ...request, requestedBy: requester?.displayName ?? "" };
    },

    async listForOwner(ownerId: string) {
      return prisma.proposal.findMany({
        where: { ownerId },
        orderBy: [{ updatedAt: "desc" }],
        take: 200,
        select: {
          id: true,
          title: true,
          status: true,
          reference: true,
          updatedAt: true,
          submittedAt: true,
          partnerName: true,
          answers: true,
        },
      });
    },

    /**
     * Deletes the owner's draft if it is still at the version they confirmed and was never
     * submitted, with its audit entry, in one transaction. A draft another tab saved since,
     * or one submitted meanwhile, is kept.
     */
    async deleteDraft(id: string, ownerId: string, version: number): Promise<DraftDeletion> {
      return prisma.$transaction(async (tx) => {
        const draft = await tx.proposal.findFirst({ where: { id, ownerId } });
        if (!draft || !isDeletableDraft(draft)) return "notDeletable";
        const { count } = await tx.proposal.deleteMany({
          where: { id, ownerId, version, submittedAt: null, status: draft.status },
        });
        if (count !== 1) return "changed";
        await recordAudit(tx, {
          actorId: ownerId,
          action: "proposal.draft_deleted",
          entityType: "proposal",
          entityId: id,
          fromState: draft.status,
          toState: null,
          details: { title: draft.title },
        });
        return "deleted";
      });
    },

    /** Requests for information (their messages are for the proposer). */
    async informationRequests(proposalId: string) {
      return prisma.informationRequest.findMany({ where: { proposalId }, orderBy: { requestedAt: "asc" } });
    },

    /** Every submission of a proposal, oldest first. */
    async submissions(proposalId: string) {
      return prisma.proposalSubmission.findMany({ where: { proposalId }, orderBy: { number: "asc" } });
    },

    /**
     * Merges one page's answers into a proposal that is still editable, in one statement:
     * two tabs saving different pages of the same draft never lose each other's answers,
     * and a page saved after the proposal was submitted changes nothing (returns false).
     */
    async saveAnswers(
      id: string,
      ownerId: string,
      changes: StoredAnswers,
      remove: readonly string[] = [],
    ): Promise<boolean> {
      const count = await prisma.$executeRaw`
        UPDATE "proposal"
           SET "answers" = ("answers" || ${JSON.stringify(changes)}::jsonb) - ${[...remove]}::text[],
               "title" = COALESCE(("answers" || ${JSON.stringify(changes)}::jsonb) ->> 'title', ''),
               "partner_name" = ("answers" || ${JSON.stringify(changes)}::jsonb) ->> 'partnerName',
               "version" = "version" + 1,
               "updated_at" = now()
         WHERE "id" = ${id}::uuid AND "owner_id" = ${ownerId}::uuid
           AND "status" IN (${Prisma.join(editableStates.map((status) => Prisma.sql`${status}::"ProposalStatus"`))})`;
      return count === 1;
    },
  };
}

export { isUuid };

export type ProposalService = ReturnType<typeof proposalService>;
