// The check page before a decision is recorded: the case page's form posts to a check step,
// which records nothing; only its "Record the decision" button does, with every field checked again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type Page, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";

/** The hidden fields of the check page's form, as a browser would send them back. */
function hiddenFields(page: Page): Record<string, string> {
  const fields: Record<string, string> = {};
  page.$('form[action$="/decision"] input[type="hidden"]').each((_index, input) => {
    const name = page.$(input).attr("name")!;
    if (name !== "_csrf") fields[name] = page.$(input).val() as string;
  });
  return fields;
}

describe(`checking a decision before it is recorded (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    officer = await signInAs(testApp.app, "spo01");
  }, 60_000);
  afterAll(() => testApp.close());

  async function decidableCase() {
    const { id } = await submittedCase(testApp.services, "ab123");
    await completeSignOffs(testApp.services, id);
    await officer.get(`/cases/${id}`);
    return { id, version: String(await currentVersion(testApp.services, id)) };
  }

  /** What a change would leave behind: the case, its audit trail and its queued messages. */
  async function traces(id: string) {
    const { prisma } = testApp.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id } });
    return {
      status: proposal.status,
      version: proposal.version,
      outcome: proposal.outcome,
      audit: await prisma.auditEntry.count({ where: { entityId: id } }),
      notifications: await prisma.notification.count({ where: { proposalId: id } }),
    };
  }

  it("offers the decision form as a step to a check page", async () => {
    const { id } = await decidableCase();
    const page = await officer.get(`/cases/${id}`);
    const form = page.$('form[action$="/decision/check"]');
    expect(form.length).toBe(1);
    expect(form.find("button").text().trim()).toBe("Continue");
  });

  it("shows what will be recorded and who will be told, and records nothing", async () => {
    const { id, version } = await decidableCase();
    const before = await traces(id);
    const page = await officer.post(`/cases/${id}/decision/check`, {
      version,
      outcome: "approved_with_conditions",
      note: "Annual report to the SPO.\nNo data leaves the University.",
    });
    expect(page.status).toBe(200);
    expect(page.$("h1").text().trim()).toBe("Check the decision before you record it");
    const proposal = await testApp.services.prisma.proposal.findUniqueOrThrow({
      where: { id },
      include: { owner: true },
    });
    const summary = page.$(".govuk-summary-list").text();
    expect(summary).toContain(proposal.reference!);
    expect(summary).toContain(proposal.title);
    expect(summary).toContain("Approved with conditions");
    expect(summary).toContain("Annual report to the SPO.");
    expect(summary).toContain("No data leaves the University.");
    expect(summary).toContain(`${proposal.owner.displayName} (the proposer)`);
    expect(page.$('form[action$="/decision"] button[value="yes"]').text().trim()).toBe("Record the decision");
    expect(page.$('a[href="/cases/' + id + '"]').text()).toContain("Cancel");
    expect(hiddenFields(page)).toEqual({
      version,
      outcome: "approved_with_conditions",
      note: "Annual report to the SPO.\nNo data leaves the University.",
    });
    expect(await traces(id)).toEqual(before);
  });

  it("shows errors at the check step and keeps what was typed, recording nothing", async () => {
    const { id, version } = await decidableCase();
    const before = await traces(id);
    const noNote = await officer.post(`/cases/${id}/decision/check`, {
      version,
      outcome: "approved_with_conditions",
      note: "",
    });
    expect(noNote.status).toBe(400);
    expect(noNote.$(".govuk-error-summary").text()).toContain("Enter the conditions or the reasons for the decision");
    expect(noNote.$('input[name="outcome"][value="approved_with_conditions"]').attr("checked")).toBeDefined();
    const noOutcome = await officer.post(`/cases/${id}/decision/check`, { version, note: "Typed before choosing" });
    expect(noOutcome.status).toBe(400);
    expect(noOutcome.$(".govuk-error-summary").text()).toContain("Select the decision");
    expect(noOutcome.$("#decide-note").text()).toBe("Typed before choosing");
    expect(await traces(id)).toEqual(before);
  });

  it("records the decision once, on confirmation, with a success message", async () => {
    const { id, version } = await decidableCase();
    const before = await traces(id);
    const check = await officer.post(`/cases/${id}/decision/check`, {
      version,
      outcome: "declined",
      note: "Out of scope.",
    });
    const done = await officer.post(`/cases/${id}/decision`, { ...hiddenFields(check), confirm: "yes" });
    expect(done.status).toBe(303);
    const after = await traces(id);
    expect(after.status).toBe("DECIDED");
    expect(after.outcome).toBe("declined");
    expect(after.audit).toBe(before.audit + 1);
    expect(await testApp.services.prisma.auditEntry.count({ where: { entityId: id, action: "case.decided" } })).toBe(1);
    const followed = await officer.follow(done);
    expect(followed.$(".govuk-notification-banner--success").text()).toContain(
      "The decision was recorded and the proposer told.",
    );
    // The same confirmation again (a second click, or the back button): nothing more is recorded.
    const again = await officer.post(`/cases/${id}/decision`, { ...hiddenFields(check), confirm: "yes" });
    expect(again.status).not.toBe(303);
    expect(await testApp.services.prisma.auditEntry.count({ where: { entityId: id, action: "case.decided" } })).toBe(1);
  });

  it("checks the hidden fields again at confirmation", async () => {
    const { id, version } = await decidableCase();
    const before = await traces(id);
    const check = await officer.post(`/cases/${id}/decision/check`, { version, outcome: "approved", note: "" });
    expect(check.status).toBe(200);
    const fields = hiddenFields(check);
    const noConditions = await officer.post(`/cases/${id}/decision`, {
      ...fields,
      outcome: "approved_with_conditions",
      confirm: "yes",
    });
    expect(noConditions.status).toBe(400);
    expect(noConditions.$(".govuk-error-summary").text()).toContain("Enter the conditions or the reasons");
    const madeUp = await officer.post(`/cases/${id}/decision`, { ...fields, outcome: "waved_through", confirm: "yes" });
    expect(madeUp.status).toBe(400);
    expect(madeUp.$(".govuk-error-summary").text()).toContain("Select the decision");
    const tooLong = await officer.post(`/cases/${id}/decision`, { ...fields, note: "x".repeat(5_001), confirm: "yes" });
    expect(tooLong.status).toBe(400);
    expect(await traces(id)).toEqual(before);
    // An old version in the hidden field: the conflict page, never an overwrite.
    const stale = await officer.post(`/cases/${id}/decision`, {
      ...fields,
      version: String(Number(version) - 1),
      confirm: "yes",
    });
    expect(stale.status).toBe(409);
    expect(await traces(id)).toEqual(before);
  });

  it("goes back to the form with what was typed on Change, and to the check page without confirmation", async () => {
    const { id, version } = await decidableCase();
    const before = await traces(id);
    const typed = { version, outcome: "declined", note: "Partner withdrew." };
    const change = await officer.post(`/cases/${id}/decision`, { ...typed, confirm: "change" });
    expect(change.status).toBe(200);
    expect(change.$('input[name="outcome"][value="declined"]').attr("checked")).toBeDefined();
    expect(change.$("#decide-note").text()).toBe("Partner withdrew.");
    const unconfirmed = await officer.post(`/cases/${id}/decision`, typed);
    expect(unconfirmed.status).toBe(200);
    expect(unconfirmed.$("h1").text().trim()).toBe("Check the decision before you record it");
    expect(await traces(id)).toEqual(before);
  });

  it("refuses the check page for a case not ready for its decision, saying why", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const version = String(await currentVersion(testApp.services, id));
    const before = await traces(id);
    const page = await officer.post(`/cases/${id}/decision/check`, { version, outcome: "approved", note: "" });
    expect(page.status).toBe(409);
    expect(page.text).toContain("Still needed");
    expect(page.$("h1").text()).not.toContain("Check the decision");
    expect(await traces(id)).toEqual(before);
  });
});
