// What completing a case's tasks needs, and how risky its review routes make it.
import { isRouteName, reviewKinds, signOffKinds, taskLabels } from "../domain/reviews";

export interface TaskSummary {
  kind: string;
  state: string;
  outcome: string | null;
}

/**
 * What still stands between a case and its decision: every open task, and any required
 * sign-off or route review that has not been completed.
 */
export function missingForDecision(
  tasks: readonly TaskSummary[],
  routes: readonly string[],
  schoolSignOffRequired: boolean,
): string[] {
  // Done means completed with an outcome that stands, and nothing of that kind reopened
  // since: a sign-off that returned the case to the proposer is signed again afterwards.
  const done = (kind: string) =>
    tasks.some((task) => task.kind === kind && task.state === "done" && task.outcome !== "returned") &&
    !tasks.some((task) => task.kind === kind && task.state === "open");
  const missing: string[] = [];
  if (!done(signOffKinds.department)) missing.push(taskLabels.department_sign_off);
  if (schoolSignOffRequired && !done(signOffKinds.school)) missing.push(taskLabels.school_sign_off);
  for (const route of routes) {
    if (!isRouteName(route)) continue;
    const kind = reviewKinds[route];
    if (!done(kind)) missing.push(taskLabels[kind]);
  }
  return missing;
}

/** high: a mandatory ACBELA or any export control route; medium: any other route; low: none. */
export function riskOf(routes: readonly { route: string; mandatory: boolean }[]): "high" | "medium" | "low" {
  if (routes.some((route) => route.route === "export_control" || (route.route === "acbela" && route.mandatory)))
    return "high";
  return routes.length > 0 ? "medium" : "low";
}
