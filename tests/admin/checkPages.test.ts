// The check pages before an administrator disables someone or removes one of their roles:
// the person page's buttons lead to a check page, which changes nothing; only its confirmation does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

describe(`check pages before disabling someone or removing a role (${databaseLabel})`, () => {
  let testApp: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signInAs(testApp.app, "adm01");
  }, 60_000);
  afterAll(() => testApp.close());

  const personNamed = (username: string) =>
    testApp.services.prisma.user.findUniqueOrThrow({ where: { username }, include: { roles: true } });

  /** What a change would leave behind: their state, roles, sessions and the audit trail. */
  async function traces(username: string) {
    const { prisma } = testApp.services;
    const person = await personNamed(username);
    return {
      disabled: person.disabled,
      roles: person.roles.map((grant) => grant.id).sort(),
      sessions: await prisma.session.count({ where: { userId: person.id } }),
      audit: await prisma.auditEntry.count(),
    };
  }

  describe("disabling", () => {
    it("leads from the person page to a check page naming them, their roles and what happens, changing nothing", async () => {
      await signInAs(testApp.app, "ddr01");
      const person = await personNamed("ddr01");
      const personPage = await admin.get(`/admin/people/${person.id}`);
      expect(personPage.$(`form[action="/admin/people/${person.id}/disable/check"] button`).text().trim()).toBe(
        "Disable",
      );
      const before = await traces("ddr01");
      expect(before.sessions).toBeGreaterThan(0);
      const check = await admin.post(`/admin/people/${person.id}/disable/check`);
      expect(check.status).toBe(200);
      expect(check.$("h1").text().trim()).toBe(`Check before you disable ${person.displayName}`);
      const summary = check.$(".govuk-summary-list").text();
      expect(summary).toContain(person.displayName);
      expect(summary).toContain("ddr01");
      expect(summary).toContain("Due diligence reviewer");
      expect(check.$(".govuk-warning-text").text()).toContain("signed out everywhere");
      expect(check.$(".govuk-warning-text").text()).toContain("no longer be able to sign in");
      const confirm = check.$(`form[action="/admin/people/${person.id}/disable"]`);
      expect(confirm.find('button[name="confirm"][value="yes"]').text().trim()).toBe(`Disable ${person.displayName}`);
      expect(confirm.find('input[name="_csrf"]').length).toBe(1);
      expect(check.$(`a[href="/admin/people/${person.id}"]`).text()).toContain("Cancel");
      expect(await traces("ddr01")).toEqual(before);
    });

    it("disables once on confirmation, ending their sessions, with an audit entry", async () => {
      await signInAs(testApp.app, "exc01");
      const person = await personNamed("exc01");
      await admin.get(`/admin/people/${person.id}`);
      const before = await traces("exc01");
      const done = await admin.post(`/admin/people/${person.id}/disable`, { confirm: "yes" });
      expect(done.status).toBe(303);
      const after = await traces("exc01");
      expect(after.disabled).toBe(true);
      expect(after.sessions).toBe(0);
      expect(after.audit).toBe(before.audit + 1);
      expect((await admin.follow(done)).text).toContain("Disabled. Their sessions have ended.");
      // Its check page again, now they are disabled: back to the person page, nothing done.
      const again = await admin.post(`/admin/people/${person.id}/disable/check`);
      expect(again.status).toBe(303);
      expect((await traces("exc01")).audit).toBe(after.audit);
      await admin.post(`/admin/people/${person.id}/enable`);
    });

    it("shows the check page, not a change, when posted without or with a made-up confirmation", async () => {
      const person = await personNamed("cd456");
      await admin.get(`/admin/people/${person.id}`);
      const before = await traces("cd456");
      const posted: Record<string, string>[] = [{}, { confirm: "no" }, { confirm: "yes", extra: "1" }];
      for (const fields of posted) {
        const page = await admin.post(`/admin/people/${person.id}/disable`, fields);
        expect(page.status).toBe(200);
        expect(page.$("h1").text()).toContain("Check before you disable");
      }
      expect(await traces("cd456")).toEqual(before);
    });

    it("says at the check step that an administrator cannot disable themselves", async () => {
      const me = await personNamed("adm01");
      const before = await traces("adm01");
      const page = await admin.post(`/admin/people/${me.id}/disable/check`);
      expect(page.status).toBe(400);
      expect(page.$(".govuk-error-summary").text()).toContain("You cannot disable yourself");
      expect(await traces("adm01")).toEqual(before);
    });
  });

  describe("removing a role", () => {
    async function headWithScope() {
      const { prisma, people } = testApp.services;
      const person = await personNamed("cd456");
      const chemistry = await prisma.department.findUniqueOrThrow({ where: { code: "CHEM" } });
      const actor = (await testApp.services.users.findActive((await personNamed("adm01")).id))!;
      const existing = await prisma.roleAssignment.findFirst({
        where: { userId: person.id, role: "HEAD_OF_DEPARTMENT" },
      });
      if (!existing) await people.grant(person.id, "HEAD_OF_DEPARTMENT", { departmentId: chemistry.id }, actor);
      const grant = await prisma.roleAssignment.findFirstOrThrow({
        where: { userId: person.id, role: "HEAD_OF_DEPARTMENT" },
      });
      return { person, grant, department: chemistry };
    }

    it("leads from the person page to a check page naming the role and its unit, changing nothing", async () => {
      const { person, grant, department } = await headWithScope();
      const personPage = await admin.get(`/admin/people/${person.id}`);
      expect(personPage.$(`form[action="/admin/people/${person.id}/roles/${grant.id}/remove/check"]`).length).toBe(1);
      const before = await traces("cd456");
      const check = await admin.post(`/admin/people/${person.id}/roles/${grant.id}/remove/check`);
      expect(check.status).toBe(200);
      expect(check.$("h1").text().trim()).toBe("Check before you remove this role");
      const summary = check.$(".govuk-summary-list").text();
      expect(summary).toContain(person.displayName);
      expect(summary).toContain("Head of department");
      expect(summary).toContain(department.name);
      const confirm = check.$(`form[action="/admin/people/${person.id}/roles/${grant.id}/remove"]`);
      expect(confirm.find('button[name="confirm"][value="yes"]').text().trim()).toBe("Remove the role");
      expect(await traces("cd456")).toEqual(before);
    });

    it("removes it once on confirmation, with an audit entry; without confirmation it shows the check page", async () => {
      const { person, grant } = await headWithScope();
      await admin.get(`/admin/people/${person.id}`);
      const before = await traces("cd456");
      const unconfirmed = await admin.post(`/admin/people/${person.id}/roles/${grant.id}/remove`);
      expect(unconfirmed.status).toBe(200);
      expect(unconfirmed.$("h1").text()).toContain("Check before you remove this role");
      expect(await traces("cd456")).toEqual(before);
      const done = await admin.post(`/admin/people/${person.id}/roles/${grant.id}/remove`, { confirm: "yes" });
      expect(done.status).toBe(303);
      const after = await traces("cd456");
      expect(after.roles).not.toContain(grant.id);
      expect(after.audit).toBe(before.audit + 1);
      // Removed already: its check page goes back to the person, and confirming again changes nothing.
      expect((await admin.post(`/admin/people/${person.id}/roles/${grant.id}/remove/check`)).status).toBe(303);
      expect((await admin.post(`/admin/people/${person.id}/roles/${grant.id}/remove`, { confirm: "yes" })).status).toBe(
        303,
      );
      expect((await traces("cd456")).audit).toBe(after.audit);
    });

    it("still refuses to remove the last administrator's role at confirmation", async () => {
      const me = await personNamed("adm01");
      const grant = me.roles.find((role) => role.role === "ADMIN")!;
      const check = await admin.post(`/admin/people/${me.id}/roles/${grant.id}/remove/check`);
      expect(check.status).toBe(200);
      const before = await traces("adm01");
      const refused = await admin.post(`/admin/people/${me.id}/roles/${grant.id}/remove`, { confirm: "yes" });
      expect(refused.status).toBe(400);
      expect(refused.$(".govuk-error-summary").text()).toMatch(/last active administrator/);
      expect(await traces("adm01")).toEqual(before);
    });
  });
});
