// The end of a session, in Chromium: with JavaScript, a warning before the idle limit
// that keeps the person signed in if they ask; without it, a form sent after the end
// comes back, filled in, once they have signed in again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";

describe("when a session ends while someone is working, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("warns two minutes before the idle limit, stays signed in on request, and says when the session has ended", async () => {
    const page = await newPage(journey.browser);
    await page.clock.install();
    await signIn(page, journey.baseUrl, "Alex Brown");
    const dialog = page.getByRole("dialog");
    expect(await dialog.isVisible()).toBe(false);

    // The default idle limit is 30 minutes: the warning comes at 28.
    await page.clock.fastForward("27:50");
    expect(await dialog.isVisible()).toBe(false);
    await page.clock.fastForward("00:11");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain("you will be signed out in 2 minutes");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Stay signed in");
    await visit(page, "session-01-timeout-warning");

    await page.getByRole("button", { name: "Stay signed in" }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // Escape also means "stay", never "ignore the warning".
    await page.clock.fastForward("28:01");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.isVisible()).toBe(false);

    // Left alone past the limit, the dialog says so and what happens to typed work.
    await page.clock.fastForward("30:01");
    await expect.poll(() => dialog.textContent()).toContain("You have been signed out");
    expect(await dialog.textContent()).toContain("it will be kept for you");
    await visit(page, "session-02-signed-out");
    await page.context().close();
  });

  it("brings back what was typed after signing in again, with JavaScript off", async () => {
    const page = await newPage(journey.browser, { javaScript: false });
    await signIn(page, journey.baseUrl, "Alex Brown");
    await page.getByRole("button", { name: "Start a new proposal" }).click();
    const stepUrl = page.url();
    const summary = "Joint doctoral training in coastal engineering, with exchanges each summer. ".repeat(14).trim();
    await page.getByLabel("Title").fill("Coastal engineering exchange");
    await page.getByLabel("Summary").fill(summary);

    // The server ends the session (the idle limit passed) while the page is open.
    const { prisma } = journey.testApp.services;
    const person = await prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    await prisma.session.deleteMany({ where: { userId: person.id } });

    await page.getByRole("button", { name: "Save and continue" }).click();
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(await page.locator(".govuk-inset-text").textContent()).toContain("the form will come back");
    await visit(page, "session-03-sign-in-again-no-js", { javaScript: false });

    await page.getByLabel("Alex Brown", { exact: true }).check();
    await page.getByRole("button", { name: "Sign in" }).click();
    expect(await page.locator(".govuk-notification-banner").textContent()).toContain("You were signed out");
    expect(await page.getByLabel("Title").inputValue()).toBe("Coastal engineering exchange");
    expect(await page.getByLabel("Summary").inputValue()).toBe(summary);
    await visit(page, "session-04-form-back-no-js", { javaScript: false });

    await page.getByRole("button", { name: "Save and continue" }).click();
    expect(page.url()).not.toBe(stepUrl);
    expect(new URL(page.url()).pathname).toMatch(/\/engagement-type$/);
    await page.context().close();
  });
});
