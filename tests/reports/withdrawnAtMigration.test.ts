// The migration that added proposal.withdrawn_at, on a database that already had withdrawn
// cases: each gets the time of its latest case.withdrawn audit entry (what the reports used to
// search the audit log for), although a withdrawn case is otherwise final; no other case gets one.
import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, defaultMigrationsDir } from "../../src/db/migrations/migrate";
import { createTestDatabase, databaseLabel, type TestDatabase } from "../helpers/testDatabase";

const migration = "20261202065736_withdrawn_at";

describe(`the withdrawn_at migration (${databaseLabel})`, () => {
  let test: TestDatabase;
  let earlier: string;

  beforeAll(async () => {
    // The migrations as they were before this one.
    earlier = await mkdtemp(path.join(tmpdir(), "spo-migrations-"));
    for (const entry of await readdir(defaultMigrationsDir, { withFileTypes: true })) {
      if (entry.isFile() || entry.name < migration) {
        await cp(path.join(defaultMigrationsDir, entry.name), path.join(earlier, entry.name), { recursive: true });
      }
    }
    test = await createTestDatabase({ seed: false, migrate: false });
  });
  afterAll(async () => {
    await test.drop();
    await rm(earlier, { recursive: true, force: true });
  });

  it("copies each withdrawn case's latest withdrawal time from the audit log", async () => {
    const connection = test.database.migrationConnection();
    try {
      const applied = await applyMigrations(connection.adapterFactory, { migrationsDir: earlier });
      expect(applied).not.toContain(migration);

      const { prisma } = test.database;
      const owner = "00000000-0000-4000-8000-000000000001";
      await prisma.$executeRaw`
        INSERT INTO "app_user" ("id", "username", "display_name", "email", "updated_at")
        VALUES (${owner}::uuid, 'ab123', 'Alex Brown', 'ab123@example.ac.uk', now())`;
      const cases = {
        withdrawn: "00000000-0000-4000-8000-00000000000a",
        withdrawnTwice: "00000000-0000-4000-8000-00000000000b",
        open: "00000000-0000-4000-8000-00000000000c",
      };
      for (const [name, id] of Object.entries(cases)) {
        await prisma.$executeRaw`
          INSERT INTO "proposal" ("id", "owner_id", "status", "reference", "submitted_at", "updated_at")
          VALUES (${id}::uuid, ${owner}::uuid,
                  ${name === "open" ? "IN_REVIEW" : "WITHDRAWN"}::"ProposalStatus",
                  ${`SPO-2026-0000${String(Object.keys(cases).indexOf(name) + 1)}`},
                  '2026-03-02T10:00:00Z', now())`;
      }
      const withdrawal = (id: string, at: string, action = "case.withdrawn") => prisma.$executeRaw`
        INSERT INTO "audit_entry" ("at", "action", "entity_type", "entity_id")
        VALUES (${at}::timestamptz, ${action}, 'proposal', ${id})`;
      await withdrawal(cases.withdrawn, "2026-03-20T23:30:00Z");
      await withdrawal(cases.withdrawnTwice, "2026-03-05T09:00:00Z");
      await withdrawal(cases.withdrawnTwice, "2026-03-06T09:00:00Z");
      await withdrawal(cases.open, "2026-03-07T09:00:00Z", "case.assigned");

      expect(await applyMigrations(connection.adapterFactory)).toContain(migration);
      const rows = await prisma.proposal.findMany({ select: { id: true, withdrawnAt: true }, orderBy: { id: "asc" } });
      expect(rows).toEqual([
        { id: cases.withdrawn, withdrawnAt: new Date("2026-03-20T23:30:00Z") },
        { id: cases.withdrawnTwice, withdrawnAt: new Date("2026-03-06T09:00:00Z") },
        { id: cases.open, withdrawnAt: null },
      ]);
      // The trigger that keeps a withdrawn case final is on again.
      await expect(
        prisma.$executeRaw`UPDATE "proposal" SET "title" = 'Changed' WHERE "id" = ${cases.withdrawn}::uuid`,
      ).rejects.toThrow(/was withdrawn: it cannot change/);
    } finally {
      await connection.close();
    }
  });
});
