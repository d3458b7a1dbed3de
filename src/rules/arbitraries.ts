// fast-check generators of valid answer sets, for the property tests and the rules
// benchmark (never imported by the app). Countries lean towards the ones the rules care
// about (former Soviet Union, its exceptions, embargoed, ATAS-exempt, the UK) so the
// interesting branches are reached often.
import fc from "fast-check";
import type { Answers } from "../proposals/questions";
import {
  engagementTypes,
  exemptions,
  foregroundIpOwners,
  funderSectors,
  funderTypes,
  nsiSectorIds,
  partnerTypes,
  relationships,
  yesNo,
  yesNoUnsure,
} from "../proposals/questions";
import { allCountries } from "../reference/countries";
import { defaultReferenceData } from "../reference/defaults";

const { fsu, fsuExceptions, embargo, atasExempt } = defaultReferenceData.countryLists;

export const countryArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...fsu),
  fc.constantFrom(...fsuExceptions),
  fc.constantFrom(...embargo),
  fc.constantFrom(...atasExempt),
  fc.constant("GB"),
  fc.constantFrom(...allCountries().map((country) => country.code)),
);

const nameArb = fc.oneof(
  fc.constantFrom("University of Tartu", "Melnikov Permafrost Institute", "Acme Robotics Ltd", "Ministry of Science"),
  fc
    .string({ minLength: 1, maxLength: 40 })
    .map((text) => text.trim())
    .filter((text) => text.length > 0),
);

const dayArb = fc.integer({ min: 0, max: 3_650 });
const isoDay = (offset: number) => new Date(Date.UTC(2026, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);

const valueArb = fc.oneof(fc.integer({ min: 0, max: 5_000_000 }), fc.constantFrom(0, 999_999, 1_000_000, 1_000_001));

const fundingArb = fc.oneof(
  fc.constant({ hasFunding: "no" as const }),
  fc.record({
    hasFunding: fc.constant("yes" as const),
    funderName: nameArb,
    funderType: fc.constantFrom(...funderTypes),
    funderCountry: countryArb,
    funderSector: fc.constantFrom(...funderSectors),
    useRestrictions: fc.constantFrom(...yesNoUnsure),
    valuesConflict: fc.constantFrom(...yesNoUnsure),
  }),
);

const conflictsArb = fc.oneof(
  fc.constant({ conflictsOfInterest: "no" as const }),
  fc.record({
    conflictsOfInterest: fc.constantFrom("yes" as const, "unsure" as const),
    conflictsOfInterestDetails: fc.constantFrom("A co-investigator sits on the partner's board."),
  }),
);

export const answersArb: fc.Arbitrary<Answers> = fc
  .record({
    title: nameArb,
    summary: nameArb,
    engagementType: fc.constantFrom(...engagementTypes),
    department: fc.constantFrom("ENG", "CHEM", "CST", "EARTH", "MMLL"),
    start: dayArb,
    length: dayArb,
    valueGbp: valueArb,
    overseasActivity: fc.constantFrom(...yesNoUnsure),
    viaSubsidiary: fc.constantFrom(...yesNo),
    partnerName: nameArb,
    partnerType: fc.constantFrom(...partnerTypes),
    partnerCountry: countryArb,
    otherCountries: fc.uniqueArray(countryArb, { maxLength: 4 }),
    partnerWebsite: fc.option(fc.constantFrom("https://example.org", "http://partner.example.ac.uk/about"), {
      nil: undefined,
    }),
    relationship: fc.constantFrom(...relationships),
    stateLinks: fc.constantFrom(...yesNoUnsure),
    conflicts: conflictsArb,
    funding: fundingArb,
    controlListed: fc.constantFrom(...yesNoUnsure),
    militaryUse: fc.constantFrom(...yesNoUnsure),
    wmdConcern: fc.constantFrom(...yesNoUnsure),
    transferAbroad: fc.constantFrom(...yesNoUnsure),
    exemption: fc.constantFrom(...exemptions),
    nsiSectors: fc.subarray([...nsiSectorIds], { maxLength: 3 }),
    facilityAccess: fc.constantFrom(...yesNo),
    travel: fc.constantFrom(...yesNo),
    visitingResearchers: fc.constantFrom(...yesNo),
    foregroundIp: fc.constantFrom(...foregroundIpOwners),
    publicationRestrictions: fc.constantFrom(...yesNoUnsure),
    cambridgeEnterpriseContacted: fc.constantFrom(...yesNo),
    publicInterest: fc.constantFrom(...yesNoUnsure),
    academicFreedom: fc.constantFrom(...yesNoUnsure),
  })
  .map(({ start, length, conflicts, funding, partnerWebsite, ...rest }): Answers => ({
    ...rest,
    startDate: isoDay(start),
    endDate: isoDay(start + length),
    ...(partnerWebsite === undefined ? {} : { partnerWebsite }),
    ...conflicts,
    ...funding,
  }));
