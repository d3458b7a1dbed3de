import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

describe(`people and roles administration (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const userId = async (username: string) =>
    (await testApp.services.prisma.user.findUniqueOrThrow({ where: { username } })).id;

  it("is for admins only", async () => {
    const staff = await signInAs(testApp.app, "ab123");
    expect((await staff.get("/admin/people")).status).toBe(403);
    expect((await staff.post(`/admin/people/${await userId("cd456")}/disable`, { confirm: "yes" })).status).toBe(403);
  });

  it("grants a head of department role scoped to a department, which applies at once", async () => {
    const admin = await signInAs(testApp.app, "adm01");
    const person = await userId("cd456");
    const page = await admin.get(`/admin/people/${person}`);
    expect(page.$("h1").text()).toBe("Chen Du");
    const noScope = await admin.post(`/admin/people/${person}/roles`, {
      role: "HEAD_OF_DEPARTMENT",
      departmentId: "",
      schoolId: "",
    });
    expect(noScope.status).toBe(400);
    expect(noScope.$(".govuk-error-summary a").attr("href")).toBe("#departmentId");
    expect(noScope.$("#role option[selected]").val()).toBe("HEAD_OF_DEPARTMENT");
    const chemistry = await testApp.services.prisma.department.findUniqueOrThrow({ where: { code: "CHEM" } });
    const granted = await admin.post(`/admin/people/${person}/roles`, {
      role: "HEAD_OF_DEPARTMENT",
      departmentId: chemistry.id,
      schoolId: "",
    });
    expect(granted.status).toBe(303);
    const head = await signInAs(testApp.app, "cd456");
    expect((await head.get("/")).$(".app-header__user").text()).toContain(
      "Head of department (Yusuf Hamied Department of Chemistry)",
    );
    const grant = await testApp.services.prisma.roleAssignment.findFirstOrThrow({
      where: { userId: person, role: "HEAD_OF_DEPARTMENT" },
    });
    expect(grant.departmentId).toBe(chemistry.id);
    expect(
      await testApp.services.prisma.auditEntry.count({ where: { action: "user.role_granted", entityId: person } }),
    ).toBe(1);

    const removed = await admin.post(`/admin/people/${person}/roles/${grant.id}/remove`, { confirm: "yes" });
    expect(removed.status).toBe(303);
    expect((await head.get("/")).$(".app-header__user").text()).not.toContain("Head of department");
  });

  it("disabling someone ends their sessions at once", async () => {
    const admin = await signInAs(testApp.app, "adm01");
    const victim = await signInAs(testApp.app, "exc01");
    const person = await userId("exc01");
    expect(await testApp.services.prisma.session.count({ where: { userId: person } })).toBeGreaterThan(0);
    expect((await admin.post(`/admin/people/${person}/disable`, { confirm: "yes" })).status).toBe(303);
    expect(await testApp.services.prisma.session.count({ where: { userId: person } })).toBe(0);
    expect((await victim.get("/")).status).toBe(303);
    await victim.get("/sign-in");
    const signIn = await victim.post("/sign-in/development", { username: "exc01" });
    expect(signIn.status).toBe(400);
    expect((await admin.post(`/admin/people/${person}/enable`)).status).toBe(303);
    expect((await signInAs(testApp.app, "exc01")).token).toBeDefined();
  });

  it("an admin cannot disable themselves", async () => {
    const admin = await signInAs(testApp.app, "adm01");
    const page = await admin.post(`/admin/people/${await userId("adm01")}/disable`, { confirm: "yes" });
    expect(page.status).toBe(400);
    expect(page.text).toContain("You cannot disable yourself");
  });
});
