// The country type-ahead in Chromium: typing a common name ("Iran") or another name ("UK")
// finds the country; the plain select underneath is what the form saves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { answersWith } from "../fixtures/answers";

describe("the country type-ahead in Chromium", () => {
  let journey: Journey;
  let draftId: string;
  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    draftId = (await services.proposals.createDraft(owner.id)).id;
    await services.proposals.saveAnswers(draftId, owner.id, { ...answersWith({ partnerCountry: "FR" }) });
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("finds Iran by its common name and the United Kingdom as UK, and saves the choice", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Alex Brown");
    const problems: string[] = [];
    page.on("console", (message) => problems.push(message.text()));
    page.on("pageerror", (error) => problems.push(error.message));
    await page.goto(`${journey.baseUrl}/proposals/${draftId}/countries`);
    await expect.poll(() => page.locator("input.autocomplete__input").count()).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    const input = page.getByRole("combobox", { name: "Partner's country" });
    await expect.poll(() => input.count()).toBe(1);
    expect(await input.inputValue()).toBe("France");
    await input.fill("UK");
    await expect.poll(() => page.locator(".autocomplete__option").first().textContent()).toBe("United Kingdom");
    await input.fill("iran");
    await expect
      .poll(() => page.locator(".autocomplete__option").first().textContent())
      .toBe("Iran (Islamic Republic of Iran)");
    await visit(page, "country-autocomplete-01-iran");
    await page.locator(".autocomplete__option").first().click();
    await page.getByRole("button", { name: /Save and continue|Continue/ }).click();
    await expect
      .poll(async () => {
        const draft = await journey.testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: draftId } });
        return (draft.answers as Record<string, unknown>).partnerCountry;
      })
      .toBe("IR");
    await page.context().close();
  });
});
