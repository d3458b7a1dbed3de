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
