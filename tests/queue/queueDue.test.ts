// The queue's "Next due" column: each open case's soonest due task, by the reminders' rule
// (working days, bank holidays, the admins' due-day settings), tagged when overdue; the
// same in the CSV.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { personNamed, signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";
import { addWorkingDays } from "../../src/notifications/workingDays";
import { viewHelpers } from "../../src/views/helpers";

// The Monday before Easter 2026 (Good Friday 3 April, Easter Monday 6 April).
const beforeEaster = new Date("2026-03-30T09:00:00Z");

describe(`the queue's due dates (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  let overdue: { id: string; reference: string };
  let fresh: { id: string; reference: string };
  let schoolOnly: { id: string; reference: string };
  let asked: { id: string; reference: string };
  let withdrawn: { id: string; reference: string };

  /** The Next due cell of a case's row on a queue page: its date, what is due, its tag. */
  async function dueCell(path: string, reference: string) {
    const page = await officer.get(path);
    expect(page.status).toBe(200);
    const headers = page
      .$("thead th")
      .map((_, th) => page.$(th).text().trim())
      .get();
    const column = headers.indexOf("Next due");
    expect(column).toBeGreaterThan(0);
    const row = page
      .$(".govuk-table__body .govuk-table__row")
      .filter((_, tr) => page.$(tr).find("a").first().text().includes(reference));
    expect(row.length).toBe(1);
    const cell = row.find("td").eq(column);
    return {
      text: cell.text().replace(/\s+/g, " ").trim(),
      secondary: cell.find(".app-cell-secondary").text(),
      tag: cell.find(".govuk-tag").text(),
      tagClass: cell.find(".govuk-tag").attr("class") ?? "",
    };
  }

  async function csvRows(query = "status=all") {
    const response = await officer.agent.get(`/queue/export.csv?${query}`);
    expect(response.status).toBe(200);
    return parse<Record<string, string>>(response.text, { columns: true, bom: true });
  }

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    const { prisma } = services;
    overdue = await submittedCase(services, "ab123", { title: "Overdue case" });
    fresh = await submittedCase(services, "ab123", { title: "Fresh case" });
    schoolOnly = await submittedCase(services, "ab123", { title: "School sign-off case" });
    asked = await submittedCase(services, "ab123", { title: "Asked case" });
    withdrawn = await submittedCase(services, "ab123", { title: "Withdrawn case" });
    // Everything the overdue case waits for opened the Monday before Easter.
    await prisma.caseTask.updateMany({ where: { proposalId: overdue.id }, data: { createdAt: beforeEaster } });
    // Only the school's sign-off left open: its clock starts when the department approved.
    await prisma.caseTask.updateMany({
      where: { proposalId: schoolOnly.id, kind: { not: "school_sign_off" } },
      data: { state: "done", outcome: "approved", completedAt: beforeEaster },
    });
    // Opened (as a route an officer added might be) long before the department approved.
    await prisma.caseTask.create({
      data: {
        proposalId: schoolOnly.id,
        kind: "school_sign_off",
        openedBecause: "rules",
        createdAt: new Date("2026-01-05T09:00:00Z"),
      },
    });
    expect(await prisma.caseTask.count({ where: { proposalId: schoolOnly.id, state: "open" } })).toBe(1);
    const spo = await personNamed(services, "spo01");
    await services.workflow.requestInformation(asked.id, await currentVersion(services, asked.id), spo, "Which lab?");
    await prisma.informationRequest.updateMany({
      where: { proposalId: asked.id },
      data: { requestedAt: beforeEaster },
    });
    const owner = await personNamed(services, "ab123");
    await services.workflow.withdraw(withdrawn.id, await currentVersion(services, withdrawn.id), owner);
    officer = await signInAs(testApp.app, "spo01");
  }, 120_000);
  afterAll(() => testApp.close());

  it("marks a case whose sign-off was due over Easter overdue, with the date counted in working days", async () => {
    const cell = await dueCell("/queue", overdue.reference);
    // Five working days from Monday 30 March skip Good Friday and Easter Monday.
    expect(cell.text).toContain("8 April 2026");
    expect(cell.secondary).toBe("Head of department sign-off");
    expect(cell.tag).toBe("Overdue");
    expect(cell.tagClass).toContain("govuk-tag--red");
  });

  it("shows a fresh case's date without a tag", async () => {
    const task = await testApp.services.prisma.caseTask.findFirstOrThrow({
      where: { proposalId: fresh.id, kind: "department_sign_off" },
    });
    const cell = await dueCell("/queue", fresh.reference);
    expect(cell.text).toContain(viewHelpers.formatDate(addWorkingDays(task.createdAt, 5)));
    expect(cell.tag).toBe("");
  });

  it("counts a school sign-off from the department's approval, not from when it opened", async () => {
    const cell = await dueCell("/queue", schoolOnly.reference);
    expect(cell.secondary).toBe("Head of school sign-off");
    expect(cell.text).toContain("8 April 2026");
  });

  it("dates a request for information by the information due days", async () => {
    const cell = await dueCell("/queue?status=information_requested", asked.reference);
    expect(cell.secondary).toBe("Answer to a request for information");
    // Ten working days from Monday 30 March, less Good Friday and Easter Monday: 15 April.
    expect(cell.text).toContain("15 April 2026");
    expect(cell.tag).toBe("Overdue");
  });

  it("shows nothing due for a case that is no longer open", async () => {
    const cell = await dueCell("/queue?status=withdrawn", withdrawn.reference);
    expect(cell.text).toBe("None");
  });

  it("follows the admins' due-day settings", async () => {
    const admin = await personNamed(testApp.services, "adm01");
    const before = await testApp.services.notifications.dueWorkingDays();
    await testApp.services.notifications.saveDueWorkingDays({ ...before, signOff: 1 }, admin.id);
    try {
      const cell = await dueCell("/queue", overdue.reference);
      expect(cell.text).toContain("31 March 2026");
    } finally {
      await testApp.services.notifications.saveDueWorkingDays(before, admin.id);
    }
  });

  it("puts the next due task, its date and whether it is overdue in the CSV", async () => {
    const rows = await csvRows();
    const byReference = new Map(rows.map((row) => [row.Reference, row]));
    expect(byReference.get(overdue.reference)).toMatchObject({
      "Next due": "Head of department sign-off",
      Due: "8 April 2026",
      "Due status": "Overdue",
    });
    expect(byReference.get(fresh.reference)?.["Due status"]).toBe("");
    expect(byReference.get(fresh.reference)?.Due).not.toBe("");
    expect(byReference.get(withdrawn.reference)).toMatchObject({ "Next due": "", Due: "", "Due status": "" });
  });
});
