// The case page's screening panel, as a view model: what the lists found for the case's
// parties, each hit explained, and the verdict form for those who may give one.
import { hasAnyRole, hasRole, type CurrentUser } from "../domain/roles";
import type { CaseMatch, CaseScreeningStatus, ListVersionRef, Verdict } from "./screeningService";
import type { SubjectRole } from "./subjects";

export const verdictLabels: Record<Verdict, string> = {
  true_match: "True match",
  not_a_match: "Not a match",
  needs_review: "Needs review",
};

const roleLabels: Record<SubjectRole, string> = { partner: "Partner", parent: "Parent company", funder: "Funder" };
const triggerLabels = { submission: "at submission", on_demand: "on request", list_import: "after a list update" };
const nameTypeLabels: Record<string, string> = {
  primary: "primary name",
  variation: "primary name variation",
  alias: "alias",
};

/** Officers screen and give verdicts; due-diligence reviewers, whose check this is, give verdicts too. */
export const screeningViewerRoles = ["SPO_OFFICER", "REVIEWER_DUE_DILIGENCE"] as const;
export const mayScreen = (user: CurrentUser) => hasRole(user, "SPO_OFFICER");
export const mayGiveVerdicts = (user: CurrentUser) => hasAnyRole(user, screeningViewerRoles);
/** The SPO lead reads what officers read: the panel, without its verdict and screening forms. */
export const mayReadScreening = (user: CurrentUser) => mayGiveVerdicts(user) || hasRole(user, "SPO_LEAD");

export function listVersionText(version: ListVersionRef): string {
  return `${version.sourceLabel}, version ${String(version.number)}${version.reportDate ? ` (report date ${version.reportDate})` : ""}`;
}

function tagOf(match: CaseMatch): { text: string; classes: string } {
  if (match.verdict?.verdict === "true_match") return { text: "True match", classes: "govuk-tag--red" };
  if (match.verdict?.verdict === "not_a_match") return { text: "Not a match", classes: "govuk-tag--grey" };
  if (match.unresolved) return { text: "Needs a verdict", classes: "govuk-tag--orange" };
  return { text: "Below the flag score", classes: "govuk-tag--grey" };
}

export function screeningPanel(
  user: CurrentUser,
  status: CaseScreeningStatus,
  listsInUse: readonly ListVersionRef[],
  names: ReadonlyMap<string, string>,
  caseOpen: boolean,
) {
  return {
    lists: listsInUse.map(listVersionText),
    lastRun: status.lastRun && {
      at: status.lastRun.at,
      how: triggerLabels[status.lastRun.trigger],
    },
    blocksApproval: status.blocksApproval,
    unresolvedCount: status.unresolved.length,
    canScreen: mayScreen(user) && caseOpen && listsInUse.length > 0,
    canGiveVerdicts: mayGiveVerdicts(user),
    verdictItems: (Object.keys(verdictLabels) as Verdict[]).map((value) => ({ value, text: verdictLabels[value] })),
    matches: status.matches.map((match) => ({
      id: match.matchId,
      heading: `${roleLabels[match.role]}: ${match.subjectName}`,
      listedName: match.primaryName,
      tag: tagOf(match),
      score: match.score.toFixed(2),
      flagged: match.flagged,
      rows: [
        { key: "Listed as", value: `${match.primaryName} (${match.entityType})` },
        { key: "List", value: listVersionText(match.listVersion) },
        { key: "Entry", value: match.externalId },
        { key: "Regime", value: match.regime ?? "Not stated" },
        { key: "Sanctions imposed", value: match.sanctionsImposed.join(", ") || "Not stated" },
        {
          key: "Name that matched",
          value: [
            match.matchedName.name,
            `(${[
              nameTypeLabels[match.matchedName.nameType] ?? match.matchedName.nameType,
              match.matchedName.aliasStrength,
              match.matchedName.script,
            ]
              .filter(Boolean)
              .join(", ")})`,
          ].join(" "),
        },
        { key: "Statement of reasons", value: match.statementOfReasons ?? "None published" },
      ],
      features: match.explanation.features.map((feature) => ({
        feature: feature.feature
          .replace(/_/g, " ")
          .replace(/([a-z])([A-Z])/g, "$1 $2")
          .toLowerCase(),
        score: feature.score.toFixed(2),
        detail: feature.detail,
      })),
      alignment: match.explanation.alignment.map((pair) => ({
        query: pair.query,
        listed: pair.listed,
        similarity: pair.similarity.toFixed(2),
        how: pair.how,
      })),
      verdict: match.verdict && {
        label: verdictLabels[match.verdict.verdict],
        by: names.get(match.verdict.byId) ?? "",
        at: match.verdict.at,
        note: match.verdict.note,
      },
      earlierVerdict: match.earlierVerdict && {
        label: verdictLabels[match.earlierVerdict.verdict],
        at: match.earlierVerdict.at,
        note: match.earlierVerdict.note,
      },
    })),
  };
}

export type ScreeningPanel = ReturnType<typeof screeningPanel>;
