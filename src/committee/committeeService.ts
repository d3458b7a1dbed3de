// The committee secretary's record of a meeting that considered a case: the date, the
// minute reference and the committee's outcome. Each is a new row with its audit entry.
import type { CommitteeRecord, Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { ActionNotAllowedError, ForbiddenError, NotFoundError } from "../domain/errors";
import { hasRole, type CurrentUser } from "../domain/roles";
import { reviewKinds } from "../domain/reviews";
import type { CommitteeOutcome } from "../domain/committee";
import { displayNames } from "../users/displayNames";

export interface CommitteeInput {
  meetingDate: Date;
  minuteReference: string;
  outcome: CommitteeOutcome;
  conditions: string;
}

/** The order records are listed in: by meeting, then as recorded. */
export const committeeRecordOrder = [
  { meetingDate: "asc" },
  { recordedAt: "asc" },
] satisfies Prisma.CommitteeRecordOrderByWithRelationInput[];

/** The records (in committeeRecordOrder) with who recorded each, by name. */
export function committeeRecordList(records: readonly CommitteeRecord[], names: ReadonlyMap<string, string>) {
  return records.map((record) => ({ ...record, recordedBy: names.get(record.recordedById) ?? "" }));
}

export function committeeService(prisma: PrismaClient) {
  return {
    async record(caseId: string, user: CurrentUser, input: CommitteeInput) {
      return prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findUnique({
          where: { id: caseId },
          include: { tasks: { where: { kind: reviewKinds.acbela }, select: { id: true } } },
        });
        if (!proposal?.submittedAt) throw new NotFoundError();
        if (!hasRole(user, "ACBELA_SECRETARY") || proposal.ownerId === user.id) throw new ForbiddenError();
        if (!proposal.routes.includes("acbela") && proposal.tasks.length === 0)
          throw new ActionNotAllowedError("This case was not referred to the committee.");
        const created = await tx.committeeRecord.create({
          data: {
            proposalId: caseId,
            meetingDate: input.meetingDate,
            minuteReference: input.minuteReference,
            outcome: input.outcome,
            conditions: input.conditions || null,
            recordedById: user.id,
          },
        });
        await recordAudit(tx, {
          actorId: user.id,
          action: "committee.recorded",
          entityType: "proposal",
          entityId: caseId,
          details: {
            recordId: created.id,
            meetingDate: input.meetingDate.toISOString().slice(0, 10),
            minuteReference: input.minuteReference,
            outcome: input.outcome,
            ...(input.conditions ? { conditions: input.conditions } : {}),
          },
        });
        return created;
      });
    },

    /** The case's committee records, oldest first, with who recorded each. */
    async list(proposalId: string) {
      const records = await prisma.committeeRecord.findMany({
        where: { proposalId },
        orderBy: committeeRecordOrder,
      });
      const names = await displayNames(
        prisma,
        records.map((record) => record.recordedById),
      );
      return committeeRecordList(records, names);
    },
  };
}

export type CommitteeService = ReturnType<typeof committeeService>;
export type CommitteeRecordListed = Awaited<ReturnType<CommitteeService["list"]>>[number];
