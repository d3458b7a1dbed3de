// First-start data. Reference data is needed everywhere (the rules run on it); the
// organisation and demo people only outside production. Both are idempotent.
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { defaultReferenceData } from "../reference/defaults";
import { demoPeople } from "./demoPeople";
import { schools } from "./organisation";

export async function seedReferenceData(prisma: PrismaClient): Promise<void> {
  if ((await prisma.referenceDataVersion.count()) > 0) return;
  const { version, ...data } = defaultReferenceData;
  await prisma.$transaction(async (tx) => {
    await tx.referenceDataVersion.create({
      data: {
        version,
        data: data as unknown as Prisma.InputJsonObject,
        note: "Initial reference data shipped with the app",
        status: "published",
        reason: "Initial reference data shipped with the app",
        publishedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "reference.seeded",
      entityType: "reference_data",
      entityId: String(version),
    });
  });
}

export async function seedDemoData(prisma: PrismaClient): Promise<void> {
  if ((await prisma.school.count()) > 0) return;
  await prisma.$transaction(async (tx) => {
    const departmentIds = new Map<string, string>();
    const schoolIds = new Map<string, string>();
    for (const school of schools) {
      const created = await tx.school.create({
        data: { code: school.code, name: school.name, departments: { create: school.departments } },
        include: { departments: true },
      });
      schoolIds.set(school.code, created.id);
      for (const department of created.departments) departmentIds.set(department.code, department.id);
    }
    for (const person of demoPeople) {
      await tx.user.create({
        data: {
          username: person.username,
          displayName: person.displayName,
          email: `${person.username}@cam.ac.uk`,
          departmentId: departmentIds.get(person.department) ?? null,
          roles: {
            create: person.roles.map((grant) => ({
              role: grant.role,
              departmentId: grant.department ? (departmentIds.get(grant.department) ?? null) : null,
              schoolId: grant.school ? (schoolIds.get(grant.school) ?? null) : null,
            })),
          },
        },
      });
    }
    await recordAudit(tx, { actorId: null, action: "demo.seeded", entityType: "system", entityId: "demo" });
  });
}
