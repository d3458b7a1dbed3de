// The reference data shipped with the app: the country lists, sectors, thresholds and
// committee name the rules read. The database is seeded from this once (version 1); after
// that admins change it through the app, each change a new numbered version, and every
// decided case records the version it was decided on. So nothing here is read by the rules
// directly: they take a ReferenceData argument.
import { z } from "zod";
import { nsiSectorIds, nsiSectorLabels } from "../domain/questions";
import { isCountryCode } from "../domain/countries";
import { checklistsSchema, defaultChecklists, type Checklists } from "../signOff/checklists";
import { countryRestrictionTypes, type CountryRestriction, type RulesReference } from "../rules/types";

/** Everything the reference data holds: what the rules read, and the heads' checklists. */
export interface ReferenceData extends RulesReference {
  version: number;
  /** The heads' sign-off checklists (src/signOff/checklists.ts). */
  checklists: Checklists;
  /** Days after which an open case is highlighted as overdue in the queue; null: the configured default. */
  queueOverdueDays: number | null;
}

// SPO page "Due diligence": "any proposed new linkages with persons or institutions from any
// countries which formed part of the former Soviet Union (with the exception of Estonia,
// Latvia and Lithuania) must be automatically submitted to ACBELA at the earliest opportunity."
const fsu = ["AM", "AZ", "BY", "GE", "KZ", "KG", "MD", "RU", "TJ", "TM", "UA", "UZ"];
const fsuExceptions = ["EE", "LV", "LT"];

/**
 * UK restrictions by country, each entry typed: an arms embargo (full or partial), a UK
 * country sanctions regime, or a licensing policy (a stated policy of refusing or
 * restricting export licences, with no embargo). A country may have several entries.
 *
 * Compiled from the GOV.UK pages "Arms embargoes and other restrictions" (Export Control
 * Joint Unit) and "UK sanctions regimes" (FCDO) as known on `restrictionsAsOf`; this
 * machine has no internet access, so it was NOT re-checked against the live pages. An
 * admin must check it against GOV.UK before go-live and keep it current: regimes are
 * added, changed and lifted several times a year. Each entry carries its own source and
 * date, so an updated entry says when it was checked.
 *
 * Partial restrictions (an embargo on some forces or groups only) are listed so a
 * reviewer looks at the case: over-inclusion costs a review, omission an export offence.
 */
export const restrictionsAsOf = "2025-06-01";
const armsEmbargoesSource = "GOV.UK: Arms embargoes and other restrictions (Export Control Joint Unit)";
const sanctionsRegimesSource = "GOV.UK: UK sanctions regimes (FCDO)";

function armsEmbargo(country: string, scope: "full" | "partial", name: string): CountryRestriction {
  return { country, type: "arms_embargo", scope, name, source: armsEmbargoesSource, asOf: restrictionsAsOf };
}
function sanctionsRegime(country: string, name: string): CountryRestriction {
  return {
    country,
    type: "sanctions_regime",
    scope: null,
    name,
    source: sanctionsRegimesSource,
    asOf: restrictionsAsOf,
  };
}

// The UK's arms embargo on China covers Hong Kong and Macao (the UK extended it to Hong
// Kong in 2020): they have their own ISO codes, so they have their own entries.
const chinaEmbargo = "UK arms embargo on China (1989), which covers Hong Kong and Macao";

const countryRestrictions: CountryRestriction[] = [
  armsEmbargo("AF", "partial", "UN arms embargo on the Taliban and associated groups"),
  sanctionsRegime("AF", "Afghanistan"),
  {
    country: "AR",
    type: "licensing_policy",
    scope: null,
    name: "UK policy of restricting military and dual-use exports to Argentina",
    source: armsEmbargoesSource,
    asOf: restrictionsAsOf,
  },
  armsEmbargo("AM", "partial", "OSCE arms embargo on forces engaged in the Nagorno-Karabakh area"),
  armsEmbargo("AZ", "partial", "OSCE arms embargo on forces engaged in the Nagorno-Karabakh area"),
  armsEmbargo("BY", "full", "UK arms embargo on Belarus"),
  sanctionsRegime("BY", "Belarus"),
  sanctionsRegime("BA", "Bosnia and Herzegovina"),
  armsEmbargo("CF", "partial", "UN arms embargo on armed groups in the Central African Republic"),
  sanctionsRegime("CF", "Central African Republic"),
  armsEmbargo("CN", "partial", chinaEmbargo),
  armsEmbargo("HK", "partial", chinaEmbargo),
  armsEmbargo("MO", "partial", chinaEmbargo),
  armsEmbargo("CD", "partial", "UN arms embargo on non-governmental forces in the Democratic Republic of the Congo"),
  sanctionsRegime("CD", "Democratic Republic of the Congo"),
  sanctionsRegime("GN", "Republic of Guinea"),
  sanctionsRegime("GW", "Guinea-Bissau"),
  armsEmbargo("HT", "partial", "UN arms embargo on armed groups in Haiti"),
  sanctionsRegime("HT", "Haiti"),
  armsEmbargo("IR", "full", "UK arms embargo on Iran"),
  sanctionsRegime("IR", "Iran; Iran (nuclear)"),
  armsEmbargo("IQ", "partial", "UN arms embargo on non-government forces in Iraq"),
  sanctionsRegime("IQ", "Iraq"),
  armsEmbargo("LB", "partial", "UN arms embargo on non-government forces in Lebanon"),
  sanctionsRegime("LB", "Lebanon"),
  armsEmbargo("LY", "full", "UN arms embargo on Libya"),
  sanctionsRegime("LY", "Libya"),
  sanctionsRegime("ML", "Mali"),
  armsEmbargo("MM", "full", "UK arms embargo on Myanmar"),
  sanctionsRegime("MM", "Myanmar"),
  sanctionsRegime("NI", "Nicaragua"),
  armsEmbargo("KP", "full", "UN arms embargo on North Korea (DPRK)"),
  sanctionsRegime("KP", "Democratic People's Republic of Korea"),
  armsEmbargo("RU", "full", "UK arms embargo on Russia"),
  sanctionsRegime("RU", "Russia"),
  armsEmbargo("SO", "partial", "UN arms embargo on al-Shabaab in Somalia"),
  sanctionsRegime("SO", "Somalia"),
  armsEmbargo("SS", "full", "UN arms embargo on South Sudan"),
  sanctionsRegime("SS", "South Sudan"),
  armsEmbargo("SD", "partial", "UN arms embargo on Darfur, Sudan"),
  sanctionsRegime("SD", "Sudan"),
  armsEmbargo("SY", "full", "UK arms embargo on Syria (much else eased in 2025)"),
  sanctionsRegime("SY", "Syria"),
  armsEmbargo("VE", "full", "UK arms embargo on Venezuela"),
  sanctionsRegime("VE", "Venezuela"),
  armsEmbargo("YE", "partial", "UN arms embargo on the Houthis in Yemen"),
  sanctionsRegime("YE", "Yemen"),
  armsEmbargo("ZW", "full", "UK arms embargo on Zimbabwe"),
  sanctionsRegime("ZW", "Zimbabwe"),
];

/** The countries on the list before entries were typed (version 1): read from older stored versions. */
const legacyListSource =
  "GOV.UK: Arms embargoes and other restrictions (Export Control Joint Unit); UK sanctions regimes (FCDO)";

/**
 * Foreign Influence Registration Scheme, enhanced tier: the foreign powers specified by
 * regulations (Iran and Russia, from 1 July 2025), for which arrangements with the state
 * and entities it controls must be registered.
 */
const firsEnhancedTier = ["IR", "RU"];
export const firsEnhancedTierSource =
  "National Security Act 2023: Foreign Influence Registration Scheme, enhanced tier (Iran, Russia)";

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
  countryLists: { fsu, fsuExceptions, atasExempt, firsEnhancedTier },
  countryRestrictions,
  nsiSectors: nsiSectorIds.map((id) => ({ id, label: nsiSectorLabels[id] })),
  thresholds: { acbelaThresholdGbp: 1_000_000, schoolThresholdGbp: 1_000_000 },
  // Renamed in 2022 (the Committee on Benefactions and External and Legal Affairs); the
  // former name stays in the texts so people who know the old one recognise it.
  committeeName: "CBELA",
  committeeFormerName: "ACBELA",
  checklists: defaultChecklists,
  queueOverdueDays: null,
};

// A checker for reference data read from a file (the triage command) or an admin's edit.
const countryList = z
  .array(z.string().refine(isCountryCode, "Use ISO 3166-1 alpha-2 country codes, e.g. RU"))
  .refine((codes) => new Set(codes).size === codes.length, "List each country only once");
const pounds = z.number().int("Enter a whole number of pounds").min(0, "Enter 0 or more");

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Enter the date as YYYY-MM-DD");
const restrictionText = z.string().trim().min(1).max(300);

const countryRestrictionSchema = z
  .strictObject({
    country: z.string().refine(isCountryCode, "Use ISO 3166-1 alpha-2 country codes, e.g. RU"),
    type: z.enum(countryRestrictionTypes),
    scope: z.enum(["full", "partial"]).nullable().default(null),
    name: restrictionText,
    source: restrictionText,
    asOf: isoDate,
  })
  .refine((entry) => (entry.type === "arms_embargo") === (entry.scope !== null), {
    message: "An arms embargo is full or partial; other entries have no scope",
    path: ["scope"],
  });

/**
 * Version 1 as first stored: one untyped `embargo` list, and the committee's old name. Read
 * so that stored versions keep their meaning: each listed country becomes an entry naming
 * the combined list, and the typed entries and enhanced tier of this release are not added
 * behind an admin's back (publishing a new version adds them).
 */
function upgradeLegacy(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const data = input as Record<string, unknown>;
  const lists = data.countryLists as Record<string, unknown> | undefined;
  if (!lists || !Array.isArray(lists.embargo) || "countryRestrictions" in data) return input;
  const { embargo, ...rest } = lists;
  return {
    ...data,
    countryLists: { ...rest, firsEnhancedTier: rest.firsEnhancedTier ?? [] },
    countryRestrictions: (embargo as unknown[]).map((country) => ({
      country,
      type: "sanctions_regime",
      name: "UK arms embargo and sanctions list",
      source: legacyListSource,
      asOf: restrictionsAsOf,
    })),
  };
}

export const referenceDataSchema: z.ZodType<ReferenceData> = z.preprocess(
  upgradeLegacy,
  z.strictObject({
    version: z.number().int().min(1),
    countryLists: z.strictObject({
      fsu: countryList,
      fsuExceptions: countryList,
      atasExempt: countryList,
      firsEnhancedTier: countryList,
    }),
    countryRestrictions: z.array(countryRestrictionSchema),
    nsiSectors: z.array(z.strictObject({ id: z.string().min(1), label: z.string().trim().min(1) })),
    thresholds: z.strictObject({ acbelaThresholdGbp: pounds, schoolThresholdGbp: pounds }),
    committeeName: z.string().trim().min(1, "Enter the committee's name").max(100),
    // Versions stored before the committee was renamed have no former name.
    committeeFormerName: z.string().trim().max(100).default(""),
    // Versions stored before the checklists were added read as having the shipped ones.
    checklists: checklistsSchema.default(() => structuredClone(defaultChecklists)),
    // Versions stored before the overdue age moved here use the configured one.
    queueOverdueDays: z
      .number()
      .int("Enter a whole number of days")
      .min(1, "Enter 1 or more days")
      .max(365, "Enter 365 days or fewer")
      .nullable()
      .default(null),
  }),
);
