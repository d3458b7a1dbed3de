// The notification pages in Chromium, each checked with axe: the attention list on the
// home page, a person's settings, and the admins' outbox (no SMTP server: messages kept),
// a message, and when tasks are due (with an error).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { submittedCase } from "../helpers/cases";

describe("notifications, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    await submittedCase(services, "ab123", { department: "ENG", title: "Sensors with <Tbilisi>", relationship: "new" });
    await services.notifications.delivery.deliverAll();
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("shows a head what needs them and lets them choose a daily digest", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Dr Helen Okafor");
    expect(await page.locator(".app-nav").textContent()).toContain("Needs your attention (1)");
    expect(await page.locator("#attention ~ * table, #attention ~ table").first().textContent()).toContain(
      "Sensors with <Tbilisi>",
    );
    await visit(page, "notify-01-home-attention");
    await page.getByRole("link", { name: "Choose how you are told by e-mail" }).click();
    await page.getByLabel("A daily digest at 8am (UK time)").check();
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator(".govuk-notification-banner").textContent()).toContain("Saved");
    await visit(page, "notify-02-settings-saved");
    await page.context().close();
  });

  it("shows admins the outbox, a message, and when tasks are due", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Sian Morgan");
    await page.goto(`${journey.baseUrl}/admin/outbox`);
    expect(await page.locator(".govuk-inset-text").textContent()).toContain("No mail server is configured");
    await visit(page, "notify-03-outbox");
    await page.getByRole("link", { name: /Sign-off needed: Sensors with <Tbilisi>/ }).click();
    expect(await page.locator("pre").textContent()).toContain("Please answer the checklist");
    await visit(page, "notify-04-message");
    await page.goto(`${journey.baseUrl}/admin/due-dates`);
    await page.getByLabel("Sign-off by a head of department or school").fill("0");
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    await visit(page, "notify-05-due-dates-error");
    await page.context().close();
  });
});
