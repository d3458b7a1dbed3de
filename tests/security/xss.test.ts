import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheerioAPI } from "cheerio";
import { signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, submittedCase } from "../helpers/cases";

const payload = `<script>alert(1)</script>"><img src=x onerror=alert(1)><svg onload=alert(1)>'`;

/** No element, attribute or script the payload could have made. */
function expectInert($: CheerioAPI, where: string) {
  $("script").each((_, element) => {
    expect($(element).attr("src"), `inline script on ${where}`).toBeTruthy();
    expect($(element).html()?.trim(), `script content on ${where}`).toBe("");
  });
  expect($("img[src=x], svg").length, `payload element on ${where}`).toBe(0);
  $("*").each((_, element) => {
    for (const name of Object.keys((element as { attribs?: Record<string, string> }).attribs ?? {})) {
      expect(name.startsWith("on"), `${name} attribute on ${where}`).toBe(false);
    }
  });
}

describe(`XSS payloads in every text answer (${databaseLabel})`, () => {
  let testApp: TestApp;
  let id: string;
  beforeAll(async () => {
    testApp = await startTestApp();
    const made = await submittedCase(testApp.services, "ab123", {
      title: `Title ${payload}`.slice(0, 200),
      summary: `Summary ${payload}`,
      partnerName: `Partner ${payload}`.slice(0, 200),
      conflictsOfInterest: "yes",
      conflictsOfInterestDetails: `Details ${payload}`,
      hasFunding: "yes",
      funderName: `Funder ${payload}`.slice(0, 200),
      funderType: "company",
      funderRelationship: "new",
      funderCountry: "US",
      funderSector: "none_of_these",
      useRestrictions: "no",
      valuesConflict: "no",
      relationship: "new",
    } as never);
    id = made.id;
    const officer = (await testApp.services.users.findActive(
      (await testApp.services.users.findByUsername("spo01"))!.id,
    ))!;
    await testApp.services.workflow.addNote(id, officer, `Note ${payload}`);
    const version = (await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).version;
    await testApp.services.workflow.requestInformation(id, version, officer, `Request ${payload}`);
  });
  afterAll(() => testApp.close());

  it("shows the payload as text on the proposer's pages", async () => {
    const proposer = await signInAs(testApp.app, "ab123");
    for (const url of [
      "/",
      `/proposals/${id}`,
      `/proposals/${id}/confirmation`,
      `/proposals/${id}/check-answers`,
      `/proposals/${id}/title`,
      `/proposals/${id}/funder`,
    ]) {
      const page = await proposer.get(url);
      expect(page.status, url).toBe(200);
      expectInert(page.$, url);
    }
    const view = await proposer.get(`/proposals/${id}`);
    expect(view.$("body").text()).toContain(`Request ${payload}`);
    const step = await proposer.get(`/proposals/${id}/title`);
    expect(step.$("#title").val()).toBe(`Title ${payload}`.slice(0, 200));
  });

  it("shows the payload as text on the officers' and reviewers' pages, and neutralised in the CSV", async () => {
    const officer = await signInAs(testApp.app, "spo01");
    for (const url of ["/queue", `/queue?q=${encodeURIComponent("Partner")}`, `/cases/${id}`]) {
      const page = await officer.get(url);
      expect(page.status, url).toBe(200);
      expectInert(page.$, url);
    }
    const casePage = await officer.get(`/cases/${id}`);
    expect(casePage.$("body").text()).toContain(`Note ${payload}`);
    const csv = await officer.agent.get("/queue/export.csv");
    expect(csv.text).toContain("Partner <script>alert(1)</script>");
    expect(csv.headers["content-type"]).toMatch(/^text\/csv/);
    expect(csv.headers["x-content-type-options"]).toBe("nosniff");

    await completeSignOffs(testApp.services, id);
    const reviewer = await signInAs(testApp.app, "ddr01");
    for (const url of ["/reviews", `/cases/${id}`]) {
      const page = await reviewer.get(url);
      expect(page.status, url).toBe(200);
      expectInert(page.$, url);
    }
  });

  it("shows the payload as text on an error page that re-shows the input", async () => {
    const proposer = await signInAs(testApp.app, "cd456");
    const started = await proposer.post("/proposals", { title: "A new proposal", summary: "Its summary." });
    const draft = started.location!.split("/")[2]!;
    const page = await proposer.post(`/proposals/${draft}/title`, { title: payload.repeat(20), summary: payload });
    expect(page.status).toBe(400);
    expectInert(page.$, "title step with errors");
    expect(page.$("#summary").text()).toBe(payload);
  });
});
