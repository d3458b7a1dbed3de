// Form fields, page by page, as a person would fill them in: a new research collaboration
// with a Russian university, funded by a company (routes to ACBELA, mandatory).
export const russianCollaboration: Record<string, Record<string, string | string[]>> = {
  title: { title: "Quantum sensing for glacier monitoring", summary: "Joint fieldwork and modelling.\nTwo PhD students." },
  "engagement-type": { engagementType: "research_collaboration" },
  department: { department: "ENG" },
  dates: { "startDate-day": "1", "startDate-month": "9", "startDate-year": "2027", "endDate-day": "31", "endDate-month": "8", "endDate-year": "2030" },
  value: { valueGbp: "£250,000" },
  "overseas-activity": { overseasActivity: "no", viaSubsidiary: "no" },
  partner: { partnerName: "Novosibirsk State University", partnerType: "university", partnerWebsite: "https://english.nsu.ru" },
  countries: { partnerCountry: "RU", otherCountries: ["DE", "", "", "", ""] },
  relationship: { relationship: "new" },
  connections: { stateLinks: "no", conflictsOfInterest: "no", conflictsOfInterestDetails: "" },
  funding: { hasFunding: "yes" },
  funder: { funderName: "Arctic Instruments GmbH", funderType: "company", funderCountry: "DE" },
  "funder-terms": { funderSector: "none_of_these", useRestrictions: "no", valuesConflict: "no" },
  "export-control": { controlListed: "no", militaryUse: "no", wmdConcern: "no" },
  transfer: { transferAbroad: "no", exemption: "none" },
  "nsi-sectors": { nsiSectors: "none" },
  "access-and-travel": { facilityAccess: "no", travel: "yes", visitingResearchers: "no" },
  "intellectual-property": { foregroundIp: "joint", publicationRestrictions: "no", cambridgeEnterpriseContacted: "yes" },
  reputation: { publicInterest: "no", academicFreedom: "no" },
};
