// Who holds an office for a case: the people a message or a reminder goes to. Disabled
// people are told nothing.
import type { Role } from "../domain/roles";
import { reviewerRoles, type RouteName } from "../domain/reviews";
import type { Db, Recipient } from "./outbox";

const recipientFields = { id: true, email: true, displayName: true } as const;

export async function peopleWithRole(
  db: Db,
  role: Role,
  scope: { departmentId?: string; schoolId?: string } = {},
): Promise<Recipient[]> {
  return db.user.findMany({
    where: { disabled: false, roles: { some: { role, ...scope } } },
    select: recipientFields,
    orderBy: { username: "asc" },
  });
}

export async function person(db: Db, id: string | null | undefined): Promise<Recipient[]> {
  if (!id) return [];
  const found = await db.user.findFirst({ where: { id, disabled: false }, select: recipientFields });
  return found ? [found] : [];
}

export function reviewersOf(db: Db, route: RouteName): Promise<Recipient[]> {
  const role = (Object.keys(reviewerRoles) as (keyof typeof reviewerRoles)[]).find(
    (candidate) => reviewerRoles[candidate] === route,
  );
  return role ? peopleWithRole(db, role) : Promise.resolve([]);
}

/** The assigned officer, or every SPO officer while nobody is assigned. */
export async function officersFor(db: Db, assigneeId: string | null): Promise<Recipient[]> {
  const assigned = await person(db, assigneeId);
  return assigned.length > 0 ? assigned : peopleWithRole(db, "SPO_OFFICER");
}

export function departmentHeads(db: Db, departmentId: string | null): Promise<Recipient[]> {
  return departmentId ? peopleWithRole(db, "HEAD_OF_DEPARTMENT", { departmentId }) : Promise.resolve([]);
}

export async function schoolHeads(db: Db, departmentId: string | null): Promise<Recipient[]> {
  if (!departmentId) return [];
  const department = await db.department.findUnique({ where: { id: departmentId }, select: { schoolId: true } });
  return department ? peopleWithRole(db, "HEAD_OF_SCHOOL", { schoolId: department.schoolId }) : [];
}
