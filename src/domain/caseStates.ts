// A case's states and what each allows: the one table the workflow service, the SQL
// filters, the route handlers and the views read. Nothing else names a state's meaning.
import type { ProposalStatus } from "../generated/prisma/enums";
import type { Role } from "./roles";

export const caseStates = ["DRAFT", "IN_REVIEW", "INFORMATION_REQUESTED", "DECIDED", "WITHDRAWN"] as const;
export type CaseState = (typeof caseStates)[number];

// The database's enum and this list must agree: a state added to one only fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const statesMatchTheDatabase: Same<CaseState, ProposalStatus> = true;

interface StateFacts {
  label: string;
  /** govuk-tag modifier for the state's tag. */
  tagClass: string;
  /** Submitted and not yet closed: in the SPO queue's "open" view, and on people's lists. */
  open: boolean;
  /** The proposer may change the answers. */
  editable: boolean;
  /** A case exists (it has been submitted at least once): drafts are not cases. */
  submitted: boolean;
  /** What happens next and who holds it, in the proposer's words. */
  next: { text: string; holder: string };
}

export const stateFacts = {
  DRAFT: {
    label: "Draft",
    tagClass: "govuk-tag--grey",
    open: false,
    editable: true,
    submitted: false,
    next: { text: "Finish the form and submit it", holder: "You" },
  },
  IN_REVIEW: {
    label: "In review",
    tagClass: "govuk-tag--blue",
    open: true,
    editable: false,
    submitted: true,
    next: {
      text: "The SPO is reviewing the proposal; sign-off and reviews run alongside",
      holder: "Strategic Partnerships Office",
    },
  },
  INFORMATION_REQUESTED: {
    label: "Information requested",
    tagClass: "govuk-tag--orange",
    open: true,
    editable: true,
    submitted: true,
    next: { text: "Answer the SPO's request for more information", holder: "You" },
  },
  DECIDED: {
    label: "Decided",
    tagClass: "govuk-tag--green",
    open: false,
    editable: false,
    submitted: true,
    next: { text: "A decision has been recorded", holder: "No one" },
  },
  WITHDRAWN: {
    label: "Withdrawn",
    tagClass: "govuk-tag--grey",
    open: false,
    editable: false,
    submitted: true,
    next: { text: "Withdrawn", holder: "No one" },
  },
} as const satisfies Record<CaseState, StateFacts>;

const statesWhere = (fact: "open" | "editable" | "submitted"): readonly CaseState[] =>
  caseStates.filter((state) => stateFacts[state][fact]);

/** Submitted and not closed. */
export const openStates = statesWhere("open");
/** The proposer may change the answers. */
export const editableStates = statesWhere("editable");
/** Every state of a case that has been submitted (the queue's "all"). */
export const submittedStates = statesWhere("submitted");

export function isCaseState(value: string): value is CaseState {
  return (caseStates as readonly string[]).includes(value);
}

export function isOpen(state: string): boolean {
  return isCaseState(state) && stateFacts[state].open;
}

export function isEditable(state: string): boolean {
  return isCaseState(state) && stateFacts[state].editable;
}

export function stateLabel(state: string): string {
  return isCaseState(state) ? stateFacts[state].label : state;
}

/** What happens next, and who holds it, in the proposer's words. */
export function nextAction(state: string): { text: string; holder: string } {
  return isCaseState(state) ? stateFacts[state].next : { text: state, holder: "No one" };
}

export function stateTag(state: string): { text: string; classes: string } {
  return isCaseState(state)
    ? { text: stateFacts[state].label, classes: stateFacts[state].tagClass }
    : { text: state, classes: "govuk-tag--grey" };
}

/**
 * Who may act: an office-holding role, the proposer ("owner"), a reviewer of the task's
 * review route, or a head of the case's department or school. The workflow service works
 * out which of these a person is for a case and refuses an action none of them may take.
 */
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

export function isAllowedIn(action: CaseAction, state: string): boolean {
  return isCaseState(state) && (transitions[action].from as readonly CaseState[]).includes(state);
}

export function mayAct(action: CaseAction, actors: readonly Actor[]): boolean {
  return (transitions[action].actors as readonly Actor[]).some((actor) => actors.includes(actor));
}

/** For views: which actions the case's state and this person's standing allow. */
export type AllowedActions = Record<CaseAction, boolean>;

export function allowedActions(state: string, actors: readonly Actor[]): AllowedActions {
  return Object.fromEntries(
    caseActions.map((action) => [action, isAllowedIn(action, state) && mayAct(action, actors)]),
  ) as AllowedActions;
}
