// After an action, the next page says it was done: a GOV.UK success banner (role=alert, so
// screen readers announce it, and govuk-frontend moves focus to it), shown once.
import request from "supertest";
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

// The message travels in a signed cookie bound to the session (src/middleware/setUpFlash.ts),
// so saving a step never writes the session: these send the cookies by hand, as a browser
// or an attacker would.
describe(`success messages in their cookie (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  }, 60_000);
  afterAll(() => testApp.close());

  /** Signs in, and returns the session's cookie ("spo.sid=…") and the CSRF token. */
  async function session(username: string) {
    const agent = request.agent(testApp.app);
    const signInPage = await agent.get("/sign-in");
    const csrf = /name="_csrf" value="([^"]+)"/.exec(signInPage.text)![1]!;
    const signedIn = await agent.post("/sign-in/development").type("form").send({ _csrf: csrf, username });
    expect(signedIn.status).toBe(303);
    const cookie = setCookies(signedIn)
      .find((line) => line.startsWith("spo.sid="))!
      .split(";")[0]!;
    const home = await request(testApp.app).get("/").set("Cookie", cookie);
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1] ?? csrf };
  }
  const setCookies = (response: request.Response) => (response.headers["set-cookie"] ?? []) as unknown as string[];
  const flashCookieOf = (response: request.Response) =>
    setCookies(response)
      .find((line) => line.startsWith("spo.flash="))
      ?.split(";")[0];
  const bannerOn = (html: string) => /govuk-notification-banner--success/.test(html);

  async function savedStep(username: string) {
    const who = await session(username);
    const started = await request(testApp.app)
      .post("/proposals")
      .set("Cookie", who.cookie)
      .type("form")
      .send({ _csrf: who.csrf, title: "A new proposal", summary: "Its summary." });
    expect(started.status).toBe(303);
    return { who, flash: flashCookieOf(started) };
  }

  it("is set with the redirect, shown once by the next page, and cleared", async () => {
    const { who, flash } = await savedStep("ab123");
    expect(flash).toMatch(/^spo\.flash=[\w-]+\.[\w-]+$/);
    const next = await request(testApp.app).get("/").set("Cookie", `${who.cookie}; ${flash!}`);
    expect(bannerOn(next.text)).toBe(true);
    // Cleared: the browser drops it, so the page after says nothing.
    expect(setCookies(next).some((line) => /^spo\.flash=;.*Expires=Thu, 01 Jan 1970/.test(line))).toBe(true);
    expect(bannerOn((await request(testApp.app).get("/").set("Cookie", who.cookie)).text)).toBe(false);
  });

  it("shows nothing written or changed by hand, and nothing from another session", async () => {
    const { who, flash } = await savedStep("ab123");
    const [name, value] = flash!.split("=") as [string, string];
    const [, signature] = value.split(".") as [string, string];
    const forged = `${name}=${Buffer.from("Your account was closed: call 0800 000").toString("base64url")}.${signature}`;
    const tampered = await request(testApp.app).get("/").set("Cookie", `${who.cookie}; ${forged}`);
    expect(tampered.status).toBe(200);
    expect(bannerOn(tampered.text)).toBe(false);
    expect(tampered.text).not.toContain("call 0800");
    // The same genuine cookie, sent with someone else's session.
    const other = await session("cd456");
    const elsewhere = await request(testApp.app).get("/").set("Cookie", `${other.cookie}; ${flash!}`);
    expect(bannerOn(elsewhere.text)).toBe(false);
  });
});
