// The rules simulator, re-running the rules on a case and the audit log in Chromium:
// axe-clean, screenshots at 1280 and 375 px wide, and the simulation with JavaScript off.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { submittedCase } from "../helpers/cases";
import type { Prisma } from "../../src/generated/prisma/client";

const widths = [1280, 375] as const;

describe("the simulator, the re-run and the audit log in Chromium", () => {
  let journey: Journey;
  let openCase: { id: string; reference: string };

  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    openCase = await submittedCase(services, "ab123", { title: "Joint photonics lab", partnerCountry: "HK" });
    await submittedCase(services, "ab123", {
      title: "Data science exchange",
      partnerCountry: "HK",
      transferAbroad: "yes",
    });
    await submittedCase(services, "ab123", { title: "Summer school", otherCountries: ["HK", "SG"] });
    await submittedCase(services, "ab123", {
      title: "Materials partnership",
      partnerCountry: "RU",
      relationship: "new",
    });
    await submittedCase(services, "ab123", { title: "Workshop series" });
    const { version, ...data } = await services.reference.current();
    await services.prisma.referenceDataVersion.create({
      data: {
        version: version + 1,
        note: "Hong Kong out (browser test)",
        data: JSON.parse(
          JSON.stringify({ ...data, countryRestrictions: data.countryRestrictions.filter((e) => e.country !== "HK") }),
        ) as Prisma.InputJsonObject,
      },
    });
  }, 120_000);
  afterAll(() => journey.close());

  async function atWidths(page: Page, name: string) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await visit(page, `${name}-${String(width)}`);
    }
  }

  it("runs a simulation as an admin and shows the changed cases", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Sian Morgan");
    await page.goto(`${journey.baseUrl}/admin/reference/versions/2/simulate`);
    await atWidths(page, "simulator-form");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel("Cases first submitted in a date range").check();
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").count()).toBe(1);
    await atWidths(page, "simulator-form-error");
    await page.getByLabel("Every submitted case").check();
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Simulation on every submitted case");
    expect(await page.locator(".govuk-summary-list").first().textContent()).toContain("3 changed");
    await atWidths(page, "simulator-result");
    await page.goto(`${journey.baseUrl}/admin/audit`);
    await atWidths(page, "audit-log");
  }, 120_000);

  it("works with JavaScript off, for an officer, and shows 0 changed for the published version", async () => {
    const page = await newPage(journey.browser, { javaScript: false });
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.goto(`${journey.baseUrl}/admin/reference/versions/1/simulate`);
    await page.getByRole("button", { name: "Run the simulation" }).click();
    await expect.poll(() => page.locator(".govuk-summary-list").textContent()).toContain("0 changed");
    await visit(page, "simulator-result-no-js", { javaScript: false });
  }, 120_000);

  it("shows an officer what re-running the rules on a case would change", async () => {
    const { services } = journey.testApp;
    // The draft published: the case was decided on version 1, version 2 is now in force.
    await services.prisma.referenceDataVersion.update({
      where: { version: 2 },
      data: { status: "published", reason: "in force (browser test)", publishedAt: new Date() },
    });
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.goto(`${journey.baseUrl}/cases/${openCase.id}`);
    await page.getByRole("link", { name: "Re-run the rules with the current reference data" }).click();
    await atWidths(page, "rules-rerun-check");
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("button", { name: "Re-run the rules and record the new decision" }).click();
    await expect.poll(() => page.locator("body").textContent()).toContain("Decisions on these answers");
    await atWidths(page, "rules-rerun-case");
  }, 120_000);
});
