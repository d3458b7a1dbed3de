import type { PrismaClient } from "../generated/prisma/client";

export interface DepartmentOption {
  id: string;
  code: string;
  name: string;
  schoolId: string;
  schoolName: string;
  /** Retired (or in a retired school): not offered for new proposals; its cases keep its name. */
  retired: boolean;
}

/** Departments and officers change rarely; pages that list them on every view share a short cache. */
const cacheMs = 30_000;
/**
 * Officers change when an administrator grants or removes the role, possibly on another
 * instance: this cache is kept short enough that every instance shows the change within
 * 2 s, and still spares the queue page a query per view under load.
 */
const officersCacheMs = 1_000;

export function organisationService(prisma: PrismaClient) {
  let departmentsCache: { at: number; value: Promise<DepartmentOption[]> } | undefined;
  let officersCache: { at: number; value: Promise<{ id: string; displayName: string }[]> } | undefined;
  function departments(): Promise<DepartmentOption[]> {
    if (!departmentsCache || Date.now() - departmentsCache.at > cacheMs) {
      const value = prisma.department.findMany({ include: { school: true }, orderBy: { name: "asc" } }).then((rows) =>
        rows.map((row) => ({
          id: row.id,
          code: row.code,
          name: row.name,
          schoolId: row.schoolId,
          schoolName: row.school.name,
          retired: row.retiredAt !== null || row.school.retiredAt !== null,
        })),
      );
      value.catch(() => (departmentsCache = undefined));
      departmentsCache = { at: Date.now(), value };
    }
    return departmentsCache.value;
  }

  return {
    /** Every department, retired ones included (their cases keep their names). */
    departments,
    /** The departments a new proposal may choose: none that is retired. */
    async activeDepartments(): Promise<DepartmentOption[]> {
      return (await departments()).filter((department) => !department.retired);
    },
    /** Forgets the cached departments: called after an admin changes them. */
    forgetDepartments(): void {
      departmentsCache = undefined;
    },
    /** Department names by code, for showing answers. */
    async departmentNames(): Promise<Map<string, string>> {
      return new Map((await departments()).map((department) => [department.code, department.name]));
    },
    /** Active SPO officers, for assigning cases. */
    officers(): Promise<{ id: string; displayName: string }[]> {
      if (!officersCache || Date.now() - officersCache.at > officersCacheMs) {
        const value = prisma.user.findMany({
          where: { disabled: false, roles: { some: { role: "SPO_OFFICER" } } },
          select: { id: true, displayName: true },
          orderBy: { displayName: "asc" },
        });
        value.catch(() => (officersCache = undefined));
        officersCache = { at: Date.now(), value };
      }
      return officersCache.value;
    },
    /** Schools, by name (for scoping a head of school's role). */
    async schools(): Promise<{ id: string; name: string; retired: boolean }[]> {
      const rows = await prisma.school.findMany({
        select: { id: true, name: true, retiredAt: true },
        orderBy: { name: "asc" },
      });
      return rows.map((row) => ({ id: row.id, name: row.name, retired: row.retiredAt !== null }));
    },
    async departmentByCode(code: string): Promise<DepartmentOption | null> {
      const row = await prisma.department.findUnique({ where: { code }, include: { school: true } });
      return row
        ? {
            id: row.id,
            code: row.code,
            name: row.name,
            schoolId: row.schoolId,
            schoolName: row.school.name,
            retired: row.retiredAt !== null || row.school.retiredAt !== null,
          }
        : null;
    },
  };
}

export type OrganisationService = ReturnType<typeof organisationService>;
