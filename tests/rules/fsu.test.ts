// The former Soviet Union rule (seed 000): every one of the fifteen states, every party
// that counts (the partner's country, an individual partner's nationality, the partner's
// owner, the other participants, the funder), each with its own kind of relationship.
import { describe, expect, it } from "vitest";
import type { Answers, DraftAnswers, Relationship } from "../../src/domain/questions";
import { countryName } from "../../src/domain/countries";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersWith, quietFunding } from "../fixtures/answers";
import type { Decision } from "../../src/rules";
import { decide, fsuRuleIds } from "../../src/rules";

const twelve = ["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "RU", "TJ", "TM", "UA", "UZ"];
const baltic = ["EE", "LV", "LT"];

/** The other participants' answer that means the same as each relationship. */
const othersRelationship = {
  new: "some_new",
  existing_informal: "unsure",
  existing_with_agreement: "all_existing_with_agreement",
} as const;

const fields = {
  partner: {
    rule: "acbela.fsu_partner_country",
    answers: (code: string, relationship: Relationship): DraftAnswers => ({ partnerCountry: code, relationship }),
  },
  "the partner's nationality": {
    rule: "acbela.fsu_partner_nationality",
    answers: (code: string, relationship: Relationship): DraftAnswers => ({
      partnerType: "individual",
      partnerCountry: "GB",
      partnerNationalities: ["GB", code],
      relationship,
    }),
  },
  "the partner's owner": {
    rule: "acbela.fsu_partner_parent_country",
    answers: (code: string, relationship: Relationship): DraftAnswers => ({
      partnerType: "company",
      partnerOwnership: "part_of_group",
      partnerParentCountry: code,
      relationship,
    }),
  },
  "other countries": {
    rule: "acbela.fsu_other_country",
    answers: (code: string, relationship: Relationship): DraftAnswers => ({
      otherCountries: ["FR", code],
      otherParticipantsRelationship: othersRelationship[relationship],
    }),
  },
  funder: {
    rule: "acbela.fsu_funder_country",
    answers: (code: string, relationship: Relationship): DraftAnswers => ({
      ...quietFunding,
      funderType: "other",
      funderCountry: code,
      funderRelationship: relationship,
    }),
  },
} as const;

const fsuReasons = (decision: Decision) =>
  decision.routes
    .flatMap((route) => route.reasons)
    .filter((reason) => (fsuRuleIds as readonly string[]).includes(reason.rule));

const cases = (codes: string[], relationships: Relationship[]) =>
  codes.flatMap((code) =>
    Object.entries(fields).flatMap(([field, { rule, answers }]) =>
      relationships.map((relationship) => ({
        code,
        field,
        rule,
        relationship,
        changes: answers(code, relationship),
      })),
    ),
  );

describe("the former Soviet Union rule", () => {
  it("ships exactly the twelve countries and the three exceptions", () => {
    expect([...defaultReferenceData.countryLists.fsu].sort()).toEqual([...twelve].sort());
    expect([...defaultReferenceData.countryLists.fsuExceptions].sort()).toEqual([...baltic].sort());
  });

  it.each(cases(twelve, ["new", "existing_informal"]))(
    "$code as $field, $relationship: ACBELA, mandatory",
    ({ code, rule, changes }) => {
      const decision = decide(answersWith(changes), defaultReferenceData);
      const acbela = decision.routes.find((route) => route.route === "acbela");
      expect(acbela?.mandatory).toBe(true);
      expect(fsuReasons(decision).map((reason) => reason.rule)).toEqual([rule]);
      expect(acbela?.reasons.find((reason) => reason.rule === rule)?.text).toContain(countryName(code));
    },
  );

  it.each(cases(twelve, ["existing_with_agreement"]))(
    "$code as $field, existing agreement: not a new linkage",
    ({ changes }) => {
      const decision = decide(answersWith(changes), defaultReferenceData);
      expect(fsuReasons(decision)).toEqual([]);
      expect(decision.routes.some((route) => route.route === "acbela")).toBe(false);
    },
  );

  it.each(cases(baltic, ["new", "existing_informal", "existing_with_agreement"]))(
    "$code as $field, $relationship: the policy's exception, no ACBELA",
    ({ changes }) => {
      const decision = decide(answersWith(changes), defaultReferenceData);
      expect(fsuReasons(decision)).toEqual([]);
      expect(decision.routes.some((route) => route.route === "acbela")).toBe(false);
    },
  );

  it("counts every party at once, one reason each", () => {
    const decision = decide(
      answersWith({
        ...quietFunding,
        funderType: "other",
        funderRelationship: "new",
        relationship: "new",
        partnerType: "company",
        partnerCountry: "AM",
        partnerOwnership: "part_of_group",
        partnerParentCountry: "BY",
        otherCountries: ["GE", "EE", "TJ"],
        otherParticipantsRelationship: "some_new",
        funderCountry: "KZ",
      }),
      defaultReferenceData,
    );
    expect(fsuReasons(decision).map((reason) => reason.rule)).toEqual([
      "acbela.fsu_partner_country",
      "acbela.fsu_partner_parent_country",
      "acbela.fsu_other_country",
      "acbela.fsu_funder_country",
    ]);
    expect(fsuReasons(decision)[2]?.text).toContain("(Georgia; Tajikistan)");
    expect(fsuReasons(decision)[2]?.text).not.toContain("Estonia");
  });

  it("an existing partner's country among new participants is a new linkage of its own", () => {
    const decision = decide(
      answersWith({ partnerCountry: "RU", otherCountries: ["RU"], otherParticipantsRelationship: "some_new" }),
      defaultReferenceData,
    );
    expect(fsuReasons(decision).map((reason) => reason.rule)).toEqual(["acbela.fsu_other_country"]);
  });

  it("ignores the funder's country when there is no funding", () => {
    // The type forbids it; a stale draft could still carry it.
    const stale = { ...answersWith({ relationship: "new" }), funderCountry: "RU" } as unknown as Answers;
    expect(fsuReasons(decide(stale, defaultReferenceData))).toEqual([]);
  });
});
