// There is always an active administrator: removing the last one's role, or disabling
// them, is refused with a message on the admin page, and two administrators removing each
// other at the same instant cannot both succeed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import type { CurrentUser } from "../../src/domain/roles";

describe(`the last administrator (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const prisma = () => testApp.services.prisma;
  const user = async (username: string) => prisma().user.findUniqueOrThrow({ where: { username } });
  const adminGrant = async (username: string) =>
    prisma().roleAssignment.findFirstOrThrow({ where: { role: "ADMIN", user: { username } } });
  const activeAdministrators = () =>
    prisma().user.count({ where: { disabled: false, roles: { some: { role: "ADMIN" } } } });
  const asActor = async (username: string): Promise<CurrentUser> =>
    (await testApp.services.users.findActive((await user(username)).id))!;

  async function makeAdministrator(username: string) {
    const admin = await asActor("adm01");
    await testApp.services.people.grant((await user(username)).id, "ADMIN", {}, admin);
  }

  it("refuses to remove the only administrator's own role, saying why", async () => {
    const admin = await signInAs(testApp.app, "adm01");
    const me = await user("adm01");
    const grant = await adminGrant("adm01");
    await admin.get(`/admin/people/${me.id}`);
    const page = await admin.post(`/admin/people/${me.id}/roles/${grant.id}/remove`, { confirm: "yes" });
    expect(page.status).toBe(400);
    expect(page.$("title").text()).toMatch(/^Error: /);
    expect(page.$(".govuk-error-summary").text()).toMatch(/last active administrator/);
    expect(page.$(".govuk-error-summary a").attr("href")).toBe("#roles");
    expect(page.$("#roles")).toHaveLength(1);
    expect(await activeAdministrators()).toBe(1);
    expect((await admin.get("/admin/people")).status).toBe(200);
  });

  it("allows it once there is another active administrator, and then refuses the other's", async () => {
    await makeAdministrator("cd456");
    const admin = await signInAs(testApp.app, "adm01");
    const me = await user("adm01");
    const removed = await admin.post(`/admin/people/${me.id}/roles/${(await adminGrant("adm01")).id}/remove`, {
      confirm: "yes",
    });
    expect(removed.status).toBe(303);
    expect(await activeAdministrators()).toBe(1);

    const other = await signInAs(testApp.app, "cd456");
    const them = await user("cd456");
    const refused = await other.post(`/admin/people/${them.id}/roles/${(await adminGrant("cd456")).id}/remove`, {
      confirm: "yes",
    });
    expect(refused.status).toBe(400);
    expect(await activeAdministrators()).toBe(1);
    // Restore: adm01 an administrator again, cd456 not.
    await testApp.services.people.grant(me.id, "ADMIN", {}, await asActor("cd456"));
    await testApp.services.people.revoke(them.id, (await adminGrant("cd456")).id, await asActor("adm01"));
  });

  it("keeps one administrator when two remove each other at the same instant", async () => {
    for (let round = 0; round < 5; round++) {
      await makeAdministrator("cd456");
      const [a, b] = [await asActor("adm01"), await asActor("cd456")];
      const results = await Promise.allSettled([
        testApp.services.people.revoke(b.id, (await adminGrant("cd456")).id, a),
        testApp.services.people.revoke(a.id, (await adminGrant("adm01")).id, b),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(await activeAdministrators()).toBe(1);
      // Back to adm01 as the one administrator.
      if (!(await prisma().roleAssignment.findFirst({ where: { role: "ADMIN", user: { username: "adm01" } } }))) {
        await testApp.services.people.grant(a.id, "ADMIN", {}, b);
        await testApp.services.people.revoke(b.id, (await adminGrant("cd456")).id, a);
      }
    }
  });

  it("keeps one active administrator when two disable each other at the same instant", async () => {
    await makeAdministrator("cd456");
    const [a, b] = [await asActor("adm01"), await asActor("cd456")];
    const results = await Promise.allSettled([
      testApp.services.people.setDisabled(b.id, true, a),
      testApp.services.people.setDisabled(a.id, true, b),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await activeAdministrators()).toBe(1);
  });

  it("refuses to disable the last active administrator", async () => {
    // After the race above: one active administrator, and one disabled.
    const active = await prisma().user.findFirstOrThrow({
      where: { disabled: false, roles: { some: { role: "ADMIN" } } },
    });
    const other = await prisma().user.findFirstOrThrow({
      where: { disabled: true, roles: { some: { role: "ADMIN" } } },
    });
    const actor: CurrentUser = { ...(await asActor(active.username)), id: other.id };
    await expect(testApp.services.people.setDisabled(active.id, true, actor)).rejects.toThrow(
      /last active administrator/,
    );
    expect(await activeAdministrators()).toBe(1);
  });
});
