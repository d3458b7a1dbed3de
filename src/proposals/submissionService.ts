// Submitting a proposal: one transaction that runs the rules once, stores the answers and
// the decision (with the rule-set version) as a submission that is never changed, issues
// the reference number, moves the case into review and writes the audit entry.
// A second submit of the same proposal (double click, back button, parallel posts)
// finds it no longer editable and changes nothing.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit, type AuditEvent } from "../audit/auditLog";
import { decide, type Decision } from "../rules";
import type { ReferenceService } from "../reference/referenceService";
import { answersSchema } from "../domain/questions";
import { isEditable } from "../domain/caseStates";
import { changesBetween, openTasksForDecision } from "../workflow/openTasks";
import { readDecision } from "../rules/stored";
import type { ScreeningService } from "../screening/screeningService";
import { subjectKey, subjectsFromAnswers } from "../screening/subjects";
import type { RaiseCaseNotifications } from "../notifications/caseEvents";

export type SubmitOutcome =
  | { outcome: "submitted"; reference: string; decision: Decision }
  | { outcome: "alreadySubmitted"; reference: string | null }
  | { outcome: "incomplete" }
  /** The department chosen was retired since: the proposer chooses another. */
  | { outcome: "departmentRetired" }
  | { outcome: "notFound" };

/** SPO-2026-00042: the year and a number counted within it, in order, never reused. */
export function formatReference(year: number, number: number): string {
  return `SPO-${year}-${String(number).padStart(5, "0")}`;
}

async function nextReference(tx: Prisma.TransactionClient, year: number): Promise<string> {
  // The upsert locks the year's row until commit, so numbers are issued in commit order
  // and a rolled-back submission gives its number back.
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO "reference_counter" ("year", "last") VALUES (${year}, 1)
    ON CONFLICT ("year") DO UPDATE SET "last" = "reference_counter"."last" + 1
    RETURNING "last"`;
  if (!row) throw new Error("the reference counter returned no row");
  return formatReference(year, row.last);
}

export function submissionService(
  prisma: PrismaClient,
  reference: ReferenceService,
  screening: ScreeningService,
  now: () => Date = () => new Date(),
  raiseNotifications?: RaiseCaseNotifications,
) {
  /** The parties screened for these answers, as one comparable string. */
  const partiesOf = (answers: Record<string, unknown>) =>
    subjectsFromAnswers(answers)
      .map((subject) => `${subject.role}:${subjectKey(subject)}:${subject.type ?? ""}`)
      .join("\n");

  return {
    /** Submits the proposal; `reply` answers the requests for information it was sent back with. */
    async submit(proposalId: string, userId: string, options: { reply?: string } = {}): Promise<SubmitOutcome> {
      const referenceData = await reference.current();
      // Screening the parties reads the lists at length: done before the transaction, so
      // the transaction (and its locks) stays short. Recorded inside it, with the case.
      const before = await prisma.proposal.findFirst({ where: { id: proposalId, ownerId: userId } });
      const screenedAnswers = (before?.answers ?? {}) as Record<string, unknown>;
      const screened = await screening.screenSubjects(subjectsFromAnswers(screenedAnswers));
      return prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findFirst({ where: { id: proposalId, ownerId: userId } });
        if (!proposal) return { outcome: "notFound" };
        if (!isEditable(proposal.status)) return { outcome: "alreadySubmitted", reference: proposal.reference };
        const parsed = answersSchema.safeParse(proposal.answers);
        if (!parsed.success) return { outcome: "incomplete" };
        const answers = parsed.data;
        const department = await tx.department.findUnique({
          where: { code: answers.department },
          include: { school: { select: { retiredAt: true } } },
        });
        if (!department) return { outcome: "incomplete" };
        // A new proposal may not go to a retired department; a case already in one (a reply
        // to a request for information) stays where it is until an officer moves it.
        const retired = department.retiredAt !== null || department.school.retiredAt !== null;
        if (retired && proposal.reference === null) return { outcome: "departmentRetired" };

        // Claim the proposal: of two concurrent submits only one matches this version.
        const claimed = await tx.proposal.updateMany({
          where: { id: proposal.id, version: proposal.version, status: proposal.status },
          data: { status: "IN_REVIEW", version: { increment: 1 } },
        });
        if (claimed.count !== 1) {
          const current = await tx.proposal.findUnique({ where: { id: proposal.id }, select: { reference: true } });
          return { outcome: "alreadySubmitted", reference: current?.reference ?? null };
        }

        const decision = decide(answers, referenceData);
        const submittedAt = now();
        const caseReference = proposal.reference ?? (await nextReference(tx, submittedAt.getUTCFullYear()));
        const earlier = await tx.proposalSubmission.findFirst({
          where: { proposalId: proposal.id },
          orderBy: { number: "desc" },
        });
        const previous = earlier?.number ?? 0;
        await tx.proposalSubmission.create({
          data: {
            proposalId: proposal.id,
            number: previous + 1,
            answers: answers,
            decision: decision as unknown as Prisma.InputJsonObject,
            ruleSetVersion: decision.ruleSetVersion,
            submittedById: userId,
            submittedAt,
          },
        });
        const changes = changesBetween(
          earlier
            ? { answers: earlier.answers as Record<string, unknown>, decision: readDecision(earlier.decision) }
            : null,
          { answers, decision },
        );
        const opened = await openTasksForDecision(tx, proposal.id, decision, proposal.routes, changes);
        if (previous > 0) {
          const reply = options.reply?.trim() || null;
          const answered = await tx.informationRequest.updateManyAndReturn({
            where: { proposalId: proposal.id, answeredAt: null },
            data: { answeredAt: submittedAt, reply, repliedById: reply ? userId : null },
            select: { id: true },
          });
          if (reply && answered.length > 0)
            await recordAudit(tx, {
              actorId: userId,
              action: "information_request.replied",
              entityType: "proposal",
              entityId: proposal.id,
              details: { requestIds: answered.map((request) => request.id), reply },
            });
        }
        await tx.proposal.update({
          where: { id: proposal.id },
          data: {
            routes: opened.routes,
            risk: opened.risk,
            reference: caseReference,
            submittedAt: proposal.submittedAt ?? submittedAt,
            title: answers.title,
            departmentId: department.id,
            partnerName: answers.partnerName,
            partnerCountry: answers.partnerCountry,
            answers: answers,
          },
        });
        // Saved from another tab since the screening above: screened again, as submitted.
        const outcome =
          partiesOf(answers) === partiesOf(screenedAnswers)
            ? screened
            : await screening.screenSubjects(subjectsFromAnswers(answers));
        // With no list imported there is nothing to record: the case page says it was not screened.
        if (outcome.listVersions.length > 0)
          await screening.recordCaseScreening(tx, proposal.id, outcome, { trigger: "submission", actorId: userId });
        const submitted: AuditEvent = {
          actorId: userId,
          action: previous === 0 ? "proposal.submitted" : "proposal.resubmitted",
          entityType: "proposal",
          entityId: proposal.id,
          fromState: proposal.status,
          toState: "IN_REVIEW",
          details: {
            reference: caseReference,
            ruleSetVersion: decision.ruleSetVersion,
            routes: decision.routes.map((route) => route.route),
            tasksOpened: opened.opened,
            tasksReopened: opened.reopened,
            answersChanged: changes.answers,
          },
        };
        await recordAudit(tx, submitted);
        await raiseNotifications?.(tx, submitted);
        return { outcome: "submitted", reference: caseReference, decision };
      });
    },
  };
}

export type SubmissionService = ReturnType<typeof submissionService>;
