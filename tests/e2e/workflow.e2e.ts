import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { completeSignOffs, submittedCase } from "../helpers/cases";

describe("triage in Chromium: queue, case, request for information, reviews, decision", () => {
  let journey: Journey;
  let caseId: string;
  let reference: string;
  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    for (let index = 0; index < 6; index++)
      await submittedCase(services, "cd456", { title: `Workshop series ${index}`, department: "CHEM" });
    const made = await submittedCase(services, "ab123", {
      title: "Seismic sensors with Tbilisi",
      partnerName: "Tbilisi State University",
      partnerCountry: "GE",
      relationship: "new",
      department: "ENG",
    });
    caseId = made.id;
    reference = made.reference;
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("an officer filters the queue, opens the case and asks for more information; the proposer answers", async () => {
    const officer = await newPage(journey.browser);
    await signIn(officer, journey.baseUrl, "Priya Raman");
    await officer.goto(`${journey.baseUrl}/queue`);
    await visit(officer, "workflow-01-queue");
    await officer.getByLabel("Route", { exact: true }).selectOption("acbela");
    await officer.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => officer.locator(".govuk-table__body .govuk-table__row").count()).toBe(1);
    await visit(officer, "workflow-02-queue-filtered");
    await officer.getByRole("link", { name: new RegExp(reference) }).click();
    expect(new URL(officer.url()).pathname).toBe(`/cases/${caseId}`);
    await visit(officer, "workflow-03-case");

    await officer.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => officer.locator(".govuk-error-summary").isVisible()).toBe(true);
    await visit(officer, "workflow-04-case-error");
    await officer
      .getByLabel("What do you need to know?")
      .fill("Who else at Tbilisi State University will have access to the sensor data?");
    await officer.getByRole("button", { name: "Send request" }).click();
    await expect.poll(() => officer.locator(".govuk-tag").first().textContent()).toContain("Information requested");

    const proposer = await newPage(journey.browser);
    await signIn(proposer, journey.baseUrl, "Alex Brown");
    await proposer.goto(`${journey.baseUrl}/proposals/${caseId}`);
    await visit(proposer, "workflow-05-proposer-request");
    await proposer.getByRole("button", { name: "Reply and resubmit" }).click();
    expect(new URL(proposer.url()).pathname).toBe(`/proposals/${caseId}/reply`);
    await proposer.getByRole("link", { name: "check and change your answers" }).click();
    await proposer.locator('a[href*="/connections?change=1"]').first().click();
    await proposer
      .getByRole("group", { name: /conflicts of interest/ })
      .getByLabel("Yes")
      .check();
    await proposer
      .getByLabel("Details of the conflicts of interest")
      .fill("Two of the partner's staff also advise a state agency.");
    await proposer.getByRole("button", { name: "Save and continue" }).click();
    expect(new URL(proposer.url()).pathname).toBe(`/proposals/${caseId}/check-answers`);
    await proposer.getByRole("button", { name: "Continue to your reply" }).click();
    await proposer
      .getByLabel("Your reply")
      .fill("Yes: two of their staff also advise a state agency. I have added it.");
    await proposer.getByLabel(/To the best of my knowledge/).check();
    await proposer.getByRole("button", { name: "Send reply and resubmit" }).click();
    expect(new URL(proposer.url()).pathname).toBe(`/proposals/${caseId}/confirmation`);
    await visit(proposer, "workflow-06-resubmitted");

    await officer.reload();
    expect(await officer.locator("body").textContent()).toContain("Changed in the last resubmission");
    await visit(officer, "workflow-07-case-resubmitted");
    await proposer.context().close();
    await officer.context().close();
  });

  it("reviewers record their outcomes and the officer records the decision", async () => {
    await completeSignOffs(journey.testApp.services, caseId);
    for (const [name, shot] of [
      ["Fatima Khan", "acbela"],
      ["Owen Pryce", "due-diligence"],
    ] as const) {
      const reviewer = await newPage(journey.browser);
      await signIn(reviewer, journey.baseUrl, name);
      await reviewer.goto(`${journey.baseUrl}/reviews`);
      await visit(reviewer, `workflow-08-reviews-${shot}`);
      await reviewer.getByRole("link", { name: new RegExp(reference) }).click();
      await reviewer.getByLabel("Cleared with conditions").check();
      await reviewer.getByLabel("Note (conditions or reasons)").fill("Data stays on University servers.");
      await visit(reviewer, `workflow-09-review-form-${shot}`);
      await reviewer.getByRole("button", { name: "Record review" }).click();
      await expect.poll(() => reviewer.locator("body").textContent()).toContain("Cleared with conditions");
      await reviewer.context().close();
    }
    const officer = await newPage(journey.browser);
    await signIn(officer, journey.baseUrl, "Priya Raman");
    await officer.goto(`${journey.baseUrl}/cases/${caseId}`);
    await officer.getByLabel("Approved with conditions").check();
    await officer.getByLabel("Conditions or reasons").fill("Annual report to the SPO.");
    await officer.getByRole("button", { name: "Continue" }).click();
    await visit(officer, "workflow-10-check-decision");
    await officer.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => officer.locator(".govuk-tag").first().textContent()).toContain("Decided");
    await visit(officer, "workflow-11-decided");
    await officer.context().close();
  });
});
