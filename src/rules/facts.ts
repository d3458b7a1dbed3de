// Small readings of the answers shared by the rule files, and the phrases their texts use.
import type { YesNoUnsure } from "../domain/questions";
import { nsiSectorLabels as defaultSectorLabels } from "../domain/questions";
import { countryName } from "../domain/countries";
import type { PreparedReference } from "./prepare";
import type { CountryRestriction } from "./types";

/** The University's own country: a partner or funder elsewhere is "foreign". */
export const UNIVERSITY_COUNTRY = "GB";

/** `unsure` counts as `yes` everywhere: the guidance asks for checks where there is doubt. */
export function isYes(answer: YesNoUnsure): boolean {
  return answer !== "no";
}

/** "You said X" for yes, "You were not sure whether X" for unsure: the text names the answer given. */
export function said(answer: YesNoUnsure, statement: string): string {
  return answer === "unsure" ? `You were not sure whether ${statement}` : `You said ${statement}`;
}

/** "A", "A and B", "A, B and C". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * Country names for a sentence, always written in brackets by the callers: "(Russian
 * Federation)", "(Armenia; Georgia)". Official names can contain commas and "and"
 * ("Moldova, Republic of", "Bosnia and Herzegovina"), so several are joined with "; ".
 */
export function countries(codes: readonly string[]): string {
  return codes.map(countryName).join("; ");
}

const poundsFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export function pounds(value: number): string {
  return poundsFormat.format(value);
}

/** NSI sector labels from the reference data, joined like `countries` ("Defence; Military and dual-use"). */
export function sectors(ids: readonly string[], ref: PreparedReference): string {
  return ids
    .map((id) => ref.nsiSectorLabels.get(id) ?? (defaultSectorLabels as Record<string, string | undefined>)[id] ?? id)
    .join("; ");
}

/** "a National Security and Investment Act sector (Defence)" or "... sectors (Defence; Energy)". */
export function nsiSectorsPhrase(ids: readonly string[], ref: PreparedReference): string {
  return ids.length === 1
    ? `a National Security and Investment Act sector (${sectors(ids, ref)})`
    : `National Security and Investment Act sectors (${sectors(ids, ref)})`;
}

/** The codes that are in `list`, in their order, without repeats. */
export function countriesIn(
  codes: readonly string[],
  list: ReadonlySet<string> | ReadonlyMap<string, unknown>,
): string[] {
  const found: string[] = [];
  for (const code of codes) {
    if (list.has(code) && !found.includes(code)) found.push(code);
  }
  return found;
}

/** Distinct codes, in order. */
export function distinct(codes: readonly string[]): string[] {
  return codes.filter((code, index) => codes.indexOf(code) === index);
}

/** The sectors answered that the reference data still lists: an admin can retire one. */
export function listedSectors(ids: readonly string[], ref: PreparedReference): string[] {
  return ids.filter((id) => ref.nsiSectorLabels.has(id));
}

/** One restriction as a sentence reads it, worded for its type, with its source and date. */
function restrictionPhrase(entry: CountryRestriction): string {
  const checked = `${entry.source}, as of ${entry.asOf}`;
  switch (entry.type) {
    case "arms_embargo":
      return `${entry.scope === "partial" ? "a partial" : "a full"} UK arms embargo (${entry.name}; ${checked})`;
    case "sanctions_regime":
      return `the UK sanctions regime for ${entry.name} (${checked})`;
    case "licensing_policy":
      return `a UK export licensing policy (${entry.name}; ${checked})`;
  }
}

/** "Belarus: a full UK arms embargo (...) and the UK sanctions regime for Belarus (...)" for each code. */
export function restrictionsText(codes: readonly string[], ref: PreparedReference): string {
  return codes
    .map((code) => `${countryName(code)}: ${listOf((ref.restrictions.get(code) ?? []).map(restrictionPhrase))}`)
    .join("; ");
}

export function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
