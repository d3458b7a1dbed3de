// Country names as lists write them, to ISO 3166 alpha-2 codes (the form's codes), so
// the scorer can compare a partner's country with an entry's.
import countries from "i18n-iso-countries";
import en from "i18n-iso-countries/langs/en.json" with { type: "json" };

countries.registerLocale(en);

// Names the UK list and others use that the package does not know.
const extraNames: Readonly<Record<string, string>> = {
  syria: "SY",
  "korea (north)": "KP",
  "korea (south)": "KR",
  "democratic people's republic of korea": "KP",
  dprk: "KP",
  "congo (democratic republic)": "CD",
  "democratic republic of the congo": "CD",
  "congo (republic)": "CG",
  burma: "MM",
  "occupied palestinian territories": "PS",
  "the occupied palestinian territories": "PS",
  "russian federation": "RU",
  "united states of america": "US",
  "great britain": "GB",
  crimea: "UA",
  "ivory coast": "CI",
  laos: "LA",
  "north macedonia": "MK",
  "sao tome and principe": "ST",
};

/** The alpha-2 code for a country name or code, or undefined when it names no country. */
export function countryCode(text: string | null | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  if (/^[A-Za-z]{2}$/.test(trimmed)) {
    const code = trimmed.toUpperCase();
    return countries.isValid(code) ? code : undefined;
  }
  return extraNames[trimmed.toLowerCase()] ?? countries.getAlpha2Code(trimmed, "en") ?? undefined;
}

/** Distinct codes for several names; names that are no country are left out. */
export function countryCodes(texts: Iterable<string | null | undefined>): string[] {
  const codes = new Set<string>();
  for (const text of texts) {
    const code = countryCode(text);
    if (code) codes.add(code);
  }
  return [...codes].sort();
}
