// Office roles a person may hold (besides being staff), their labels, and the signed-in
// person as every page sees them.
import type { Role as StoredRole } from "../generated/prisma/enums";
import { committeeName } from "./committee";

export const roles = [
  "HEAD_OF_DEPARTMENT",
  "HEAD_OF_SCHOOL",
  "SPO_OFFICER",
  "REVIEWER_EXPORT_CONTROL",
  "REVIEWER_DUE_DILIGENCE",
  "ACBELA_SECRETARY",
  "ADMIN",
  "SPO_LEAD",
] as const;
export type Role = (typeof roles)[number];

// The database's enum and this list must agree: a role added to one only fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const rolesMatchTheDatabase: Same<Role, StoredRole> = true;

export const roleLabels: Record<Role, string> = {
  HEAD_OF_DEPARTMENT: "Head of department",
  HEAD_OF_SCHOOL: "Head of school",
  SPO_OFFICER: "SPO officer",
  REVIEWER_EXPORT_CONTROL: "Export control reviewer",
  REVIEWER_DUE_DILIGENCE: "Due diligence reviewer",
  get ACBELA_SECRETARY() {
    return `${committeeName()} secretary`;
  },
  ADMIN: "Administrator",
  SPO_LEAD: "SPO lead",
};

export interface RoleGrant {
  role: Role;
  departmentId: string | null;
  schoolId: string | null;
  /** For display: the department or school the grant is scoped to. */
  scopeName: string | null;
}

/** The signed-in person, loaded on every request (so a role change applies at once). */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  email: string;
  departmentId: string | null;
  roles: RoleGrant[];
}

export function hasRole(user: CurrentUser, role: Role): boolean {
  return user.roles.some((grant) => grant.role === role);
}

export function hasAnyRole(user: CurrentUser, roles: readonly Role[]): boolean {
  return user.roles.some((grant) => roles.includes(grant.role));
}

export function headedDepartmentIds(user: CurrentUser): string[] {
  return user.roles.flatMap((grant) =>
    grant.role === "HEAD_OF_DEPARTMENT" && grant.departmentId ? [grant.departmentId] : [],
  );
}

export function headedSchoolIds(user: CurrentUser): string[] {
  return user.roles.flatMap((grant) => (grant.role === "HEAD_OF_SCHOOL" && grant.schoolId ? [grant.schoolId] : []));
}

export function describeRoles(user: Pick<CurrentUser, "roles">): string[] {
  const described = user.roles.map((grant) =>
    grant.scopeName ? `${roleLabels[grant.role]} (${grant.scopeName})` : roleLabels[grant.role],
  );
  return ["Staff", ...described];
}
