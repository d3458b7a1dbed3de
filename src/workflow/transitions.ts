// The case workflow as a table: which action may happen in which state, by whom, and the
// state it leads to. The service checks every action against it; tests walk every cell.
import type { Role } from "../users/roles";

export const caseStates = ["DRAFT", "IN_REVIEW", "INFORMATION_REQUESTED", "DECIDED", "WITHDRAWN"] as const;
export type CaseState = (typeof caseStates)[number];

/** Who may act: a role, the proposer ("owner"), a reviewer of the task's route, or a head of the case's unit. */
export type Actor = Role | "owner" | "routeReviewer" | "unitHead";

export interface Transition {
  from: readonly CaseState[];
  actors: readonly Actor[];
  /** The state after the action; absent when the state does not change. */
  to?: CaseState;
}

export const transitions = {
  assign: { from: ["IN_REVIEW", "INFORMATION_REQUESTED"], actors: ["SPO_OFFICER"] },
  requestInformation: { from: ["IN_REVIEW"], actors: ["SPO_OFFICER"], to: "INFORMATION_REQUESTED" },
  resubmit: { from: ["INFORMATION_REQUESTED"], actors: ["owner"], to: "IN_REVIEW" },
  addRoute: { from: ["IN_REVIEW", "INFORMATION_REQUESTED"], actors: ["SPO_OFFICER"] },
  removeRoute: { from: ["IN_REVIEW", "INFORMATION_REQUESTED"], actors: ["SPO_OFFICER"] },
  recordReview: { from: ["IN_REVIEW", "INFORMATION_REQUESTED"], actors: ["routeReviewer"] },
  signOff: { from: ["IN_REVIEW"], actors: ["unitHead", "SPO_OFFICER"] },
  returnToProposer: { from: ["IN_REVIEW"], actors: ["unitHead", "SPO_OFFICER"], to: "INFORMATION_REQUESTED" },
  decide: { from: ["IN_REVIEW"], actors: ["SPO_OFFICER"], to: "DECIDED" },
  // A draft is not withdrawn but deleted by its owner (proposalService.deleteDraft): it was never a case.
  withdraw: { from: ["IN_REVIEW", "INFORMATION_REQUESTED"], actors: ["owner"], to: "WITHDRAWN" },
  addNote: { from: ["IN_REVIEW", "INFORMATION_REQUESTED", "DECIDED", "WITHDRAWN"], actors: ["SPO_OFFICER"] },
} as const satisfies Record<string, Transition>;

export type CaseAction = keyof typeof transitions;
export const caseActions = Object.keys(transitions) as CaseAction[];

export const actionLabels: Record<CaseAction, string> = {
  assign: "assign the case",
  requestInformation: "ask the proposer for more information",
  resubmit: "resubmit the proposal",
  addRoute: "add a review route",
  removeRoute: "remove a review route",
  recordReview: "record a review",
  signOff: "sign off the case",
  returnToProposer: "return the case to the proposer",
  decide: "record the decision",
  withdraw: "withdraw the proposal",
  addNote: "add a note",
};

export function isAllowedIn(action: CaseAction, state: CaseState): boolean {
  return (transitions[action].from as readonly CaseState[]).includes(state);
}

export function mayAct(action: CaseAction, actors: readonly Actor[]): boolean {
  return (transitions[action].actors as readonly Actor[]).some((actor) => actors.includes(actor));
}

export const stateLabels: Record<CaseState, string> = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  INFORMATION_REQUESTED: "Information requested",
  DECIDED: "Decided",
  WITHDRAWN: "Withdrawn",
};
