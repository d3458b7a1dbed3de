import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";

describe("signing in and the home page, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("signs in through the development page and shows the home page for the roles held", async () => {
    const page = await newPage(journey.browser);
    await page.goto(`${journey.baseUrl}/`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await visit(page, "foundation-01-sign-in");

    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    await visit(page, "foundation-02-sign-in-error");

    await signIn(page, journey.baseUrl, "Priya Raman");
    expect(new URL(page.url()).pathname).toBe("/");
    await expect.poll(() => page.locator("h1").textContent()).toContain("Priya Raman");
    expect(await page.locator(".app-nav").textContent()).toContain("SPO queue");
    await visit(page, "foundation-03-home-officer");

    await page.getByRole("button", { name: "Sign out" }).click();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.context().close();
  });

  it("works with JavaScript turned off", async () => {
    const page = await newPage(journey.browser, { javaScript: false });
    await signIn(page, journey.baseUrl, "Alex Brown");
    expect(await page.locator("h1").textContent()).toContain("Alex Brown");
    await visit(page, "foundation-04-home-staff-no-js", { javaScript: false });
    await page.context().close();
  });
});
