// The three check pages in Chromium, at 1280 px and 375 px: screenshots and axe, and the
// confirmation recording the change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { completeSignOffs, submittedCase } from "../helpers/cases";

/** Screenshots (and axe) of the page at desktop and phone widths. */
async function visitAtBothWidths(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await visit(page, `${name}-1280`);
  await page.setViewportSize({ width: 375, height: 800 });
  await visit(page, `${name}-375`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

describe("check pages before a decision, disabling someone and removing a role", () => {
  let journey: Journey;
  let caseId: string;
  beforeAll(async () => {
    journey = await startJourney();
    const made = await submittedCase(journey.testApp.services, "ab123", {
      title: "Seismic sensors with Tbilisi",
      partnerName: "Tbilisi State University",
      partnerCountry: "GE",
      department: "ENG",
    });
    caseId = made.id;
    await completeSignOffs(journey.testApp.services, caseId);
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("an officer checks the decision, then records it", async () => {
    const officer = await newPage(journey.browser);
    await signIn(officer, journey.baseUrl, "Priya Raman");
    await officer.goto(`${journey.baseUrl}/cases/${caseId}`);
    await officer.getByLabel("Approved with conditions").check();
    await officer
      .getByLabel("Conditions or reasons")
      .fill("Annual report to the SPO.\nSensor data stays in Cambridge.");
    await officer.getByRole("button", { name: "Continue" }).click();
    await expect.poll(() => officer.locator("h1").textContent()).toContain("Check the decision before you record it");
    await visitAtBothWidths(officer, "check-01-decision");
    await officer.getByRole("button", { name: "Record the decision" }).click();
    await expect.poll(() => officer.locator(".govuk-tag").first().textContent()).toContain("Decided");
    await officer.context().close();
  });

  it("an administrator checks before disabling someone and before removing a role", async () => {
    const admin = await newPage(journey.browser);
    await signIn(admin, journey.baseUrl, "Sian Morgan");
    const { prisma } = journey.testApp.services;
    const reviewer = await prisma.user.findUniqueOrThrow({ where: { username: "ddr01" } });
    await admin.goto(`${journey.baseUrl}/admin/people/${reviewer.id}`);
    await admin.getByRole("button", { name: "Remove Due diligence reviewer" }).click();
    await expect.poll(() => admin.locator("h1").textContent()).toContain("Check before you remove this role");
    await visitAtBothWidths(admin, "check-02-remove-role");
    await admin.getByRole("link", { name: "Cancel" }).click();
    await admin.getByRole("button", { name: "Disable", exact: true }).click();
    await expect.poll(() => admin.locator("h1").textContent()).toContain("Check before you disable Owen Pryce");
    await visitAtBothWidths(admin, "check-03-disable");
    await admin.getByRole("button", { name: "Disable Owen Pryce" }).click();
    await expect.poll(() => admin.locator("body").textContent()).toContain("Disabled: cannot sign in");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: reviewer.id } })).disabled).toBe(true);
    await admin.context().close();
  });
});
