// Review routes (the checks a case may need: the committee referral, export control, due
// diligence), who reviews each, the tasks a case carries and their outcomes. "Review
// route" in code, so that "route" is left to HTTP.
import { committeeName } from "./committee";
import type { CurrentUser, Role } from "./roles";

export const routeNames = ["acbela", "export_control", "due_diligence"] as const;
/** Review routes, in the fixed order they are reported. */
export type RouteName = (typeof routeNames)[number];

export function isRouteName(value: string): value is RouteName {
  return (routeNames as readonly string[]).includes(value);
}

export const routeLabels: Record<RouteName, string> = {
  get acbela() {
    return `${committeeName()} referral`;
  },
  export_control: "Export control review",
  due_diligence: "Research Office due diligence",
};

export function routeLabel(route: string): string {
  return isRouteName(route) ? routeLabels[route] : route;
}

/** Which review route each reviewer role reviews. */
export const reviewerRoles = {
  ACBELA_SECRETARY: "acbela",
  REVIEWER_EXPORT_CONTROL: "export_control",
  REVIEWER_DUE_DILIGENCE: "due_diligence",
} as const satisfies Partial<Record<Role, RouteName>>;

export type ReviewerRole = keyof typeof reviewerRoles;
export const reviewerRoleList = Object.keys(reviewerRoles) as ReviewerRole[];

export function isReviewerRole(role: Role): role is ReviewerRole {
  return role in reviewerRoles;
}

export function routesReviewedBy(user: Pick<CurrentUser, "roles">): RouteName[] {
  return user.roles.flatMap((grant) => (isReviewerRole(grant.role) ? [reviewerRoles[grant.role]] : []));
}

export const reviewKinds = {
  acbela: "review_acbela",
  export_control: "review_export_control",
  due_diligence: "review_due_diligence",
} as const satisfies Record<RouteName, string>;

export const signOffKinds = { department: "department_sign_off", school: "school_sign_off" } as const;

export type TaskKind = (typeof reviewKinds)[RouteName] | (typeof signOffKinds)[keyof typeof signOffKinds];

export const taskLabels: Record<TaskKind, string> = {
  get review_acbela() {
    return `${committeeName()} referral`;
  },
  review_export_control: "Export control review",
  review_due_diligence: "Due diligence check",
  department_sign_off: "Head of department sign-off",
  school_sign_off: "Head of school sign-off",
};

export function isTaskKind(value: string): value is TaskKind {
  return value in taskLabels;
}

export function routeOfReview(kind: string): RouteName | undefined {
  return routeNames.find((route) => reviewKinds[route] === kind);
}

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
