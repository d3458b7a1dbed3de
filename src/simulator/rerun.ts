// Re-running the rules on one open case with the reference data in force. Publishing new
// reference data never re-decides open cases by itself: an SPO officer looks at what would
// change (check), then confirms (rerun). The new decision is recorded beside the one the
// case had (rules_rerun; the submission keeps its own), a review opens for each route that
// is new, a head of school sign-off opens when the new decision needs one the case has not
// had, and the change is audited. Routes the rules no longer give stay, with their
// reviews: removing one is the officer's call, with a reason, on the case page.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit, type AuditEvent } from "../audit/auditLog";
import { isOpen } from "../domain/caseStates";
import { reviewKinds, routeNames, signOffKinds, type RouteName } from "../domain/reviews";
import { isUuid } from "../db/uuid";
import { ActionNotAllowedError, NotFoundError } from "../domain/errors";
import type { Answers } from "../domain/questions";
import type { CurrentUser } from "../domain/roles";
import { decide, type Decision } from "../rules";
import { readDecision, type StoredDecision } from "../rules/stored";
import type { ReferenceService } from "../reference/referenceService";
import type { RaiseCaseNotifications } from "../notifications/caseEvents";
import { riskOf } from "../workflow/tasks";
import { compareDecisions, type CaseComparison } from "./outcomes";

export interface RerunCheck {
  id: string;
  reference: string;
  title: string;
  /** The page's version of the case: the confirmation must match it. */
  version: number;
  open: boolean;
  current: { ruleSetVersion: string; rerun: boolean };
  next: { ruleSetVersion: string; referenceVersion: number };
  comparison: CaseComparison;
  /** True when the decision would be the same, texts and all, and on the same version. */
  upToDate: boolean;
  /** Routes the new decision gives that the case does not have: a review opens for each. */
  routesAdded: RouteName[];
  /** Routes the case has that the new decision does not give: kept, for the officer to judge. */
  routesNoLongerGiven: RouteName[];
  /** The new decision needs the head of school's sign-off and the case has none open or given: one opens. */
  schoolSignOffAdded: boolean;
}

/**
 * Whether the new decision calls for a head of school sign-off that the case has neither open
 * nor given (a returned one does not count: it is opened again on resubmission).
 */
async function needsSchoolSignOff(
  db: Prisma.TransactionClient | PrismaClient,
  proposalId: string,
  decision: Decision,
): Promise<boolean> {
  if (!decision.signOff.school) return false;
  const existing = await db.caseTask.count({
    where: {
      proposalId,
      kind: signOffKinds.school,
      OR: [{ state: "open" }, { state: "done", NOT: { outcome: "returned" } }],
    },
  });
  return existing === 0;
}

/** The case's decision now: the newest re-run of its newest submission, else that submission's. */
async function currentDecisionOf(db: Prisma.TransactionClient | PrismaClient, proposalId: string) {
  const submission = await db.proposalSubmission.findFirst({
    where: { proposalId },
    orderBy: { number: "desc" },
    select: { number: true, answers: true, decision: true },
  });
  if (!submission) return undefined;
  const rerun = await db.rulesRerun.findFirst({
    where: { proposalId, submissionNumber: submission.number },
    orderBy: { rerunAt: "desc" },
    select: { decision: true },
  });
  return {
    submissionNumber: submission.number,
    answers: submission.answers as Answers,
    decision: readDecision(rerun?.decision ?? submission.decision),
    rerun: rerun !== null,
  };
}

function routeChanges(routes: readonly string[], decision: Decision, before: StoredDecision) {
  const given = new Set(decision.routes.map((route) => route.route));
  return {
    routesAdded: routeNames.filter((route) => given.has(route) && !routes.includes(route)),
    routesNoLongerGiven: routeNames.filter(
      (route) => routes.includes(route) && !given.has(route) && before.routes.some((r) => r.route === route),
    ),
  };
}

export function rulesRerunService(
  prisma: PrismaClient,
  reference: ReferenceService,
  raiseNotifications?: RaiseCaseNotifications,
) {
  return {
    /** What re-running the rules would change on this case; NotFoundError if it is not a case. */
    async check(id: string): Promise<RerunCheck> {
      if (!isUuid(id)) throw new NotFoundError();
      const proposal = await prisma.proposal.findUnique({ where: { id } });
      if (!proposal?.reference || proposal.status === "DRAFT") throw new NotFoundError();
      const current = await currentDecisionOf(prisma, id);
      if (!current) throw new NotFoundError();
      const referenceData = await reference.current();
      const decision = decide(current.answers, referenceData);
      const comparison = compareDecisions(current.decision, decision);
      return {
        id,
        reference: proposal.reference,
        title: proposal.title,
        version: proposal.version,
        open: isOpen(proposal.status),
        current: { ruleSetVersion: current.decision.ruleSetVersion, rerun: current.rerun },
        next: { ruleSetVersion: decision.ruleSetVersion, referenceVersion: referenceData.version },
        comparison,
        upToDate:
          current.decision.ruleSetVersion === decision.ruleSetVersion &&
          !comparison.changed &&
          comparison.reasonsAdded.length === 0 &&
          comparison.reasonsRemoved.length === 0,
        ...routeChanges(proposal.routes, decision, current.decision),
        schoolSignOffAdded: isOpen(proposal.status) && (await needsSchoolSignOff(prisma, id, decision)),
      };
    },

    /** Records the new decision, opens reviews for new routes and audits it, if the case is as the officer saw it. */
    async rerun(id: string, seenVersion: number, actor: CurrentUser): Promise<{ routesAdded: RouteName[] }> {
      if (!isUuid(id)) throw new NotFoundError();
      const referenceData = await reference.current();
      return prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findUnique({ where: { id } });
        if (!proposal?.reference || proposal.status === "DRAFT") throw new NotFoundError();
        if (!isOpen(proposal.status)) throw new ActionNotAllowedError("The rules can only be re-run on an open case.");
        const current = await currentDecisionOf(tx, id);
        if (!current) throw new NotFoundError();
        const decision = decide(current.answers, referenceData);
        if (current.decision.ruleSetVersion === decision.ruleSetVersion)
          throw new ActionNotAllowedError("This case was already decided on the current reference data.");
        // Of two officers confirming at once, or a change since the check page, only one goes through.
        const claimed = await tx.proposal.updateMany({
          where: { id, version: seenVersion },
          data: { version: { increment: 1 } },
        });
        if (claimed.count !== 1)
          throw new ActionNotAllowedError(
            "The case changed after you looked at what re-running the rules would do. Check it again.",
          );
        const { routesAdded, routesNoLongerGiven } = routeChanges(proposal.routes, decision, current.decision);
        await tx.rulesRerun.create({
          data: {
            proposalId: id,
            submissionNumber: current.submissionNumber,
            decision: decision as unknown as Prisma.InputJsonObject,
            ruleSetVersion: decision.ruleSetVersion,
            previousVersion: current.decision.ruleSetVersion,
            rerunById: actor.id,
          },
        });
        const reviewsOpened: string[] = [];
        for (const route of routesAdded) {
          const kind = reviewKinds[route];
          const open = await tx.caseTask.findFirst({ where: { proposalId: id, kind, state: "open" } });
          if (!open) {
            await tx.caseTask.create({
              data: {
                proposalId: id,
                kind,
                openedBecause: `Rules re-run with reference data version ${String(referenceData.version)}`,
              },
            });
            reviewsOpened.push(kind);
          }
        }
        const signOffsOpened: string[] = [];
        if (await needsSchoolSignOff(tx, id, decision)) {
          await tx.caseTask.create({
            data: {
              proposalId: id,
              kind: signOffKinds.school,
              openedBecause: `Rules re-run with reference data version ${String(referenceData.version)}`,
            },
          });
          signOffsOpened.push(signOffKinds.school);
        }
        const routes = [...proposal.routes, ...routesAdded];
        await tx.proposal.update({
          where: { id },
          data: {
            routes,
            // Risk follows the rules' routes, as at submission; routes no longer given still count.
            risk: riskOf([
              ...decision.routes,
              ...current.decision.routes.filter((route) => routesNoLongerGiven.includes(route.route)),
            ]),
          },
        });
        const comparison = compareDecisions(current.decision, decision);
        const rerunEvent: AuditEvent = {
          actorId: actor.id,
          action: "case.rules_rerun",
          entityType: "proposal",
          entityId: id,
          details: {
            before: { ruleSetVersion: current.decision.ruleSetVersion, ...comparison.before },
            after: { ruleSetVersion: decision.ruleSetVersion, ...comparison.after },
            reasonsAdded: comparison.reasonsAdded.map((reason) => reason.rule),
            reasonsRemoved: comparison.reasonsRemoved.map((reason) => reason.rule),
            routesAdded,
            routesNoLongerGiven,
            reviewsOpened,
            signOffsOpened,
          },
        };
        await recordAudit(tx, rerunEvent);
        // The school's heads are told now if the department has already approved; otherwise
        // when it does, as on any case (src/notifications/caseEvents.ts).
        await raiseNotifications?.(tx, rerunEvent);
        // Each new route as an officer's added route is: the reviewers are told (src/notifications).
        for (const route of routesAdded) {
          const added: AuditEvent = {
            actorId: actor.id,
            action: "case.route_added",
            entityType: "proposal",
            entityId: id,
            details: { route, reason: `Rules re-run with reference data version ${String(referenceData.version)}` },
          };
          await recordAudit(tx, added);
          await raiseNotifications?.(tx, added);
        }
        return { routesAdded };
      });
    },
  };
}

export type RulesRerunService = ReturnType<typeof rulesRerunService>;
