// Admins keep the schools and departments current: add, rename, move a department to
// another school, retire. Nothing is ever deleted: a department or school with cases keeps
// them, readable and listed under its name; a retired one is only no longer offered for
// new proposals. Live data, not versioned with the reference data; each change is audited
// in its own transaction.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { NotFoundError } from "../domain/errors";
import type { CurrentUser } from "../domain/roles";

/** A change that does not fit (a code already used): shown beside its field. */
export class OrganisationChangeRefused extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export interface DepartmentRow {
  id: string;
  code: string;
  name: string;
  schoolId: string;
  retiredAt: Date | null;
  cases: number;
}

export interface SchoolRow {
  id: string;
  code: string;
  name: string;
  retiredAt: Date | null;
  departments: DepartmentRow[];
}

export function organisationAdminService(prisma: PrismaClient, onChange: () => void) {
  async function audited<T>(
    actor: CurrentUser,
    action: string,
    entity: { type: "school" | "department"; id?: string },
    work: (tx: Prisma.TransactionClient) => Promise<{ result: T; id: string; details: Prisma.InputJsonObject }>,
  ): Promise<T> {
    try {
      const outcome = await prisma.$transaction(async (tx) => {
        const done = await work(tx);
        await recordAudit(tx, {
          actorId: actor.id,
          action: `organisation.${action}`,
          entityType: entity.type,
          entityId: done.id,
          details: done.details,
        });
        return done.result;
      });
      onChange();
      return outcome;
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
        throw new OrganisationChangeRefused("code", "That code is already used: choose another");
      throw error;
    }
  }

  return {
    /** Every school with its departments and how many proposals each has, by name. */
    async overview(): Promise<SchoolRow[]> {
      const [schools, counts] = await Promise.all([
        prisma.school.findMany({ include: { departments: { orderBy: { name: "asc" } } }, orderBy: { name: "asc" } }),
        prisma.proposal.groupBy({ by: ["departmentId"], _count: { _all: true } }),
      ]);
      const casesOf = new Map(counts.map((row) => [row.departmentId, row._count._all]));
      return schools.map((school) => ({
        id: school.id,
        code: school.code,
        name: school.name,
        retiredAt: school.retiredAt,
        departments: school.departments.map((department) => ({
          id: department.id,
          code: department.code,
          name: department.name,
          schoolId: department.schoolId,
          retiredAt: department.retiredAt,
          cases: casesOf.get(department.id) ?? 0,
        })),
      }));
    },

    async school(id: string): Promise<SchoolRow> {
      const school = (await this.overview()).find((row) => row.id === id);
      if (!school) throw new NotFoundError();
      return school;
    },

    async department(id: string): Promise<DepartmentRow & { schoolName: string }> {
      for (const school of await this.overview()) {
        const department = school.departments.find((row) => row.id === id);
        if (department) return { ...department, schoolName: school.name };
      }
      throw new NotFoundError();
    },

    addSchool(actor: CurrentUser, input: { code: string; name: string }) {
      return audited(actor, "school_added", { type: "school" }, async (tx) => {
        const school = await tx.school.create({ data: input });
        return { result: school.id, id: school.id, details: input };
      });
    },

    addDepartment(actor: CurrentUser, input: { schoolId: string; code: string; name: string }) {
      return audited(actor, "department_added", { type: "department" }, async (tx) => {
        const school = await tx.school.findUnique({ where: { id: input.schoolId } });
        if (!school || school.retiredAt)
          throw new OrganisationChangeRefused("schoolId", "Select a school that is not retired");
        const department = await tx.department.create({ data: input });
        return { result: department.id, id: department.id, details: input };
      });
    },

    renameSchool(actor: CurrentUser, id: string, name: string) {
      return audited(actor, "school_renamed", { type: "school" }, async (tx) => {
        const before = await tx.school.findUnique({ where: { id } });
        if (!before) throw new NotFoundError();
        await tx.school.update({ where: { id }, data: { name } });
        return { result: undefined, id, details: { from: before.name, to: name } };
      });
    },

    renameDepartment(actor: CurrentUser, id: string, name: string) {
      return audited(actor, "department_renamed", { type: "department" }, async (tx) => {
        const before = await tx.department.findUnique({ where: { id } });
        if (!before) throw new NotFoundError();
        await tx.department.update({ where: { id }, data: { name } });
        return { result: undefined, id, details: { from: before.name, to: name } };
      });
    },

    moveDepartment(actor: CurrentUser, id: string, schoolId: string) {
      return audited(actor, "department_moved", { type: "department" }, async (tx) => {
        const before = await tx.department.findUnique({ where: { id } });
        if (!before) throw new NotFoundError();
        const school = await tx.school.findUnique({ where: { id: schoolId } });
        if (!school || school.retiredAt)
          throw new OrganisationChangeRefused("schoolId", "Select a school that is not retired");
        if (school.id === before.schoolId)
          throw new OrganisationChangeRefused("schoolId", "The department is in that school already: select another");
        await tx.department.update({ where: { id }, data: { schoolId } });
        return { result: undefined, id, details: { fromSchoolId: before.schoolId, toSchoolId: schoolId } };
      });
    },

    /** Retires a department: its cases stay, readable and listed under its name; it is no longer offered. */
    retireDepartment(actor: CurrentUser, id: string) {
      return audited(actor, "department_retired", { type: "department" }, async (tx) => {
        const retired = await tx.department.updateMany({
          where: { id, retiredAt: null },
          data: { retiredAt: new Date() },
        });
        if (retired.count !== 1) throw new NotFoundError();
        return { result: undefined, id, details: { cases: await tx.proposal.count({ where: { departmentId: id } }) } };
      });
    },

    /** Retires a school: none of its departments is offered any more. */
    retireSchool(actor: CurrentUser, id: string) {
      return audited(actor, "school_retired", { type: "school" }, async (tx) => {
        const retired = await tx.school.updateMany({ where: { id, retiredAt: null }, data: { retiredAt: new Date() } });
        if (retired.count !== 1) throw new NotFoundError();
        return { result: undefined, id, details: {} };
      });
    },
  };
}

export type OrganisationAdminService = ReturnType<typeof organisationAdminService>;
