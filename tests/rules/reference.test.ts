// Reference data drives the rules: change a list, a threshold or the committee's name and
// the decision changes with it. This is what proves none of them is a literal in the code.
import { describe, expect, it } from "vitest";
import type { ReferenceData } from "../../src/reference/defaults";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersWith } from "../fixtures/answers";
import type { Decision } from "../../src/rules";
import { decide, RULES_VERSION } from "../../src/rules";

function withChanges(change: (ref: ReferenceData) => void): ReferenceData {
  const ref = structuredClone(defaultReferenceData);
  change(ref);
  return ref;
}

const ruleIds = (decision: Decision) => decision.routes.flatMap((route) => route.reasons.map((reason) => reason.rule));
const texts = (decision: Decision) =>
  [...decision.routes.flatMap((route) => route.reasons), ...decision.advice, ...decision.signOff.schoolReasons]
    .map((r) => r.text)
    .join("\n");

describe("reference data", () => {
  it("takes the ACBELA threshold from the reference data", () => {
    const answers = answersWith({ valueGbp: 600_000 });
    expect(ruleIds(decide(answers, defaultReferenceData))).toEqual([]);
    const lower = withChanges((ref) => (ref.thresholds.acbelaThresholdGbp = 600_000));
    expect(ruleIds(decide(answers, lower))).toEqual(["acbela.value_threshold"]);
    expect(texts(decide(answers, lower))).toContain("£600,000");
    const higher = withChanges((ref) => (ref.thresholds.acbelaThresholdGbp = 600_001));
    expect(ruleIds(decide(answers, higher))).toEqual([]);
  });

  it("takes the school threshold from the reference data, apart from ACBELA's", () => {
    const answers = answersWith({ valueGbp: 250_000 });
    const ref = withChanges((r) => (r.thresholds.schoolThresholdGbp = 250_000));
    const decision = decide(answers, ref);
    expect(decision.routes).toEqual([]);
    expect(decision.signOff.schoolReasons.map((reason) => reason.rule)).toEqual(["sign_off.school.value_threshold"]);
    expect(decide(answersWith({ valueGbp: 249_999 }), ref).signOff.school).toBe(false);
  });

  it("takes the former Soviet Union list from the reference data", () => {
    const poland = answersWith({ relationship: "new", partnerCountry: "PL" });
    expect(decide(poland, defaultReferenceData).routes.some((route) => route.route === "acbela")).toBe(false);
    const added = withChanges((ref) => ref.countryLists.fsu.push("PL"));
    expect(decide(poland, added).routes[0]).toMatchObject({ route: "acbela", mandatory: true });

    const kazakhstan = answersWith({ relationship: "new", partnerCountry: "KZ" });
    const removed = withChanges((ref) => (ref.countryLists.fsu = ref.countryLists.fsu.filter((code) => code !== "KZ")));
    expect(decide(kazakhstan, removed).routes.some((route) => route.route === "acbela")).toBe(false);
  });

  it("lets the named exceptions win over the FSU list", () => {
    const estonia = answersWith({ relationship: "new", partnerCountry: "EE" });
    const mistaken = withChanges((ref) => ref.countryLists.fsu.push("EE"));
    expect(decide(estonia, mistaken).routes.some((route) => route.route === "acbela")).toBe(false);
    const dropped = withChanges((ref) => {
      ref.countryLists.fsu.push("EE");
      ref.countryLists.fsuExceptions = ["LV", "LT"];
    });
    expect(decide(estonia, dropped).routes[0]).toMatchObject({ route: "acbela", mandatory: true });
  });

  it("takes the country restrictions from the reference data, each named with its source and date", () => {
    const france = answersWith({ transferAbroad: "yes" });
    expect(ruleIds(decide(france, defaultReferenceData))).toEqual([]);
    const added = withChanges((ref) =>
      ref.countryRestrictions.push({
        country: "FR",
        type: "licensing_policy",
        scope: null,
        name: "a test licensing policy",
        source: "Test source",
        asOf: "2026-11-30",
      }),
    );
    const decision = decide(france, added);
    expect(ruleIds(decision)).toEqual(["export_control.transfer_embargoed", "due_diligence.sanctioned_country"]);
    expect(texts(decision)).toContain(
      "a UK export licensing policy (a test licensing policy; Test source, as of 2026-11-30)",
    );

    const iran = answersWith({ partnerCountry: "IR", transferAbroad: "yes" });
    const removed = withChanges(
      (ref) => (ref.countryRestrictions = ref.countryRestrictions.filter((entry) => entry.country !== "IR")),
    );
    // Iran stays on the FIRS enhanced tier: advice only, no route.
    expect(ruleIds(decide(iran, removed))).toEqual([]);
  });

  it("words each restriction for its type", () => {
    const text = texts(decide(answersWith({ otherCountries: ["RU", "AR", "YE"] }), defaultReferenceData));
    expect(text).toContain("a full UK arms embargo (UK arms embargo on Russia;");
    expect(text).toContain(
      "the UK sanctions regime for Russia (GOV.UK: UK sanctions regimes (FCDO), as of 2025-06-01)",
    );
    expect(text).toContain(
      "a UK export licensing policy (UK policy of restricting military and dual-use exports to Argentina;",
    );
    expect(text).toContain("a partial UK arms embargo (UN arms embargo on the Houthis in Yemen;");
  });

  it("takes the FIRS enhanced tier from the reference data", () => {
    const russia = answersWith({ partnerCountry: "RU" });
    expect(decide(russia, defaultReferenceData).advice.map((item) => item.id)).toEqual(["advice.firs_enhanced_tier"]);
    const cleared = withChanges((ref) => (ref.countryLists.firsEnhancedTier = []));
    expect(decide(russia, cleared).advice).toEqual([]);
  });

  it("counts only the NSI sectors the reference data lists", () => {
    const answers = answersWith({ transferAbroad: "yes", nsiSectors: ["energy"] });
    expect(ruleIds(decide(answers, defaultReferenceData))).toEqual(["export_control.transfer_nsi_no_exemption"]);
    const retired = withChanges((ref) => (ref.nsiSectors = ref.nsiSectors.filter((sector) => sector.id !== "energy")));
    expect(ruleIds(decide(answers, retired))).toEqual([]);
  });

  it("takes the ATAS-exempt list from the reference data", () => {
    const india = answersWith({ visitingResearchers: "yes", partnerCountry: "IN" });
    expect(decide(india, defaultReferenceData).advice.map((item) => item.id)).toEqual(["advice.atas"]);
    const exempt = withChanges((ref) => ref.countryLists.atasExempt.push("IN"));
    expect(decide(india, exempt).advice).toEqual([]);
  });

  it("uses the committee's name from the reference data in every text, with its former name", () => {
    const answers = answersWith({ relationship: "new", partnerCountry: "RU", publicInterest: "yes" });
    const shipped = texts(decide(answers, defaultReferenceData));
    expect(shipped).toContain("go to CBELA (formerly ACBELA) at the earliest opportunity");
    const renamed = withChanges((ref) => {
      ref.committeeName = "The Committee";
      ref.committeeFormerName = "";
    });
    const text = texts(decide(answers, renamed));
    expect(text).toContain("go to The Committee at the earliest opportunity");
    expect(text).toContain("routed to The Committee");
    expect(text).not.toContain("CBELA");
  });

  it("uses the NSI sector labels from the reference data", () => {
    const answers = answersWith({ transferAbroad: "yes", nsiSectors: ["artificial_intelligence"] });
    const relabelled = withChanges((ref) => {
      for (const sector of ref.nsiSectors)
        if (sector.id === "artificial_intelligence") sector.label = "AI (Schedule 3)";
    });
    expect(texts(decide(answers, relabelled))).toContain("(AI (Schedule 3))");
  });

  it("versions every decision with the rules' and the reference data's versions", () => {
    const answers = answersWith({});
    expect(decide(answers, defaultReferenceData).ruleSetVersion).toBe(`${RULES_VERSION}+ref.1`);
    expect(
      decide(
        answers,
        withChanges((ref) => (ref.version = 7)),
      ).ruleSetVersion,
    ).toBe(`${RULES_VERSION}+ref.7`);
    expect(RULES_VERSION).toMatch(/^\d{4}\.\d{1,2}\.\d+$/);
  });

  it("keeps reference objects apart: a cached one never answers for another", () => {
    const answers = answersWith({ relationship: "new", partnerCountry: "PL" });
    const added = withChanges((ref) => ref.countryLists.fsu.push("PL"));
    // Alternate so a cache keyed on anything but the object itself would be caught.
    for (let i = 0; i < 3; i++) {
      expect(decide(answers, defaultReferenceData).routes.some((route) => route.route === "acbela")).toBe(false);
      expect(decide(answers, added).routes.some((route) => route.route === "acbela")).toBe(true);
    }
  });
});
