import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { steps } from "../../src/proposals/form/steps";
import { russianCollaboration } from "./formAnswers";

async function startDraft(browser: Browser): Promise<string> {
  const started = await browser.post("/proposals", { title: "A new proposal", summary: "Its summary." });
  expect(started.status).toBe(303);
  const match = /^\/proposals\/([0-9a-f-]{36})\/engagement-type$/.exec(started.location ?? "");
  expect(match).not.toBeNull();
  return match![1]!;
}

async function fillAll(browser: Browser, id: string, answers = russianCollaboration) {
  for (const step of steps) {
    const fields = answers[step.slug];
    if (!fields) continue;
    const page = await browser.get(`/proposals/${id}/${step.slug}`);
    expect(page.status, `GET ${step.slug}`).toBe(200);
    const saved = await browser.post(`/proposals/${id}/${step.slug}`, fields);
    expect(saved.status, `POST ${step.slug}: ${saved.$(".govuk-error-summary").text()}`).toBe(303);
  }
}

describe(`the proposal journey (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("goes from a new draft through every page to a submitted case with its routes", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const id = await startDraft(browser);
    await fillAll(browser, id);

    const check = await browser.get(`/proposals/${id}/check-answers`);
    expect(check.status).toBe(200);
    expect(check.$("h1").text()).toBe("Check your answers before submitting");
    const rows = check.$(".govuk-summary-list__row");
    const row = (key: string) =>
      rows.filter((_, element) => check.$(element).find(".govuk-summary-list__key").text().trim() === key);
    expect(row("Partner's country").find(".govuk-summary-list__value").text().trim()).toBe("Russian Federation");
    expect(row("Total value").find(".govuk-summary-list__value").text().trim()).toBe("£250,000");
    expect(row("Start date").find("a").attr("href")).toBe(`/proposals/${id}/dates?change=1#startDate-day`);

    const noDeclaration = await browser.post(`/proposals/${id}/submit`, {});
    expect(noDeclaration.status).toBe(400);
    expect(noDeclaration.$("title").text()).toMatch(/^Error: /);
    expect(noDeclaration.$(".govuk-error-summary a").attr("href")).toBe("#declaration");

    const submitted = await browser.post(`/proposals/${id}/submit`, { declaration: "confirmed" });
    expect(submitted.status).toBe(303);
    expect(submitted.location).toBe(`/proposals/${id}/confirmation`);
    const confirmation = await browser.follow(submitted);
    expect(confirmation.$(".govuk-panel__body").text()).toMatch(/SPO-\d{4}-\d{5}/);
    expect(confirmation.text).toContain("CBELA referral");
    expect(confirmation.text).toContain("former Soviet Union");

    const { prisma } = testApp.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.status).toBe("IN_REVIEW");
    const submissions = await prisma.proposalSubmission.findMany({ where: { proposalId: id } });
    expect(submissions).toHaveLength(1);
    const decision = submissions[0]!.decision as { routes: { route: string; mandatory: boolean }[] };
    expect(decision.routes).toContainEqual(expect.objectContaining({ route: "acbela", mandatory: true }));
    expect(await prisma.auditEntry.count({ where: { entityId: id, action: "proposal.submitted" } })).toBe(1);

    const home = await browser.get("/");
    expect(home.$("table").text()).toContain("Quantum sensing for glacier monitoring");
    expect(home.$("table").text()).toContain("In review");
  });
});
