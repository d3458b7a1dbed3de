// Properties over generated answer sets: what must hold for any proposal, not just the
// ones in the tables.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answers } from "../../src/domain/questions";
import { answersSchema } from "../../src/domain/questions";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersArb, countryArb } from "../fixtures/arbitraries";
import type { Decision } from "../../src/rules";
import {
  acbelaRuleIds,
  adviceIds,
  decide,
  dueDiligenceRuleIds,
  exportControlRuleIds,
  fsuRuleIds,
  routeNames,
  schoolSignOffRuleIds,
} from "../../src/rules";

const ref = defaultReferenceData;
const twelve = ["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "RU", "TJ", "TM", "UA", "UZ"];
const runs = { numRuns: 500 };

/** Every yes/no/unsure question, with whether it exists only with funding. */
const yesNoUnsureQuestions = [
  "overseasActivity",
  "stateLinks",
  "conflictsOfInterest",
  "useRestrictions",
  "valuesConflict",
  "controlListed",
  "militaryUse",
  "wmdConcern",
  "transferAbroad",
  "publicationRestrictions",
  "publicInterest",
  "academicFreedom",
] as const;

/** The same answers with `question` turned from no to unsure (and what that then requires). */
function noToUnsure(answers: Answers, question: (typeof yesNoUnsureQuestions)[number]): Answers {
  const record = answers as unknown as Record<string, unknown>;
  if (record[question] !== "no") return answers;
  const changed: Record<string, unknown> = { ...answers, [question]: "unsure" };
  if (question === "conflictsOfInterest") changed.conflictsOfInterestDetails = "Not sure yet.";
  return changed as unknown as Answers;
}

const pairs = (decision: Decision) =>
  decision.routes.flatMap((route) => route.reasons.map((reason) => `${route.route}/${reason.rule}`));

function expectNothingLost(before: Decision, after: Decision) {
  expect(after.routes.map((route) => route.route)).toEqual(
    expect.arrayContaining(before.routes.map((route) => route.route)),
  );
  expect(pairs(after)).toEqual(expect.arrayContaining(pairs(before)));
  if (before.routes.find((route) => route.route === "acbela")?.mandatory) {
    expect(after.routes.find((route) => route.route === "acbela")?.mandatory).toBe(true);
  }
  expect(after.advice.map((item) => item.id)).toEqual(expect.arrayContaining(before.advice.map((item) => item.id)));
  expect(after.signOff.schoolReasons.map((r) => r.rule)).toEqual(
    expect.arrayContaining(before.signOff.schoolReasons.map((r) => r.rule)),
  );
}

describe("rules properties", () => {
  it("are fed valid answer sets", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const parsed = answersSchema.safeParse(answers);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(answers);
      }),
      runs,
    );
  });

  it("decide is deterministic and does not change its input", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const copy = structuredClone(answers);
        const first = decide(answers, ref);
        expect(decide(copy, ref)).toEqual(first);
        expect(decide(answers, structuredClone(ref))).toEqual(first);
        expect(answers).toEqual(copy);
      }),
      runs,
    );
  });

  it("turning any no into unsure never removes a route, reason, advice or sign-off", () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...yesNoUnsureQuestions), (answers, question) => {
        const changed = noToUnsure(answers, question);
        expect(answersSchema.safeParse(changed).success).toBe(true);
        expectNothingLost(decide(answers, ref), decide(changed, ref));
      }),
      runs,
    );
  });

  it("turning every no into unsure at once never removes anything either", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const changed = yesNoUnsureQuestions.reduce(noToUnsure, answers);
        expectNothingLost(decide(answers, ref), decide(changed, ref));
      }),
      runs,
    );
  });

  it("a new linkage naming one of the twelve in a counting field always goes to ACBELA, mandatory", () => {
    const field = fc.constantFrom("partner", "other", "funder");
    fc.assert(
      fc.property(
        answersArb,
        fc.constantFrom(...twelve),
        field,
        fc.constantFrom("new" as const, "existing_informal" as const),
        countryArb,
        (base, code, where, relationship, funderCountry) => {
          let answers: Answers = { ...base, relationship };
          if (where === "partner") answers = { ...answers, partnerCountry: code };
          if (where === "other")
            answers = { ...answers, otherCountries: [...answers.otherCountries.filter((c) => c !== code), code] };
          if (where === "funder") {
            answers =
              answers.hasFunding === "yes"
                ? { ...answers, funderCountry: code }
                : {
                    ...answers,
                    hasFunding: "yes",
                    funderName: "Funder",
                    funderType: "other",
                    funderCountry: code,
                    funderSector: "none_of_these",
                    useRestrictions: "no",
                    valuesConflict: "no",
                  };
          } else if (answers.hasFunding === "yes") {
            answers = { ...answers, funderCountry };
          }
          const acbela = decide(answers, ref).routes.find((route) => route.route === "acbela");
          expect(acbela?.mandatory).toBe(true);
          expect(acbela?.reasons.some((reason) => (fsuRuleIds as readonly string[]).includes(reason.rule))).toBe(true);
        },
      ),
      runs,
    );
  });

  it("the FSU rule fires only for the twelve, and only for new linkages", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const counted = [
          answers.partnerCountry,
          ...answers.otherCountries,
          ...(answers.hasFunding === "yes" ? [answers.funderCountry] : []),
        ];
        const expected =
          answers.relationship !== "existing_with_agreement" && counted.some((code) => twelve.includes(code));
        const acbela = decide(answers, ref).routes.find((route) => route.route === "acbela");
        expect(acbela?.mandatory ?? false).toBe(expected);
      }),
      runs,
    );
  });

  it("every decision is well formed", () => {
    const known = new Set<string>([...acbelaRuleIds, ...exportControlRuleIds, ...dueDiligenceRuleIds]);
    fc.assert(
      fc.property(answersArb, (answers) => {
        const decision = decide(answers, ref);
        const order = decision.routes.map((route) => routeNames.indexOf(route.route));
        expect(order).toEqual([...order].sort((a, b) => a - b));
        expect(new Set(order).size).toBe(order.length);
        for (const route of decision.routes) {
          expect(route.reasons.length).toBeGreaterThan(0);
          if (route.route !== "acbela") expect(route.mandatory).toBe(true);
          for (const reason of route.reasons) {
            expect(known.has(reason.rule) && reason.rule.startsWith(`${route.route}.`)).toBe(true);
            expect(reason.text.trim().length).toBeGreaterThan(0);
            expect(reason.source.trim().length).toBeGreaterThan(0);
          }
          expect(new Set(route.reasons.map((r) => r.rule)).size).toBe(route.reasons.length);
        }
        for (const item of decision.advice) {
          expect((adviceIds as readonly string[]).includes(item.id)).toBe(true);
          expect(item.text.trim().length).toBeGreaterThan(0);
          expect(item.source.trim().length).toBeGreaterThan(0);
        }
        for (const reason of decision.signOff.schoolReasons) {
          expect((schoolSignOffRuleIds as readonly string[]).includes(reason.rule)).toBe(true);
          expect(reason.text.trim().length).toBeGreaterThan(0);
          expect(reason.source.trim().length).toBeGreaterThan(0);
        }
        expect(decision.signOff.department).toBe(true);
        expect(decision.signOff.school).toBe(decision.signOff.schoolReasons.length > 0);
      }),
      runs,
    );
  });
});
