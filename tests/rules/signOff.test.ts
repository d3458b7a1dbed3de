// Sign-off: the head of department always; the head of school for the reasons in docs/product.md.
import { describe, expect, it } from "vitest";
import type { DraftAnswers } from "../../src/domain/questions";
import { defaultReferenceData } from "../../src/reference/defaults";
import { answersWith } from "../fixtures/answers";
import type { SchoolSignOffRuleId } from "../../src/rules";
import { decide, schoolSignOffRuleIds } from "../../src/rules";

const rows: { name: string; changes: DraftAnswers; expected: SchoolSignOffRuleId[]; says?: string }[] = [
  { name: "nothing special", changes: {}, expected: [] },
  {
    name: "due diligence only",
    changes: { relationship: "new", conflictsOfInterest: "yes", conflictsOfInterestDetails: "x" },
    expected: [],
  },
  {
    name: "an ACBELA route (referral)",
    changes: { publicInterest: "unsure" },
    expected: ["sign_off.school.acbela_route"],
    says: "routed to CBELA (formerly ACBELA)",
  },
  {
    name: "an ACBELA route (FSU)",
    changes: { relationship: "new", partnerCountry: "GE" },
    expected: ["sign_off.school.acbela_route"],
  },
  {
    name: "an export control route",
    changes: { militaryUse: "unsure" },
    expected: ["sign_off.school.export_control_route"],
    says: "export control review",
  },
  {
    name: "an MoU",
    changes: { engagementType: "mou" },
    expected: ["sign_off.school.institution_wide"],
    says: "memorandum of understanding",
  },
  {
    name: "a joint degree",
    changes: { engagementType: "joint_degree" },
    expected: ["sign_off.school.institution_wide"],
    says: "joint degree",
  },
  { name: "a student exchange", changes: { engagementType: "student_exchange" }, expected: [] },
  {
    name: "overseas activity",
    changes: { overseasActivity: "yes" },
    expected: ["sign_off.school.overseas_activity"],
    says: "s.24",
  },
  {
    name: "overseas activity unsure",
    changes: { overseasActivity: "unsure" },
    expected: ["sign_off.school.overseas_activity"],
    says: "not sure",
  },
  {
    name: "value at both thresholds",
    changes: { valueGbp: 1_000_000 },
    expected: ["sign_off.school.acbela_route", "sign_off.school.value_threshold"],
    says: "£1,000,000",
  },
  { name: "value just below both thresholds", changes: { valueGbp: 999_999 }, expected: [] },
  {
    name: "everything at once",
    changes: { engagementType: "mou", overseasActivity: "yes", valueGbp: 2_000_000, controlListed: "yes" },
    expected: [...schoolSignOffRuleIds],
  },
];

describe("sign-off", () => {
  it.each(rows)("$name", ({ changes, expected, says }) => {
    const { signOff } = decide(answersWith(changes), defaultReferenceData);
    expect(signOff.department).toBe(true);
    expect(signOff.school).toBe(expected.length > 0);
    expect(signOff.schoolReasons.map((reason) => reason.rule)).toEqual(expected);
    if (says) expect(signOff.schoolReasons.map((reason) => reason.text).join(" ")).toContain(says);
    for (const reason of signOff.schoolReasons) expect(reason.source).toContain("Heads of School");
  });
});
