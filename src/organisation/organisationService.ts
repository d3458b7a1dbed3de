import type { PrismaClient } from "../generated/prisma/client";

export interface DepartmentOption {
  id: string;
  code: string;
  name: string;
  schoolId: string;
  schoolName: string;
}

export function organisationService(prisma: PrismaClient) {
  return {
    async departments(): Promise<DepartmentOption[]> {
      const rows = await prisma.department.findMany({ include: { school: true }, orderBy: { name: "asc" } });
      return rows.map((row) => ({ id: row.id, code: row.code, name: row.name, schoolId: row.schoolId, schoolName: row.school.name }));
    },
    async departmentByCode(code: string): Promise<DepartmentOption | null> {
      const row = await prisma.department.findUnique({ where: { code }, include: { school: true } });
      return row ? { id: row.id, code: row.code, name: row.name, schoolId: row.schoolId, schoolName: row.school.name } : null;
    },
  };
}

export type OrganisationService = ReturnType<typeof organisationService>;
