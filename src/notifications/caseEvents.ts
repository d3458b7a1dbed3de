// Who is told what when a case changes. Called with the case's audit entry inside the
// transaction that changes the case, so the messages commit (or roll back) with it:
//   submitted → the SPO officers (or the assigned one), the reviewers of each route, the heads of department;
//   assigned → that officer;
//   review needed (a route added) → the reviewers of that route;
//   sign-off needed → the heads of the department (at submission), of the school (once the department approves);
//   information requested (by an officer or a head) → the proposer;
//   resubmitted → the assigned officer (or the officers), and everyone whose task reopened;
//   decided → the proposer and the heads who signed;
//   withdrawn → the assigned officer.
// Nobody is told of their own action, and nobody is asked to act in an office on their own case.
import type { AuditEvent } from "../audit/auditLog";
import { isRouteName, reviewKinds, routeLabel, routeOfReview, signOffKinds, taskLabels } from "../domain/reviews";
import { decisionOutcomeLabels, type DecisionOutcome } from "../domain/reviews";
import { proposalUrls } from "../proposals/urls";
import { signOffUrls } from "../signOff/urls";
import { renderCaseMessage, type MessageKind } from "./messages";
import { enqueue, type Db, type OutgoingMessage, type Recipient } from "./outbox";
import { departmentHeads, officersFor, person, reviewersOf, schoolHeads } from "./people";
import { notificationUrls } from "./urls";

export interface CaseNotifierSettings {
  baseUrl: string;
}

interface CaseFacts {
  id: string;
  version: number;
  reference: string;
  title: string;
  ownerId: string;
  assigneeId: string | null;
  departmentId: string | null;
}

interface Plan {
  kind: Exclude<MessageKind, "digest">;
  to: Recipient[];
  need: string;
  /** A path in the app; the proposer's own page or the case page by default. */
  path?: string;
  asksToAct: boolean;
  /** The case is this person's own: an office message is not for them. */
  officeMessage: boolean;
}

function detailsOf(event: AuditEvent): Record<string, unknown> {
  const details = event.details;
  return details && typeof details === "object" && !Array.isArray(details) ? (details as Record<string, unknown>) : {};
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : [];
}

export const caseUrl = (id: string) => `/cases/${id}`;

/** The sign-off task of this kind that is open on the case (for the head's link). */
async function openTask(db: Db, proposalId: string, kind: string) {
  return db.caseTask.findFirst({ where: { proposalId, kind, state: "open" }, select: { id: true } });
}

/** A school sign-off can be signed once the department has approved and is not open again. */
async function schoolSignOffReady(db: Db, proposalId: string): Promise<boolean> {
  const tasks = await db.caseTask.findMany({
    where: { proposalId, kind: signOffKinds.department },
    select: { state: true, outcome: true },
  });
  return (
    tasks.some((task) => task.state === "done" && task.outcome === "approved") &&
    !tasks.some((task) => task.state === "open")
  );
}

async function taskPlans(db: Db, facts: CaseFacts, kinds: readonly string[], reopened: boolean): Promise<Plan[]> {
  const plans: Plan[] = [];
  for (const kind of kinds) {
    const route = routeOfReview(kind);
    if (route) {
      plans.push({
        kind: reopened ? "task_reopened" : "review_needed",
        to: await reviewersOf(db, route),
        need: reopened
          ? `The proposer resubmitted this case after a change, so its ${routeLabel(route).toLowerCase()} is open again. Please review it.`
          : `This case needs a ${routeLabel(route).toLowerCase()}. Please review it and record the outcome.`,
        asksToAct: true,
        officeMessage: true,
      });
    } else if (kind === signOffKinds.department || kind === signOffKinds.school) {
      if (kind === signOffKinds.school && !(await schoolSignOffReady(db, facts.id))) continue;
      const task = await openTask(db, facts.id, kind);
      plans.push({
        kind: reopened ? "task_reopened" : "sign_off_needed",
        to:
          kind === signOffKinds.school
            ? await schoolHeads(db, facts.departmentId)
            : await departmentHeads(db, facts.departmentId),
        need: reopened
          ? `The proposer resubmitted this case after a change, so the ${taskLabels[kind].toLowerCase()} is needed again.`
          : `This case needs your ${taskLabels[kind].toLowerCase()}. Please answer the checklist and sign it off, return it or decline it.`,
        path: task ? signOffUrls.checklist(task.id) : undefined,
        asksToAct: true,
        officeMessage: true,
      });
    }
  }
  return plans;
}

async function plansFor(db: Db, event: AuditEvent, facts: CaseFacts): Promise<Plan[]> {
  const details = detailsOf(event);
  switch (event.action) {
    case "proposal.submitted":
      return [
        {
          kind: "submitted",
          to: await officersFor(db, facts.assigneeId),
          need: "A new case has been submitted. Please triage it.",
          asksToAct: true,
          officeMessage: true,
        },
        ...(await taskPlans(db, facts, stringList(details.tasksOpened), false)),
      ];
    case "proposal.resubmitted": {
      const opened = stringList(details.tasksOpened);
      const reopened = stringList(details.tasksReopened);
      return [
        {
          kind: "resubmitted",
          to: await officersFor(db, facts.assigneeId),
          need: "The proposer has answered the request for information and resubmitted the case.",
          asksToAct: true,
          officeMessage: true,
        },
        ...(await taskPlans(db, facts, reopened, true)),
        ...(await taskPlans(
          db,
          facts,
          opened.filter((kind) => !reopened.includes(kind)),
          false,
        )),
      ];
    }
    case "case.assigned":
      return typeof details.to === "string"
        ? [
            {
              kind: "assigned",
              to: await person(db, details.to),
              need: "This case has been assigned to you.",
              asksToAct: true,
              officeMessage: true,
            },
          ]
        : [];
    // A review opened again on a route the case has (a new sanctions match): the same message.
    case "case.route_added":
    case "case.review_reopened": {
      const route = typeof details.route === "string" && isRouteName(details.route) ? details.route : undefined;
      return route ? taskPlans(db, facts, [reviewKinds[route]], false) : [];
    }
    // A list update (or a screening on request) found a new possible match: the officer judges it.
    case "screening.case_screened":
      return Number(details.newFlaggedHits) > 0
        ? [
            {
              kind: "sanctions_match",
              to: await officersFor(db, facts.assigneeId),
              need: "Screening found a new possible sanctions list match for this case's partner, parent company or funder. Please record a verdict on the case page.",
              path: `${caseUrl(facts.id)}#screening`,
              asksToAct: true,
              officeMessage: true,
            },
          ]
        : [];
    case "case.information_requested":
    case "case.returned_to_proposer":
      return [
        {
          kind: "information_requested",
          to: await person(db, facts.ownerId),
          need: "More information is needed about your proposal. Please sign in to read the request, change your answers and resubmit.",
          path: proposalUrls.view(facts.id),
          asksToAct: true,
          officeMessage: false,
        },
      ];
    case "case.rules_rerun":
      return taskPlans(db, facts, stringList(details.signOffsOpened), false);
    case "case.signed_off":
      return details.kind === signOffKinds.department && details.outcome === "approved"
        ? taskPlans(db, facts, [signOffKinds.school], false)
        : [];
    case "case.decided": {
      const outcome = details.outcome as DecisionOutcome | undefined;
      const label = outcome && outcome in decisionOutcomeLabels ? decisionOutcomeLabels[outcome] : "Decided";
      const signers = await db.caseTask.findMany({
        where: {
          proposalId: facts.id,
          kind: { in: [signOffKinds.department, signOffKinds.school] },
          state: "done",
          completedById: { not: null },
        },
        select: { completedById: true },
      });
      const heads = (await Promise.all(signers.map((signer) => person(db, signer.completedById)))).flat();
      return [
        {
          kind: "decided",
          to: await person(db, facts.ownerId),
          need: `The SPO has recorded its decision on your proposal: ${label.toLowerCase()}.`,
          path: proposalUrls.view(facts.id),
          asksToAct: false,
          officeMessage: false,
        },
        {
          kind: "decided",
          to: heads,
          need: `The SPO has recorded its decision on a case you signed off: ${label.toLowerCase()}.`,
          asksToAct: false,
          officeMessage: true,
        },
      ];
    }
    case "case.withdrawn":
      return [
        {
          kind: "withdrawn",
          to: await person(db, facts.assigneeId),
          need: "The proposer has withdrawn this case. Nothing more is needed.",
          asksToAct: false,
          officeMessage: true,
        },
      ];
    default:
      return [];
  }
}

export function caseNotifier(settings: CaseNotifierSettings) {
  const absolute = (path: string) => new URL(path, settings.baseUrl).toString();
  return {
    /** Writes the messages a case's audit entry calls for, in the same transaction. */
    raise: async (db: Db, event: AuditEvent): Promise<number> => {
      if (event.entityType !== "proposal") return 0;
      const proposal = await db.proposal.findUnique({
        where: { id: event.entityId },
        select: {
          id: true,
          version: true,
          reference: true,
          title: true,
          ownerId: true,
          assigneeId: true,
          departmentId: true,
        },
      });
      if (!proposal?.reference) return 0;
      const facts: CaseFacts = { ...proposal, reference: proposal.reference };
      const plans = await plansFor(db, event, facts);
      const messages: OutgoingMessage[] = [];
      const seen = new Set<string>();
      for (const plan of plans) {
        for (const recipient of plan.to) {
          if (recipient.id === event.actorId) continue;
          if (plan.officeMessage && recipient.id === facts.ownerId) continue;
          // The case's version after the change names the event: a retried transaction writes the same keys.
          const idempotencyKey = `case:${facts.id}:v${facts.version}:${plan.kind}:${recipient.id}`;
          if (seen.has(idempotencyKey)) continue;
          seen.add(idempotencyKey);
          const link = absolute(plan.path ?? caseUrl(facts.id));
          messages.push({
            idempotencyKey,
            kind: plan.kind,
            proposalId: facts.id,
            recipient,
            asksToAct: plan.asksToAct,
            link,
            content: renderCaseMessage({
              kind: plan.kind,
              recipientName: recipient.displayName,
              reference: facts.reference,
              title: facts.title,
              need: plan.need,
              link,
              settingsLink: absolute(notificationUrls.settings),
            }),
          });
        }
      }
      return enqueue(db, messages);
    },
  };
}

export type CaseNotifier = ReturnType<typeof caseNotifier>;
/** What services call after writing a case's audit entry, inside the same transaction. */
export type RaiseCaseNotifications = CaseNotifier["raise"];
