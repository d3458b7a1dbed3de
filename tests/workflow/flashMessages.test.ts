// After an action, the next page says it was done: a GOV.UK success banner (role=alert, so
// screen readers announce it, and govuk-frontend moves focus to it), shown once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type Page, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { russianCollaboration } from "../proposals/formAnswers";

const banner = (page: Page) => page.$(".govuk-notification-banner--success");

function expectSuccess(page: Page, text: string) {
  expect(page.status).toBe(200);
  expect(banner(page).attr("role")).toBe("alert");
  expect(banner(page).attr("data-module")).toBe("govuk-notification-banner");
  expect(banner(page).find(".govuk-notification-banner__title").text().trim()).toBe("Success");
  expect(banner(page).find(".govuk-notification-banner__heading").text().trim()).toBe(text);
}

describe(`success messages after actions (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    officer = await signInAs(testApp.app, "spo01");
  }, 60_000);
  afterAll(() => testApp.close());

  async function versionOf(id: string) {
    return String(await currentVersion(testApp.services, id));
  }

  it("after assigning, once: the next page shows it, the one after does not", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const me = (await testApp.services.users.findByUsername("spo01"))!;
    const done = await officer.post(`/cases/${id}/assign`, { version: await versionOf(id), assignee: me.id });
    expect(done.status).toBe(303);
    expectSuccess(await officer.follow(done), "The case's assignment was saved.");
    expect(banner(await officer.get(`/cases/${id}`)).length).toBe(0);
  });

  it("after asking for information, and after a refused action none", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const version = await versionOf(id);
    const done = await officer.post(`/cases/${id}/request-information`, { version, message: "Who funds it?" });
    expectSuccess(await officer.follow(done), "Your request for information was sent to the proposer.");
    // The same version again: the case has moved on, so nothing was done and nothing is said.
    const stale = await officer.post(`/cases/${id}/request-information`, { version, message: "Again?" });
    expect(stale.status).not.toBe(303);
    expect(banner(stale).length).toBe(0);
    expect(banner(await officer.get(`/cases/${id}`)).length).toBe(0);
  });

  it("after recording a decision", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    await completeSignOffs(testApp.services, id);
    const done = await officer.post(`/cases/${id}/decision`, {
      version: await versionOf(id),
      outcome: "approved",
      note: "",
      confirm: "yes",
    });
    expect(done.status).toBe(303);
    expectSuccess(await officer.follow(done), "The decision was recorded and the proposer told.");
  });

  it("after saving a step of the form and after submitting, only to the person who did it", async () => {
    const proposer = await signInAs(testApp.app, "ab123");
    const started = await proposer.post("/proposals", { title: "A new proposal", summary: "Its summary." });
    const id = /\/proposals\/([0-9a-f-]{36})\//.exec(started.location ?? "")![1]!;
    const saved = await proposer.post(`/proposals/${id}/title`, russianCollaboration.title);
    expect(saved.status).toBe(303);
    // Someone else's next page says nothing.
    expect(banner(await officer.get("/queue")).length).toBe(0);
    expectSuccess(await proposer.follow(saved), 'Your answers to "Name and describe the collaboration" were saved.');
    for (const [slug, fields] of Object.entries(russianCollaboration)) {
      if (slug === "title") continue;
      expect((await proposer.post(`/proposals/${id}/${slug}`, fields)).status).toBe(303);
    }
    await proposer.get(`/proposals/${id}/check-answers`);
    const submitted = await proposer.post(`/proposals/${id}/submit`, { declaration: "confirmed" });
    expect(submitted.status).toBe(303);
    expectSuccess(await proposer.follow(submitted), "Your proposal was submitted.");
  });
});
