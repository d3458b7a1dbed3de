// The proposal form in Chromium, as Alex Brown fills it in: every page screenshotted and
// checked with axe, one page shown with its errors, check your answers and the
// confirmation. Then the same journey with JavaScript turned off (docs/product.md: "It must
// work with JavaScript turned off").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { steps } from "../../src/proposals/form/steps";
import { presentationOf } from "../../src/domain/questionCatalogue";
import { russianCollaboration } from "../proposals/formAnswers";

/** The question a form field belongs to (a date's day, month and year boxes: the date). */
const questionOf = (name: string) => name.replace(/-(day|month|year)$/, "");

/** Fills a page's fields as a person would: typing, choosing, ticking. */
async function fillIn(page: Page, fields: Record<string, string | string[]>): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    switch (presentationOf(questionOf(name)).kind) {
      case "radios":
        await page.locator(`input[type=radio][name="${name}"][value="${values[0]}"]`).check();
        break;
      case "checkboxes":
        for (const item of values) await page.locator(`input[type=checkbox][name="${name}"][value="${item}"]`).check();
        break;
      case "department":
        await page.locator(`select[name="${name}"]`).selectOption(values[0]!);
        break;
      case "country":
        await chooseCountry(page, page.locator(`select[name="${name}"]`), values[0]!);
        break;
      case "countryList":
        for (const [slot, item] of values.entries()) {
          if (item) await chooseCountry(page, page.locator(`select[name="${name}"]`).nth(slot), item);
        }
        break;
      default:
        await page.locator(`[name="${name}"]`).fill(values[0]!);
    }
  }
}

/**
 * A country, as a person chooses it: from the plain select without JavaScript; with it,
 * by typing its name into the type-ahead that hides the select, and picking it from the list.
 */
async function chooseCountry(page: Page, select: Locator, code: string): Promise<void> {
  if (await select.isVisible()) {
    await select.selectOption(code);
    return;
  }
  const name = (await select.locator(`option[value="${code}"]`).textContent())!.trim();
  // accessible-autocomplete gives the select's id to its input and renames the select.
  const id = (await select.getAttribute("id"))!.replace(/-select$/, "");
  await page.locator(`input[id="${id}"]`).fill(name);
  await page.locator(`ul[id="${id}__listbox"]`).getByRole("option", { name, exact: true }).click();
  expect(await select.inputValue()).toBe(code);
}

async function continueTo(page: Page, button: string, path: RegExp): Promise<void> {
  await page.getByRole("button", { name: button }).click();
  await page.waitForURL((url) => path.test(url.pathname));
}

/**
 * The whole journey: home, every page of the form (the first one sent empty first, to see
 * its errors), check your answers, submit, confirmation. Returns the reference.
 */
async function fillInWholeForm(journey: Journey, options: { javaScript: boolean; prefix: string }): Promise<string> {
  const page = await newPage(journey.browser, { javaScript: options.javaScript });
  let number = 0;
  const screen = (slug: string) =>
    visit(page, `${options.prefix}-${String(++number).padStart(2, "0")}-${slug}`, { javaScript: options.javaScript });

  await signIn(page, journey.baseUrl, "Alex Brown");
  expect(new URL(page.url()).pathname).toBe("/");
  await screen("home");
  // The first page of a proposal not yet started: its draft is created when it is saved.
  await continueTo(page, "Start a new proposal", /^\/proposals\/new$/);
  let id = "";

  // Every page that applies to the collaboration (all but an individual partner's nationalities).
  const pages = steps.filter((step) => step.slug in russianCollaboration);
  for (const step of pages) {
    expect(new URL(page.url()).pathname).toBe(id ? `/proposals/${id}/${step.slug}` : "/proposals/new");
    const questionIsHeading = step.questions.length === 1 && !step.guidance;
    const heading = questionIsHeading ? presentationOf(step.questions[0]!).label : step.title;
    expect((await page.locator("h1").textContent())?.trim()).toBe(heading);
    await screen(step.slug);

    if (step.slug === "title") {
      // Sent empty: the errors, linked from the summary, beside each field.
      await page.getByRole("button", { name: "Save and continue" }).click();
      await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
      expect(await page.title()).toMatch(/^Error: /);
      expect(
        await page
          .locator(".govuk-error-summary a")
          .evaluateAll((links) => links.map((link) => link.getAttribute("href"))),
      ).toEqual(["#title", "#summary"]);
      expect(await page.locator("#title-error").textContent()).toContain("Enter a title");
      await screen("title-errors");
      if (options.javaScript) {
        // govuk-frontend moves focus to the summary; its link moves focus to the field.
        await page.getByRole("link", { name: "Enter a title" }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("title");
      }
    }

    await fillIn(page, russianCollaboration[step.slug]!);
    const next = pages[pages.indexOf(step) + 1];
    await continueTo(page, "Save and continue", next ? new RegExp(`/${next.slug}$`) : /\/check-answers$/);
    id ||= new URL(page.url()).pathname.split("/")[2]!;
  }

  expect((await page.locator("h1").textContent())?.trim()).toBe("Check your answers before submitting");
  const partnerCountry = page
    .locator(".govuk-summary-list__row")
    .filter({ has: page.locator(".govuk-summary-list__key", { hasText: /^\s*Partner's country\s*$/ }) })
    .locator(".govuk-summary-list__value");
  expect((await partnerCountry.textContent())?.trim()).toBe("Russian Federation");
  await screen("check-answers");

  await page.getByLabel(/To the best of my knowledge the answers are correct/).check();
  await continueTo(page, "Submit proposal", /\/confirmation$/);
  const panel = (await page.locator(".govuk-panel").textContent()) ?? "";
  expect(panel).toContain("Proposal submitted");
  const reference = /SPO-\d{4}-\d{5}/.exec(panel)?.[0];
  expect(reference).toBeDefined();
  expect(await page.locator("main").textContent()).toContain("CBELA referral");
  await screen("confirmation");

  await page.getByRole("link", { name: "View your proposal" }).click();
  await page.waitForURL((url) => url.pathname === `/proposals/${id}`);
  expect(await page.locator(".govuk-caption-l").textContent()).toContain(reference!);
  await screen("view");
  await page.context().close();
  return reference!;
}

describe("the proposal form, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  // Every page of the form (29 with the second edition's questions), each checked by axe:
  // about 100 s on a quiet two-core machine, so more than the default limit.
  it("takes Alex Brown from the home page through every page to a submitted proposal", async () => {
    await fillInWholeForm(journey, { javaScript: true, prefix: "proposal" });
  }, 300_000);

  it("works the same with JavaScript turned off", async () => {
    const reference = await fillInWholeForm(journey, { javaScript: false, prefix: "proposal-no-js" });
    const { prisma } = journey.testApp.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { reference } });
    expect(proposal.status).toBe("IN_REVIEW");
    expect(await prisma.proposalSubmission.count({ where: { proposalId: proposal.id } })).toBe(1);
    expect(proposal.answers).toMatchObject({
      title: "Quantum sensing for glacier monitoring",
      partnerCountry: "RU",
      otherCountries: ["DE"],
      nsiSectors: [],
    });
  });
});
