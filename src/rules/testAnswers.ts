// Answer sets for the tests: a "quiet" proposal that triggers nothing at all (no route,
// no advice, department sign-off only), so each test changes only what it is about.
import type { Answers, DraftAnswers } from "../proposals/questions";

export const quietAnswers: Answers = {
  title: "Joint workshop series",
  summary: "Workshops with a long-standing partner.",
  engagementType: "research_collaboration",
  department: "MMLL",
  startDate: "2027-01-01",
  endDate: "2027-12-31",
  valueGbp: 25_000,
  overseasActivity: "no",
  viaSubsidiary: "no",
  partnerName: "Université Paris Cité",
  partnerType: "university",
  partnerCountry: "FR",
  otherCountries: [],
  relationship: "existing_with_agreement",
  stateLinks: "no",
  conflictsOfInterest: "no",
  hasFunding: "no",
  controlListed: "no",
  militaryUse: "no",
  wmdConcern: "no",
  transferAbroad: "no",
  exemption: "none",
  nsiSectors: [],
  facilityAccess: "no",
  travel: "no",
  visitingResearchers: "no",
  foregroundIp: "not_applicable",
  publicationRestrictions: "no",
  cambridgeEnterpriseContacted: "no",
  publicInterest: "no",
  academicFreedom: "no",
};

/** Funding answers that trigger nothing: spread them in, then change one. */
export const quietFunding = {
  hasFunding: "yes",
  funderName: "UK Research and Innovation",
  funderType: "uk_public",
  funderCountry: "GB",
  funderSector: "none_of_these",
  useRestrictions: "no",
  valuesConflict: "no",
} as const satisfies DraftAnswers;

/** The quiet answers with some changed. */
export function answersWith(changes: DraftAnswers): Answers {
  return { ...quietAnswers, ...changes } as Answers;
}
