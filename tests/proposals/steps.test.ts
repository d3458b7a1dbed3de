// Every page of the proposal form, driven by the steps table: what it shows, what it saves
// and where it goes next, and how it refuses what it must (docs/quality.md, "Input and output"):
// each refusal is a 400 that shows the GOV.UK error pattern, keeps what was typed and saves
// nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type Page, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { steps, type Step } from "../../src/proposals/form/steps";
import { presentationOf } from "../../src/domain/questionCatalogue";
import {
  individualCollaboration,
  russianCollaboration,
  russianCollaborationAnswers,
  unfundedCollaboration,
} from "./formAnswers";
import {
  draftAt,
  emptyDraft,
  expectFieldErrors,
  expectFormError,
  expectShownBack,
  shown,
  stepUrl,
  stored,
  type Fields,
} from "./drafts";

/** Answers that are not required: the page saves without them. */
const optionalQuestions = new Set([
  "partnerWebsite",
  "otherCountries",
  "conflictsOfInterestDetails",
  "existingAgreementReference",
  "partnerParentName",
]);
/** Answers given as a list: a repeated field is how a browser sends them. */
const listQuestions = new Set(["otherCountries", "nsiSectors", "partnerNationalities", "visitorNationalities"]);

/** The answers a page is tested with: the Russian collaboration, or the individual partner for the page only it gets. */
const fixtureFor = (slug: string) => (slug in russianCollaboration ? russianCollaboration : individualCollaboration);
const answersFor = (slug: string): Record<string, unknown> =>
  slug in russianCollaboration
    ? russianCollaborationAnswers
    : { ...russianCollaborationAnswers, partnerNationalities: ["RU"] };

/** The fields of a question on the form (a date is three boxes). */
function fieldNames(question: string): string[] {
  return presentationOf(question).kind === "date"
    ? [`${question}-day`, `${question}-month`, `${question}-year`]
    : [question];
}

function without(fields: Fields, question: string): Fields {
  const names = new Set(fieldNames(question));
  return Object.fromEntries(Object.entries(fields).filter(([name]) => !names.has(name)));
}

/** Another answer a person could give, so an array of two is wrong only by being two. */
function anotherAnswer(question: string, value: string): string {
  const presentation = presentationOf(question);
  switch (presentation.kind) {
    case "radios":
      return Object.keys(presentation.options).find((option) => option !== value)!;
    case "country":
      return value === "FR" ? "DE" : "FR";
    case "department":
      return value === "CHEM" ? "ENG" : "CHEM";
    default:
      return question === "valueGbp"
        ? "1000"
        : question === "partnerWebsite"
          ? "https://example.org"
          : "Something else";
  }
}

/** The pages that apply to a step's fixture, in form order. */
function applicable(step: Step): Step[] {
  const fixture = fixtureFor(step.slug);
  return steps.filter((candidate) => candidate.slug in fixture);
}

function nextUrl(id: string, step: Step): string {
  const pages = applicable(step);
  const next = pages[pages.indexOf(step) + 1];
  return next ? stepUrl(id, next.slug) : `/proposals/${id}/check-answers`;
}

function previousUrl(id: string, step: Step): string {
  const pages = applicable(step);
  const previous = pages[pages.indexOf(step) - 1];
  return previous ? stepUrl(id, previous.slug) : "/";
}

const longText = (length: number) => "a".repeat(length);

describe(`every page of the proposal form (${databaseLabel})`, () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await signInAs(testApp.app, "ab123");
  });
  afterAll(() => testApp.close());

  /** Posts a page and checks it was refused without saving anything. */
  async function refused(id: string, slug: string, fields: Fields): Promise<Page> {
    const before = await stored(testApp.services, id);
    const page = await browser.post(stepUrl(id, slug), fields);
    expect(page.status, `POST ${slug} ${JSON.stringify(fields).slice(0, 200)}`).toBe(400);
    expect(await stored(testApp.services, id), "nothing saved").toEqual(before);
    return page;
  }

  describe.each(steps.map((step) => [step.slug, step] as const))("the %s page", (slug, step) => {
    const fixture = fixtureFor(slug);
    const expected = answersFor(slug);
    const valid = fixture[slug]!;
    let id: string;
    beforeAll(async () => {
      // The first page is saved to create a draft: a draft with nothing saved shows it empty.
      id = slug === "title" ? await emptyDraft(testApp.services, "ab123") : await draftAt(browser, slug, fixture);
    });

    it("is shown, empty, once the pages before it are done", async () => {
      const page = await browser.get(stepUrl(id, slug));
      expect(page.status).toBe(200);
      expect(page.$("title").text().startsWith(`${step.title} – `), page.$("title").text()).toBe(true);
      const heading = page.$("h1").text().trim();
      // A one-question page's question is its heading, unless the page has guidance under its own heading.
      const questionIsHeading = step.questions.length === 1 && !step.guidance;
      expect(heading).toBe(questionIsHeading ? presentationOf(step.questions[0]!).label : step.title);
      expect(page.$(".govuk-error-summary").length).toBe(0);
      expect(page.$(".govuk-back-link").attr("href")).toBe(previousUrl(id, step));
      expect(page.$("main form[method=post]").attr("action")).toBe(stepUrl(id, slug));
      expect(page.$('form input[name="_csrf"]').val()).toBeTruthy();
      expect(page.$("main form button").text().trim()).toBe("Save and continue");
      // The department page starts at the proposer's own department (ab123's is ENG).
      expectShownBack(page, step, slug === "department" ? { department: "ENG" } : {});
    });

    it("saves valid answers, goes to the next page and shows them when the page is visited again", async () => {
      const fresh = await draftAt(browser, slug, fixture);
      const saved = await browser.post(stepUrl(fresh, slug), valid);
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(nextUrl(fresh, step));
      const { answers } = await stored(testApp.services, fresh);
      for (const question of step.questions) {
        if (question in expected) expect(answers[question], question).toEqual(expected[question]);
        else expect(answers, question).not.toHaveProperty(question);
      }
      const again = await browser.get(stepUrl(fresh, slug));
      expect(again.status).toBe(200);
      expectShownBack(again, step, slug === "value" ? { valueGbp: "250000" } : valid);
    });

    const required = step.questions.filter((question) => !optionalQuestions.has(question));
    if (required.length > 0)
      it.each(required)("refuses a missing answer to %s", async (question) => {
        const fields = without(valid, question);
        const page = await refused(id, slug, fields);
        expectFieldErrors(page, [{ field: question }]);
        expectShownBack(page, step, fields);
      });

    const single = step.questions.filter((question) => !listQuestions.has(question));
    if (single.length > 0)
      it.each(single)("refuses two different answers to %s (an array where a string is expected)", async (question) => {
        const [name] = fieldNames(question);
        const value = first(valid[name!]);
        const fields = {
          ...valid,
          [name!]: [value, presentationOf(question).kind === "date" ? "2" : anotherAnswer(question, value)],
        };
        const page = await refused(id, slug, fields);
        expectFieldErrors(page, [{ field: question }]);
        expectShownBack(page, step, fields);
      });

    if (single.length > 0)
      it.each(single)("refuses a repeated %s field, even with the same answer twice", async (question) => {
        const names = fieldNames(question);
        const name = names[names.length - 1]!;
        const value = first(valid[name]) || "x";
        const fields = { ...valid, [name]: [value, value] };
        const page = await refused(id, slug, fields);
        expectFieldErrors(page, [{ field: question }]);
        expectShownBack(page, step, fields);
      });

    const chosen = step.questions.filter((question) =>
      ["radios", "checkboxes", "country", "department", "countryList"].includes(presentationOf(question).kind),
    );
    if (chosen.length > 0)
      it.each(chosen)("refuses an answer to %s that is not one of its options", async (question) => {
        const fields = {
          ...valid,
          [question]: presentationOf(question).kind === "department" ? "NOPE" : "not_an_option",
        };
        const page = await refused(id, slug, fields);
        expectFieldErrors(page, [{ field: question }]);
        expectShownBack(page, step, fields);
        expect(shown(page, question), "nothing chosen").toEqual(listQuestions.has(question) ? [] : undefined);
      });

    it("refuses fields the page does not ask for, with a message, keeping the answers", async () => {
      const fields = { ...valid, status: "IN_REVIEW", ownerId: "00000000-0000-4000-8000-000000000000" };
      const page = await refused(id, slug, fields);
      expectFormError(page);
      expectShownBack(page, step, valid);
    });

    it("refuses prototype-shaped field names without polluting anything", async () => {
      for (const name of ["__proto__[polluted]", "constructor[prototype][polluted]", "constructor", "prototype"]) {
        const page = await refused(id, slug, { ...valid, [name]: "yes" });
        expectFormError(page);
        expectShownBack(page, step, valid);
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    // docs/quality.md: "`__proto__` keys → 400 with the form re-shown and the input kept".
    it("refuses a __proto__ field with 400, keeping the answers", async () => {
      const page = await refused(id, slug, withProtoField(valid));
      expectFormError(page);
    });

    it("saves nothing from a __proto__ field", async () => {
      const fresh = await draftAt(browser, slug, fixture);
      const saved = await browser.post(stepUrl(fresh, slug), withProtoField(valid));
      expect([303, 400]).toContain(saved.status);
      const { answers } = await stored(testApp.services, fresh);
      expect(Object.keys(answers)).not.toContain("__proto__");
      expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  describe("the title page", () => {
    const title = steps.find((step) => step.slug === "title")!;
    it("takes a title of 200 characters and a summary of 5,000", async () => {
      const id = await draftAt(browser, "title");
      const saved = await browser.post(stepUrl(id, "title"), { title: longText(200), summary: longText(5000) });
      expect(saved.status).toBe(303);
      const { answers } = await stored(testApp.services, id);
      expect(answers.title).toBe(longText(200));
      expect(answers.summary).toBe(longText(5000));
    });

    it.each([
      ["title", { title: longText(201), summary: "A summary" }, "Title must be 200 characters or fewer"],
      ["summary", { title: "A title", summary: longText(5001) }, "Summary must be 5,000 characters or fewer"],
      ["title", { title: "   ", summary: "A summary" }, "Enter a title"],
      ["summary", { title: "A title", summary: " \n\t " }, "Enter a summary of the collaboration"],
    ])("refuses a %s that is too long or blank", async (field, fields, message) => {
      const id = await draftAt(browser, "title");
      const page = await refused(id, "title", fields);
      expectFieldErrors(page, [{ field, message }]);
      expectShownBack(page, title, fields);
    });

    it("shows markup typed into a field back as text, never as markup", async () => {
      const id = await draftAt(browser, "title");
      const fields = {
        title: `<script>alert("x")</script>${longText(200)}`,
        summary: `</textarea><img src=x onerror=alert(1)>`,
      };
      const page = await refused(id, "title", fields);
      expectShownBack(page, title, fields);
      expect(page.$("script:not([src])").length).toBe(0);
      expect(page.$("img").length).toBe(0);
      expect(page.text).toContain("&lt;/textarea&gt;&lt;img");
    });
  });

  describe("the dates page", () => {
    const dates = steps.find((step) => step.slug === "dates")!;
    const date = (prefix: string, day: string, month: string, year: string) => ({
      [`${prefix}-day`]: day,
      [`${prefix}-month`]: month,
      [`${prefix}-year`]: year,
    });

    it.each([
      [
        "a day that does not exist",
        date("startDate", "31", "2", "2027"),
        "startDate",
        "Start date must be a real date",
      ],
      [
        "29 February in a year that is not a leap year",
        date("startDate", "29", "2", "2027"),
        "startDate",
        "Start date must be a real date",
      ],
      [
        "a month that does not exist",
        date("startDate", "1", "13", "2027"),
        "startDate",
        "Start date must be a real date",
      ],
      ["a missing month", date("startDate", "1", "", "2027"), "startDate", "Start date must be a real date"],
      ["words", date("startDate", "first", "September", "2027"), "startDate", "Start date must be a real date"],
      ["a two-digit year", date("startDate", "1", "9", "27"), "startDate", "Start date must be a real date"],
      ["no start date", date("startDate", "", "", ""), "startDate", "Enter the start date"],
      [
        "an end before the start",
        date("endDate", "31", "8", "2027"),
        "endDate",
        "End date must be the same as or after the start date",
      ],
      [
        "an end date that does not exist",
        date("endDate", "30", "2", "2030"),
        "endDate",
        "End date must be a real date",
      ],
    ])("refuses %s", async (_name, change, field, message) => {
      const id = await draftAt(browser, "dates");
      const fields = { ...russianCollaboration.dates!, ...change };
      const page = await refused(id, "dates", fields);
      expectFieldErrors(page, [{ field, message }]);
      expectShownBack(page, dates, fields);
    });

    it("reports both dates at once, each linked to its day box", async () => {
      const id = await draftAt(browser, "dates");
      const fields = { ...date("startDate", "31", "4", "2027"), ...date("endDate", "", "", "") };
      const page = await refused(id, "dates", fields);
      expectFieldErrors(page, [
        { field: "startDate", message: "Start date must be a real date" },
        { field: "endDate", message: "Enter the end date" },
      ]);
      expectShownBack(page, dates, fields);
    });

    it("takes an end on the same day as the start, and 29 February in a leap year", async () => {
      const id = await draftAt(browser, "dates");
      const saved = await browser.post(stepUrl(id, "dates"), {
        ...date("startDate", "29", "2", "2028"),
        ...date("endDate", " 29 ", "02", "2028"),
      });
      expect(saved.status).toBe(303);
      const { answers } = await stored(testApp.services, id);
      expect(answers).toMatchObject({ startDate: "2028-02-29", endDate: "2028-02-29" });
    });
  });

  describe("the value page", () => {
    const value = steps.find((step) => step.slug === "value")!;
    it.each([
      ["-5", "Total value must be 0 or more"],
      ["1.5", "Total value must be a whole number of pounds"],
      ["ten thousand", "Enter the total value in pounds"],
      ["", "Enter the total value in pounds"],
    ])("refuses %j", async (typed, message) => {
      const id = await draftAt(browser, "value");
      const page = await refused(id, "value", { valueGbp: typed });
      expectFieldErrors(page, [{ field: "valueGbp", message }]);
      expectShownBack(page, value, { valueGbp: typed });
    });

    it.each([
      ["0", 0],
      ["£1,000,000", 1_000_000],
      [" 12 500 ", 12_500],
    ])("takes %j as whole pounds", async (typed, pounds) => {
      const id = await draftAt(browser, "value");
      expect((await browser.post(stepUrl(id, "value"), { valueGbp: typed })).status).toBe(303);
      expect((await stored(testApp.services, id)).answers.valueGbp).toBe(pounds);
    });
  });

  describe("the department page", () => {
    const department = steps.find((step) => step.slug === "department")!;
    it.each(["XYZ", "ENGX", "eng", "<b>"])("refuses %j, which is not a department in the database", async (code) => {
      const id = await draftAt(browser, "department");
      const page = await refused(id, "department", { department: code });
      expectFieldErrors(page, [{ field: "department", message: "Select a department from the list" }]);
      expect(shown(page, "department")).toBeUndefined();
      expectShownBack(page, department, { department: code });
    });

    it("offers the departments in the database and keeps the one chosen", async () => {
      const id = await draftAt(browser, "department");
      const page = await browser.get(stepUrl(id, "department"));
      const codes = page
        .$("select#department option")
        .map((_, element) => page.$(element).attr("value"))
        .get();
      const departments = await testApp.services.prisma.department.findMany({ select: { code: true } });
      expect(codes.filter(Boolean).sort()).toEqual(departments.map((d) => d.code).sort());
      expect((await browser.post(stepUrl(id, "department"), { department: "CHEM" })).status).toBe(303);
      expect(shown(await browser.get(stepUrl(id, "department")), "department")).toBe("CHEM");
    });
  });

  describe("the partner page", () => {
    const partner = steps.find((step) => step.slug === "partner")!;
    const valid = russianCollaboration.partner!;

    it.each([
      [
        "a name of 201 characters",
        { ...valid, partnerName: longText(201) },
        "partnerName",
        "Partner's name must be 200 characters or fewer",
      ],
      [
        "a javascript: website",
        { ...valid, partnerWebsite: "javascript:alert(document.cookie)" },
        "partnerWebsite",
        /http:\/\/ or https:\/\//,
      ],
      [
        "a JavaScript: website with spaces",
        { ...valid, partnerWebsite: " JavaScript:alert(1)//https://x.org" },
        "partnerWebsite",
        /http:\/\/ or https:\/\//,
      ],
      [
        "a data: website",
        { ...valid, partnerWebsite: "data:text/html,<script>alert(1)</script>" },
        "partnerWebsite",
        /http:\/\/ or https:\/\//,
      ],
      [
        "a protocol-relative website",
        { ...valid, partnerWebsite: "//evil.example" },
        "partnerWebsite",
        /http:\/\/ or https:\/\//,
      ],
      [
        "an ftp: website",
        { ...valid, partnerWebsite: "ftp://files.example.org" },
        "partnerWebsite",
        /http:\/\/ or https:\/\//,
      ],
    ])("refuses %s", async (_name, fields, field, message) => {
      const id = await draftAt(browser, "partner");
      const page = await refused(id, "partner", fields);
      expectFieldErrors(page, [{ field, message }]);
      expectShownBack(page, partner, fields);
      expect(page.$("a[href^='javascript:' i], a[href^='data:' i]").length).toBe(0);
    });

    it.each([
      ["www.example.org", "https://www.example.org"],
      [" partner.example.ac.uk/about ", "https://partner.example.ac.uk/about"],
      ["example.org:8080/x", "https://example.org:8080/x"],
      ["http://example.org", "http://example.org"],
    ])("takes the website %j as %j", async (typed, kept) => {
      const id = await draftAt(browser, "partner");
      expect((await browser.post(stepUrl(id, "partner"), { ...valid, partnerWebsite: typed })).status).toBe(303);
      expect((await stored(testApp.services, id)).answers.partnerWebsite).toBe(kept);
    });

    it("takes a name of 200 characters, and no website; a blank website removes one saved before", async () => {
      const id = await draftAt(browser, "partner");
      expect((await browser.post(stepUrl(id, "partner"), valid)).status).toBe(303);
      expect((await stored(testApp.services, id)).answers.partnerWebsite).toBe("https://english.nsu.ru");
      const saved = await browser.post(stepUrl(id, "partner"), {
        ...valid,
        partnerName: longText(200),
        partnerWebsite: "  ",
      });
      expect(saved.status).toBe(303);
      const { answers, partnerName } = await stored(testApp.services, id);
      expect(answers.partnerName).toBe(longText(200));
      expect(partnerName).toBe(longText(200));
      expect(answers).not.toHaveProperty("partnerWebsite");
    });
  });

  describe("the countries page", () => {
    const countries = steps.find((step) => step.slug === "countries")!;
    it.each([
      [
        "the same other country twice",
        { partnerCountry: "RU", otherCountries: ["DE", "DE", "", "", ""] },
        "otherCountries",
        "Select each country only once",
      ],
      [
        "an other country not in the list",
        { partnerCountry: "RU", otherCountries: ["DE", "XX"] },
        "otherCountries",
        "Select countries from the list",
      ],
      [
        "a lower-case partner country",
        { partnerCountry: "ru", otherCountries: [] as string[] },
        "partnerCountry",
        "Select the partner's country",
      ],
      ["a three-letter partner country", { partnerCountry: "RUS" }, "partnerCountry", "Select the partner's country"],
    ])("refuses %s", async (_name, fields, field, message) => {
      const id = await draftAt(browser, "countries");
      const page = await refused(id, "countries", fields);
      expectFieldErrors(page, [{ field, message }]);
      expectShownBack(page, countries, fields);
    });

    it("keeps the other countries in order, without the blank slots, and none when all are blank", async () => {
      const id = await draftAt(browser, "countries");
      expect(
        (
          await browser.post(stepUrl(id, "countries"), {
            partnerCountry: "RU",
            otherCountries: ["", "FR", "", "KZ", ""],
          })
        ).status,
      ).toBe(303);
      expect((await stored(testApp.services, id)).answers.otherCountries).toEqual(["FR", "KZ"]);
      expect(
        (await browser.post(stepUrl(id, "countries"), { partnerCountry: "RU", otherCountries: ["", "", "", "", ""] }))
          .status,
      ).toBe(303);
      expect((await stored(testApp.services, id)).answers.otherCountries).toEqual([]);
    });
  });

  describe("the connections page", () => {
    const connections = steps.find((step) => step.slug === "connections")!;
    it.each(["yes", "unsure"])("asks for details of conflicts of interest when the answer is %s", async (answer) => {
      const id = await draftAt(browser, "connections");
      const fields = { stateLinks: "no", conflictsOfInterest: answer, conflictsOfInterestDetails: "  " };
      const page = await refused(id, "connections", fields);
      expectFieldErrors(page, [
        { field: "conflictsOfInterestDetails", message: "Give details of the conflicts of interest" },
      ]);
      expectShownBack(page, connections, fields);
      const saved = await browser.post(stepUrl(id, "connections"), {
        ...fields,
        conflictsOfInterestDetails: "A co-investigator advises the funder.",
      });
      expect(saved.status).toBe(303);
      expect((await stored(testApp.services, id)).answers).toMatchObject({
        conflictsOfInterest: answer,
        conflictsOfInterestDetails: "A co-investigator advises the funder.",
      });
    });

    it("refuses details of more than 2,000 characters", async () => {
      const id = await draftAt(browser, "connections");
      const fields = { stateLinks: "no", conflictsOfInterest: "yes", conflictsOfInterestDetails: longText(2001) };
      const page = await refused(id, "connections", fields);
      expectFieldErrors(page, [
        { field: "conflictsOfInterestDetails", message: "Details must be 2,000 characters or fewer" },
      ]);
      expectShownBack(page, connections, fields);
    });

    it("does not ask for details when the answer is no, and drops details given before", async () => {
      const id = await draftAt(browser, "connections");
      expect(
        (
          await browser.post(stepUrl(id, "connections"), {
            stateLinks: "no",
            conflictsOfInterest: "yes",
            conflictsOfInterestDetails: "Some",
          })
        ).status,
      ).toBe(303);
      expect(
        (
          await browser.post(stepUrl(id, "connections"), {
            stateLinks: "no",
            conflictsOfInterest: "no",
            conflictsOfInterestDetails: "Left in the box",
          })
        ).status,
      ).toBe(303);
      const { answers } = await stored(testApp.services, id);
      expect(answers.conflictsOfInterest).toBe("no");
      expect(answers).not.toHaveProperty("conflictsOfInterestDetails");
    });
  });

  describe("the funding pages", () => {
    it("skips the funder pages when there is no funding, and drops funder answers given before", async () => {
      const id = await draftAt(browser, "export-control");
      expect((await stored(testApp.services, id)).answers).toMatchObject({
        funderName: "Arctic Instruments GmbH",
        funderSector: "none_of_these",
      });

      const saved = await browser.post(stepUrl(id, "funding"), { hasFunding: "no" });
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(stepUrl(id, "export-control"));
      const { answers } = await stored(testApp.services, id);
      expect(answers.hasFunding).toBe("no");
      for (const question of [
        "funderName",
        "funderType",
        "funderCountry",
        "funderSector",
        "useRestrictions",
        "valuesConflict",
      ]) {
        expect(answers, question).not.toHaveProperty(question);
      }
      for (const slug of ["funder", "funder-terms"]) {
        const before = await stored(testApp.services, id);
        const page = await browser.get(stepUrl(id, slug));
        expect(page.status, `GET ${slug}`).toBe(303);
        expect(page.location).toBe(stepUrl(id, "export-control"));
        const post = await browser.post(stepUrl(id, slug), russianCollaboration[slug]);
        expect(post.status, `POST ${slug}`).toBe(303);
        expect(post.location).toBe(stepUrl(id, "export-control"));
        expect(await stored(testApp.services, id), `POST ${slug} saved nothing`).toEqual(before);
      }
      const exportControl = await browser.get(stepUrl(id, "export-control"));
      expect(exportControl.$(".govuk-back-link").attr("href")).toBe(stepUrl(id, "funding"));
    });

    it("shows the funder pages, empty, when the answer changes to yes", async () => {
      const id = await draftAt(browser, "export-control", unfundedCollaboration);
      const saved = await browser.post(stepUrl(id, "funding"), { hasFunding: "yes" });
      expect(saved.status).toBe(303);
      expect(saved.location).toBe(stepUrl(id, "funder"));
      const funder = await browser.get(stepUrl(id, "funder"));
      expect(funder.status).toBe(200);
      expect(funder.$(".govuk-back-link").attr("href")).toBe(stepUrl(id, "funding"));
      expectShownBack(
        funder,
        steps.find((step) => step.slug === "funder")!,
        {},
      );
      // The pages after the funder's now wait for them.
      expect((await browser.get(stepUrl(id, "export-control"))).location).toBe(stepUrl(id, "funder"));
      expect((await browser.get(`/proposals/${id}/check-answers`)).location).toBe(stepUrl(id, "funder"));
    });

    it("refuses a funder's name of 201 characters", async () => {
      const id = await draftAt(browser, "funder");
      const fields = { ...russianCollaboration.funder!, funderName: longText(201) };
      const page = await refused(id, "funder", fields);
      expectFieldErrors(page, [{ field: "funderName", message: "Funder's name must be 200 characters or fewer" }]);
      expectShownBack(
        page,
        steps.find((step) => step.slug === "funder")!,
        fields,
      );
    });
  });

  describe("the NSI sectors page", () => {
    const nsi = steps.find((step) => step.slug === "nsi-sectors")!;
    it.each([
      ["none of these with a sector", ["energy", "none"], "Select sectors, or none of these sectors, not both"],
      ["the same sector twice", ["energy", "energy"], "Select each sector only once"],
      ["a sector not in the list", ["energy", "astrology"], "Select sectors from the list"],
    ])("refuses %s", async (_name, sectors, message) => {
      const id = await draftAt(browser, "nsi-sectors");
      const page = await refused(id, "nsi-sectors", { nsiSectors: sectors });
      expectFieldErrors(page, [{ field: "nsiSectors", message }]);
      expectShownBack(page, nsi, { nsiSectors: sectors });
    });

    it("stores none of these as no sectors, and sectors as a list", async () => {
      const id = await draftAt(browser, "nsi-sectors");
      expect((await browser.post(stepUrl(id, "nsi-sectors"), { nsiSectors: "none" })).status).toBe(303);
      expect((await stored(testApp.services, id)).answers.nsiSectors).toEqual([]);
      expect(shown(await browser.get(stepUrl(id, "nsi-sectors")), "nsiSectors")).toEqual(["none"]);
      expect(
        (await browser.post(stepUrl(id, "nsi-sectors"), { nsiSectors: ["quantum_technologies", "energy"] })).status,
      ).toBe(303);
      expect((await stored(testApp.services, id)).answers.nsiSectors).toEqual(["quantum_technologies", "energy"]);
      expect(shown(await browser.get(stepUrl(id, "nsi-sectors")), "nsiSectors")).toEqual([
        "energy",
        "quantum_technologies",
      ]);
    });
  });
});

/** The fields with a `__proto__` field added (an own key, as a tampered form sends it). */
function withProtoField(fields: Fields): Fields {
  const tampered = { ...fields };
  Object.defineProperty(tampered, "__proto__", {
    value: "polluted",
    enumerable: true,
    writable: true,
    configurable: true,
  });
  expect(Object.keys(tampered)).toContain("__proto__");
  return tampered;
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}
