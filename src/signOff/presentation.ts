// What the sign-off pages show, in plain words: the case summary, what the rules found,
// and why a sign-off cannot happen when it cannot.
import type { StoredDecision } from "../rules/stored";
import { displayAnswer } from "../proposals/display";
import { routeLabel } from "../domain/reviews";
import { stateTag } from "../domain/caseStates";
import type { StoredAnswers } from "../proposals/proposalService";
import { roleLabels } from "../domain/roles";
import { viewHelpers } from "../views/helpers";
import { isTaskKind, taskLabels } from "../domain/reviews";
import { answerLabels, outcomeLabels, type Refusal, type Signature } from "./signOffService";

type Row = {
  key: { text: string };
  value: { text: string } | { lines: string[] } | { include: string; params: unknown };
};

export interface CaseForSummary {
  reference: string | null;
  title: string;
  status: string;
  submittedAt: Date | null;
  partnerName: string | null;
  owner: { displayName: string };
  department: { name: string; school: { name: string } } | null;
}

export function caseSummaryRows(
  proposal: CaseForSummary,
  answers: StoredAnswers,
  departmentNames: ReadonlyMap<string, string>,
): Row[] {
  const answer = (id: string) => displayAnswer(id, answers[id], departmentNames);
  const status = stateTag(proposal.status);
  const rows: Row[] = [
    { key: { text: "Reference" }, value: { text: proposal.reference ?? "–" } },
    {
      key: { text: "Status" },
      value: { include: "components/tag", params: { text: status.text, classes: status.classes } },
    },
    { key: { text: "Proposer" }, value: { text: proposal.owner.displayName } },
    { key: { text: "Department" }, value: { text: proposal.department?.name ?? "–" } },
    { key: { text: "School" }, value: { text: proposal.department?.school.name ?? "–" } },
    { key: { text: "Partner" }, value: { text: proposal.partnerName ?? "–" } },
  ];
  if (answers.partnerCountry !== undefined)
    rows.push({ key: { text: "Partner's country" }, value: { lines: answer("partnerCountry") } });
  if (answers.engagementType !== undefined)
    rows.push({ key: { text: "Type of engagement" }, value: { lines: answer("engagementType") } });
  if (answers.valueGbp !== undefined)
    rows.push({ key: { text: "Total value to the University" }, value: { lines: answer("valueGbp") } });
  if (answers.startDate !== undefined)
    rows.push({
      key: { text: "Dates" },
      value: { text: `${answer("startDate").join("")} to ${answer("endDate").join("")}` },
    });
  rows.push({ key: { text: "Submitted" }, value: { text: viewHelpers.formatDateTime(proposal.submittedAt) || "–" } });
  return rows;
}

export interface RulesView {
  routes: { label: string; mandatory: boolean; reasons: { text: string; source: string }[]; addedBySpo: boolean }[];
  schoolRequired: boolean;
  schoolReasons: string[];
  advice: { text: string; source: string }[];
  ruleSetVersion: string | null;
}

/** The routes in force (the rules' plus any an officer added), with the rules' reasons. */
export function rulesView(routesInForce: readonly string[], decision: StoredDecision | null): RulesView {
  return {
    routes: routesInForce.map((route) => {
      const found = decision?.routes.find((candidate) => candidate.route === route);
      return {
        label: routeLabel(route),
        mandatory: found?.mandatory ?? true,
        reasons: found?.reasons.map((reason) => ({ text: reason.text, source: reason.source })) ?? [],
        addedBySpo: !found,
      };
    }),
    schoolRequired: decision?.signOff.school ?? false,
    schoolReasons: decision?.signOff.schoolReasons.map((reason) => reason.text) ?? [],
    advice: decision?.advice.map((item) => ({ text: item.text, source: item.source })) ?? [],
    ruleSetVersion: decision?.ruleSetVersion ?? null,
  };
}

const caseStates: Record<string, string> = {
  INFORMATION_REQUESTED:
    "The case is with the proposer, who was asked for more information. You can sign it off once they resubmit it.",
  DECIDED: "A decision has already been recorded on this case, so it can no longer be signed off.",
  WITHDRAWN: "The proposer withdrew this case, so it can no longer be signed off.",
  DRAFT: "The case has not been submitted.",
};

export function refusalMessage(refusal: Refusal): string {
  switch (refusal.reason) {
    case "alreadySigned": {
      const who = refusal.by ?? "someone else";
      const when = refusal.at ? ` on ${viewHelpers.formatDateTime(refusal.at)}` : "";
      const what =
        refusal.outcome && refusal.outcome in outcomeLabels
          ? ` (${outcomeLabels[refusal.outcome as keyof typeof outcomeLabels].toLowerCase()})`
          : "";
      return `This checklist was already signed by ${who}${when}${what}. A signed checklist cannot be signed again or changed, so nothing was changed.`;
    }
    case "ownCase":
      return `You proposed this case, so you cannot sign it off yourself. Another head of ${refusal.unitName} or an SPO officer must sign it.`;
    case "departmentFirst": {
      const why = {
        open: " The department sign-off is still open.",
        returned: " The head of department returned it to the proposer.",
        declined: " The head of department declined it.",
        none: "",
      }[refusal.departmentState];
      return `School sign-off opens once the head of department has approved the case.${why}`;
    }
    case "notInReview":
      return caseStates[refusal.status] ?? "The case is not in review, so it cannot be signed off now.";
    case "checklistChanged":
      return `The checklist was changed (it is now version ${refusal.currentVersion}) while you were answering it, so nothing was signed. Check your answers against the current checklist below and sign again.`;
  }
}

export function signerDescription(signature: Pick<Signature, "role" | "scope">): string {
  return signature.role === "SPO_OFFICER"
    ? `${roleLabels.SPO_OFFICER}, for ${signature.scope.name}`
    : `${roleLabels[signature.role]}, ${signature.scope.name}`;
}

export const outcomeTagClasses: Record<string, string> = {
  approved: "govuk-tag--green",
  returned: "govuk-tag--orange",
  declined: "govuk-tag--red",
};

export function signatureRows(signature: Signature): Row[] {
  return [
    {
      key: { text: "Decision" },
      value: {
        include: "components/tag",
        params: { text: outcomeLabels[signature.decision], classes: outcomeTagClasses[signature.decision] },
      },
    },
    { key: { text: "Signed by" }, value: { text: signature.signerName } },
    { key: { text: "Role" }, value: { text: signerDescription(signature) } },
    { key: { text: "Signed at" }, value: { text: viewHelpers.formatDateTime(signature.signedAt) } },
    { key: { text: "Checklist version" }, value: { text: `Reference data version ${signature.checklistVersion}` } },
    { key: { text: "Comments" }, value: { lines: signature.comment ? signature.comment.split(/\r?\n/) : ["None"] } },
  ];
}

/** The answers other than yes, with their comments: what a later signer most needs to see. */
export function exceptions(signature: Signature): string[] {
  return signature.items.flatMap((item, index) =>
    item.answer === "yes" ? [] : [`Item ${index + 1} (${answerLabels[item.answer].toLowerCase()}): ${item.comment}`],
  );
}

export function signatureItemRows(signature: Signature) {
  return signature.items.map((item, index) => [
    { text: String(index + 1) },
    { text: item.text },
    { text: answerLabels[item.answer] },
    { text: item.comment || "–" },
  ]);
}

export function taskLabel(kind: string): string {
  return isTaskKind(kind) ? taskLabels[kind] : kind;
}
