// The draft's sections as a task list, and a page of the form with its section caption and
// its guidance (export control), in Chromium at 1280 and 375 px, checked with axe.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { russianCollaborationAnswers } from "../proposals/formAnswers";
import { steps } from "../../src/proposals/form/steps";

const widths = [1280, 375] as const;

describe("the form's sections and guidance, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("shows a half-done draft's task list and the export control page at both widths", async () => {
    const { services } = journey.testApp;
    const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    // A draft saved up to the export control page.
    const stop = steps.findIndex((step) => step.slug === "export-control");
    const asked = new Set(steps.slice(0, stop).flatMap((step) => step.questions));
    const answers = Object.fromEntries(
      Object.entries(russianCollaborationAnswers).filter(([question]) => asked.has(question)),
    );
    const draft = await services.proposals.createDraft(owner.id, answers);
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Alex Brown");
    await page.goto(`${journey.baseUrl}/`);
    await page.locator(`a[href="/proposals/${draft.id}/sections"]`).click();
    await page.waitForURL((url) => url.pathname === `/proposals/${draft.id}/sections`);
    const statuses = await page.locator(".govuk-task-list__status").allTextContents();
    expect(statuses.map((status) => status.trim())).toEqual([
      "Completed",
      "Completed",
      "Completed",
      "Not yet started",
      "Cannot start yet",
      "Cannot start yet",
    ]);
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await visit(page, `form-sections-${width}`);
    }
    await page.getByRole("link", { name: "Research and dual use" }).click();
    await page.waitForURL((url) => url.pathname.endsWith("/export-control"));
    expect(await page.locator("#section-caption").textContent()).toBe("Section 4 of 6: Research and dual use");
    expect(await page.getByRole("link", { name: /Export controls applying to academic research/ }).count()).toBe(1);
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await visit(page, `form-export-control-${width}`);
    }
    await page.context().close();
  }, 180_000);
});
