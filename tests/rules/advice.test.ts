// Advice items: each raised by its own answers and by nothing else.
import { describe, expect, it } from "vitest";
import type { DraftAnswers } from "../../src/domain/questions";
import { answersSchema } from "../../src/domain/questions";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersWith, quietAnswers, quietFunding } from "../fixtures/answers";
import type { AdviceId } from "../../src/rules";
import { adviceIds, decide } from "../../src/rules";

interface Row {
  name: string;
  about: AdviceId;
  changes: DraftAnswers;
  expected: AdviceId[];
  says?: string[];
}

const rows: Row[] = [
  {
    name: "IP owned by the partner",
    about: "advice.cambridge_enterprise",
    changes: { foregroundIp: "partner" },
    expected: ["advice.cambridge_enterprise"],
    says: ["owned by the partner", "Cambridge Enterprise"],
  },
  {
    name: "IP owned by the funder",
    about: "advice.cambridge_enterprise",
    changes: { ...quietFunding, foregroundIp: "funder" },
    expected: ["advice.cambridge_enterprise"],
    says: ["owned by the funder"],
  },
  {
    name: "IP jointly owned",
    about: "advice.cambridge_enterprise",
    changes: { foregroundIp: "joint" },
    expected: ["advice.cambridge_enterprise"],
    says: ["jointly owned"],
  },
  {
    name: "IP owner undecided",
    about: "advice.cambridge_enterprise",
    changes: { foregroundIp: "undecided" },
    expected: ["advice.cambridge_enterprise"],
    says: ["not decided"],
  },
  {
    name: "publication restrictions",
    about: "advice.cambridge_enterprise",
    changes: { publicationRestrictions: "yes" },
    expected: ["advice.cambridge_enterprise"],
    says: ["will be restrictions on publication"],
  },
  {
    name: "publication restrictions unsure",
    about: "advice.cambridge_enterprise",
    changes: { publicationRestrictions: "unsure" },
    expected: ["advice.cambridge_enterprise"],
    says: ["may be restrictions"],
  },
  {
    name: "funder limits use",
    about: "advice.cambridge_enterprise",
    changes: { ...quietFunding, useRestrictions: "unsure" },
    expected: ["advice.cambridge_enterprise"],
    says: ["funder may limit use"],
  },
  {
    name: "IP to the partner, already in touch",
    about: "advice.cambridge_enterprise",
    changes: { foregroundIp: "partner", publicationRestrictions: "yes", cambridgeEnterpriseContacted: "yes" },
    expected: [],
  },
  {
    name: "University owns the IP, no restrictions",
    about: "advice.cambridge_enterprise",
    changes: { foregroundIp: "university" },
    expected: [],
  },
  {
    name: "overseas activity",
    about: "advice.finance_overseas_activity",
    changes: { overseasActivity: "yes" },
    expected: ["advice.finance_overseas_activity"],
    says: ["section 24"],
  },
  {
    name: "overseas activity unsure",
    about: "advice.finance_overseas_activity",
    changes: { overseasActivity: "unsure" },
    expected: ["advice.finance_overseas_activity"],
    says: ["not sure"],
  },
  {
    name: "no overseas activity",
    about: "advice.finance_overseas_activity",
    changes: { overseasActivity: "no", viaSubsidiary: "yes" },
    expected: ["advice.subsidiary_policy"],
  },
  {
    name: "travel",
    about: "advice.travel_risk_assessment",
    changes: { travel: "yes", partnerCountry: "KE" },
    expected: ["advice.travel_risk_assessment"],
    says: ["(Kenya)", "travel risk assessment"],
  },
  {
    name: "no travel",
    about: "advice.travel_risk_assessment",
    changes: { travel: "no", facilityAccess: "yes" },
    expected: ["advice.facility_access"],
  },
  {
    name: "visitors from India",
    about: "advice.atas",
    changes: { visitingResearchers: "yes", partnerCountry: "IN" },
    expected: ["advice.atas"],
    says: ["(India)", "ATAS"],
  },
  {
    name: "visitors from France",
    about: "advice.atas",
    changes: { visitingResearchers: "yes", partnerCountry: "FR" },
    expected: [],
  },
  {
    name: "visitors from the USA",
    about: "advice.atas",
    changes: { visitingResearchers: "yes", partnerCountry: "US" },
    expected: [],
  },
  {
    name: "visitors from a UK partner",
    about: "advice.atas",
    changes: { visitingResearchers: "yes", partnerCountry: "GB" },
    expected: [],
  },
  {
    name: "Chinese and German visitors from a French partner",
    about: "advice.atas",
    changes: { visitingResearchers: "yes", partnerCountry: "FR", visitorNationalities: ["DE", "CN"] },
    expected: ["advice.atas"],
    says: ["(People's Republic of China)", "a nationality not exempt"],
  },
  {
    name: "French visitors from an Indian partner",
    about: "advice.atas",
    changes: { visitingResearchers: "yes", partnerCountry: "IN", visitorNationalities: ["FR"] },
    expected: [],
  },
  {
    name: "no visitors from India",
    about: "advice.atas",
    changes: { visitingResearchers: "no", partnerCountry: "IN" },
    expected: [],
  },
  {
    name: "IP to the partner in an NSI sector",
    about: "advice.nsi_act",
    changes: { foregroundIp: "partner", nsiSectors: ["artificial_intelligence"], cambridgeEnterpriseContacted: "yes" },
    expected: ["advice.nsi_act"],
    says: ["(Artificial intelligence)", "National Security and Investment Act"],
  },
  {
    name: "joint IP in NSI sectors",
    about: "advice.nsi_act",
    changes: { foregroundIp: "joint", nsiSectors: ["energy", "defence"], cambridgeEnterpriseContacted: "yes" },
    expected: ["advice.nsi_act"],
    says: ["sectors (Energy; Defence)"],
  },
  {
    name: "University IP in an NSI sector",
    about: "advice.nsi_act",
    changes: { foregroundIp: "university", nsiSectors: ["energy"] },
    expected: [],
  },
  {
    name: "IP to the partner, no NSI sector",
    about: "advice.nsi_act",
    changes: { foregroundIp: "partner", nsiSectors: [], cambridgeEnterpriseContacted: "yes" },
    expected: [],
  },
  {
    name: "foreign government partner",
    about: "advice.firs",
    changes: { partnerType: "government_body", partnerCountry: "JP" },
    expected: ["advice.firs"],
    says: ["government body of a foreign state (Japan)", "Foreign Influence Registration Scheme"],
  },
  {
    name: "foreign state-owned partner",
    about: "advice.firs",
    changes: { partnerType: "state_owned_enterprise", partnerCountry: "JP" },
    expected: ["advice.firs"],
  },
  {
    name: "foreign government funder",
    about: "advice.firs",
    changes: { ...quietFunding, funderType: "foreign_government", funderCountry: "JP" },
    expected: ["advice.firs"],
    says: ["funder is a foreign government"],
  },
  {
    name: "foreign state-owned funder",
    about: "advice.firs",
    changes: { ...quietFunding, funderType: "foreign_state_owned", funderCountry: "JP" },
    expected: ["advice.firs"],
  },
  {
    name: "a foreign defence agency, no state links answered",
    about: "advice.firs",
    changes: { partnerType: "military_or_defence", partnerCountry: "JP", stateLinks: "no" },
    expected: ["advice.firs"],
    says: ["military or defence body of a foreign state (Japan)"],
  },
  {
    name: "a UK subsidiary of a French state-owned company",
    about: "advice.firs",
    changes: {
      partnerType: "company",
      partnerCountry: "GB",
      partnerOwnership: "state_owned_or_controlled",
      partnerParentCountry: "FR",
    },
    expected: ["advice.firs"],
    says: ["through its owner in France"],
  },
  {
    name: "a partner in Iran (FIRS enhanced tier)",
    about: "advice.firs_enhanced_tier",
    changes: { partnerCountry: "IR" },
    expected: ["advice.firs_enhanced_tier"],
    says: ["(Islamic Republic of Iran)", "enhanced tier"],
  },
  {
    name: "a funder in Russia (FIRS enhanced tier)",
    about: "advice.firs_enhanced_tier",
    changes: { ...quietFunding, funderType: "other", funderCountry: "RU" },
    expected: ["advice.firs_enhanced_tier"],
    says: ["(Russian Federation)"],
  },
  {
    name: "a partner in China (not on the enhanced tier)",
    about: "advice.firs_enhanced_tier",
    changes: { partnerCountry: "CN" },
    expected: [],
  },
  {
    name: "UK government partner",
    about: "advice.firs",
    changes: { partnerType: "government_body", partnerCountry: "GB" },
    expected: [],
  },
  {
    name: "MoU",
    about: "advice.mou_template",
    changes: { engagementType: "mou" },
    expected: ["advice.mou_template"],
    says: ["International MoU Template"],
  },
  { name: "joint degree", about: "advice.mou_template", changes: { engagementType: "joint_degree" }, expected: [] },
  {
    name: "via a subsidiary",
    about: "advice.subsidiary_policy",
    changes: { viaSubsidiary: "yes" },
    expected: ["advice.subsidiary_policy"],
    says: ["wholly owned subsidiary"],
  },
  {
    name: "not via a subsidiary",
    about: "advice.subsidiary_policy",
    changes: { viaSubsidiary: "no", engagementType: "mou" },
    expected: ["advice.mou_template"],
  },
  {
    name: "academic freedom",
    about: "advice.academic_freedom",
    changes: { academicFreedom: "yes" },
    expected: ["advice.academic_freedom"],
    says: ["academic freedom"],
  },
  {
    name: "academic freedom unsure",
    about: "advice.academic_freedom",
    changes: { academicFreedom: "unsure" },
    expected: ["advice.academic_freedom"],
    says: ["not sure"],
  },
  {
    name: "no academic freedom threat",
    about: "advice.academic_freedom",
    changes: { academicFreedom: "no", travel: "yes" },
    expected: ["advice.travel_risk_assessment"],
  },
  {
    name: "facility access",
    about: "advice.facility_access",
    changes: { facilityAccess: "yes" },
    expected: ["advice.facility_access"],
    says: ["networks, labs or data"],
  },
  {
    name: "no facility access",
    about: "advice.facility_access",
    changes: { facilityAccess: "no", academicFreedom: "yes" },
    expected: ["advice.academic_freedom"],
  },
];

describe("advice", () => {
  it.each(rows)("$name ($about)", ({ about, changes, expected, says }) => {
    const answers = answersWith(changes);
    expect(answersSchema.safeParse(answers).success).toBe(true);
    const { advice } = decide(answers, defaultReferenceData);
    expect(advice.map((item) => item.id)).toEqual(expected);
    const item = advice.find((a) => a.id === about);
    for (const words of says ?? []) expect(item?.text).toContain(words);
    for (const a of advice) expect(a.source.length).toBeGreaterThan(5);
  });

  it("covers every advice item both raised and not raised", () => {
    for (const id of adviceIds) {
      expect(
        rows.some((row) => row.expected.includes(id)),
        `${id} raised`,
      ).toBe(true);
      expect(
        rows.some((row) => row.about === id && !row.expected.includes(id)),
        `${id} not raised`,
      ).toBe(true);
    }
  });

  it("never opens a route", () => {
    const decision = decide(
      answersWith({
        foregroundIp: "partner",
        overseasActivity: "no",
        travel: "yes",
        visitingResearchers: "yes",
        partnerCountry: "IN",
        facilityAccess: "yes",
        academicFreedom: "yes",
      }),
      defaultReferenceData,
    );
    expect(decision.advice.length).toBe(5);
    expect(decision.routes).toEqual([]);
  });

  it("ignores the funder's use restrictions without funding", () => {
    const stale = { ...quietAnswers, useRestrictions: "yes" } as typeof quietAnswers;
    expect(decide(stale, defaultReferenceData).advice).toEqual([]);
  });
});
