// Nobody acts in an office on their own proposal: what the page tells them instead.
import type { CaseAction } from "../domain/caseStates";

const whoInstead: Record<CaseAction, string> = {
  assign: "another SPO officer must assign it",
  requestInformation: "another SPO officer must ask for more information",
  resubmit: "only the proposer resubmits it",
  addRoute: "another SPO officer must change its review routes",
  removeRoute: "another SPO officer must change its review routes",
  recordReview: "another reviewer of that route must record the review",
  signOff: "another head of the unit, or an SPO officer, must sign it off",
  returnToProposer: "another head of the unit, or an SPO officer, must return it",
  decide: "another SPO officer must record the decision",
  withdraw: "only the proposer withdraws it",
  addNote: "another SPO officer must add notes to it",
};

export function whoMustActInstead(action: CaseAction): string {
  return `You proposed this case, so you cannot act on it for the office: ${whoInstead[action]}.`;
}
