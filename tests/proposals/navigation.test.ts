// Moving through the form: pages cannot be skipped, check answers and submit wait for every
// page, change links come back to check answers (or go first to a page that now applies),
// and back links go to the page before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type Page, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { steps } from "../../src/proposals/form/steps";
import { summaryLabelOf } from "../../src/domain/questionCatalogue";
import { individualCollaboration, russianCollaboration, unfundedCollaboration } from "./formAnswers";
import { completeDraft, draftAt, emptyDraft, expectFieldErrors, hrefOf, stepUrl, stored } from "./drafts";

const checkAnswersUrl = (id: string) => `/proposals/${id}/check-answers`;
const submitUrl = (id: string) => `/proposals/${id}/submit`;

/** Check answers' rows: the question, the answer shown and where its change link goes. */
function summaryRows(page: Page) {
  const { $ } = page;
  return $(".govuk-summary-list__row")
    .map((_, row) => ({
      key: $(row).find(".govuk-summary-list__key").text().trim(),
      value: $(row).find(".govuk-summary-list__value").text().replace(/\s+/g, " ").trim(),
      change: $(row).find(".govuk-summary-list__actions a").attr("href"),
    }))
    .get();
}

function rowValue(page: Page, key: string): string | undefined {
  return summaryRows(page).find((row) => row.key === key)?.value;
}

describe(`moving through the proposal form (${databaseLabel})`, () => {
  let testApp: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    browser = await signInAs(testApp.app, "ab123");
  });
  afterAll(() => testApp.close());

  describe("pages cannot be skipped", () => {
    it("sends every later page of a new draft, shown or saved, to the first page and saves nothing", async () => {
      const id = await emptyDraft(testApp.services, "ab123");
      const before = await stored(testApp.services, id);
      for (const step of steps.slice(1)) {
        const page = await browser.get(stepUrl(id, step.slug));
        expect(page.status, `GET ${step.slug}`).toBe(303);
        expect(page.location).toBe(stepUrl(id, "title"));
        const saved = await browser.post(stepUrl(id, step.slug), russianCollaboration[step.slug]);
        expect(saved.status, `POST ${step.slug}`).toBe(303);
        expect(saved.location).toBe(stepUrl(id, "title"));
      }
      expect(await stored(testApp.services, id)).toEqual(before);
    });

    it("sends the pages after an unfinished one to it, and still shows the pages already done", async () => {
      const id = await draftAt(browser, "overseas-activity");
      const before = await stored(testApp.services, id);
      const index = steps.findIndex((step) => step.slug === "overseas-activity");
      for (const step of steps.slice(0, index + 1)) {
        expect((await browser.get(stepUrl(id, step.slug))).status, `GET ${step.slug}`).toBe(200);
      }
      for (const step of steps.slice(index + 1)) {
        const page = await browser.get(stepUrl(id, step.slug));
        expect([page.status, page.location], `GET ${step.slug}`).toEqual([303, stepUrl(id, "overseas-activity")]);
        const saved = await browser.post(stepUrl(id, step.slug), russianCollaboration[step.slug]);
        expect([saved.status, saved.location], `POST ${step.slug}`).toEqual([303, stepUrl(id, "overseas-activity")]);
      }
      expect(await stored(testApp.services, id)).toEqual(before);
    });

    it("keeps check answers and submit closed until every page is done: no submission, reference or audit entry", async () => {
      const id = await draftAt(browser, "reputation");
      const check = await browser.get(checkAnswersUrl(id));
      expect([check.status, check.location]).toEqual([303, stepUrl(id, "reputation")]);
      const submitted = await browser.post(submitUrl(id), { declaration: "confirmed" });
      expect([submitted.status, submitted.location]).toEqual([303, stepUrl(id, "reputation")]);
      const withoutDeclaration = await browser.post(submitUrl(id), {});
      expect([withoutDeclaration.status, withoutDeclaration.location]).toEqual([303, stepUrl(id, "reputation")]);
      const after = await stored(testApp.services, id);
      expect(after).toMatchObject({
        status: "DRAFT",
        reference: null,
        submittedAt: null,
        submissions: 0,
        audit: ["proposal.draft_created"],
      });
      expect(await testApp.services.prisma.referenceCounter.count()).toBe(0);
      const confirmation = await browser.get(`/proposals/${id}/confirmation`);
      expect([confirmation.status, confirmation.location]).toEqual([303, `/proposals/${id}`]);
    });

    it("sends check answers and submit of a new draft to the first page", async () => {
      const id = await emptyDraft(testApp.services, "ab123");
      expect((await browser.get(checkAnswersUrl(id))).location).toBe(stepUrl(id, "title"));
      expect((await browser.post(submitUrl(id), { declaration: "confirmed" })).location).toBe(stepUrl(id, "title"));
      expect(await stored(testApp.services, id)).toMatchObject({
        status: "DRAFT",
        reference: null,
        submissions: 0,
        audit: ["proposal.draft_created"],
      });
    });
  });

  describe("change links on check answers", () => {
    it("link every answer to its page, in change mode, at the question's first control", async () => {
      const id = await completeDraft(browser);
      const check = await browser.get(checkAnswersUrl(id));
      expect(check.status).toBe(200);
      const rows = summaryRows(check);
      // Every page applies to the fixture but the nationalities page (an individual partner's).
      const expected = steps.flatMap((step) =>
        (step.slug === "nationalities" ? [] : step.questions)
          .filter((question) => question !== "conflictsOfInterestDetails")
          .map((question) => ({
            key: summaryLabelOf(question),
            change: `${stepUrl(id, step.slug)}?change=1${hrefOf(question)}`,
          })),
      );
      expect(rows.map(({ key, change }) => ({ key, change }))).toEqual(expected);
      for (const row of rows) {
        const [path, anchor] = row.change!.split("#");
        const page = await browser.get(path!);
        expect(page.status, path).toBe(200);
        expect(page.$(`#${anchor}`).length, `${path} has #${anchor}`).toBe(1);
        expect(page.$(".govuk-back-link").attr("href")).toBe(checkAnswersUrl(id));
        expect(page.$("main form[method=post]").attr("action")).toBe(path);
      }
    });

    it("come back to check answers after saving, with the new answer", async () => {
      const id = await completeDraft(browser);
      const saved = await browser.post(`${stepUrl(id, "title")}?change=1`, {
        title: "Glacier sensing, phase two",
        summary: "Joint fieldwork.",
      });
      expect([saved.status, saved.location]).toEqual([303, checkAnswersUrl(id)]);
      const check = await browser.follow(saved);
      expect(rowValue(check, "Title")).toBe("Glacier sensing, phase two");
      expect((await stored(testApp.services, id)).title).toBe("Glacier sensing, phase two");

      const dates = await browser.post(`${stepUrl(id, "dates")}?change=1`, {
        "startDate-day": "1",
        "startDate-month": "10",
        "startDate-year": "2027",
        "endDate-day": "30",
        "endDate-month": "9",
        "endDate-year": "2030",
      });
      expect(dates.location).toBe(checkAnswersUrl(id));
      expect(rowValue(await browser.follow(dates), "End date")).toBe("30 September 2030");
    });

    it("stay in change mode when the new answer is refused", async () => {
      const id = await completeDraft(browser);
      const before = await stored(testApp.services, id);
      const page = await browser.post(`${stepUrl(id, "connections")}?change=1`, {
        stateLinks: "no",
        conflictsOfInterest: "yes",
        conflictsOfInterestDetails: "",
      });
      expectFieldErrors(page, [
        { field: "conflictsOfInterestDetails", message: "Give details of the conflicts of interest" },
      ]);
      expect(page.$("main form[method=post]").attr("action")).toBe(`${stepUrl(id, "connections")}?change=1`);
      expect(page.$(".govuk-back-link").attr("href")).toBe(checkAnswersUrl(id));
      expect(await stored(testApp.services, id)).toEqual(before);
      const saved = await browser.post(`${stepUrl(id, "connections")}?change=1`, {
        stateLinks: "no",
        conflictsOfInterest: "yes",
        conflictsOfInterestDetails: "A director sits on the funder's board.",
      });
      expect(saved.location).toBe(checkAnswersUrl(id));
      expect(rowValue(await browser.follow(saved), "Conflicts of interest: details")).toBe(
        "A director sits on the funder's board.",
      );
    });

    it("go first to the funder pages when funding changes from no to yes, then back to check answers", async () => {
      const id = await completeDraft(browser, unfundedCollaboration);
      const before = await browser.get(checkAnswersUrl(id));
      expect(before.status).toBe(200);
      expect(rowValue(before, "Funder's name")).toBeUndefined();

      const funding = await browser.post(`${stepUrl(id, "funding")}?change=1`, { hasFunding: "yes" });
      expect([funding.status, funding.location]).toEqual([303, `${stepUrl(id, "funder")}?change=1`]);
      // Check answers waits for the pages that now apply.
      expect((await browser.get(checkAnswersUrl(id))).location).toBe(stepUrl(id, "funder"));
      expect((await browser.post(submitUrl(id), { declaration: "confirmed" })).location).toBe(stepUrl(id, "funder"));

      const funderPage = await browser.follow(funding);
      expect(funderPage.status).toBe(200);
      expect(funderPage.$("main form[method=post]").attr("action")).toBe(`${stepUrl(id, "funder")}?change=1`);
      const funder = await browser.post(`${stepUrl(id, "funder")}?change=1`, russianCollaboration.funder);
      expect([funder.status, funder.location]).toEqual([303, `${stepUrl(id, "funder-terms")}?change=1`]);
      const terms = await browser.post(`${stepUrl(id, "funder-terms")}?change=1`, russianCollaboration["funder-terms"]);
      expect([terms.status, terms.location]).toEqual([303, checkAnswersUrl(id)]);

      const after = await browser.follow(terms);
      expect(after.status).toBe(200);
      expect(rowValue(after, "Funder's name")).toBe("Arctic Instruments GmbH");
      expect(rowValue(after, "Funder's sector")).toBe("None of these");
      expect((await stored(testApp.services, id)).submissions).toBe(0);
    });

    it("drop the funder's answers and rows when funding changes from yes to no", async () => {
      const id = await completeDraft(browser);
      const saved = await browser.post(`${stepUrl(id, "funding")}?change=1`, { hasFunding: "no" });
      expect([saved.status, saved.location]).toEqual([303, checkAnswersUrl(id)]);
      const check = await browser.follow(saved);
      expect(rowValue(check, "Funded")).toBe("No");
      for (const key of ["Funder's name", "Type of funder", "Funder's country", "Funder's sector"]) {
        expect(rowValue(check, key), key).toBeUndefined();
      }
      const { answers } = await stored(testApp.services, id);
      expect(Object.keys(answers).filter((key) => key.startsWith("funder"))).toEqual([]);
      expect(answers).not.toHaveProperty("useRestrictions");
      expect(answers).not.toHaveProperty("valuesConflict");
    });
  });

  describe("the second edition's questions, each only where it applies", () => {
    it("asks an individual partner's nationalities, and not who owns it", async () => {
      const id = await draftAt(browser, "countries", individualCollaboration);
      const countries = await browser.post(stepUrl(id, "countries"), individualCollaboration.countries);
      expect(countries.location).toBe(stepUrl(id, "other-participants"));
      const others = await browser.post(stepUrl(id, "other-participants"), {
        otherParticipantsRelationship: "some_new",
      });
      expect(others.location).toBe(stepUrl(id, "nationalities"));
      for (const slug of ["ownership", "owner-country"])
        expect((await browser.get(stepUrl(id, slug))).location, slug).toBe(stepUrl(id, "nationalities"));

      const missing = await browser.post(stepUrl(id, "nationalities"), { partnerNationalities: ["", "", ""] });
      expect(missing.status).toBe(400);
      expectFieldErrors(missing, [{ field: "partnerNationalities", message: "Select at least one nationality" }]);
      const typed = { partnerNationalities: ["UA", "XX", ""] };
      const wrong = await browser.post(stepUrl(id, "nationalities"), typed);
      expect(wrong.status).toBe(400);
      expect(wrong.$("#partnerNationalities option[selected]").val()).toBe("UA");

      const saved = await browser.post(stepUrl(id, "nationalities"), { partnerNationalities: ["UA", "PL", ""] });
      expect(saved.location).toBe(stepUrl(id, "relationship"));
      expect((await stored(testApp.services, id)).answers.partnerNationalities).toEqual(["UA", "PL"]);
    });

    it("asks for the owner's country only when the partner is owned or controlled", async () => {
      const id = await draftAt(browser, "ownership");
      const page = await browser.get(stepUrl(id, "ownership"));
      expect(
        page
          .$("input[name=partnerOwnership]")
          .map((_, input) => page.$(input).val())
          .get(),
      ).toEqual(["independent", "part_of_group", "state_owned_or_controlled", "unsure"]);
      const independent = await browser.post(stepUrl(id, "ownership"), { partnerOwnership: "independent" });
      expect(independent.location).toBe(stepUrl(id, "relationship"));
      expect((await browser.get(stepUrl(id, "owner-country"))).location).toBe(stepUrl(id, "relationship"));

      const owned = await browser.post(stepUrl(id, "ownership"), { partnerOwnership: "state_owned_or_controlled" });
      expect(owned.location).toBe(stepUrl(id, "owner-country"));
      const blank = await browser.post(stepUrl(id, "owner-country"), {
        partnerParentName: "",
        partnerParentCountry: "",
      });
      expect(blank.status).toBe(400);
      // The page shown again keeps the whole navigation (the attention link, uncounted).
      expect(blank.$(".app-nav a[href='/#attention']").text()).toBe("Needs your attention");
      expectFieldErrors(blank, [
        {
          field: "partnerParentCountry",
          message: "Select the country of the organisation or state that owns or controls the partner",
        },
      ]);
      // The owner's name is optional: blank is kept as not given.
      const noName = await browser.post(stepUrl(id, "owner-country"), {
        partnerParentName: "",
        partnerParentCountry: "CN",
      });
      expect(noName.status).toBe(303);
      expect((await stored(testApp.services, id)).answers.partnerParentName).toBe("");
    });

    it("asks for the agreement's reference only for an existing agreement, and takes it blank", async () => {
      const id = await draftAt(browser, "relationship");
      const fresh = await browser.post(stepUrl(id, "relationship"), { relationship: "new" });
      expect(fresh.location).toBe(stepUrl(id, "connections"));
      expect((await browser.get(stepUrl(id, "agreement"))).location).toBe(stepUrl(id, "connections"));

      const existing = await browser.post(stepUrl(id, "relationship"), { relationship: "existing_with_agreement" });
      expect(existing.location).toBe(stepUrl(id, "agreement"));
      const tooLong = { existingAgreementReference: "R".repeat(101) };
      const refused = await browser.post(stepUrl(id, "agreement"), tooLong);
      expect(refused.status).toBe(400);
      expectFieldErrors(refused, [
        { field: "existingAgreementReference", message: "Agreement reference must be 100 characters or fewer" },
      ]);
      expect(refused.$("#existingAgreementReference").val()).toBe("R".repeat(101));
      const saved = await browser.post(stepUrl(id, "agreement"), {
        existingAgreementReference: "  SPO-AGR-2023-0042 ",
      });
      expect(saved.location).toBe(stepUrl(id, "connections"));
      expect((await stored(testApp.services, id)).answers.existingAgreementReference).toBe("SPO-AGR-2023-0042");
    });

    it("asks about the other participants only when there are other countries", async () => {
      const id = await draftAt(browser, "countries");
      const none = await browser.post(stepUrl(id, "countries"), { partnerCountry: "RU", otherCountries: ["", ""] });
      expect(none.location).toBe(stepUrl(id, "ownership"));
      expect((await browser.get(stepUrl(id, "other-participants"))).location).toBe(stepUrl(id, "ownership"));
    });

    it("asks the visitors' nationalities only when researchers visit", async () => {
      const id = await draftAt(browser, "access-and-travel");
      const none = await browser.post(stepUrl(id, "access-and-travel"), {
        facilityAccess: "no",
        travel: "no",
        visitingResearchers: "no",
      });
      expect(none.location).toBe(stepUrl(id, "intellectual-property"));
      expect((await browser.get(stepUrl(id, "visitors"))).location).toBe(stepUrl(id, "intellectual-property"));
    });

    it("asks the funder's relationship on the funder's page, only with funding", async () => {
      const funded = await draftAt(browser, "funder");
      const page = await browser.get(stepUrl(funded, "funder"));
      expect(page.$("input[name=funderRelationship]").length).toBe(3);
      const unfunded = await completeDraft(browser, unfundedCollaboration);
      expect((await browser.get(stepUrl(unfunded, "funder"))).location).toBe(checkAnswersUrl(unfunded));
    });

    it("flags a UK public funder outside the UK on check answers, linking to the funder's country", async () => {
      const id = await completeDraft(browser, {
        ...russianCollaboration,
        funder: { ...russianCollaboration.funder!, funderType: "uk_public", funderCountry: "RU" },
      });
      const check = await browser.get(checkAnswersUrl(id));
      expect(check.status).toBe(200);
      expect(check.$(".govuk-warning-text").text()).toContain(
        "You said the funder is a UK public body or research council but gave a country outside the UK (Russian Federation)",
      );
      expect(check.$("a:contains('Change the funder')").attr("href")).toBe(
        `${stepUrl(id, "funder")}?change=1#funderCountry`,
      );
      const quiet = await completeDraft(browser);
      expect((await browser.get(checkAnswersUrl(quiet))).$(".govuk-warning-text").length).toBe(0);
    });
  });

  describe("back links", () => {
    it("go to the page before, skipping pages that do not apply; the first page's goes home", async () => {
      for (const answers of [russianCollaboration, unfundedCollaboration, individualCollaboration]) {
        const id = await completeDraft(browser, answers);
        const applicable = steps.filter((step) => answers[step.slug]);
        for (const [index, step] of applicable.entries()) {
          const page = await browser.get(stepUrl(id, step.slug));
          const previous = applicable[index - 1];
          expect(page.$(".govuk-back-link").attr("href"), step.slug).toBe(previous ? stepUrl(id, previous.slug) : "/");
        }
        const check = await browser.get(checkAnswersUrl(id));
        expect(check.$(".govuk-back-link").attr("href")).toBe(stepUrl(id, "reputation"));
      }
    });
  });
});
