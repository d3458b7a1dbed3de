import { describe, expect, it } from "vitest";
import {
  caseActions,
  caseStates,
  isAllowedIn,
  transitions,
  type CaseAction,
  type CaseState,
} from "../../src/domain/caseStates";

// The states' side of the table, written out the other way round (by state), so a change
// to one is a visible change to the other. Who may act is tested where it is enforced, in
// the workflow service (actors.test.ts).
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

describe("the transition table", () => {
  for (const state of caseStates) {
    for (const action of caseActions) {
      const allowed = allowedByState[state].includes(action);
      it(`${action} is ${allowed ? "allowed" : "refused"} in ${state}`, () => {
        expect(isAllowedIn(action, state)).toBe(allowed);
      });
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
