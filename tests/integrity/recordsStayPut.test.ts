// The database itself keeps what must never change or be lost, whoever connects: a
// decided case, published reference data, and every table of record under TRUNCATE (with
// or without CASCADE). Drafts that were never submitted are not records and can go.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import type { CurrentUser } from "../../src/domain/roles";

describe(`records the database keeps (${databaseLabel})`, () => {
  let testApp: TestApp;
  let decidedId: string;
  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    const officer = (await services.users.findActive((await services.users.findByUsername("spo01"))!.id))!;
    decidedId = (await submittedCase(services, "ab123")).id;
    await completeSignOffs(services, decidedId);
    await services.workflow.decide(decidedId, await currentVersion(services, decidedId), officer, "approved", "");
  });
  afterAll(() => testApp.close());

  const sql = (text: string) => testApp.services.prisma.$executeRawUnsafe(text);

  it.each([
    ["status", `"status" = 'IN_REVIEW'`],
    ["decided_by_id", `"decided_by_id" = NULL`],
    ["answers", `"answers" = '{"title": "Changed"}'`],
    ["title", `"title" = 'Changed afterwards'`],
    ["assignee_id", `"assignee_id" = "owner_id"`],
    ["routes", `"routes" = ARRAY['acbela']`],
    ["version", `"version" = "version" + 1`],
  ])("refuses to change a decided case's %s", async (_column, assignment) => {
    const before = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: decidedId } });
    expect(before.status).toBe("DECIDED");
    await expect(sql(`UPDATE "proposal" SET ${assignment} WHERE "id" = '${decidedId}'`)).rejects.toThrow(/decided/);
    expect(await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: decidedId } })).toEqual(before);
  });

  it("refuses to delete a submitted case, decided or not", async () => {
    const open = await submittedCase(testApp.services, "ab123");
    await expect(sql(`DELETE FROM "proposal" WHERE "id" = '${decidedId}'`)).rejects.toThrow();
    await expect(testApp.services.prisma.proposal.delete({ where: { id: open.id } })).rejects.toThrow();
    expect(await testApp.services.prisma.proposal.count({ where: { id: { in: [decidedId, open.id] } } })).toBe(2);
  });

  it("still lets a draft that was never submitted be deleted", async () => {
    const owner = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const draft = await testApp.services.proposals.createDraft(owner.id);
    await testApp.services.prisma.proposal.delete({ where: { id: draft.id } });
    expect(await testApp.services.prisma.proposal.count({ where: { id: draft.id } })).toBe(0);
  });

  it("refuses UPDATE and DELETE of a published reference data version", async () => {
    const version = await testApp.services.prisma.referenceDataVersion.findFirstOrThrow({
      orderBy: { version: "asc" },
    });
    await expect(
      testApp.services.prisma.referenceDataVersion.update({
        where: { version: version.version },
        data: { note: "edited in place" },
      }),
    ).rejects.toThrow();
    await expect(sql(`UPDATE "reference_data_version" SET "data" = '{}'`)).rejects.toThrow(/reference_data_version/);
    await expect(sql(`DELETE FROM "reference_data_version"`)).rejects.toThrow(/reference_data_version/);
    expect(
      await testApp.services.prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: version.version } }),
    ).toEqual(version);
  });

  it.each([
    "proposal",
    "proposal_submission",
    "case_task",
    "case_note",
    "information_request",
    "reference_data_version",
    "reference_counter",
    "audit_entry",
    "app_user",
    "role_assignment",
    "department",
    "school",
  ])("refuses TRUNCATE %s, with and without CASCADE", async (table) => {
    const { prisma } = testApp.services;
    const counts = async () => ({
      proposals: await prisma.proposal.count(),
      submissions: await prisma.proposalSubmission.count(),
      tasks: await prisma.caseTask.count(),
      audit: await prisma.auditEntry.count(),
      references: await prisma.referenceDataVersion.count(),
      users: await prisma.user.count(),
    });
    const before = await counts();
    expect(before.submissions).toBeGreaterThan(0);
    await expect(sql(`TRUNCATE "${table}"`)).rejects.toThrow();
    await expect(sql(`TRUNCATE "${table}" CASCADE`)).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("keeps the app's own work on open cases possible", async () => {
    const { services } = testApp;
    const officer: CurrentUser = (await services.users.findActive((await services.users.findByUsername("spo01"))!.id))!;
    const { id } = await submittedCase(services, "ab123");
    await services.workflow.assign(id, await currentVersion(services, id), officer, officer.id);
    await services.workflow.addNote(decidedId, officer, "A note on a decided case is a new record");
    expect((await services.prisma.proposal.findUniqueOrThrow({ where: { id } })).assigneeId).toBe(officer.id);
  });
});
