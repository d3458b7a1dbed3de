// A draft that was never submitted is not a case: not in the SPO queue, its CSV or its
// counts, and it has no case page. Its owner does not withdraw it, they delete it (behind
// a confirmation page, audited). Drafts withdrawn before that rule (status WITHDRAWN,
// never submitted) stay out of the queue and can be deleted the same way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

describe(`drafts are not cases (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  let owner: Browser;
  let ownerId: string;
  let withdrawnCase: { id: string; reference: string };
  /** An empty draft left WITHDRAWN by the withdraw action drafts used to have. */
  let oldWithdrawnDraft: string;

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    ownerId = (await services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } })).id;
    const proposer = (await services.users.findActive(ownerId))!;
    withdrawnCase = await submittedCase(services, "ab123", { title: "Withdrawn after submission" });
    await services.workflow.withdraw(
      withdrawnCase.id,
      (await services.prisma.proposal.findUniqueOrThrow({ where: { id: withdrawnCase.id } })).version,
      proposer,
    );
    oldWithdrawnDraft = (await services.proposals.createDraft(ownerId)).id;
    await services.prisma.proposal.update({ where: { id: oldWithdrawnDraft }, data: { status: "WITHDRAWN" } });
    officer = await signInAs(testApp.app, "spo01");
    owner = await signInAs(testApp.app, "ab123");
  });
  afterAll(() => testApp.close());

  const rowsOf = (page: { $: import("cheerio").CheerioAPI }) =>
    page
      .$(".govuk-table__body .govuk-table__row")
      .map((_, row) => ({
        link: page.$(row).find("a").first().text().trim(),
        href: page.$(row).find("a").first().attr("href"),
      }))
      .get();

  it.each(["all", "withdrawn"])("leaves never-submitted drafts out of the queue (status=%s)", async (status) => {
    const page = await officer.get(`/queue?status=${status}`);
    expect(page.status).toBe(200);
    const rows = rowsOf(page);
    expect(rows.map((row) => row.href)).toContain(`/cases/${withdrawnCase.id}`);
    expect(rows.map((row) => row.href)).not.toContain(`/cases/${oldWithdrawnDraft}`);
    // Every row names its case: no link without text (an axe failure).
    for (const row of rows) expect(row.link).toMatch(/^SPO-\d{4}-\d{5}/);
  });

  it("leaves them out of the CSV export", async () => {
    const response = await officer.agent.get("/queue/export.csv?status=all");
    const rows = parse<Record<string, string>>(response.text, { columns: true, bom: true });
    expect(rows.map((row) => row.Reference)).toEqual([withdrawnCase.reference]);
    expect(rows.every((row) => row.Reference && row.Submitted)).toBe(true);
  });

  it("gives them no case page", async () => {
    expect((await officer.get(`/cases/${oldWithdrawnDraft}`)).status).toBe(404);
    expect((await officer.get(`/cases/${withdrawnCase.id}`)).status).toBe(200);
  });

  it("does not offer to withdraw a draft, and refuses to: it stays a draft", async () => {
    const draft = await testApp.services.proposals.createDraft(ownerId);
    const view = await owner.get(`/proposals/${draft.id}`);
    expect(view.$('a[href$="/withdraw"]')).toHaveLength(0);
    const confirm = await owner.get(`/proposals/${draft.id}/withdraw`);
    expect([confirm.status, confirm.location]).toEqual([303, `/proposals/${draft.id}`]);
    const posted = await owner.post(`/proposals/${draft.id}/withdraw`, { version: String(draft.version) });
    expect(posted.status).toBe(409);
    const after = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: draft.id } });
    expect(after.status).toBe("DRAFT");
  });

  it("lets the owner delete an empty draft behind a confirmation page, and audits it", async () => {
    const draft = await testApp.services.proposals.createDraft(ownerId);
    const view = await owner.get(`/proposals/${draft.id}`);
    const link = view.$('a[href$="/delete"]');
    expect(link.text().trim()).toBe("Delete this draft");
    const confirm = await owner.get(link.attr("href")!);
    expect(confirm.status).toBe(200);
    expect(confirm.$("h1").text().trim()).toBe("Delete this draft?");
    expect(confirm.$("title").text()).toMatch(/^Delete this draft\?/);
    const version = confirm.$('input[name="version"]').val() as string;
    const deleted = await owner.post(`/proposals/${draft.id}/delete`, { version });
    expect([deleted.status, deleted.location]).toEqual([303, "/"]);
    expect(await testApp.services.prisma.proposal.count({ where: { id: draft.id } })).toBe(0);
    const audit = await testApp.services.prisma.auditEntry.findMany({ where: { entityId: draft.id } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.fromState])).toContainEqual([
      "proposal.draft_deleted",
      ownerId,
      "DRAFT",
    ]);
    expect((await owner.get(`/proposals/${draft.id}`)).status).toBe(404);
    const home = await owner.get("/");
    expect(home.text).not.toContain(draft.id);
  });

  it("deletes a draft with answers too, and a draft withdrawn before this rule", async () => {
    const draft = await testApp.services.proposals.createDraft(ownerId);
    await testApp.services.proposals.saveAnswers(draft.id, ownerId, { title: "Half-written idea" });
    for (const id of [draft.id, oldWithdrawnDraft]) {
      const confirm = await owner.get(`/proposals/${id}/delete`);
      expect(confirm.status).toBe(200);
      const version = confirm.$('input[name="version"]').val() as string;
      expect((await owner.post(`/proposals/${id}/delete`, { version })).status).toBe(303);
      expect(await testApp.services.prisma.proposal.count({ where: { id } })).toBe(0);
    }
  });

  it("keeps a draft saved in another tab since the confirmation page was opened", async () => {
    const draft = await testApp.services.proposals.createDraft(ownerId);
    const confirm = await owner.get(`/proposals/${draft.id}/delete`);
    const version = confirm.$('input[name="version"]').val() as string;
    await testApp.services.proposals.saveAnswers(draft.id, ownerId, { title: "Typed in another tab" });
    const refused = await owner.post(`/proposals/${draft.id}/delete`, { version });
    expect(refused.status).toBe(409);
    expect(refused.$(".govuk-error-summary").text()).toContain("changed since you opened this page");
    expect((await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: draft.id } })).title).toBe(
      "Typed in another tab",
    );
  });

  it("never deletes a submitted case, nor someone else's draft", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const version = String((await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).version);
    const confirm = await owner.get(`/proposals/${id}/delete`);
    expect([confirm.status, confirm.location]).toEqual([303, `/proposals/${id}`]);
    expect((await owner.get(`/proposals/${id}`)).$('a[href$="/delete"]')).toHaveLength(0);
    expect((await owner.post(`/proposals/${id}/delete`, { version })).status).toBe(409);
    expect(await testApp.services.prisma.proposal.count({ where: { id } })).toBe(1);

    const draft = await testApp.services.proposals.createDraft(ownerId);
    const other = await signInAs(testApp.app, "cd456");
    expect((await other.get(`/proposals/${draft.id}/delete`)).status).toBe(404);
    expect((await other.post(`/proposals/${draft.id}/delete`, { version: "1" })).status).toBe(404);
    expect(await testApp.services.prisma.proposal.count({ where: { id: draft.id } })).toBe(1);
  });

  it("refuses a delete without a version, or with fields it does not know", async () => {
    const draft = await testApp.services.proposals.createDraft(ownerId);
    expect((await owner.post(`/proposals/${draft.id}/delete`, {})).status).toBe(303);
    expect((await owner.post(`/proposals/${draft.id}/delete`, { version: "1", ownerId })).status).toBe(303);
    expect(await testApp.services.prisma.proposal.count({ where: { id: draft.id } })).toBe(1);
  });
});
