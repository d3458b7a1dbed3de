// The tasks of a case and what completing it needs.
import type { RouteName } from "../rules";

export const reviewKinds = {
  acbela: "review_acbela",
  export_control: "review_export_control",
  due_diligence: "review_due_diligence",
} as const satisfies Record<RouteName, string>;

export const signOffKinds = { department: "department_sign_off", school: "school_sign_off" } as const;

export type TaskKind = (typeof reviewKinds)[RouteName] | (typeof signOffKinds)[keyof typeof signOffKinds];

export const taskLabels: Record<TaskKind, string> = {
  review_acbela: "ACBELA referral",
  review_export_control: "Export control review",
  review_due_diligence: "Due diligence check",
  department_sign_off: "Head of department sign-off",
  school_sign_off: "Head of school sign-off",
};

export const reviewOutcomes = ["cleared", "cleared_with_conditions", "not_cleared"] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];
export const reviewOutcomeLabels: Record<ReviewOutcome, string> = {
  cleared: "Cleared",
  cleared_with_conditions: "Cleared with conditions",
  not_cleared: "Not cleared",
};

export const decisionOutcomes = ["approved", "approved_with_conditions", "declined"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];
export const decisionOutcomeLabels: Record<DecisionOutcome, string> = {
  approved: "Approved",
  approved_with_conditions: "Approved with conditions",
  declined: "Declined",
};

export function routeOfReview(kind: string): RouteName | undefined {
  return (Object.entries(reviewKinds) as [RouteName, string][]).find(([, review]) => review === kind)?.[0];
}

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
    const kind = reviewKinds[route as RouteName];
    if (kind && !done(kind)) missing.push(taskLabels[kind]);
  }
  return missing;
}

/** high: a mandatory ACBELA or any export control route; medium: any other route; low: none. */
export function riskOf(routes: readonly { route: string; mandatory: boolean }[]): "high" | "medium" | "low" {
  if (routes.some((route) => route.route === "export_control" || (route.route === "acbela" && route.mandatory)))
    return "high";
  return routes.length > 0 ? "medium" : "low";
}
