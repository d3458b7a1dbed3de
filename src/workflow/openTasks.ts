// Opening the tasks a decision calls for, inside the submit transaction. On a
// resubmission only what is new opens: a route with no review yet, or a sign-off that is
// not already open or approved (a head who returned the case signs again).
import type { Prisma } from "../generated/prisma/client";
import type { Decision } from "../rules";
import { riskOf } from "./tasks";
import { reviewKinds, signOffKinds } from "../domain/reviews";

export async function openTasksForDecision(
  tx: Prisma.TransactionClient,
  proposalId: string,
  decision: Decision,
  currentRoutes: readonly string[],
): Promise<{ routes: string[]; risk: string; opened: string[] }> {
  const existing = await tx.caseTask.findMany({
    where: { proposalId },
    select: { kind: true, state: true, outcome: true },
  });
  const live = (kind: string) =>
    existing.some(
      (task) => task.kind === kind && (task.state === "open" || (task.state === "done" && task.outcome !== "returned")),
    );
  const routes = [...new Set([...currentRoutes, ...decision.routes.map((route) => route.route)])];
  const wanted: { kind: string; because: string }[] = [{ kind: signOffKinds.department, because: "rules" }];
  if (decision.signOff.school) wanted.push({ kind: signOffKinds.school, because: "rules" });
  for (const route of routes) wanted.push({ kind: reviewKinds[route as keyof typeof reviewKinds], because: "rules" });
  const opened = wanted.filter((task) => !live(task.kind));
  if (opened.length > 0) {
    await tx.caseTask.createMany({
      data: opened.map((task) => ({ proposalId, kind: task.kind, openedBecause: task.because })),
    });
  }
  return { routes, risk: riskOf(decision.routes), opened: opened.map((task) => task.kind) };
}
