// Properties over generated answer sets: what must hold for any proposal, not just the
// ones in the tables.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Answers } from "../../src/domain/questions";
import { answersSchema } from "../../src/domain/questions";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersArb, earlierAnswersArb } from "../fixtures/arbitraries";
import type { Decision } from "../../src/rules";
import {
  acbelaRuleIds,
  adviceIds,
  decide,
  dueDiligenceRuleIds,
  exportControlRuleIds,
  fsuRuleIds,
  notAskedDefaults,
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

/** Questions with a "not sure" answer beside their firmest "no": unsure must count as much. */
const unsureInsteadOf = {
  partnerOwnership: "independent",
  otherParticipantsRelationship: "all_existing_with_agreement",
} as const;
const unsureQuestions = [
  ...yesNoUnsureQuestions,
  ...(Object.keys(unsureInsteadOf) as (keyof typeof unsureInsteadOf)[]),
];

/** The same answers with `question` turned from no to unsure (and what that then requires). */
function noToUnsure(answers: Answers, question: (typeof unsureQuestions)[number]): Answers {
  const record = answers as unknown as Record<string, unknown>;
  const firm = question in unsureInsteadOf ? unsureInsteadOf[question as keyof typeof unsureInsteadOf] : "no";
  if (record[question] !== firm) return answers;
  if (question === "partnerOwnership")
    return { ...answers, partnerOwnership: "unsure", partnerParentCountry: answers.partnerCountry };
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
      fc.property(answersArb, fc.constantFrom(...unsureQuestions), (answers, question) => {
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
        const changed = unsureQuestions.reduce(noToUnsure, answers);
        expectNothingLost(decide(answers, ref), decide(changed, ref));
      }),
      runs,
    );
  });

  it("a new linkage with one of the twelve, in any party, always makes the committee route mandatory", () => {
    const party = fc.constantFrom("partner", "nationality", "owner", "other", "funder");
    fc.assert(
      fc.property(
        answersArb,
        fc.constantFrom(...twelve),
        party,
        fc.constantFrom("new" as const, "existing_informal" as const),
        (base, code, where, relationship) => {
          let answers: Answers = base;
          if (where === "partner") answers = { ...answers, partnerCountry: code, relationship };
          if (where === "nationality")
            answers = {
              ...answers,
              partnerType: "individual",
              partnerNationalities: [code],
              relationship,
              partnerOwnership: undefined,
              partnerParentCountry: undefined,
            };
          if (where === "owner") {
            answers = {
              ...answers,
              partnerType: answers.partnerType === "individual" ? "company" : answers.partnerType,
              partnerOwnership: "part_of_group",
              partnerParentCountry: code,
              relationship,
            };
          }
          if (where === "other")
            answers = {
              ...answers,
              otherCountries: [...answers.otherCountries.filter((c) => c !== code), code],
              otherParticipantsRelationship: relationship === "new" ? "some_new" : "unsure",
            };
          if (where === "funder") {
            const funder = {
              funderName: "Funder",
              funderType: "other" as const,
              funderRelationship: relationship,
              funderCountry: code,
            };
            answers =
              answers.hasFunding === "yes"
                ? { ...answers, ...funder }
                : {
                    ...answers,
                    hasFunding: "yes",
                    ...funder,
                    funderSector: "none_of_these",
                    useRestrictions: "no",
                    valuesConflict: "no",
                  };
          }
          const parsed = answersSchema.safeParse(answers);
          expect(parsed.success).toBe(true);
          const acbela = decide(parsed.data!, ref).routes.find((route) => route.route === "acbela");
          expect(acbela?.mandatory).toBe(true);
          expect(acbela?.reasons.some((reason) => (fsuRuleIds as readonly string[]).includes(reason.rule))).toBe(true);
        },
      ),
      runs,
    );
  });

  it("the committee route is never mandatory when no party is from one of the twelve", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const parties = [
          answers.partnerCountry,
          ...(answers.partnerNationalities ?? []),
          ...(answers.partnerParentCountry ? [answers.partnerParentCountry] : []),
          ...answers.otherCountries,
          ...(answers.hasFunding === "yes" ? [answers.funderCountry] : []),
        ];
        fc.pre(!parties.some((code) => twelve.includes(code)));
        const acbela = decide(answers, ref).routes.find((route) => route.route === "acbela");
        expect(acbela?.mandatory ?? false).toBe(false);
      }),
      runs,
    );
  });

  it("a decision for answers without the later questions equals the one with the stated defaults filled in", () => {
    fc.assert(
      fc.property(earlierAnswersArb, (earlier) => {
        const filled: Record<string, unknown> = { ...earlier };
        const without = decide(earlier, ref);
        for (const { question } of without.notAsked)
          filled[question] = notAskedDefaults[question as keyof typeof notAskedDefaults].value(earlier);
        const parsed = answersSchema.safeParse(filled);
        expect(parsed.success).toBe(true);
        const withDefaults = decide(parsed.data!, ref);
        expect(withDefaults.notAsked).toEqual([]);
        expect({ ...without, notAsked: [] }).toEqual(withDefaults);
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
