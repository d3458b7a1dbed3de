// Reference data administration in Chromium: a list edited in the draft, a refused entry
// shown again with what was typed, publishing with a reason, the history and a diff, and
// the schools and departments page. Every page is checked by axe, at 1280 and 375 px wide.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import path from "node:path";
import type { Page } from "playwright-core";
import { screenshotDir, signIn, startJourney, visit, type Journey } from "./browser";

/** A country as an admin chooses it with JavaScript on: typed into the type-ahead, picked from its list. */
async function chooseCountry(page: Page, name: string): Promise<void> {
  // accessible-autocomplete gives the select's id ("country") to its input.
  await page.locator('input[id="country"]').fill(name);
  await page.locator('ul[id="country__listbox"]').getByRole("option", { name, exact: true }).click();
  expect(await page.locator('select[name="country"] option:checked').textContent()).toContain(name);
}

describe("reference data administration, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  }, 300_000);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("edits a list in the draft, keeps a refused entry as typed, publishes it and shows the difference", async () => {
    const { baseUrl } = journey;
    const context = await journey.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, "Sian Morgan");

    await page.goto(`${baseUrl}/admin/reference`);
    await visit(page, "reference-01-overview");
    await page.getByRole("link", { name: "Former Soviet Union countries" }).click();
    await chooseCountry(page, "France");
    await page.getByRole("button", { name: "Add to the draft" }).click();
    expect(await page.locator("#entries").textContent()).toContain("France");
    await visit(page, "reference-02-country-list");

    await page.goto(`${baseUrl}/admin/reference/draft/restrictions`);
    await chooseCountry(page, "Mali");
    await page.getByRole("radio", { name: "Arms embargo", exact: true }).check();
    await page.getByRole("radio", { name: "Not an arms embargo" }).check();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("UN arms embargo on Mali");
    await page
      .getByRole("textbox", { name: "Source", exact: true })
      .fill("GOV.UK: Arms embargoes and other restrictions");
    await page.getByLabel("Checked on").fill("2026-13-01");
    await page.getByRole("button", { name: "Add to the draft" }).click();
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.getByRole("textbox", { name: "Name", exact: true }).inputValue()).toBe("UN arms embargo on Mali");
    expect(await page.getByLabel("Checked on").inputValue()).toBe("2026-13-01");
    await visit(page, "reference-03-restriction-errors");
    // The list is long: the refused form on its own, to look at.
    await page
      .locator('form[action$="/restrictions/add"]')
      .screenshot({ path: path.join(screenshotDir, "reference-03-restriction-form.png") });
    await page.setViewportSize({ width: 375, height: 800 });
    await visit(page, "reference-03-restriction-errors-375");
    await page
      .locator('form[action$="/restrictions/add"]')
      .screenshot({ path: path.join(screenshotDir, "reference-03-restriction-form-375.png") });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("radio", { name: "Partial", exact: true }).check();
    await page.getByLabel("Checked on").fill("2026-11-30");
    await page.getByRole("button", { name: "Add to the draft" }).click();
    expect(await page.locator("#restrictions").textContent()).toContain("UN arms embargo on Mali");

    await page.goto(`${baseUrl}/admin/reference/draft/settings`);
    await page.getByLabel("Overdue age in the queue").fill("7");
    await page.getByRole("button", { name: "Save in the draft" }).click();
    await visit(page, "reference-04-settings");

    await page.goto(`${baseUrl}/admin/reference/draft`);
    await visit(page, "reference-05-draft");
    await page.getByRole("button", { name: "Publish version 2" }).click();
    expect(await page.locator(".govuk-error-summary").textContent()).toContain("Enter why");
    await visit(page, "reference-06-publish-error");
    await page.getByLabel("Why are you publishing these changes?").fill("Checked against GOV.UK on 30 November");
    await page.getByRole("button", { name: "Publish version 2" }).click();
    expect(await page.locator(".govuk-notification-banner").textContent()).toContain("Version 2 is published");

    await page.goto(`${baseUrl}/admin/reference/versions`);
    await visit(page, "reference-07-versions");
    await page.getByRole("button", { name: "Compare" }).click();
    expect(new URL(page.url()).pathname).toBe("/admin/reference/versions/1/diff/2");
    expect(await page.locator("main").textContent()).toContain("France (FR)");
    await visit(page, "reference-08-diff");
    await page.setViewportSize({ width: 375, height: 800 });
    await visit(page, "reference-08-diff-375");
    await context.close();
  }, 300_000);

  it("shows schools and departments, and retires a department", async () => {
    const { baseUrl } = journey;
    const context = await journey.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, baseUrl, "Sian Morgan");
    await page.goto(`${baseUrl}/admin/organisation`);
    await page.getByRole("button", { name: "Add the department" }).click();
    expect(await page.title()).toMatch(/^Error: /);
    await visit(page, "organisation-01-errors");
    await page.getByRole("link", { name: "Faculty of Classics" }).click();
    await visit(page, "organisation-02-department");
    await page.getByRole("button", { name: "Retire Faculty of Classics" }).click();
    expect(await page.locator("main").textContent()).toContain("Retired");
    await page.setViewportSize({ width: 375, height: 800 });
    await visit(page, "organisation-03-retired-375");
    await context.close();
  }, 300_000);
});
