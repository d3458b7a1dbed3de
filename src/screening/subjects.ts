// Who is screened for a case: the partner, the organisation or state that owns or controls
// it (its parent, when the proposer named it) and the funder, read from the case's stored
// answers. Pure.
import { questionApplies } from "../domain/questions";
import { normaliseName } from "./normalise";
import type { ScreeningQuery } from "./scorer";

export const subjectRoles = ["partner", "parent", "funder"] as const;
export type SubjectRole = (typeof subjectRoles)[number];

export interface Subject extends ScreeningQuery {
  role: SubjectRole;
}

const textAnswer = (answers: Record<string, unknown>, id: string): string | undefined => {
  const value = answers[id];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
};

/** Partner and funder types the form offers that are people, not organisations. */
const personTypes = new Set(["individual"]);
/** Types that say nothing either way. */
const unknownTypes = new Set(["other"]);

function subjectType(type: string | undefined): Subject["type"] {
  if (!type || unknownTypes.has(type)) return undefined;
  return personTypes.has(type) ? "person" : "organisation";
}

export function subjectsFromAnswers(answers: Record<string, unknown>): Subject[] {
  const subjects: Subject[] = [];
  const partnerName = textAnswer(answers, "partnerName");
  if (partnerName) {
    subjects.push({
      role: "partner",
      name: partnerName,
      country: textAnswer(answers, "partnerCountry"),
      type: subjectType(textAnswer(answers, "partnerType")),
    });
  }
  // Only while the answers say the partner is owned or controlled (a name kept from an earlier
  // answer is not a party).
  const parentName = questionApplies("partnerParentName", answers)
    ? textAnswer(answers, "partnerParentName")
    : undefined;
  if (parentName) {
    subjects.push({
      role: "parent",
      name: parentName,
      country: textAnswer(answers, "partnerParentCountry"),
      type: "organisation",
    });
  }
  const funderName = answers.hasFunding === "yes" ? textAnswer(answers, "funderName") : undefined;
  if (funderName) {
    const funder: Subject = {
      role: "funder",
      name: funderName,
      country: textAnswer(answers, "funderCountry"),
      type: subjectType(textAnswer(answers, "funderType")),
    };
    // The partner funding itself under the same name is one party, screened once.
    const same = subjects.some((subject) => subjectKey(subject) === subjectKey(funder));
    if (!same) subjects.push(funder);
  }
  return subjects;
}

/** What identifies a screened party for remembering its matches: its name as compared, and country. */
export function subjectKey(subject: Pick<Subject, "name" | "country">): string {
  return `${normaliseName(subject.name).normalised}|${subject.country ?? ""}`;
}
