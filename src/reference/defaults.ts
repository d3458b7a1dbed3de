// The reference data shipped with the app: the country lists, sectors, thresholds and
// committee name the rules read. The database is seeded from this once (version 1); after
// that admins change it through the app, each change a new numbered version, and every
// decided case records the version it was decided on. So nothing here is read by the rules
// directly: they take a ReferenceData argument.
import { z } from "zod";
import { nsiSectorIds, nsiSectorLabels } from "../domain/questions";
import { isCountryCode } from "../domain/countries";
import { checklistsSchema, defaultChecklists, type Checklists } from "../signOff/checklists";
import type { RulesReference } from "../rules/types";

/** Everything the reference data holds: what the rules read, and the heads' checklists. */
export interface ReferenceData extends RulesReference {
  version: number;
  /** The heads' sign-off checklists (src/signOff/checklists.ts). */
  checklists: Checklists;
}

// SPO page "Due diligence": "any proposed new linkages with persons or institutions from any
// countries which formed part of the former Soviet Union (with the exception of Estonia,
// Latvia and Lithuania) must be automatically submitted to ACBELA at the earliest opportunity."
const fsu = ["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "RU", "TJ", "TM", "UA", "UZ"];
const fsuExceptions = ["EE", "LV", "LT"];

/**
 * Countries under a UK arms embargo or a UK country sanctions regime.
 *
 * Compiled from the GOV.UK pages "Arms embargoes and other restrictions" (Export Control
 * Joint Unit) and "UK sanctions regimes" (FCDO) as known on `embargoListAsOf`; this machine
 * has no internet access, so it was NOT re-checked against the live pages. An admin must
 * check it against GOV.UK before go-live and keep it current: regimes are added, changed
 * and lifted several times a year.
 *
 * Some entries are partial restrictions (noted), listed so a reviewer looks at the case:
 * over-inclusion costs a review, omission could cost an export offence.
 */
const embargo = [
  "AF", // Afghanistan (Taliban-related sanctions)
  "AR", // Argentina (UK restrictions on military exports)
  "AM", // Armenia (OSCE arms embargo on forces in the Nagorno-Karabakh area)
  "AZ", // Azerbaijan (OSCE arms embargo on forces in the Nagorno-Karabakh area)
  "BY", // Belarus
  "BA", // Bosnia and Herzegovina
  "CF", // Central African Republic
  "CN", // China (arms embargo since 1989)
  "CD", // Democratic Republic of the Congo
  "GN", // Guinea
  "GW", // Guinea-Bissau
  "HT", // Haiti
  "IR", // Iran
  "IQ", // Iraq
  "LB", // Lebanon
  "LY", // Libya
  "ML", // Mali
  "MM", // Myanmar
  "NI", // Nicaragua
  "KP", // North Korea
  "RU", // Russia
  "SO", // Somalia
  "SS", // South Sudan
  "SD", // Sudan
  "SY", // Syria (much eased in 2025; arms embargo and some designations remain)
  "VE", // Venezuela
  "YE", // Yemen
  "ZW", // Zimbabwe
];

/** When the embargo list was compiled, and from where: show it beside the list. */
export const embargoListAsOf = "2025-06-01";
export const embargoListSource =
  "GOV.UK: Arms embargoes and other restrictions (Export Control Joint Unit); UK sanctions regimes (FCDO). Not re-checked since the date shown: keep current.";

/**
 * Nationalities exempt from ATAS: the EU and EEA countries, Switzerland, Australia, Canada,
 * Japan, New Zealand, Singapore, South Korea and the United States (UK Home Office,
 * Immigration Rules Appendix ATAS). GB is listed too because UK nationals are not subject
 * to immigration control, so a UK partner never needs the check.
 */
const atasExempt = [
  // EU
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
  // EEA outside the EU
  "IS",
  "LI",
  "NO",
  // Others named by the Home Office
  "CH",
  "AU",
  "CA",
  "JP",
  "NZ",
  "SG",
  "KR",
  "US",
  // The UK itself
  "GB",
];
export const atasExemptSource = "UK Home Office: Immigration Rules, Appendix ATAS (exempt nationalities)";

export const defaultReferenceData: ReferenceData = {
  version: 1,
  countryLists: { fsu, fsuExceptions, embargo, atasExempt },
  nsiSectors: nsiSectorIds.map((id) => ({ id, label: nsiSectorLabels[id] })),
  thresholds: { acbelaThresholdGbp: 1_000_000, schoolThresholdGbp: 1_000_000 },
  committeeName: "ACBELA",
  checklists: defaultChecklists,
};

// A checker for reference data read from a file (the triage command) or an admin's edit.
const countryList = z
  .array(z.string().refine(isCountryCode, "Use ISO 3166-1 alpha-2 country codes, e.g. RU"))
  .refine((codes) => new Set(codes).size === codes.length, "List each country only once");
const pounds = z.number().int("Enter a whole number of pounds").min(0, "Enter 0 or more");

export const referenceDataSchema: z.ZodType<ReferenceData> = z.strictObject({
  version: z.number().int().min(1),
  countryLists: z.strictObject({
    fsu: countryList,
    fsuExceptions: countryList,
    embargo: countryList,
    atasExempt: countryList,
  }),
  nsiSectors: z.array(z.strictObject({ id: z.string().min(1), label: z.string().trim().min(1) })),
  thresholds: z.strictObject({ acbelaThresholdGbp: pounds, schoolThresholdGbp: pounds }),
  committeeName: z.string().trim().min(1, "Enter the committee's name").max(100),
  // Versions stored before the checklists were added read as having the shipped ones.
  checklists: checklistsSchema.default(() => structuredClone(defaultChecklists)),
});
