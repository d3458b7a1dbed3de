// A least-privilege PostgreSQL set-up (src/db/roles.ts): the owner role migrates, the
// app's role does everything the app does, and cannot do what would let it edit records
// behind the triggers' back (TRUNCATE, DISABLE TRIGGER, ALTER, DROP, replica mode).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../../src/app";
import { loadConfig, testConfig } from "../../src/config";
import { openMigratedDatabase, type Database } from "../../src/db/database";
import { databaseStatements, psqlScript, serverStatements, type RoleNames } from "../../src/db/roles";
import { seedDemoData, seedReferenceData } from "../../src/seed/seed";
import { createServices, type Services } from "../../src/services";
import { personNamed, signInAs } from "../helpers/testApp";
import { testDatabaseUrl } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion } from "../helpers/cases";
import { completeDraft } from "../proposals/drafts";

describe("MIGRATION_DATABASE_URL", () => {
  it("is read as the owner's connection for migrations, beside the app's DATABASE_URL", () => {
    const config = loadConfig({
      DATABASE_URL: "postgresql://spo_app@db.internal:5432/spo",
      MIGRATION_DATABASE_URL: "postgresql://spo_owner@db.internal:5432/spo",
    });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgresql://spo_app@db.internal:5432/spo",
      migrationUrl: "postgresql://spo_owner@db.internal:5432/spo",
      preparedStatements: true,
    });
  });

  it("needs DATABASE_URL, and a PostgreSQL address", () => {
    expect(() => loadConfig({ MIGRATION_DATABASE_URL: "postgresql://spo_owner@db/spo" })).toThrow(
      /MIGRATION_DATABASE_URL: needs DATABASE_URL/,
    );
    expect(() =>
      loadConfig({ DATABASE_URL: "postgresql://spo_app@db/spo", MIGRATION_DATABASE_URL: "mysql://root@db/spo" }),
    ).toThrow(/MIGRATION_DATABASE_URL/);
  });
});

describe("the roles script", () => {
  it("refuses names that are not plain identifiers", () => {
    expect(() => serverStatements({ database: "spo", owner: 'x"; DROP ROLE postgres; --', app: "spo_app" })).toThrow(
      /not a plain PostgreSQL name/,
    );
  });

  it("prints one psql script: roles, database, then the grants inside it", () => {
    const script = psqlScript({ database: "spo", owner: "spo_owner", app: "spo_app" });
    expect(script.indexOf('CREATE DATABASE "spo" OWNER "spo_owner"')).toBeLessThan(script.indexOf("\\connect spo"));
    expect(script.indexOf("\\connect spo")).toBeLessThan(script.indexOf("GRANT SELECT, INSERT, UPDATE, DELETE"));
    const grants = script.split("\n").filter((line) => /^(GRANT|ALTER DEFAULT PRIVILEGES)/.test(line));
    expect(grants.length).toBeGreaterThan(3);
    for (const grant of grants) expect(grant).not.toMatch(/TRUNCATE|TRIGGER|REFERENCES|ALL PRIVILEGES|CREATE/);
    expect(script).not.toMatch(/PASSWORD\s+'/);
  });
});

describe.skipIf(!testDatabaseUrl)("an app role that owns nothing (postgres)", () => {
  const suffix = randomBytes(4).toString("hex");
  const names: RoleNames = {
    database: `spo_lp_${suffix}`,
    owner: `spo_lp_owner_${suffix}`,
    app: `spo_lp_app_${suffix}`,
  };
  const urlFor = (user: string, database: string) => {
    const url = new URL(testDatabaseUrl!);
    url.username = user;
    url.pathname = `/${database}`;
    return url.toString();
  };
  const superuserUrl = (database: string) => {
    const url = new URL(testDatabaseUrl!);
    url.pathname = `/${database}`;
    return url.toString();
  };
  async function run(connectionString: string, statements: string[]) {
    const client = new pg.Client({ connectionString });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  }

  // Undefined when the set-up failed part-way: the clean-up still drops what was made.
  let database: Database | undefined;
  let services: Services;
  let appClient: pg.Client | undefined;
  const app = () => appClient!;
  beforeAll(async () => {
    await run(testDatabaseUrl!, serverStatements(names));
    await run(superuserUrl(names.database), databaseStatements(names));
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: urlFor(names.app, names.database),
      MIGRATION_DATABASE_URL: urlFor(names.owner, names.database),
    });
    database = await openMigratedDatabase(config.database);
    // The app's own role seeds, as the app does at start in development.
    await seedReferenceData(database.prisma);
    await seedDemoData(database.prisma);
    services = createServices(database, testConfig({ DATABASE_URL: urlFor(names.app, names.database) }));
    appClient = new pg.Client({ connectionString: urlFor(names.app, names.database) });
    await appClient.connect();
  }, 120_000);
  afterAll(async () => {
    await appClient?.end();
    await database?.close();
    await run(testDatabaseUrl!, [
      `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`,
      `DROP ROLE IF EXISTS "${names.app}"`,
      `DROP ROLE IF EXISTS "${names.owner}"`,
    ]);
  });

  it("migrated as the owner: every table belongs to the owner role, none to the app's", async () => {
    const owners = await app().query<{ tableowner: string; count: string }>(
      "SELECT tableowner, count(*) FROM pg_tables WHERE schemaname = 'public' GROUP BY tableowner",
    );
    expect(owners.rows.map((row) => row.tableowner)).toEqual([names.owner]);
    const migrations = await app().query<{ count: string }>(
      'SELECT count(*) FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL',
    );
    expect(Number(migrations.rows[0]!.count)).toBeGreaterThan(4);
    const role = await app().query<{ rolsuper: boolean }>("SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    expect(role.rows[0]!.rolsuper).toBe(false);
  });

  it("runs the app as the app's role: sign in, submit, the queue, a note, a decision", async () => {
    const appServer = createApp(services, createLogger("silent"));
    const proposer = await signInAs(appServer, "ab123");
    const id = await completeDraft(proposer);
    const submitted = await proposer.post(`/proposals/${id}/submit`, { declaration: "confirmed" });
    expect([submitted.status, submitted.location]).toEqual([303, `/proposals/${id}/confirmation`]);
    const { reference } = await services.prisma.proposal.findUniqueOrThrow({ where: { id } });

    const officer = await signInAs(appServer, "spo01");
    expect((await officer.get("/queue?status=all")).text).toContain(reference!);
    expect((await officer.post(`/cases/${id}/notes`, { body: "Checked as the app role" })).status).toBe(303);
    const spo01 = (await services.users.findActive((await services.users.findByUsername("spo01"))!.id))!;
    // The rules gave this case review routes: record each, then the decision.
    const proposal = await services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    await completeSignOffs(services, id);
    // Each review by a reviewer of its route: the workflow refuses anyone else.
    const reviewerOf = { acbela: "acb01", export_control: "exc01", due_diligence: "ddr01" } as const;
    for (const route of proposal.routes as Parameters<Services["workflow"]["recordReview"]>[3][]) {
      const reviewer = await personNamed(services, reviewerOf[route]);
      await services.workflow.recordReview(id, await currentVersion(services, id), reviewer, route, "cleared", "Fine");
    }
    await services.workflow.decide(id, await currentVersion(services, id), spo01, "approved", "");
    expect((await services.prisma.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("DECIDED");
    expect(await services.prisma.auditEntry.count({ where: { entityId: id } })).toBeGreaterThan(3);
  });

  it("runs the job queue (pg-boss, its schema made by the owner's migration) as the app's role", async () => {
    const owners = await app().query<{ nspowner: string }>(
      "SELECT pg_get_userbyid(nspowner) AS nspowner FROM pg_namespace WHERE nspname = 'pgboss'",
    );
    expect(owners.rows).toEqual([{ nspowner: names.owner }]);
    await expect(app().query("CREATE TABLE pgboss.sneaky (id int)")).rejects.toThrow(/permission denied/);
    // Sending what the case's life wrote: drained into pg-boss, worked and kept (no SMTP here).
    try {
      const result = await services.notifications.delivery.deliverAll();
      expect(result.sent).toBeGreaterThan(0);
      expect(await services.prisma.notification.count({ where: { status: { notIn: ["kept", "held"] } } })).toBe(0);
      // The worker's schedules are rows the app's role writes too.
      await services.notifications.startWorker();
      const schedules = await app().query<{ name: string }>("SELECT name FROM pgboss.schedule ORDER BY name");
      expect(schedules.rows.map((row) => row.name)).toEqual(["notification-digest", "notification-reminders"]);
    } finally {
      await services.notifications.stopWorker();
    }
  });

  it.each([
    ["TRUNCATE", 'TRUNCATE "proposal_submission"', /permission denied/],
    ["TRUNCATE … CASCADE", 'TRUNCATE "proposal" CASCADE', /permission denied/],
    ["DISABLE TRIGGER", 'ALTER TABLE "audit_entry" DISABLE TRIGGER ALL', /must be owner/],
    ["ALTER TABLE", 'ALTER TABLE "proposal" DROP COLUMN "outcome"', /must be owner/],
    ["DROP TABLE", 'DROP TABLE "case_note"', /must be owner/],
    ["DROP TRIGGER", 'DROP TRIGGER "proposal_closed_is_final" ON "proposal"', /must be owner/],
    ["replica mode", "SET session_replication_role = replica", /permission denied/],
    ["CREATE TABLE", "CREATE TABLE sneaky (id int)", /permission denied/],
    [
      "CREATE OR REPLACE FUNCTION",
      "CREATE OR REPLACE FUNCTION refuse_truncate() RETURNS trigger AS 'BEGIN RETURN NULL; END' LANGUAGE plpgsql",
      /must be owner|permission denied/,
    ],
    ["ALTER ROLE", `ALTER ROLE "${names.app}" SUPERUSER`, /permission denied|must be superuser/],
  ])("refuses %s to the app's role", async (_name, statement, message) => {
    await expect(app().query(statement)).rejects.toThrow(message);
  });

  it("refuses an UPDATE of a decided case and a DELETE from the audit log to the app's role", async () => {
    const decided = await services.prisma.proposal.findFirstOrThrow({ where: { status: "DECIDED" } });
    await expect(
      app().query(`UPDATE "proposal" SET "title" = 'Changed' WHERE "id" = $1`, [decided.id]),
    ).rejects.toThrow(/decided/);
    await expect(app().query('DELETE FROM "audit_entry"')).rejects.toThrow(/append-only/);
    expect((await services.prisma.proposal.findUniqueOrThrow({ where: { id: decided.id } })).title).toBe(decided.title);
  });
});
