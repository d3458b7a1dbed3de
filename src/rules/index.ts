// The triage rules: answers and reference data in, decision out. Pure and deterministic:
// no I/O, no clock, no randomness, and nothing here validates (callers pass answers that
// answersSchema accepted), so one decision costs microseconds. docs/rules.md lists every rule.
import type { Answers } from "../domain/questions";
import type { RulesReference as ReferenceData } from "./types";
import { acbelaRoute } from "./acbela";
import { adviceFor } from "./advice";
import { flagsFor, stopsFor } from "./checks";
import { dueDiligenceRoute } from "./dueDiligence";
import { exportControlRoute } from "./exportControl";
import { factsFrom } from "./parties";
import { prepare } from "./prepare";
import { signOffFor } from "./signOff";
import type { Decision, Route } from "./types";

export { RULES_VERSION } from "./version";
export { flagsFor } from "./checks";
export { factsFrom, notAskedDefaults, withDefaults } from "./parties";
export * from "./types";

export function decide(answers: Answers, ref: ReferenceData): Decision {
  const prepared = prepare(ref);
  const facts = factsFrom(answers);
  // Fixed order: acbela, export_control, due_diligence; a route only with a reason.
  const routes: Route[] = [];
  for (const route of [
    acbelaRoute(facts, prepared),
    exportControlRoute(facts, prepared),
    dueDiligenceRoute(facts, prepared),
  ]) {
    if (route) routes.push(route);
  }
  return {
    stops: stopsFor(facts),
    routes,
    advice: adviceFor(facts, prepared),
    signOff: signOffFor(facts.answers, routes, prepared),
    flags: flagsFor(facts),
    notAsked: facts.notAsked,
    ruleSetVersion: prepared.ruleSetVersion,
  };
}
