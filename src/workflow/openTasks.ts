// Opening the tasks a decision calls for, inside the submit transaction. At first
// submission every task opens. On a resubmission a signature or a review covers only what
// it saw: a sign-off or review already completed is opened again when the answers changed
// (or, for a review, when its review route's reasons did), naming what changed; and what
// is new opens (a review route with no review yet, a sign-off a head returned).
import type { Prisma } from "../generated/prisma/client";
import type { Decision } from "../rules";
import type { StoredDecision } from "../rules/stored";
import { reviewKinds, routeNames, signOffKinds, type RouteName } from "../domain/reviews";
import { summaryLabelOf } from "../domain/questionCatalogue";
import { questionIds } from "../domain/questions";
import { riskOf } from "./tasks";

/** What changed since the last submission: the questions whose answers differ, and the routes whose reasons do. */
export interface Changes {
  answers: string[];
  reasons: RouteName[];
}

export function changesBetween(
  before: { answers: Record<string, unknown>; decision: StoredDecision } | null,
  after: { answers: Record<string, unknown>; decision: Decision },
): Changes {
  if (!before) return { answers: [], reasons: [] };
  const answers = questionIds.filter(
    (id) => JSON.stringify(before.answers[id] ?? null) !== JSON.stringify(after.answers[id] ?? null),
  );
  const reasonsOf = (decision: StoredDecision | Decision, route: RouteName) =>
    JSON.stringify(
      decision.routes
        .find((candidate) => candidate.route === route)
        ?.reasons.map((reason) => reason.rule)
        .sort() ?? [],
    );
  const reasons = routeNames.filter((route) => reasonsOf(before.decision, route) !== reasonsOf(after.decision, route));
  return { answers, reasons };
}

function changedBecause(changes: Changes, route?: RouteName): string {
  if (changes.answers.length > 0)
    return `Answers changed after it was completed: ${changes.answers.map(summaryLabelOf).join("; ")}`;
  return `The rules' reasons for the ${route ?? ""} review route changed after it was completed`.replace("  ", " ");
}

export async function openTasksForDecision(
  tx: Prisma.TransactionClient,
  proposalId: string,
  decision: Decision,
  currentRoutes: readonly string[],
  changes: Changes = { answers: [], reasons: [] },
): Promise<{ routes: string[]; risk: string; opened: string[]; reopened: string[] }> {
  const existing = await tx.caseTask.findMany({
    where: { proposalId },
    select: { kind: true, state: true, outcome: true },
  });
  const open = (kind: string) => existing.some((task) => task.kind === kind && task.state === "open");
  const completed = (kind: string) =>
    existing.some((task) => task.kind === kind && task.state === "done" && task.outcome !== "returned");
  const routes = [...new Set([...currentRoutes, ...decision.routes.map((route) => route.route)])];

  const wanted: { kind: string; route?: RouteName }[] = [{ kind: signOffKinds.department }];
  if (decision.signOff.school) wanted.push({ kind: signOffKinds.school });
  for (const route of routeNames) if (routes.includes(route)) wanted.push({ kind: reviewKinds[route], route });

  const toOpen: { kind: string; because: string }[] = [];
  const reopened: string[] = [];
  for (const task of wanted) {
    if (open(task.kind)) continue;
    if (!completed(task.kind)) {
      toOpen.push({ kind: task.kind, because: "rules" });
      continue;
    }
    const stale = changes.answers.length > 0 || (task.route !== undefined && changes.reasons.includes(task.route));
    if (stale) {
      toOpen.push({ kind: task.kind, because: changedBecause(changes, task.route) });
      reopened.push(task.kind);
    }
  }
  if (toOpen.length > 0) {
    await tx.caseTask.createMany({
      data: toOpen.map((task) => ({ proposalId, kind: task.kind, openedBecause: task.because })),
    });
  }
  return {
    routes,
    risk: riskOf(decision.routes),
    opened: toOpen.map((task) => task.kind),
    reopened,
  };
}
