// Answers as people read them: option labels, country names, formatted dates and money.
import { countryName } from "../domain/countries";
import { questionIds } from "../domain/questions";
import { viewHelpers } from "../views/helpers";
import { presentationOf, summaryLabelOf } from "../domain/questionCatalogue";
import { applicableSteps, type Step } from "./form/steps";

/** A stored answer as text: answers are strings, numbers or lists of strings; anything else shows as JSON. */
function asText(value: unknown): string {
  return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
    ? String(value)
    : JSON.stringify(value);
}

export function displayAnswer(id: string, value: unknown, departmentNames: ReadonlyMap<string, string>): string[] {
  if (value === undefined || value === null || value === "") return ["Not answered"];
  const presentation = presentationOf(id);
  const text = asText(value);
  const list = Array.isArray(value) ? value.map(asText) : [];
  switch (presentation.kind) {
    case "radios":
      return [presentation.options[text] ?? text];
    case "checkboxes":
      return list.length === 0 ? [presentation.noneOption] : list.map((item) => presentation.options[item] ?? item);
    case "country":
      return [countryName(text)];
    case "countryList":
      return list.length === 0 ? ["None"] : list.map(countryName);
    case "date":
      return [viewHelpers.formatDate(text)];
    case "department":
      return [departmentNames.get(text) ?? text];
    case "text":
      return [id === "valueGbp" ? viewHelpers.formatPounds(Number(value)) : text];
    case "textarea":
      return text.split(/\r?\n/);
  }
}

export interface AnswerRow {
  key: { text: string };
  value: { lines: string[] };
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] };
}

/**
 * The answers as summary-list sections, in form order, only where they apply. With
 * `changeHref` (check your answers) each row gets a Change link, and an unanswered
 * optional question is shown so it can be added.
 */
export function answerSections(
  answers: Record<string, unknown>,
  departmentNames: ReadonlyMap<string, string>,
  changeHref?: (step: Step, question: string) => string,
): { title: string; rows: AnswerRow[] }[] {
  const sections: { title: string; rows: AnswerRow[] }[] = [];
  for (const step of applicableSteps(answers)) {
    let section = sections.find((candidate) => candidate.title === step.section);
    if (!section) sections.push((section = { title: step.section, rows: [] }));
    for (const question of step.questions) {
      if (question === "conflictsOfInterestDetails" && answers.conflictsOfInterest === "no") continue;
      if (question === "partnerWebsite" && !answers.partnerWebsite && !changeHref) continue;
      const row: AnswerRow = {
        key: { text: summaryLabelOf(question) },
        value: { lines: displayAnswer(question, answers[question], departmentNames) },
      };
      if (changeHref) {
        row.actions = {
          items: [
            {
              href: changeHref(step, question),
              text: "Change",
              visuallyHiddenText: summaryLabelOf(question).toLowerCase(),
            },
          ],
        };
      }
      section.rows.push(row);
    }
  }
  return sections;
}

/** The answers that differ between two submissions, as people read them (none without an earlier one). */
export function answerChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  departmentNames: ReadonlyMap<string, string>,
): { label: string; before: string; after: string }[] {
  if (!before) return [];
  return questionIds
    .filter((id) => JSON.stringify(before[id] ?? null) !== JSON.stringify(after[id] ?? null))
    .map((id) => ({
      label: summaryLabelOf(id),
      before: displayAnswer(id, before[id], departmentNames).join(", "),
      after: displayAnswer(id, after[id], departmentNames).join(", "),
    }));
}
