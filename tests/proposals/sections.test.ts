// A draft's overview is a task list of the form's sections with their state, and each page
// of the form says which section it is in ("Section 2 of 6: The partner").
import { describe, expect, it } from "vitest";
import { useTestApp, type Browser, type Page } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { sectionCaption, sectionsFor } from "../../src/proposals/form/sections";
import { stepBySlug } from "../../src/proposals/form/steps";
import { completeDraft, draftAt } from "./drafts";
import { russianCollaborationAnswers } from "./formAnswers";

const sectionTitles = [
  "About the collaboration",
  "The partner",
  "Funding",
  "Research and dual use",
  "Intellectual property",
  "Reputation",
];

/** Each row of the task list: its name, whether it links, and its status text. */
function taskList(page: Page) {
  return page
    .$(".govuk-task-list__item")
    .map((_, item) => ({
      name: page.$(item).find(".govuk-task-list__name-and-hint").text().trim(),
      href: page.$(item).find("a.govuk-task-list__link").attr("href") ?? null,
      status: page.$(item).find(".govuk-task-list__status").text().trim(),
    }))
    .get();
}

describe("the form's sections", () => {
  it("are the steps' sections in order, counting only the pages that apply", () => {
    const unfunded = sectionsFor({ hasFunding: "no" });
    expect(unfunded.map((section) => section.title)).toEqual(sectionTitles);
    expect(unfunded[2]!.steps.map((step) => step.slug)).toEqual(["funding"]);
    const funded = sectionsFor({ hasFunding: "yes" });
    expect(funded[2]!.steps.map((step) => step.slug)).toEqual(["funding", "funder", "funder-terms"]);
    expect(sectionCaption(stepBySlug("funder")!, { hasFunding: "yes" })).toBe("Section 3 of 6: Funding");
  });
});

describe(`the task list and the section caption (${databaseLabel})`, () => {
  const test = useTestApp();

  const sectionsPage = async (browser: Browser, id: string) => {
    const page = await browser.get(`/proposals/${id}/sections`);
    expect(page.status).toBe(200);
    return page;
  };

  it("shows a new draft's first section not yet started and the rest unable to start", async () => {
    const owner = await test.fresh("ab123");
    const me = await test.person("ab123");
    const draft = await test.services.proposals.createDraft(me.id);
    const page = await sectionsPage(owner, draft.id);
    expect(page.$("h1").text().trim()).toBe("Untitled draft");
    expect(page.$("#sections-completed").text()).toBe("You have completed 0 of 6 sections.");
    expect(taskList(page)).toEqual([
      { name: sectionTitles[0], href: `/proposals/${draft.id}/title`, status: "Not yet started" },
      ...sectionTitles.slice(1).map((name) => ({ name, href: null, status: "Cannot start yet" })),
    ]);
    expect(page.$('a[href$="/check-answers"]')).toHaveLength(0);
  });

  it("shows a half-done draft's sections completed, in progress and not yet started", async () => {
    const owner = await test.fresh("ab123");
    const id = await draftAt(owner, "countries");
    const page = await sectionsPage(owner, id);
    expect(taskList(page)).toEqual([
      { name: sectionTitles[0], href: `/proposals/${id}/title`, status: "Completed" },
      { name: sectionTitles[1], href: `/proposals/${id}/countries`, status: "In progress" },
      ...sectionTitles.slice(2).map((name) => ({ name, href: null, status: "Cannot start yet" })),
    ]);
    expect(page.$("#sections-completed").text()).toBe("You have completed 1 of 6 sections.");

    const next = await draftAt(owner, "funding");
    expect(taskList(await sectionsPage(owner, next))[2]).toEqual({
      name: "Funding",
      href: `/proposals/${next}/funding`,
      status: "Not yet started",
    });
  });

  it("shows a complete draft's sections all completed, with check your answers", async () => {
    const owner = await test.fresh("ab123");
    const id = await completeDraft(owner);
    const page = await sectionsPage(owner, id);
    expect(taskList(page).map((row) => row.status)).toEqual(sectionTitles.map(() => "Completed"));
    expect(page.$("#sections-completed").text()).toBe("You have completed 6 of 6 sections.");
    expect(page.$("a.govuk-button").attr("href")).toBe(`/proposals/${id}/check-answers`);
  });

  it("is the draft's link from the home page, and each page links to it", async () => {
    const owner = await test.fresh("ab123");
    const id = await draftAt(owner, "partner");
    const home = await owner.get("/");
    expect(home.$(`a[href="/proposals/${id}/sections"]`)).toHaveLength(1);
    const step = await owner.get(`/proposals/${id}/partner`);
    expect(
      step
        .$("a")
        .filter((_, link) => step.$(link).text().trim() === "View all sections")
        .attr("href"),
    ).toBe(`/proposals/${id}/sections`);
  });

  it("captions each page with its section, counting only the sections that apply", async () => {
    const owner = await test.fresh("ab123");
    expect((await owner.get("/proposals/new")).$("#section-caption").text()).toBe(
      "Section 1 of 6: About the collaboration",
    );
    const id = await draftAt(owner, "partner");
    expect((await owner.get(`/proposals/${id}/partner`)).$("#section-caption").text()).toBe(
      "Section 2 of 6: The partner",
    );
    const complete = await completeDraft(owner);
    expect((await owner.get(`/proposals/${complete}/funder`)).$("#section-caption").text()).toBe(
      "Section 3 of 6: Funding",
    );
    expect(sectionCaption(stepBySlug("reputation")!, russianCollaborationAnswers)).toBe("Section 6 of 6: Reputation");
  });

  it("explains export control and the NSI Act on their pages, linking to the guidance in the same tab", async () => {
    const owner = await test.fresh("ab123");
    const id = await completeDraft(owner);
    const expected = {
      "export-control": "https://www.gov.uk/guidance/export-controls-applying-to-academic-research",
      "nsi-sectors":
        "https://www.gov.uk/government/publications/national-security-and-investment-act-guidance-for-the-higher-education-and-research-intensive-sectors",
    };
    for (const [slug, href] of Object.entries(expected)) {
      const page = await owner.get(`/proposals/${id}/${slug}`);
      const guidance = page.$("#step-guidance");
      expect(guidance.find("p").length, slug).toBeGreaterThan(0);
      const link = guidance.find(`a[href="${href}"]`);
      expect(link.text(), slug).toContain("(GOV.UK)");
      expect(link.attr("target"), slug).toBeUndefined();
      // The guidance comes after the page heading and before the first question.
      expect(page.$("h1 + #step-guidance").length, slug).toBe(1);
    }
    expect((await owner.get(`/proposals/${id}/partner`)).$("#step-guidance")).toHaveLength(0);
  });

  it("is only for the draft's owner", async () => {
    const owner = await test.fresh("ab123");
    const id = await draftAt(owner, "partner");
    expect((await (await test.fresh("cd456")).get(`/proposals/${id}/sections`)).status).toBe(404);
  });
});
