import type { PrismaClient } from "../generated/prisma/client";
import type { CurrentUser } from "./roles";

const withRoles = {
  roles: { include: { department: { select: { name: true } }, school: { select: { name: true } } } },
} as const;

export function userService(prisma: PrismaClient) {
  return {
    /** The active user with their roles, or null if missing or disabled. */
    async findActive(id: string): Promise<CurrentUser | null> {
      const user = await prisma.user.findUnique({ where: { id }, include: withRoles });
      if (!user || user.disabled) return null;
      return {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        email: user.email,
        departmentId: user.departmentId,
        roles: user.roles.map((grant) => ({
          role: grant.role,
          departmentId: grant.departmentId,
          schoolId: grant.schoolId,
          scopeName: grant.department?.name ?? grant.school?.name ?? null,
        })),
      };
    },

    async findByUsername(username: string) {
      return prisma.user.findUnique({ where: { username } });
    },

    /** The people the development sign-in page offers. */
    async listForDevelopmentSignIn() {
      return prisma.user.findMany({
        where: { disabled: false },
        orderBy: { displayName: "asc" },
        include: { ...withRoles, department: { select: { name: true } } },
        take: 100,
      });
    },
  };
}

export type UserService = ReturnType<typeof userService>;
