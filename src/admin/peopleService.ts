// People and their roles. Every change is one transaction with its audit entry; disabling
// someone also ends every session they have.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { isUuid } from "../db/uuid";
import type { PrismaSessionStore } from "../session/prismaSessionStore";
import type { CurrentUser, Role } from "../domain/roles";

export class RoleScopeError extends Error {}

/** Refused: someone already has this username. */
export class UsernameTakenError extends Error {}

/** Refused because it would leave nobody able to administer the service. */
export class LastAdministratorError extends RoleScopeError {}

/**
 * Refuses a change that would leave no active administrator. Every such change takes the
 * same transaction-scoped lock first, so two of them (two administrators removing each
 * other at the same instant) run one after the other, and the second counts what the
 * first left (each statement sees what was committed before it began).
 */
async function keepAnAdministrator(
  tx: Prisma.TransactionClient,
  change: { revokingGrantId: string } | { disablingUserId: string },
  message: string,
) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('spo:administrators'))`;
  const remaining = await tx.roleAssignment.findFirst({
    where: {
      role: "ADMIN",
      user: { disabled: false },
      ...("revokingGrantId" in change
        ? { id: { not: change.revokingGrantId } }
        : { userId: { not: change.disablingUserId } }),
    },
    select: { id: true },
  });
  if (!remaining) throw new LastAdministratorError(message);
}

export function peopleService(prisma: PrismaClient, sessions: PrismaSessionStore) {
  return {
    async list(search: string | undefined) {
      return prisma.user.findMany({
        where: search
          ? {
              OR: [
                { displayName: { contains: search, mode: "insensitive" } },
                { username: { contains: search, mode: "insensitive" } },
                { email: { contains: search, mode: "insensitive" } },
              ],
            }
          : {},
        include: { roles: { include: { department: true, school: true } }, department: true },
        orderBy: { displayName: "asc" },
        take: 200,
      });
    },

    async find(id: string) {
      if (!isUuid(id)) return null;
      return prisma.user.findUnique({
        where: { id },
        include: {
          roles: { include: { department: true, school: true }, orderBy: { createdAt: "asc" } },
          department: true,
        },
      });
    },

    async grant(userId: string, role: Role, scope: { departmentId?: string; schoolId?: string }, admin: CurrentUser) {
      const departmentId = role === "HEAD_OF_DEPARTMENT" ? (scope.departmentId ?? null) : null;
      const schoolId = role === "HEAD_OF_SCHOOL" ? (scope.schoolId ?? null) : null;
      if (role === "HEAD_OF_DEPARTMENT" && !departmentId) throw new RoleScopeError("Select the department they head");
      if (role === "HEAD_OF_SCHOOL" && !schoolId) throw new RoleScopeError("Select the school they head");
      await prisma.$transaction(async (tx) => {
        const existing = await tx.roleAssignment.findFirst({ where: { userId, role, departmentId, schoolId } });
        if (existing) throw new RoleScopeError("They already hold that role");
        const grant = await tx.roleAssignment.create({
          data: { userId, role, departmentId, schoolId, grantedById: admin.id },
        });
        await recordAudit(tx, {
          actorId: admin.id,
          action: "user.role_granted",
          entityType: "user",
          entityId: userId,
          details: { grantId: grant.id, role, departmentId, schoolId },
        });
      });
    },

    async revoke(userId: string, grantId: string, admin: CurrentUser) {
      await prisma.$transaction(async (tx) => {
        const grant = await tx.roleAssignment.findFirst({ where: { id: grantId, userId } });
        if (!grant) throw new RoleScopeError("That role was already removed");
        if (grant.role === "ADMIN") {
          await keepAnAdministrator(
            tx,
            { revokingGrantId: grant.id },
            "This is the last active administrator: grant the Administrator role to someone else before removing it",
          );
        }
        await tx.roleAssignment.delete({ where: { id: grant.id } });
        await recordAudit(tx, {
          actorId: admin.id,
          action: "user.role_revoked",
          entityType: "user",
          entityId: userId,
          details: { grantId, role: grant.role, departmentId: grant.departmentId, schoolId: grant.schoolId },
        });
      });
    },

    /**
     * Adds a person before their first sign-in. Single sign-on then finds them by username
     * (src/signIn/saml/samlSignInService.ts findPerson) and ties its identity to this record,
     * so their roles can be granted in advance and nobody is created twice.
     */
    async create(
      person: { username: string; displayName: string; email: string; departmentId: string | null },
      admin: CurrentUser,
    ) {
      return prisma.$transaction(async (tx) => {
        const taken = await tx.user.findUnique({ where: { username: person.username }, select: { id: true } });
        if (taken) throw new UsernameTakenError("Someone already has this username");
        const user = await tx.user.create({
          data: {
            username: person.username,
            displayName: person.displayName,
            email: person.email,
            departmentId: person.departmentId,
          },
        });
        await recordAudit(tx, {
          actorId: admin.id,
          action: "user.created",
          entityType: "user",
          entityId: user.id,
          details: { source: "admin", username: person.username, departmentId: person.departmentId },
        });
        return user;
      });
    },

    /** Moves someone to another department (or none), audited with where they were. */
    async setDepartment(userId: string, departmentId: string | null, admin: CurrentUser) {
      await prisma.$transaction(async (tx) => {
        const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { departmentId: true } });
        if (before.departmentId === departmentId) return;
        await tx.user.update({ where: { id: userId }, data: { departmentId } });
        await recordAudit(tx, {
          actorId: admin.id,
          action: "user.updated",
          entityType: "user",
          entityId: userId,
          details: { source: "admin", fields: ["department"], from: before.departmentId, to: departmentId },
        });
      });
    },

    async setDisabled(userId: string, disabled: boolean, admin: CurrentUser): Promise<number> {
      if (userId === admin.id && disabled) throw new RoleScopeError("You cannot disable yourself");
      await prisma.$transaction(async (tx) => {
        if (disabled) {
          await keepAnAdministrator(
            tx,
            { disablingUserId: userId },
            "They are the last active administrator: grant the Administrator role to someone else before disabling them",
          );
        }
        await tx.user.update({ where: { id: userId }, data: { disabled } });
        await recordAudit(tx, {
          actorId: admin.id,
          action: disabled ? "user.disabled" : "user.enabled",
          entityType: "user",
          entityId: userId,
        });
      });
      return disabled ? sessions.destroyAllForUser(userId) : 0;
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
