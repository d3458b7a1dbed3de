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

  it("takes the embargo list from the reference data", () => {
    const france = answersWith({ transferAbroad: "yes" });
    expect(ruleIds(decide(france, defaultReferenceData))).toEqual([]);
    const added = withChanges((ref) => ref.countryLists.embargo.push("FR"));
    expect(ruleIds(decide(france, added))).toEqual([
      "export_control.transfer_embargoed",
      "due_diligence.sanctioned_country",
    ]);

    const iran = answersWith({ partnerCountry: "IR", transferAbroad: "yes" });
    const removed = withChanges(
      (ref) => (ref.countryLists.embargo = ref.countryLists.embargo.filter((code) => code !== "IR")),
    );
    expect(ruleIds(decide(iran, removed))).toEqual([]);
  });

  it("takes the ATAS-exempt list from the reference data", () => {
    const india = answersWith({ visitingResearchers: "yes", partnerCountry: "IN" });
    expect(decide(india, defaultReferenceData).advice.map((item) => item.id)).toEqual(["advice.atas"]);
    const exempt = withChanges((ref) => ref.countryLists.atasExempt.push("IN"));
    expect(decide(india, exempt).advice).toEqual([]);
  });

  it("uses the committee's name from the reference data in every text", () => {
    const answers = answersWith({ relationship: "new", partnerCountry: "RU", publicInterest: "yes" });
    const renamed = withChanges((ref) => (ref.committeeName = "CBELA"));
    const text = texts(decide(answers, renamed));
    expect(text).toContain("go to CBELA at the earliest opportunity");
    expect(text).toContain("routed to CBELA");
    expect(text).not.toContain("ACBELA");
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
