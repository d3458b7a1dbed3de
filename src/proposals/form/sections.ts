// The form's sections, derived from the steps (each step names its section): what the
// task list shows and what each page's caption counts. Only the steps that apply to the
// answers so far count, so a section whose pages are all skipped is not one of them.
import type { StoredAnswers } from "../proposalService";
import { firstIncompleteStep, isStepComplete } from "./stepForms";
import { applicableSteps, type Step } from "./steps";

export type SectionState = "completed" | "inProgress" | "notStarted" | "cannotStart";

export interface Section {
  title: string;
  steps: Step[];
}

export interface SectionProgress extends Section {
  state: SectionState;
  /** The page to go to: the first unfinished one (the first one once complete); none when it cannot start yet. */
  step: Step | null;
}

/** The sections of the pages that apply, in form order. */
export function sectionsFor(answers: StoredAnswers): Section[] {
  const sections: Section[] = [];
  for (const step of applicableSteps(answers)) {
    const last = sections.at(-1);
    if (last?.title === step.section) last.steps.push(step);
    else sections.push({ title: step.section, steps: [step] });
  }
  return sections;
}

/** "Section 3 of 6: Funding" for a page of the form. */
export function sectionCaption(step: Step, answers: StoredAnswers): string {
  const sections = sectionsFor(answers);
  const index = sections.findIndex((section) => section.title === step.section);
  return index === -1 ? step.section : `Section ${index + 1} of ${sections.length}: ${step.section}`;
}

/**
 * Each section's state: completed when every page is, in progress when some are, not yet
 * started when none is and nothing before it is unfinished; otherwise it cannot start yet
 * (the form asks its pages in order).
 */
export function sectionProgress(answers: StoredAnswers): SectionProgress[] {
  const firstIncomplete = firstIncompleteStep(answers);
  let reachable = true;
  return sectionsFor(answers).map((section) => {
    const done = section.steps.filter((step) => isStepComplete(step, answers));
    const unfinished = section.steps.find((step) => !done.includes(step));
    const state: SectionState = !unfinished
      ? "completed"
      : done.length > 0
        ? "inProgress"
        : reachable && firstIncomplete === section.steps[0]
          ? "notStarted"
          : "cannotStart";
    if (unfinished) reachable = false;
    const step = state === "cannotStart" ? null : (unfinished ?? section.steps[0] ?? null);
    return { ...section, state, step };
  });
}
