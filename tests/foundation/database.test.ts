import { PrismaPGlite } from "pglite-prisma-adapter";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffToSchema, migrationFolderName } from "../../src/db/migrations/migrate";
import { recordAudit } from "../../src/audit/auditLog";
import { createPGlite } from "../../src/db/pglite";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../helpers/testDatabase";

describe(`migrations and the audit log (${databaseLabel})`, () => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase();
  });
  afterAll(() => testDatabase.drop());

  it("records applied migrations as prisma migrate deploy does, and applies nothing twice", async () => {
    const rows = await testDatabase.database.prisma.$queryRaw<{ migration_name: string; finished_at: Date | null }[]>`
      SELECT migration_name, finished_at FROM _prisma_migrations ORDER BY migration_name`;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]!.migration_name).toMatch(/^\d{14}_init$/);
    expect(rows.every((row) => row.finished_at !== null)).toBe(true);
    const connection = testDatabase.database.migrationConnection();
    try {
      expect(await applyMigrations(connection.adapterFactory)).toEqual([]);
    } finally {
      await connection.close();
    }
  });

  it("has migrations that match prisma/schema.prisma (no migration forgotten)", async () => {
    // Diffed on an in-memory PGlite, as `npm run db:migration` does: introspecting a
    // PostgreSQL server through adapter-pg fails on its "char" catalog columns.
    const pglite = await createPGlite();
    try {
      const adapter = new PrismaPGlite(pglite);
      await applyMigrations(adapter);
      const sql = await diffToSchema(adapter);
      expect(sql.replace(/--.*$/gm, "").trim()).toBe("");
    } finally {
      await pglite.close();
    }
    // Every migration through the WebAssembly schema engine, then a diff: about 30 s on a
    // busy machine, more as migrations are added.
  }, 180_000);

  it("refuses UPDATE, DELETE and TRUNCATE on the audit log", async () => {
    const { prisma } = testDatabase.database;
    await recordAudit(prisma, { actorId: null, action: "test.entry", entityType: "test", entityId: "1" });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "test.entry" } });
    await expect(prisma.auditEntry.update({ where: { id: entry.id }, data: { action: "changed" } })).rejects.toThrow();
    await expect(prisma.auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow();
    await expect(prisma.$executeRawUnsafe('TRUNCATE "audit_entry"')).rejects.toThrow();
    expect((await prisma.auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).action).toBe("test.entry");
  });

  it("seeds the six Schools, their departments and reference data once", async () => {
    const { prisma } = testDatabase.database;
    const schools = await prisma.school.findMany({ orderBy: { name: "asc" } });
    expect(schools.map((school) => school.name)).toEqual([
      "Arts and Humanities",
      "Biological Sciences",
      "Clinical Medicine",
      "Humanities and Social Sciences",
      "Physical Sciences",
      "Technology",
    ]);
    expect(await prisma.department.count()).toBeGreaterThanOrEqual(12);
    expect(await prisma.referenceDataVersion.count()).toBe(1);
  });

  it("names migration folders as Prisma does", () => {
    expect(migrationFolderName("Add proposals!", new Date("2026-11-21T10:20:30Z"))).toBe(
      "20261121102030_add_proposals",
    );
    expect(() => migrationFolderName("!!!", new Date())).toThrow();
  });
});
