import { describe, expect, it } from "vitest";
import {
  caseActions,
  caseStates,
  isAllowedIn,
  mayAct,
  transitions,
  type Actor,
  type CaseAction,
  type CaseState,
} from "../../src/workflow/transitions";

// The whole table, written out the other way round (by state), so a change to one is a
// visible change to the other.
const allowedByState: Record<CaseState, CaseAction[]> = {
  DRAFT: [],
  IN_REVIEW: [
    "assign",
    "requestInformation",
    "addRoute",
    "removeRoute",
    "recordReview",
    "signOff",
    "returnToProposer",
    "decide",
    "withdraw",
    "addNote",
  ],
  INFORMATION_REQUESTED: ["assign", "resubmit", "addRoute", "removeRoute", "recordReview", "withdraw", "addNote"],
  DECIDED: ["addNote"],
  WITHDRAWN: ["addNote"],
};

const actorsByAction: Record<CaseAction, Actor[]> = {
  assign: ["SPO_OFFICER"],
  requestInformation: ["SPO_OFFICER"],
  resubmit: ["owner"],
  addRoute: ["SPO_OFFICER"],
  removeRoute: ["SPO_OFFICER"],
  recordReview: ["routeReviewer"],
  signOff: ["unitHead", "SPO_OFFICER"],
  returnToProposer: ["unitHead", "SPO_OFFICER"],
  decide: ["SPO_OFFICER"],
  withdraw: ["owner"],
  addNote: ["SPO_OFFICER"],
};

const everyActor: Actor[] = [
  "owner",
  "routeReviewer",
  "unitHead",
  "SPO_OFFICER",
  "HEAD_OF_DEPARTMENT",
  "HEAD_OF_SCHOOL",
  "REVIEWER_EXPORT_CONTROL",
  "REVIEWER_DUE_DILIGENCE",
  "ACBELA_SECRETARY",
  "ADMIN",
];

describe("the transition table", () => {
  for (const state of caseStates) {
    for (const action of caseActions) {
      const allowed = allowedByState[state].includes(action);
      it(`${action} is ${allowed ? "allowed" : "refused"} in ${state}`, () => {
        expect(isAllowedIn(action, state)).toBe(allowed);
      });
      for (const actor of everyActor) {
        const may = actorsByAction[action].includes(actor);
        it(`${action} in ${state} by ${actor}: ${allowed && may ? "allowed" : "refused"}`, () => {
          expect(isAllowedIn(action, state) && mayAct(action, [actor])).toBe(allowed && may);
        });
      }
    }
  }

  it("leads decisions, withdrawals and requests to the right state", () => {
    expect(transitions.decide.to).toBe("DECIDED");
    expect(transitions.withdraw.to).toBe("WITHDRAWN");
    expect(transitions.requestInformation.to).toBe("INFORMATION_REQUESTED");
    expect(transitions.resubmit.to).toBe("IN_REVIEW");
    expect("to" in transitions.assign).toBe(false);
  });
});
