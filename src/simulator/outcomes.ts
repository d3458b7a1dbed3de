// What the simulator compares: a decision cut down to its outcome (the review routes and
// whether each is mandatory, the sign-off level, the advice) and the reasons behind it.
// Pure: a stored decision and a new one in, the difference out. Reason texts name the
// committee and the reference data, so a reason whose text alone changed is listed as
// added and removed, but only a change of outcome makes a case "changed".
import { committeeName } from "../domain/committee";
import { routeNames, type RouteName } from "../domain/reviews";
import type { Decision } from "../rules";
import type { StoredDecision } from "../rules/stored";

export interface Outcome {
  routes: { route: RouteName; mandatory: boolean }[];
  signOff: "department" | "school";
  advice: string[];
}

/** One reason, as a case shows it: the rule, and the sentence naming the fact. */
export interface ReasonLine {
  rule: string;
  text: string;
}

export interface CaseComparison {
  changed: boolean;
  before: Outcome;
  after: Outcome;
  reasonsAdded: ReasonLine[];
  reasonsRemoved: ReasonLine[];
}

type AnyDecision = Decision | StoredDecision;

export function outcomeOf(decision: AnyDecision): Outcome {
  return {
    routes: routeNames.flatMap((name) => {
      const route = decision.routes.find((candidate) => candidate.route === name);
      return route ? [{ route: name, mandatory: route.mandatory }] : [];
    }),
    signOff: decision.signOff.school ? "school" : "department",
    // Code-unit order, as the query's COLLATE "C" sorts them.
    advice: decision.advice.map((advice) => advice.id).sort(),
  };
}

function reasonsOf(decision: AnyDecision): ReasonLine[] {
  return [
    ...decision.routes.flatMap((route) => route.reasons.map(({ rule, text }) => ({ rule, text }))),
    ...decision.signOff.schoolReasons.map(({ rule, text }) => ({ rule, text })),
  ];
}

const keyOf = (reason: ReasonLine) => `${reason.rule}\n${reason.text}`;

/**
 * An outcome as one string, "acbela!,due_diligence|school|advice.atas,advice.firs" (a "!"
 * marks a mandatory route): the simulator's query builds the same string from a stored
 * decision in SQL (see simulatorService.ts), so most cases are compared without reading
 * their stored decision's texts at all.
 */
export function outcomeKey(outcome: Outcome): string {
  const routes = outcome.routes.map((route) => `${route.route}${route.mandatory ? "!" : ""}`).join(",");
  return `${routes}|${outcome.signOff}|${outcome.advice.join(",")}`;
}

/** The outcome a key stands for (the inverse of outcomeKey). */
export function outcomeFromKey(key: string): Outcome {
  const [routes = "", signOff = "", advice = ""] = key.split("|");
  return {
    routes: routes
      .split(",")
      .filter((part) => part !== "")
      .map((part) => ({ route: part.replace("!", "") as RouteName, mandatory: part.endsWith("!") })),
    signOff: signOff === "school" ? "school" : "department",
    advice: advice.split(",").filter((part) => part !== ""),
  };
}

export function sameOutcome(a: Outcome, b: Outcome): boolean {
  return outcomeKey(a) === outcomeKey(b);
}

export function compareDecisions(before: AnyDecision, after: AnyDecision): CaseComparison {
  const beforeOutcome = outcomeOf(before);
  const afterOutcome = outcomeOf(after);
  const beforeReasons = reasonsOf(before);
  const afterReasons = reasonsOf(after);
  const beforeKeys = new Set(beforeReasons.map(keyOf));
  const afterKeys = new Set(afterReasons.map(keyOf));
  return {
    changed: !sameOutcome(beforeOutcome, afterOutcome),
    before: beforeOutcome,
    after: afterOutcome,
    reasonsAdded: afterReasons.filter((reason) => !beforeKeys.has(keyOf(reason))),
    reasonsRemoved: beforeReasons.filter((reason) => !afterKeys.has(keyOf(reason))),
  };
}

const routeWords: Record<RouteName, string> = {
  get acbela() {
    return committeeName();
  },
  export_control: "export control",
  due_diligence: "due diligence",
};

/** An outcome in words, for the page and the CSV: "CBELA (mandatory), due diligence; school sign-off; advice: …". */
export function describeOutcome(outcome: Outcome): string {
  const routes =
    outcome.routes.length === 0
      ? "no review route"
      : outcome.routes.map((route) => `${routeWords[route.route]}${route.mandatory ? " (mandatory)" : ""}`).join(", ");
  const advice = outcome.advice.length === 0 ? "no advice" : `advice: ${outcome.advice.join(", ")}`;
  return `${routes}; ${outcome.signOff} sign-off; ${advice}`;
}

/** The key the per-route counts use for a case with no review route. */
export const noRoute = "none";
export type RouteCountKey = RouteName | typeof noRoute;
export const routeCountKeys: readonly RouteCountKey[] = [...routeNames, noRoute];

/** Counts per route, before and after: a case with two routes counts under both. */
export type RouteCounts = Record<RouteCountKey, { before: number; after: number }>;

export function emptyRouteCounts(): RouteCounts {
  return Object.fromEntries(routeCountKeys.map((key) => [key, { before: 0, after: 0 }])) as RouteCounts;
}

export function countRoutes(counts: RouteCounts, before: Outcome, after: Outcome): void {
  for (const [side, outcome] of [
    ["before", before],
    ["after", after],
  ] as const) {
    if (outcome.routes.length === 0) counts[noRoute][side] += 1;
    for (const route of outcome.routes) counts[route.route][side] += 1;
  }
}
