// Helpers for the proposal form's route tests: drafts filled up to a page, what the
// database holds for a proposal, and the GOV.UK error pattern read back from a page.
import { expect } from "vitest";
import type { Browser, Page } from "../helpers/testApp";
import type { Services } from "../../src/services";
import { steps, type Step } from "../../src/proposals/form/steps";
import { presentationOf } from "../../src/domain/questionCatalogue";
import { russianCollaboration } from "./formAnswers";

export type Fields = Record<string, string | string[]>;
export type FormAnswers = Record<string, Fields>;

export const stepUrl = (id: string, slug: string) => `/proposals/${id}/${slug}`;

/** Starts a draft the way the home page does: its first page, saved, creates it; returns its id. */
export async function startDraft(browser: Browser, first: Fields = russianCollaboration.title!): Promise<string> {
  await browser.get("/proposals/new");
  const started = await browser.post("/proposals", first);
  expect(started.status).toBe(303);
  const match = /^\/proposals\/([0-9a-f-]{36})\/[a-z-]+$/.exec(started.location ?? "");
  expect(match, `start redirected to ${started.location}`).not.toBeNull();
  return match![1]!;
}

/** A draft with nothing saved in it, as drafts started before the first save created them. */
export async function emptyDraft(services: Services, username: string): Promise<string> {
  const owner = await services.prisma.user.findUniqueOrThrow({ where: { username } });
  return (await services.proposals.createDraft(owner.id)).id;
}

/**
 * Saves the pages of `answers` in form order, stopping before `stopBefore` (all of them
 * without it). Pages missing from `answers` (funder pages without funding) are skipped.
 */
export async function fillSteps(
  browser: Browser,
  id: string,
  options: { stopBefore?: string; answers?: FormAnswers } = {},
): Promise<void> {
  const answers = options.answers ?? russianCollaboration;
  for (const step of steps) {
    if (step.slug === options.stopBefore) return;
    const fields = answers[step.slug];
    if (!fields) continue;
    const saved = await browser.post(stepUrl(id, step.slug), fields);
    expect(saved.status, `saving ${step.slug}: ${saved.$(".govuk-error-summary").text().replace(/\s+/g, " ")}`).toBe(
      303,
    );
  }
}

/** A draft with every page before `slug` saved. */
export async function draftAt(browser: Browser, slug: string, answers?: FormAnswers): Promise<string> {
  const id = await startDraft(browser);
  await fillSteps(browser, id, { stopBefore: slug, answers });
  return id;
}

/** A draft with every page saved, ready for check answers. */
export async function completeDraft(browser: Browser, answers?: FormAnswers): Promise<string> {
  const id = await startDraft(browser);
  await fillSteps(browser, id, { answers });
  return id;
}

/** What the database holds for a proposal, to show a request changed nothing. */
export async function stored(services: Services, id: string) {
  const { prisma } = services;
  const proposal = await prisma.proposal.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      version: true,
      answers: true,
      reference: true,
      title: true,
      partnerName: true,
      submittedAt: true,
      updatedAt: true,
    },
  });
  const submissions = await prisma.proposalSubmission.count({ where: { proposalId: id } });
  const audit = await prisma.auditEntry.findMany({
    where: { entityId: id },
    select: { action: true },
    orderBy: { id: "asc" },
  });
  return {
    ...proposal,
    answers: proposal.answers as Record<string, unknown>,
    submissions,
    audit: audit.map((entry) => entry.action),
  };
}

// ---------------------------------------------------------------------------------------
// Reading a form page
// ---------------------------------------------------------------------------------------

/** Where the error summary links for a question: the first control (a date's day box). */
export function hrefOf(question: string): string {
  return presentationOf(question).kind === "date" ? `#${question}-day` : `#${question}`;
}

const first = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const attribute = (page: Page, selector: string) => page.$(selector).attr("value") ?? "";

/** What a question's controls show, read the way a person sees them. */
export function shown(page: Page, question: string): unknown {
  const { $ } = page;
  const kind = presentationOf(question).kind;
  switch (kind) {
    case "text":
      return attribute(page, `input#${question}`);
    case "textarea":
      return $(`textarea#${question}`).text();
    case "date":
      return ["day", "month", "year"].map((part) => attribute(page, `input#${question}-${part}`));
    case "radios": {
      const checked = $(`input[type=radio][name="${question}"][checked]`)
        .map((_, element) => $(element).attr("value"))
        .get();
      expect(checked.length, `radios ${question} checked`).toBeLessThanOrEqual(1);
      return checked[0];
    }
    case "checkboxes":
      return $(`input[type=checkbox][name="${question}"][checked]`)
        .map((_, element) => $(element).attr("value"))
        .get();
    case "country":
    case "department": {
      const selected = $(`select#${question} option[selected]`)
        .map((_, element) => $(element).attr("value"))
        .get();
      expect(selected.length, `select ${question} selected`).toBeLessThanOrEqual(1);
      return selected[0];
    }
    case "countryList":
      return $(`select[name="${question}"]`)
        .map((_, element) => $(element).find("option[selected]").attr("value") ?? "")
        .get()
        .filter((code) => code !== "");
  }
}

/** What the page should show back for a question after these fields were posted. */
function expectedShown(page: Page, question: string, fields: Fields): unknown {
  const kind = presentationOf(question).kind;
  // Options are matched by attribute, not by a selector holding the value: `$()` would
  // take a value with markup in it for HTML to create.
  const offered = (value: string | undefined, options: string) =>
    value !== undefined &&
    value !== "" &&
    page.$(options).filter((_, element) => page.$(element).attr("value") === value).length > 0
      ? value
      : undefined;
  switch (kind) {
    case "text":
    case "textarea":
      return first(fields[question]) ?? "";
    case "date":
      return ["day", "month", "year"].map((part) => first(fields[`${question}-${part}`]) ?? "");
    case "radios":
      return offered(first(fields[question]), `input[type=radio][name="${question}"]`);
    case "checkboxes": {
      // A box is ticked or not: a value sent twice ticks it once.
      const ticked = new Set(list(fields[question]));
      return page
        .$(`input[type=checkbox][name="${question}"]`)
        .map((_, element) => page.$(element).attr("value"))
        .get()
        .filter((value) => ticked.has(value));
    }
    case "country":
    case "department":
      return offered(first(fields[question]), `select#${question} option`);
    case "countryList":
      return list(fields[question]).filter((value) => offered(value, `select#${question} option`));
  }
}

/** Every question on the page shows what was posted (a repeated field: its first value). */
export function expectShownBack(page: Page, step: Step, fields: Fields): void {
  for (const question of step.questions) {
    expect(shown(page, question), `${step.slug}: ${question} shown back`).toEqual(
      expectedShown(page, question, fields),
    );
  }
}

/**
 * The GOV.UK error pattern: 400, "Error: " in the title, a summary linking to each field
 * in page order, and the same message beside each field, in the field's form group.
 */
export function expectFieldErrors(page: Page, errors: { field: string; message?: string | RegExp }[]): void {
  const { $ } = page;
  expect(page.status).toBe(400);
  expect($("title").text()).toMatch(/^Error: /);
  const links = $(".govuk-error-summary a")
    .map((_, element) => ({ href: $(element).attr("href"), text: $(element).text().trim() }))
    .get();
  expect(links.map((link) => link.href)).toEqual(errors.map((error) => hrefOf(error.field)));
  for (const [index, error] of errors.entries()) {
    const link = links[index]!;
    if (error.message !== undefined) expect(link.text).toMatch(error.message);
    const beside = $(`#${error.field}-error`);
    expect(beside.length, `message beside ${error.field}`).toBe(1);
    expect(beside.hasClass("govuk-error-message")).toBe(true);
    expect(beside.text().replace(/\s+/g, " ").trim()).toBe(`Error: ${link.text}`);
    expect(
      beside.closest(".govuk-form-group").find(hrefOf(error.field)).length,
      `${error.field}'s control is beside its message`,
    ).toBe(1);
  }
  expect($(".govuk-error-message").length, "no other field has a message").toBe(errors.length);
}

/** A form-level error: the fields sent were not the ones the page asks for. */
export function expectFormError(page: Page): void {
  const { $ } = page;
  expect(page.status).toBe(400);
  expect($("title").text()).toMatch(/^Error: /);
  const links = $(".govuk-error-summary a");
  expect(links.length).toBe(1);
  expect(links.attr("href")).toBe("#main-content");
  expect(links.text()).toMatch(/fields it does not ask for/);
}
