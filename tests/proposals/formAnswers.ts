import { steps } from "../../src/proposals/form/steps";

const slugOrder = (slug: string) => steps.findIndex((step) => step.slug === slug);

// Form fields, page by page, as a person would fill them in: a research collaboration with
// a Russian university (part of a group), under an agreement whose SPO reference is not
// given (so a new linkage), funded by a new company (routes to the committee, mandatory).
// Every page applies to it but the nationalities page, which only an individual partner gets.
export const russianCollaboration: Record<string, Record<string, string | string[]>> = {
  title: {
    title: "Quantum sensing for glacier monitoring",
    summary: "Joint fieldwork and modelling.\nTwo PhD students.",
  },
  "engagement-type": { engagementType: "research_collaboration" },
  department: { department: "ENG" },
  dates: {
    "startDate-day": "1",
    "startDate-month": "9",
    "startDate-year": "2027",
    "endDate-day": "31",
    "endDate-month": "8",
    "endDate-year": "2030",
  },
  value: { valueGbp: "£250,000" },
  "overseas-activity": { overseasActivity: "no", viaSubsidiary: "no" },
  partner: {
    partnerName: "Novosibirsk State University",
    partnerType: "university",
    partnerWebsite: "https://english.nsu.ru",
  },
  countries: { partnerCountry: "RU", otherCountries: ["DE", "", "", "", ""] },
  "other-participants": { otherParticipantsRelationship: "some_new" },
  ownership: { partnerOwnership: "part_of_group" },
  "owner-country": {
    partnerParentName: "Siberian Branch of the Russian Academy of Sciences",
    partnerParentCountry: "RU",
  },
  relationship: { relationship: "existing_with_agreement" },
  agreement: { existingAgreementReference: "" },
  connections: { stateLinks: "no", conflictsOfInterest: "no", conflictsOfInterestDetails: "" },
  funding: { hasFunding: "yes" },
  funder: {
    funderName: "Arctic Instruments GmbH",
    funderType: "company",
    funderCountry: "DE",
    funderRelationship: "new",
  },
  "funder-terms": { funderSector: "none_of_these", useRestrictions: "no", valuesConflict: "no" },
  "export-control": { controlListed: "no", militaryUse: "no", wmdConcern: "no" },
  transfer: { transferAbroad: "no", exemption: "none" },
  "nsi-sectors": { nsiSectors: "none" },
  "access-and-travel": { facilityAccess: "no", travel: "yes", visitingResearchers: "yes" },
  visitors: { visitorNationalities: ["RU", "KZ", "", "", ""] },
  "intellectual-property": {
    foregroundIp: "joint",
    publicationRestrictions: "no",
    cambridgeEnterpriseContacted: "yes",
  },
  reputation: { publicInterest: "no", academicFreedom: "no" },
};

/** The same collaboration without funding: the funder pages do not apply. */
export const unfundedCollaboration: Record<string, Record<string, string | string[]>> = Object.fromEntries(
  Object.entries({ ...russianCollaboration, funding: { hasFunding: "no" } }).filter(
    ([slug]) => slug !== "funder" && slug !== "funder-terms",
  ),
);

/** The same collaboration with an individual partner: the nationalities page instead of the ownership pages. */
export const individualCollaboration: Record<string, Record<string, string | string[]>> = Object.fromEntries(
  Object.entries<Record<string, string | string[]>>({
    ...russianCollaboration,
    partner: { partnerName: "Dr Irina Petrova", partnerType: "individual", partnerWebsite: "" },
    nationalities: { partnerNationalities: ["RU", "", ""] },
  })
    .filter(([slug]) => slug !== "ownership" && slug !== "owner-country")
    .sort(([a], [b]) => slugOrder(a) - slugOrder(b)),
);

/** What the pages of russianCollaboration store: trimmed, typed, dates joined, blanks dropped. */
export const russianCollaborationAnswers: Record<string, unknown> = {
  title: "Quantum sensing for glacier monitoring",
  summary: "Joint fieldwork and modelling.\nTwo PhD students.",
  engagementType: "research_collaboration",
  department: "ENG",
  startDate: "2027-09-01",
  endDate: "2030-08-31",
  valueGbp: 250_000,
  overseasActivity: "no",
  viaSubsidiary: "no",
  partnerName: "Novosibirsk State University",
  partnerType: "university",
  partnerWebsite: "https://english.nsu.ru",
  partnerCountry: "RU",
  otherCountries: ["DE"],
  otherParticipantsRelationship: "some_new",
  partnerOwnership: "part_of_group",
  partnerParentName: "Siberian Branch of the Russian Academy of Sciences",
  partnerParentCountry: "RU",
  relationship: "existing_with_agreement",
  existingAgreementReference: "",
  stateLinks: "no",
  conflictsOfInterest: "no",
  hasFunding: "yes",
  funderName: "Arctic Instruments GmbH",
  funderType: "company",
  funderCountry: "DE",
  funderRelationship: "new",
  funderSector: "none_of_these",
  useRestrictions: "no",
  valuesConflict: "no",
  controlListed: "no",
  militaryUse: "no",
  wmdConcern: "no",
  transferAbroad: "no",
  exemption: "none",
  nsiSectors: [],
  facilityAccess: "no",
  travel: "yes",
  visitingResearchers: "yes",
  visitorNationalities: ["RU", "KZ"],
  foregroundIp: "joint",
  publicationRestrictions: "no",
  cambridgeEnterpriseContacted: "yes",
  publicInterest: "no",
  academicFreedom: "no",
};
