// Every change to a case after submission. Each action is one transaction that checks
// the transition table and the version the person was looking at, changes the case and
// its tasks, and writes its audit entry: all of it happens, or none of it.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit as writeAudit, type AuditEvent } from "../audit/auditLog";
import type { RouteName } from "../rules";
import type { CurrentUser } from "../domain/roles";
import {
  actionLabels,
  isAllowedIn,
  mayAct,
  stateLabel,
  transitions,
  type Actor,
  type CaseAction,
} from "../domain/caseStates";
import { ActionNotAllowedError, ConflictError, ForbiddenError, NotFoundError } from "../domain/errors";
import { headedDepartmentIds, headedSchoolIds } from "../domain/roles";
import { routesReviewedBy } from "../domain/reviews";
import { whoMustActInstead } from "./ownCase";
import { missingForDecision, type TaskSummary } from "./tasks";
import { reviewKinds, signOffKinds, type DecisionOutcome, type ReviewOutcome } from "../domain/reviews";
import type { RaiseCaseNotifications } from "../notifications/caseEvents";

type AuditWriter = (tx: Prisma.TransactionClient, event: AuditEvent) => Promise<void>;

export function workflowService(
  prisma: PrismaClient,
  options: { audit?: AuditWriter; raiseNotifications?: RaiseCaseNotifications } = {},
) {
  const writeEntry = options.audit ?? writeAudit;
  /** A case change's audit entry and the e-mails it calls for, in the change's own transaction. */
  const audit: AuditWriter = async (tx, entry) => {
    await writeEntry(tx, entry);
    await options.raiseNotifications?.(tx, entry);
  };

  async function conflictFor(tx: Prisma.TransactionClient, caseId: string): Promise<ConflictError> {
    const last = await tx.auditEntry.findFirst({
      where: { entityType: "proposal", entityId: caseId },
      orderBy: { id: "desc" },
    });
    const who = last?.actorId
      ? await tx.user.findUnique({ where: { id: last.actorId }, select: { displayName: true } })
      : null;
    return new ConflictError(who?.displayName ?? null, last?.at ?? null, `/cases/${caseId}`);
  }

  /**
   * Who this person is for this case: their office roles, the proposer, a reviewer of the
   * review route in question, a head of the case's department or school. On their own
   * proposal a person is only its proposer: nobody acts in an office on their own case.
   */
  async function actorsFor(
    tx: Prisma.TransactionClient,
    user: CurrentUser,
    proposal: { ownerId: string; departmentId: string | null },
    route: RouteName | undefined,
  ): Promise<Actor[]> {
    if (proposal.ownerId === user.id) return ["owner"];
    const actors: Actor[] = user.roles.map((grant) => grant.role);
    if (route && routesReviewedBy(user).includes(route)) actors.push("routeReviewer");
    if (proposal.departmentId) {
      const department = await tx.department.findUnique({
        where: { id: proposal.departmentId },
        select: { id: true, schoolId: true },
      });
      if (
        department &&
        (headedDepartmentIds(user).includes(department.id) || headedSchoolIds(user).includes(department.schoolId))
      )
        actors.push("unitHead");
    }
    return actors;
  }

  /**
   * Moves the case on if it is still at the version the person saw and in a state the
   * action is allowed in. Returns the case as it was before.
   */
  async function claim(
    tx: Prisma.TransactionClient,
    caseId: string,
    version: number,
    action: CaseAction,
    actor: CurrentUser,
    data: Prisma.ProposalUncheckedUpdateManyInput = {},
    route?: RouteName,
  ) {
    const before = await tx.proposal.findUnique({ where: { id: caseId } });
    if (!before) throw new NotFoundError();
    if (!mayAct(action, await actorsFor(tx, actor, before, route))) {
      throw new ForbiddenError(
        before.ownerId === actor.id
          ? whoMustActInstead(action)
          : `Your roles do not let you ${actionLabels[action]} on this case.`,
      );
    }
    const transition = transitions[action];
    const to = "to" in transition ? transition.to : undefined;
    const updated = await tx.proposal.updateMany({
      where: { id: caseId, version, status: { in: [...transition.from] } },
      data: { ...data, ...(to ? { status: to } : {}), version: { increment: 1 } },
    });
    if (updated.count === 1) return before;
    const now = await tx.proposal.findUnique({ where: { id: caseId } });
    if (!now || now.version !== version) throw await conflictFor(tx, caseId);
    throw new ActionNotAllowedError(
      `You cannot ${actionLabels[action]} while the case is ${stateLabel(now.status).toLowerCase()}.`,
    );
  }

  function event(
    caseId: string,
    actor: CurrentUser,
    action: string,
    from: string,
    to: string | undefined,
    details: Prisma.InputJsonObject = {},
  ): AuditEvent {
    return {
      actorId: actor.id,
      action,
      entityType: "proposal",
      entityId: caseId,
      fromState: from,
      toState: to ?? from,
      details,
    };
  }

  return {
    async assign(caseId: string, version: number, actor: CurrentUser, assigneeId: string | null) {
      await prisma.$transaction(async (tx) => {
        if (assigneeId) {
          const officer = await tx.roleAssignment.findFirst({
            where: { userId: assigneeId, role: "SPO_OFFICER", user: { disabled: false } },
          });
          if (!officer) throw new ActionNotAllowedError("Cases can only be assigned to an SPO officer.");
        }
        const before = await claim(tx, caseId, version, "assign", actor, { assigneeId });
        await audit(
          tx,
          event(caseId, actor, "case.assigned", before.status, undefined, { from: before.assigneeId, to: assigneeId }),
        );
      });
    },

    async requestInformation(caseId: string, version: number, actor: CurrentUser, message: string) {
      await prisma.$transaction(async (tx) => {
        const before = await claim(tx, caseId, version, "requestInformation", actor);
        await tx.informationRequest.create({ data: { proposalId: caseId, message, requestedById: actor.id } });
        await audit(
          tx,
          event(caseId, actor, "case.information_requested", before.status, "INFORMATION_REQUESTED", { message }),
        );
      });
    },

    async addRoute(caseId: string, version: number, actor: CurrentUser, route: RouteName, reason: string) {
      await prisma.$transaction(async (tx) => {
        const current = await tx.proposal.findUnique({ where: { id: caseId }, select: { routes: true } });
        if (current?.routes.includes(route)) throw new ActionNotAllowedError("The case already has that route.");
        const before = await claim(tx, caseId, version, "addRoute", actor, { routes: { push: route } });
        await tx.caseTask.create({ data: { proposalId: caseId, kind: reviewKinds[route], openedBecause: reason } });
        await audit(tx, event(caseId, actor, "case.route_added", before.status, undefined, { route, reason }));
      });
    },

    async removeRoute(caseId: string, version: number, actor: CurrentUser, route: RouteName, reason: string) {
      await prisma.$transaction(async (tx) => {
        const current = await tx.proposal.findUnique({ where: { id: caseId }, select: { routes: true } });
        if (!current?.routes.includes(route)) throw new ActionNotAllowedError("The case does not have that route.");
        const before = await claim(tx, caseId, version, "removeRoute", actor, {
          routes: current.routes.filter((candidate) => candidate !== route),
        });
        await tx.caseTask.updateMany({
          where: { proposalId: caseId, kind: reviewKinds[route], state: "open" },
          data: { state: "cancelled", note: reason, completedById: actor.id, completedAt: new Date() },
        });
        await audit(tx, event(caseId, actor, "case.route_removed", before.status, undefined, { route, reason }));
      });
    },

    async recordReview(
      caseId: string,
      version: number,
      actor: CurrentUser,
      route: RouteName,
      outcome: ReviewOutcome,
      note: string,
    ) {
      await prisma.$transaction(async (tx) => {
        const before = await claim(tx, caseId, version, "recordReview", actor, {}, route);
        const closed = await tx.caseTask.updateMany({
          where: { proposalId: caseId, kind: reviewKinds[route], state: "open" },
          data: { state: "done", outcome, note, completedById: actor.id, completedAt: new Date() },
        });
        if (closed.count !== 1) throw new ActionNotAllowedError("There is no open review on that route for this case.");
        await audit(
          tx,
          event(caseId, actor, "case.review_recorded", before.status, undefined, { route, outcome, note }),
        );
      });
    },

    /** What is still missing before a decision can be recorded (empty when nothing is). */
    /** What a decision still waits for, from a case already loaded with its tasks (the case page). */
    missingForDecisionOf(proposal: { routes: readonly string[]; tasks: readonly TaskSummary[] }): string[] {
      const schoolRequired = proposal.tasks.some(
        (task) => task.kind === signOffKinds.school && task.state !== "cancelled",
      );
      return missingForDecision(proposal.tasks, proposal.routes, schoolRequired);
    },

    async missingForDecision(caseId: string): Promise<string[]> {
      const proposal = await prisma.proposal.findUnique({ where: { id: caseId }, include: { tasks: true } });
      if (!proposal) throw new NotFoundError();
      const schoolRequired = proposal.tasks.some(
        (task) => task.kind === signOffKinds.school && task.state !== "cancelled",
      );
      return missingForDecision(proposal.tasks, proposal.routes, schoolRequired);
    },

    async decide(caseId: string, version: number, actor: CurrentUser, outcome: DecisionOutcome, note: string) {
      await prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findUnique({ where: { id: caseId }, include: { tasks: true } });
        if (!proposal) throw new NotFoundError();
        const schoolRequired = proposal.tasks.some(
          (task) => task.kind === signOffKinds.school && task.state !== "cancelled",
        );
        const missing = missingForDecision(proposal.tasks, proposal.routes, schoolRequired);
        if (missing.length > 0 && proposal.version === version) {
          throw new ActionNotAllowedError(`The decision cannot be recorded yet. Still needed: ${missing.join("; ")}.`);
        }
        const before = await claim(tx, caseId, version, "decide", actor, {
          outcome,
          outcomeNote: note,
          decidedAt: new Date(),
          decidedById: actor.id,
        });
        await audit(tx, event(caseId, actor, "case.decided", before.status, "DECIDED", { outcome, note }));
      });
    },

    async withdraw(caseId: string, version: number, actor: CurrentUser) {
      await prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findFirst({ where: { id: caseId, ownerId: actor.id } });
        if (!proposal) throw new NotFoundError();
        // One moment for the case's withdrawn_at (what the reports count) and its audit entry.
        const withdrawnAt = new Date();
        const before = await claim(tx, caseId, version, "withdraw", actor, { withdrawnAt });
        await tx.caseTask.updateMany({
          where: { proposalId: caseId, state: "open" },
          data: {
            state: "cancelled",
            note: "Withdrawn by the proposer",
            completedById: actor.id,
            completedAt: new Date(),
          },
        });
        await audit(tx, { ...event(caseId, actor, "case.withdrawn", before.status, "WITHDRAWN"), at: withdrawnAt });
      });
    },

    async addNote(caseId: string, actor: CurrentUser, body: string) {
      await prisma.$transaction(async (tx) => {
        const proposal = await tx.proposal.findUnique({ where: { id: caseId } });
        if (!proposal) throw new NotFoundError();
        if (!mayAct("addNote", await actorsFor(tx, actor, proposal, undefined)))
          throw new ForbiddenError(whoMustActInstead("addNote"));
        if (!isAllowedIn("addNote", proposal.status))
          throw new ActionNotAllowedError("Notes can only be added to submitted cases.");
        const note = await tx.caseNote.create({ data: { proposalId: caseId, authorId: actor.id, body } });
        await audit(tx, event(caseId, actor, "case.note_added", proposal.status, undefined, { noteId: note.id }));
      });
    },

    /** Exposed for sign-off (issue 5) and tests: the claim-and-audit step. */
    claim,
    audit,
  };
}

export type WorkflowService = ReturnType<typeof workflowService>;
