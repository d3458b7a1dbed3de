import { Prisma, type PrismaClient } from "../generated/prisma/client";
import type { CurrentUser, Role } from "../domain/roles";

/** A person and one of their roles per row (none: one row with a null role), as findActive reads them. */
export interface CurrentUserRow {
  id: string | null;
  username: string;
  display_name: string;
  email: string;
  department_id: string | null;
  disabled: boolean;
  role: Role | null;
  role_department_id: string | null;
  role_school_id: string | null;
  scope_name: string | null;
}

/** The columns of CurrentUserRow, from `app_user u` and currentUserJoins (the session read joins them too). */
export const currentUserColumns = Prisma.sql`u."id", u."username", u."display_name", u."email", u."department_id", u."disabled",
  r."role"::text AS "role", r."department_id" AS "role_department_id", r."school_id" AS "role_school_id",
  COALESCE(d."name", sc."name") AS "scope_name"`;

export const currentUserJoins = Prisma.sql`LEFT JOIN "role_assignment" r ON r."user_id" = u."id"
  LEFT JOIN "department" d ON d."id" = r."department_id"
  LEFT JOIN "school" sc ON sc."id" = r."school_id"`;

/** The active person with their roles from their rows (ordered by the roles' creation), or null if missing or disabled. */
export function currentUserFrom(rows: readonly CurrentUserRow[]): CurrentUser | null {
  const user = rows[0];
  if (!user?.id || user.disabled) return null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    email: user.email,
    departmentId: user.department_id,
    roles: rows.flatMap((row) =>
      row.role
        ? [
            {
              role: row.role,
              departmentId: row.role_department_id,
              schoolId: row.role_school_id,
              scopeName: row.scope_name,
            },
          ]
        : [],
    ),
  };
}

const withRoles = {
  roles: { include: { department: { select: { name: true } }, school: { select: { name: true } } } },
} as const;

export function userService(prisma: PrismaClient) {
  return {
    /**
     * The active user with their roles, or null if missing or disabled. Runs on every
     * signed-in request, so it is one round trip rather than one per relation.
     */
    async findActive(id: string): Promise<CurrentUser | null> {
      const rows = await prisma.$queryRaw<CurrentUserRow[]>`
        SELECT ${currentUserColumns}
          FROM "app_user" u ${currentUserJoins}
         WHERE u."id" = ${id}::uuid
         ORDER BY r."created_at"`;
      return currentUserFrom(rows);
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
