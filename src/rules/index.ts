// The triage rules: answers and reference data in, decision out. Pure and deterministic:
// no I/O, no clock, no randomness, and nothing here validates (callers pass answers that
// answersSchema accepted), so one decision costs microseconds. docs/rules.md lists every rule.
import type { Answers } from "../domain/questions";
import type { RulesReference as ReferenceData } from "./types";
import { acbelaRoute } from "./acbela";
import { adviceFor } from "./advice";
import { dueDiligenceRoute } from "./dueDiligence";
import { exportControlRoute } from "./exportControl";
import { prepare } from "./prepare";
import { signOffFor } from "./signOff";
import type { Decision, Route } from "./types";

export { RULES_VERSION } from "./version";
export * from "./types";

export function decide(answers: Answers, ref: ReferenceData): Decision {
  const prepared = prepare(ref);
  // Fixed order: acbela, export_control, due_diligence; a route only with a reason.
  const routes: Route[] = [];
  for (const route of [
    acbelaRoute(answers, prepared),
    exportControlRoute(answers, prepared),
    dueDiligenceRoute(answers, prepared),
  ]) {
    if (route) routes.push(route);
  }
  return {
    routes,
    advice: adviceFor(answers, prepared),
    signOff: signOffFor(answers, routes, prepared),
    ruleSetVersion: prepared.ruleSetVersion,
  };
}
