import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import { answersWith } from "../fixtures/answers";

describe(`schools and departments admin (${databaseLabel})`, () => {
  let testApp: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signInAs(testApp.app, "adm01");
  });
  afterAll(() => testApp.close());

  /** A draft with every answer given, so its department page can be opened. */
  const newDraft = async () => {
    const owner = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const draft = await testApp.services.proposals.createDraft(owner.id);
    await testApp.services.proposals.saveAnswers(draft.id, owner.id, { ...answersWith({}) });
    return draft;
  };

  const departmentChoices = async (browser: Browser, draftId: string) => {
    const page = await browser.get(`/proposals/${draftId}/department`);
    expect(page.status).toBe(200);
    return page
      .$("select#department option")
      .map((_i, option) => page.$(option).val())
      .get()
      .filter(Boolean);
  };

  it("adds a school and a department in it, each audited; the new department is offered to proposers", async () => {
    const { prisma } = testApp.services;
    const school = await admin.post("/admin/organisation/schools", { code: "inno", name: "School of Innovation" });
    expect(school.status).toBe(303);
    const created = await prisma.school.findUniqueOrThrow({ where: { code: "INNO" } });
    const department = await admin.post("/admin/organisation/departments", {
      schoolId: created.id,
      code: "ROBO",
      name: "Department of Robotics",
    });
    expect(department.status).toBe(303);
    const page = await admin.follow(department);
    expect(page.$("main").text()).toContain("Department of Robotics");
    expect(await prisma.auditEntry.count({ where: { action: "organisation.school_added" } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { action: "organisation.department_added" } })).toBe(1);

    const draft = await newDraft();
    const proposer = await signInAs(testApp.app, "ab123");
    expect(await departmentChoices(proposer, draft.id)).toContain("ROBO");
  });

  it("refuses a bad or repeated code, keeping what was typed", async () => {
    const { prisma } = testApp.services;
    const school = await prisma.school.findUniqueOrThrow({ where: { code: "INNO" } });
    const bad = await admin.post("/admin/organisation/departments", {
      schoolId: school.id,
      code: "9 lives",
      name: "Department of Cats",
    });
    expect(bad.status).toBe(400);
    expect(bad.$("title").text()).toMatch(/^Error: /);
    expect(bad.$(".govuk-error-summary a").attr("href")).toBe("#code");
    expect(bad.$("#code-error").text()).toContain("Enter a code of 2 to 12 letters and digits");
    expect(bad.$("input#code").val()).toBe("9 lives");
    expect(bad.$("input#name").val()).toBe("Department of Cats");
    expect(bad.$("select#schoolId option[selected]").val()).toBe(school.id);

    const repeated = await admin.post("/admin/organisation/schools", { code: "INNO", name: "Another" });
    expect(repeated.status).toBe(400);
    expect(repeated.$(".govuk-error-summary a").attr("href")).toBe("#school-code");
    expect(repeated.$("#school-code-error").text()).toContain("already used");
    expect(repeated.$("input#school-name").val()).toBe("Another");
    expect(await prisma.school.count({ where: { name: "Another" } })).toBe(0);
  });

  it("renames and moves a department; its cases show the new name", async () => {
    const { prisma } = testApp.services;
    const robotics = await prisma.department.findUniqueOrThrow({ where: { code: "ROBO" } });
    const renamed = await admin.post(`/admin/organisation/departments/${robotics.id}`, {
      name: "Department of Robotics and Autonomy",
    });
    expect(renamed.status).toBe(303);
    const other = await prisma.school.findUniqueOrThrow({ where: { code: "AH" } });
    expect(
      (await admin.post(`/admin/organisation/departments/${robotics.id}/move`, { schoolId: other.id })).status,
    ).toBe(303);
    const moved = await prisma.department.findUniqueOrThrow({ where: { id: robotics.id } });
    expect(moved).toMatchObject({ name: "Department of Robotics and Autonomy", schoolId: other.id });
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { action: "organisation.department_renamed" } });
    expect(audit.details).toEqual({ from: "Department of Robotics", to: "Department of Robotics and Autonomy" });
    expect(await prisma.auditEntry.count({ where: { action: "organisation.department_moved" } })).toBe(1);
    const same = await admin.post(`/admin/organisation/departments/${robotics.id}/move`, { schoolId: other.id });
    expect(same.status).toBe(400);
    expect(same.$("#schoolId-error").text()).toContain("in that school already");
  });

  it("retires a department with cases: never deleted, its cases readable under its name, and no longer offered", async () => {
    const { services } = testApp;
    const { prisma } = services;
    const { id } = await submittedCase(services, "ab123", { department: "ENG" });
    const engineering = await prisma.department.findUniqueOrThrow({ where: { code: "ENG" } });
    const page = await admin.get(`/admin/organisation/departments/${engineering.id}`);
    expect(page.$(".govuk-summary-list").text()).toMatch(/Cases\s+1/);

    const retired = await admin.post(`/admin/organisation/departments/${engineering.id}/retire`, {});
    expect(retired.status).toBe(303);
    expect((await prisma.department.findUniqueOrThrow({ where: { id: engineering.id } })).retiredAt).toBeInstanceOf(
      Date,
    );
    expect(await prisma.proposal.count({ where: { departmentId: engineering.id } })).toBe(1);
    expect(
      await prisma.auditEntry.count({ where: { action: "organisation.department_retired", entityId: engineering.id } }),
    ).toBe(1);
    // Retired twice is not a second change.
    expect((await admin.post(`/admin/organisation/departments/${engineering.id}/retire`, {})).status).toBe(404);

    const officer = await signInAs(testApp.app, "spo01");
    const casePage = await officer.get(`/cases/${id}`);
    expect(casePage.status).toBe(200);
    expect(casePage.$("main").text()).toContain(engineering.name);
    const queue = await officer.get("/queue");
    expect(queue.$("main").text()).toContain(engineering.name);

    const draft = await newDraft();
    const proposer = await signInAs(testApp.app, "ab123");
    const choices = await departmentChoices(proposer, draft.id);
    expect(choices).not.toContain("ENG");
    expect(choices).toContain("MMLL");
    const chosen = await proposer.post(`/proposals/${draft.id}/department`, { department: "ENG" });
    expect(chosen.status).toBe(400);
    expect(chosen.$(".govuk-error-summary").text()).toContain("Select a department from the list");
  });

  it("a draft whose department was retired since is not submitted: its department page says so, and nothing else is lost", async () => {
    const { services } = testApp;
    const { prisma } = services;
    const owner = await prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const draft = await services.proposals.createDraft(owner.id);
    await services.proposals.saveAnswers(draft.id, owner.id, { ...answersWith({ department: "HIST" }) });
    const history = await prisma.department.findUniqueOrThrow({ where: { code: "HIST" } });
    expect((await admin.post(`/admin/organisation/departments/${history.id}/retire`, {})).status).toBe(303);

    const proposer = await signInAs(testApp.app, "ab123");
    const submitted = await proposer.post(`/proposals/${draft.id}/submit`, { declaration: "confirmed" });
    expect(submitted.status).toBe(303);
    expect(submitted.headers.location).toBe(`/proposals/${draft.id}/department`);
    const after = await prisma.proposal.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after.status).toBe("DRAFT");
    expect(after.reference).toBeNull();
    expect((after.answers as Record<string, unknown>).partnerName).toBe(answersWith({}).partnerName);

    const page = await proposer.follow(submitted);
    expect(page.$(".govuk-error-summary").text()).toContain(`${history.name} has been retired`);
  });

  it("retires a school: none of its departments is offered any more", async () => {
    const { services } = testApp;
    const school = await services.prisma.school.findUniqueOrThrow({ where: { code: "AH" } });
    expect((await admin.post(`/admin/organisation/schools/${school.id}/retire`, {})).status).toBe(303);
    const draft = await newDraft();
    const proposer = await signInAs(testApp.app, "ab123");
    const choices = await departmentChoices(proposer, draft.id);
    expect(choices).not.toContain("MMLL");
    expect(choices).not.toContain("ROBO");
    expect(choices).toContain("ECON");
  });
});
