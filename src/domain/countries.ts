// ISO 3166-1 alpha-2 countries with English names, from the maintained i18n-iso-countries
// package (so new or renamed countries arrive with a dependency update, not a code change).
// The package also carries XK (Kosovo), a user-assigned code in wide use by the UK and EU;
// we keep it so a Kosovan partner can be recorded.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };

countries.registerLocale(en);

export interface Country {
  code: string;
  name: string;
}

// Built once at load: every look-up below is a Map/Set hit, cheap enough for the rules'
// hot path. "official" is the package's first (formal) English name, e.g. "Russian Federation".
const names: ReadonlyMap<string, string> = new Map(
  Object.entries(countries.getNames("en", { select: "official" })).map(([code, name]) => [code, name]),
);

/** True only for an upper-case alpha-2 code in the list ("RU", not "ru" or "RUS"). */
export function isCountryCode(code: unknown): code is string {
  return typeof code === "string" && names.has(code);
}

/** The English name of a country; the code itself if it is not one (never throws). */
export function countryName(code: string): string {
  return names.get(code) ?? code;
}

let sorted: readonly Country[] | undefined;

/** Every country, sorted by English name for select lists. Computed once, then shared: do not mutate. */
export function allCountries(): readonly Country[] {
  sorted ??= [...names].map(([code, name]) => ({ code, name })).sort((a, b) => a.name.localeCompare(b.name, "en"));
  return sorted;
}

/**
 * The names people use for countries whose ISO name is formal or inverted: a select list
 * shows "China (People's Republic of China)" under C, "Iran (Islamic Republic of Iran)" under
 * I, and the type-ahead finds either name.
 */
const commonNames: Readonly<Record<string, string>> = {
  BN: "Brunei",
  BO: "Bolivia",
  CD: "Congo, Democratic Republic of the",
  CG: "Congo, Republic of the",
  CN: "China",
  CZ: "Czechia",
  FM: "Micronesia",
  GB: "United Kingdom",
  IR: "Iran",
  KP: "North Korea",
  KR: "South Korea",
  LA: "Laos",
  MD: "Moldova",
  MK: "North Macedonia",
  PS: "Palestine",
  RU: "Russia",
  SY: "Syria",
  TW: "Taiwan",
  TZ: "Tanzania",
  US: "United States",
  VA: "Vatican City",
  VE: "Venezuela",
  VN: "Vietnam",
};

/** Other names a country is known by, for the type-ahead only (not shown in the list). */
export const countrySynonyms: Readonly<Record<string, readonly string[]>> = {
  GB: ["UK", "Great Britain", "Britain", "England", "Scotland", "Wales", "Northern Ireland"],
  US: ["USA", "America"],
  KR: ["Korea", "Republic of Korea"],
  KP: ["DPRK", "Korea"],
  NL: ["Holland"],
  TR: ["Turkey"],
  CI: ["Ivory Coast"],
  CV: ["Cape Verde", "Cabo Verde"],
  SZ: ["Swaziland"],
  MM: ["Burma"],
  AE: ["UAE", "Emirates"],
  CZ: ["Czech Republic"],
  RU: ["Russian Federation"],
};

/** The name a select list shows: the common name first, then the ISO name if it differs. */
export function countryListName(code: string): string {
  const official = countryName(code);
  const common = commonNames[code];
  return common && common !== official ? `${common} (${official})` : official;
}

let listed: readonly Country[] | undefined;

/** Every country for a select list, by the name people use (China under C). Shared: do not mutate. */
export function countryList(): readonly Country[] {
  listed ??= [...names.keys()]
    .map((code) => ({ code, name: countryListName(code) }))
    .sort((a, b) => a.name.localeCompare(b.name, "en"));
  return listed;
}
