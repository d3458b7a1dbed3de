// The queue as a case-working screen in Chromium: the MoJ filter panel (hidden and shown
// with JavaScript, a plain form without), sorting by column headings, at 1280 and 375 px;
// and no page among the case-working ones wider than a 375 px screen, even with an
// 80-character word in a title.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { checkAccessibility, screenshotDir, signIn, startJourney, visit, type Journey } from "./browser";
import { submittedCase } from "../helpers/cases";

const longWord = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(2).slice(0, 80);

async function pageAt(browser: Browser, width: number, javaScript = true): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width, height: 900 } });
  return context.newPage();
}

const noSideScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

/** What sticks out past the right of the screen (outside a scrolling region): for the message. */
const widest = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
      .filter((element) => !element.closest(".app-table-container"))
      .slice(0, 5)
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} ${Math.round(element.getBoundingClientRect().right)}px`,
      )
      .join("; "),
  );

const queueReferences = (page: Page) =>
  page.locator(".govuk-table__body .govuk-table__row td:first-child a").allTextContents();

describe("the SPO queue in Chromium", () => {
  let journey: Journey;
  let longCase: { id: string; reference: string };
  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    for (const [index, partner] of ["Zeta Corp", "Acme Ltd", "Universität Wien"].entries())
      await submittedCase(services, "ab123", { title: `Workshop ${index}`, partnerName: partner, department: "ENG" });
    longCase = await submittedCase(services, "ab123", {
      title: `${longWord} study`,
      partnerName: `${longWord} Institute`,
      militaryUse: "yes",
      department: "ENG",
    });
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("at 1280 px with JavaScript: the filters beside the cases can be hidden and shown; headings sort", async () => {
    const page = await pageAt(journey.browser, 1280);
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.goto(`${journey.baseUrl}/queue`);
    await expect.poll(() => page.getByRole("button", { name: "Hide filters" }).isVisible()).toBe(true);
    expect(await page.locator("#queue-filter").isVisible()).toBe(true);
    expect(await page.locator("#queue-total").textContent()).toContain("4 cases");
    await visit(page, "queue-01-1280-filters-shown");
    await page.getByRole("button", { name: "Hide filters" }).click();
    await expect.poll(() => page.locator("#queue-filter").isVisible()).toBe(false);
    expect(await page.getByRole("button", { name: "Show filters" }).getAttribute("aria-expanded")).toBe("false");
    // Not visit(): its full-page screenshot resizes the window, and the MoJ toggle shows the
    // filters again whenever the window becomes wide.
    await page.screenshot({ path: `${screenshotDir}/queue-02-1280-filters-hidden.png` });
    await checkAccessibility(page, "queue, filters hidden");
    await page.getByRole("button", { name: "Show filters" }).click();
    await expect.poll(() => page.locator("#queue-filter").isVisible()).toBe(true);

    await page.getByRole("link", { name: "Partner", exact: true }).click();
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toContain("Partner");
    await page.waitForLoadState();
    const partners = await page.locator(".govuk-table__body .govuk-table__row td:nth-child(2)").allTextContents();
    expect(partners.map((text) => text.trim().slice(0, 4))).toEqual(["Acme", longWord.slice(0, 4), "Univ", "Zeta"]);
    await page.getByRole("link", { name: "Partner", exact: true }).click();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toContain("Partner");
    await visit(page, "queue-03-1280-sorted-by-partner-descending");

    await page.getByLabel("Search reference, title or partner").fill("universitat");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => page.locator("#queue-total").textContent()).toContain("1 case");
    // The sort survives filtering.
    expect(new URL(page.url()).searchParams.get("sort")).toBe("partner");
    expect(await noSideScroll(page)).toBe(true);
    await visit(page, "queue-04-1280-searched");
    await page.context().close();
  });

  it("at 375 px with JavaScript: the filters start hidden and open over the cases; nothing overflows", async () => {
    const page = await pageAt(journey.browser, 375);
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.goto(`${journey.baseUrl}/queue`);
    await expect.poll(() => page.getByRole("button", { name: "Show filters" }).isVisible()).toBe(true);
    expect(await page.locator("#queue-filter").isVisible()).toBe(false);
    expect(await noSideScroll(page)).toBe(true);
    await visit(page, "queue-05-375-filters-hidden");
    await page.getByRole("button", { name: "Show filters" }).click();
    await expect.poll(() => page.locator("#queue-filter").isVisible()).toBe(true);
    await visit(page, "queue-06-375-filters-open");
    await page.getByLabel("Route", { exact: true }).selectOption("export_control");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect.poll(() => queueReferences(page)).toEqual([longCase.reference]);
    expect(await noSideScroll(page)).toBe(true);
    await page.context().close();
  });

  for (const width of [1280, 375]) {
    it(`at ${width} px without JavaScript: the filters are a plain form and the headings sort`, async () => {
      const page = await pageAt(journey.browser, width, false);
      await signIn(page, journey.baseUrl, "Priya Raman");
      await page.goto(`${journey.baseUrl}/queue`);
      expect(await page.locator("#queue-filter").isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: /Hide filters|Show filters/ }).count()).toBe(0);
      await visit(page, `queue-07-${width}-no-javascript`, { javaScript: false });
      await page.getByRole("link", { name: "Case", exact: true }).click();
      await page.waitForLoadState();
      expect(await page.locator('th[aria-sort="ascending"]').textContent()).toContain("Case");
      await page.getByRole("link", { name: "Case", exact: true }).click();
      await page.waitForLoadState();
      const references = await queueReferences(page);
      expect(references).toEqual([...references].sort().reverse());
      await page.getByLabel("Search reference, title or partner").fill(longCase.reference.slice(-5));
      await page.getByRole("button", { name: "Apply filters" }).click();
      await page.waitForLoadState();
      expect(await queueReferences(page)).toEqual([longCase.reference]);
      expect(await noSideScroll(page)).toBe(true);
      await visit(page, `queue-08-${width}-no-javascript-searched`, { javaScript: false });
      await page.context().close();
    });
  }

  it("at 375 px no case-working page is wider than the screen, even with an 80-character word", async () => {
    const pages: [string, string, string][] = [
      ["Priya Raman", "/queue", "queue"],
      ["Priya Raman", `/cases/${longCase.id}`, "case"],
      ["Grace Liu", "/reviews", "reviews"],
      ["Dr Helen Okafor", "/sign-off", "sign-off"],
      ["Sian Morgan", "/admin/people", "admin-people"],
      ["Sian Morgan", "/admin", "admin"],
    ];
    for (const [person, path, name] of pages) {
      const page = await pageAt(journey.browser, 375);
      await signIn(page, journey.baseUrl, person);
      await page.goto(`${journey.baseUrl}${path}`);
      expect(new URL(page.url()).pathname, name).toBe(path);
      await visit(page, `overflow-375-${name}`);
      expect(await noSideScroll(page), `${name} is wider than 375 px: ${await widest(page)}`).toBe(true);
      await page.context().close();
    }
  });

  it("checks the queue page with axe at 375 px with the filters open", async () => {
    const page = await pageAt(journey.browser, 375);
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.goto(`${journey.baseUrl}/queue`);
    await page.getByRole("button", { name: "Show filters" }).click();
    await checkAccessibility(page, "queue at 375 px, filters open");
    await page.context().close();
  });
});
