// Department and school sign-off. A head (or an SPO officer) answers the checklist of the
// reference data version in force and approves, returns or declines; each of the three is
// one transaction that claims the case at the version the signer saw, closes the task with
// the signature (a closed task is immutable: a database trigger refuses any change) and
// writes the audit entry. Heads see and sign only the cases of their own unit.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { ReferenceService } from "../reference/referenceService";
import { isUuid } from "../proposals/proposalService";
import { headedDepartmentIds, headedSchoolIds, hasRole, type CurrentUser, type Role } from "../domain/roles";
import { signOffKinds, taskLabels } from "../domain/reviews";
import type { WorkflowService } from "../workflow/workflowService";
import { ConflictError, ForbiddenError, NotFoundError } from "../domain/errors";
import type { ChecklistItem, ChecklistKind } from "./checklists";
import { readSignature, type Signature } from "./signature";
import { signOffUrls } from "./urls";

export const answers = ["yes", "no", "not_applicable"] as const;
export type Answer = (typeof answers)[number];
export const answerLabels: Record<Answer, string> = { yes: "Yes", no: "No", not_applicable: "Not applicable" };

export const decisions = ["approve", "return", "decline"] as const;
export type SignOffDecision = (typeof decisions)[number];
/** The task's outcome for each decision. */
export const outcomeOf = { approve: "approved", return: "returned", decline: "declined" } as const satisfies Record<
  SignOffDecision,
  string
>;
export type SignOffOutcome = (typeof outcomeOf)[SignOffDecision];
export const outcomeLabels: Record<SignOffOutcome, string> = {
  approved: "Approved",
  returned: "Returned to the proposer",
  declined: "Declined",
};

export type SignOffKind = (typeof signOffKinds)[ChecklistKind];
export const checklistOf: Record<SignOffKind, ChecklistKind> = {
  department_sign_off: "department",
  school_sign_off: "school",
};

export function isSignOffKind(kind: string): kind is SignOffKind {
  return kind === signOffKinds.department || kind === signOffKinds.school;
}

export type { Signature } from "./signature";

export interface SignOffSubmission {
  /** The case's version when the checklist page was loaded. */
  version: number;
  /** The reference data version whose checklist was answered. */
  checklistVersion: number;
  answers: Record<string, { answer: Answer; comment: string }>;
  decision: SignOffDecision;
  comment: string;
}

/** Why a sign-off cannot happen (or could not), in plain words for the page. */
export type Refusal =
  | { reason: "alreadySigned"; by: string | null; at: Date | null; outcome: string | null }
  | { reason: "ownCase"; unitName: string; unitKind: ChecklistKind }
  | { reason: "departmentFirst"; departmentState: "open" | "returned" | "declined" | "none" }
  | { reason: "notInReview"; status: string }
  | { reason: "checklistChanged"; currentVersion: number };

export class SignOffRefused extends Error {
  constructor(readonly refusal: Refusal) {
    super(`Sign-off refused: ${refusal.reason}`);
  }
}

const caseInclude = {
  owner: { select: { id: true, displayName: true } },
  department: { include: { school: true } },
  tasks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.ProposalInclude;

type LoadedTask = Prisma.CaseTaskGetPayload<{ include: { proposal: { include: typeof caseInclude } } }>;

/** The role a person signs this task in, or null when it is not theirs to see. */
export function signingRole(
  user: CurrentUser,
  task: { kind: string; proposal: { departmentId: string | null; department: { schoolId: string } | null } },
): Role | null {
  const { departmentId, department } = task.proposal;
  if (task.kind === signOffKinds.department && departmentId && headedDepartmentIds(user).includes(departmentId))
    return "HEAD_OF_DEPARTMENT";
  if (task.kind === signOffKinds.school && department && headedSchoolIds(user).includes(department.schoolId))
    return "HEAD_OF_SCHOOL";
  if (hasRole(user, "SPO_OFFICER")) return "SPO_OFFICER";
  return null;
}

/**
 * Who may read a signed record: whoever may sign the task, and also the head of the
 * school for its department's sign-off (the school checklist asks them to read it).
 */
export function viewingRole(user: CurrentUser, task: Parameters<typeof signingRole>[1]): Role | null {
  const role = signingRole(user, task);
  if (role) return role;
  const { department } = task.proposal;
  if (task.kind === signOffKinds.department && department && headedSchoolIds(user).includes(department.schoolId))
    return "HEAD_OF_SCHOOL";
  return null;
}

/** Where the department sign-off stands, for a school sign-off: only "approved" opens it. */
export function departmentState(
  tasks: readonly { kind: string; state: string; outcome: string | null }[],
): "approved" | "open" | "returned" | "declined" | "none" {
  const department = tasks.filter((task) => task.kind === signOffKinds.department && task.state !== "cancelled");
  if (department.some((task) => task.state === "open")) return "open";
  if (department.some((task) => task.state === "done" && task.outcome === "approved")) return "approved";
  const last = department.at(-1);
  if (last?.outcome === "declined") return "declined";
  if (last?.outcome === "returned") return "returned";
  return "none";
}

/** Why this person cannot sign this open task now, if they cannot. */
function refusalFor(user: CurrentUser, task: LoadedTask): Refusal | null {
  const { proposal } = task;
  if (proposal.ownerId === user.id) {
    const school = task.kind === signOffKinds.school;
    return {
      reason: "ownCase",
      unitKind: school ? "school" : "department",
      unitName: (school ? proposal.department?.school.name : proposal.department?.name) ?? "the unit",
    };
  }
  if (task.kind === signOffKinds.school) {
    const state = departmentState(proposal.tasks);
    if (state !== "approved") return { reason: "departmentFirst", departmentState: state };
  }
  if (proposal.status !== "IN_REVIEW") return { reason: "notInReview", status: proposal.status };
  return null;
}

export function signOffService(prisma: PrismaClient, reference: ReferenceService, workflow: WorkflowService) {
  /** The open sign-offs a person may act on now: their units' (or, for an officer, all). */
  function awaitingWhere(user: CurrentUser): Prisma.CaseTaskWhereInput | null {
    const departmentReady: Prisma.ProposalWhereInput = {
      tasks: {
        some: { kind: signOffKinds.department, state: "done", outcome: "approved" },
        none: { kind: signOffKinds.department, state: "open" },
      },
    };
    const scopes: Prisma.CaseTaskWhereInput[] = [];
    if (hasRole(user, "SPO_OFFICER")) {
      scopes.push({ kind: signOffKinds.department }, { kind: signOffKinds.school, proposal: departmentReady });
    } else {
      const departmentIds = headedDepartmentIds(user);
      const schoolIds = headedSchoolIds(user);
      if (departmentIds.length > 0)
        scopes.push({ kind: signOffKinds.department, proposal: { departmentId: { in: departmentIds } } });
      if (schoolIds.length > 0)
        scopes.push({
          kind: signOffKinds.school,
          proposal: { ...departmentReady, department: { schoolId: { in: schoolIds } } },
        });
    }
    if (scopes.length === 0) return null;
    return { state: "open", proposal: { status: "IN_REVIEW" }, OR: scopes };
  }

  async function loadTask(db: Prisma.TransactionClient | PrismaClient, taskId: string): Promise<LoadedTask | null> {
    if (!isUuid(taskId)) return null;
    const task = await db.caseTask.findUnique({
      where: { id: taskId },
      include: { proposal: { include: caseInclude } },
    });
    return task && isSignOffKind(task.kind) ? task : null;
  }

  async function alreadySigned(
    db: Prisma.TransactionClient | PrismaClient,
    task: { completedById: string | null; completedAt: Date | null; outcome: string | null },
  ): Promise<Refusal> {
    const signer = task.completedById
      ? await db.user.findUnique({ where: { id: task.completedById }, select: { displayName: true } })
      : null;
    return { reason: "alreadySigned", by: signer?.displayName ?? null, at: task.completedAt, outcome: task.outcome };
  }

  return {
    /** Oldest case first, with the routes the rules (and officers) gave it. */
    async listAwaiting(user: CurrentUser, limit = 200) {
      const where = awaitingWhere(user);
      if (!where) return [];
      return prisma.caseTask.findMany({
        where,
        orderBy: [{ proposal: { submittedAt: "asc" } }, { createdAt: "asc" }, { id: "asc" }],
        take: limit,
        select: {
          id: true,
          kind: true,
          createdAt: true,
          proposal: {
            select: {
              id: true,
              reference: true,
              title: true,
              partnerName: true,
              partnerCountry: true,
              routes: true,
              risk: true,
              submittedAt: true,
              ownerId: true,
              owner: { select: { displayName: true } },
              department: { select: { name: true, school: { select: { name: true } } } },
            },
          },
        },
      });
    },

    async countAwaiting(user: CurrentUser): Promise<number> {
      const where = awaitingWhere(user);
      return where ? prisma.caseTask.count({ where }) : 0;
    },

    /**
     * One sign-off task for the person asking: not found (no such sign-off), forbidden
     * (another unit's: 403, not 404, as the quality bar asks), or the task with what the
     * page needs: the role they would sign in and, when they cannot sign, why.
     */
    async load(taskId: string, user: CurrentUser) {
      const task = await loadTask(prisma, taskId);
      if (!task) throw new NotFoundError();
      const role = signingRole(user, task);
      if (!role) throw new ForbiddenError();
      const refusal =
        task.state === "open"
          ? refusalFor(user, task)
          : task.state === "done"
            ? await alreadySigned(prisma, task)
            : null;
      const [latest, previous] = await prisma.proposalSubmission.findMany({
        where: { proposalId: task.proposalId },
        orderBy: { number: "desc" },
        take: 2,
      });
      return {
        task,
        proposal: task.proposal,
        role,
        refusal,
        latestSubmission: latest,
        previousSubmission: previous,
        signature: readSignature(task.signature),
      };
    },

    /** A signed (or returned) checklist, for its record page: same scope rules, plus the head of school for the department's. */
    async loadRecord(taskId: string, user: CurrentUser) {
      const task = await loadTask(prisma, taskId);
      if (!task) throw new NotFoundError();
      if (!viewingRole(user, task)) throw new ForbiddenError();
      return {
        task,
        proposal: task.proposal,
        signature: task.state === "done" ? readSignature(task.signature) : null,
      };
    },

    /** The checklist in force for this kind of sign-off, with the reference data version. */
    async checklist(kind: SignOffKind): Promise<{ version: number; items: ChecklistItem[] }> {
      const current = await reference.current();
      return { version: current.version, items: current.checklists[checklistOf[kind]] };
    },

    /**
     * Signs (approve or decline) or returns the case, as one transaction. Throws
     * SignOffRefused (nothing changed, the reason says why), ConflictError (the case moved
     * on since the page was loaded), TransitionError, ForbiddenError or NotFoundError.
     */
    async sign(
      taskId: string,
      user: CurrentUser,
      submission: SignOffSubmission,
    ): Promise<{ outcome: SignOffOutcome; caseId: string }> {
      const current = await reference.current();
      return prisma.$transaction(async (tx) => {
        const task = await loadTask(tx, taskId);
        if (!task) throw new NotFoundError();
        const role = signingRole(user, task);
        if (!role) throw new ForbiddenError();
        if (task.state !== "open") throw new SignOffRefused(await alreadySigned(tx, task));
        const refusal = refusalFor(user, task);
        if (refusal) throw new SignOffRefused(refusal);
        if (submission.checklistVersion !== current.version)
          throw new SignOffRefused({ reason: "checklistChanged", currentVersion: current.version });

        const kind = checklistOf[task.kind as SignOffKind];
        const items = current.checklists[kind].map((item) => {
          const given = submission.answers[item.id];
          if (!given) throw new Error(`Checklist item ${item.id} was not answered`);
          if (given.answer !== "yes" && given.comment.trim() === "")
            throw new Error(`Checklist item ${item.id} needs a comment`);
          return { id: item.id, text: item.text, answer: given.answer, comment: given.comment };
        });
        if (submission.decision !== "approve" && submission.comment.trim() === "")
          throw new Error("A return or decline needs a comment");

        const action = submission.decision === "return" ? "returnToProposer" : "signOff";
        const before = await workflow
          .claim(tx, task.proposalId, submission.version, action, user)
          .catch(async (error: unknown) => {
            // Two signers at once: the one who lost sees who signed, not just "changed".
            if (error instanceof ConflictError) {
              const now = await tx.caseTask.findUnique({ where: { id: task.id } });
              if (now && now.state !== "open") throw new SignOffRefused(await alreadySigned(tx, now));
              throw new ConflictError(error.changedBy, error.changedAt, signOffUrls.checklist(task.id));
            }
            throw error;
          });

        const outcome = outcomeOf[submission.decision];
        const signedAt = new Date();
        const { department } = task.proposal;
        if (!department) throw new Error("A submitted case always has a department");
        const scope =
          kind === "school"
            ? { kind, id: department.schoolId, name: department.school.name }
            : { kind, id: department.id, name: department.name };
        const signature: Signature = {
          signerId: user.id,
          signerName: user.displayName,
          role,
          scope,
          checklistVersion: current.version,
          items,
          decision: outcome,
          comment: submission.comment,
          signedAt: signedAt.toISOString(),
        };
        const closed = await tx.caseTask.updateMany({
          where: { id: task.id, state: "open" },
          data: {
            state: "done",
            outcome,
            note: submission.comment || null,
            completedById: user.id,
            completedAt: signedAt,
            signature: signature,
          },
        });
        if (closed.count !== 1) {
          const now = await tx.caseTask.findUniqueOrThrow({ where: { id: task.id } });
          throw new SignOffRefused(await alreadySigned(tx, now));
        }

        let cancelled: string[] = [];
        if (outcome === "returned") {
          await tx.informationRequest.create({
            data: {
              proposalId: task.proposalId,
              message: submission.comment,
              requestedById: user.id,
              requestedAt: signedAt,
              source: kind === "department" ? "head_of_department" : "head_of_school",
            },
          });
        } else if (outcome === "declined" && kind === "department") {
          // The school sign-off only ever opens after a department approval: after a decline
          // it would wait for ever and block the SPO's decision, so it closes here.
          const school = await tx.caseTask.findMany({
            where: { proposalId: task.proposalId, kind: signOffKinds.school, state: "open" },
            select: { id: true },
          });
          cancelled = school.map((entry) => entry.id);
          await tx.caseTask.updateMany({
            where: { id: { in: cancelled }, state: "open" },
            data: {
              state: "cancelled",
              note: "Not needed: the department sign-off was declined",
              completedById: user.id,
              completedAt: signedAt,
            },
          });
        }

        await workflow.audit(tx, {
          actorId: user.id,
          action: outcome === "returned" ? "case.returned_to_proposer" : "case.signed_off",
          entityType: "proposal",
          entityId: task.proposalId,
          fromState: before.status,
          toState: outcome === "returned" ? "INFORMATION_REQUESTED" : before.status,
          details: {
            taskId: task.id,
            kind: task.kind,
            task: taskLabels[task.kind as SignOffKind],
            outcome,
            role,
            checklistVersion: current.version,
            comment: submission.comment,
            ...(cancelled.length > 0 ? { cancelledTasks: cancelled } : {}),
          },
        });
        return { outcome, caseId: task.proposalId };
      });
    },
  };
}

export type SignOffService = ReturnType<typeof signOffService>;
