// What every list parser produces: the publisher's entities in one shape, ready to store.
import type { AliasStrength, EntityType, NameType } from "../scorer";

export interface ParsedName {
  name: string;
  nameType: NameType;
  aliasStrength: AliasStrength | null;
  /** The script or language the publisher states, if any (kept for the explanation). */
  language?: string;
}

export interface ParsedEntity {
  externalId: string;
  type: EntityType;
  names: ParsedName[];
  regime: string | null;
  sanctionsImposed: string[];
  statementOfReasons: string | null;
  otherInformation: string | null;
  designationSource: string | null;
  /** ISO dates (yyyy-mm-dd). */
  dateDesignated: string | null;
  lastUpdated: string | null;
  /** ISO 3166 alpha-2. */
  countries: string[];
  details: Record<string, unknown>;
}

export interface ParsedList {
  /** The publisher's date for the list (yyyy-mm-dd), when the file states it. */
  reportDate: string | null;
  entities: ParsedEntity[];
}

/** The file is not the list it was said to be, or is damaged: the message says how. */
export class ListFormatError extends Error {}

const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** dd/mm/yyyy, dd-Mon-yyyy or yyyy-mm-dd (with or without a time) to yyyy-mm-dd; null otherwise. */
export function isoDate(text: string | null | undefined): string | null {
  const value = text?.trim();
  if (!value) return null;
  let year: number, month: number, day: number;
  let match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (match) [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else if ((match = /^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4})$/.exec(value))) {
    [day, month, year] = [Number(match[1]), months.indexOf((match[2] ?? "").toLowerCase()) + 1, Number(match[3])];
  } else if ((match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value))) {
    [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** Trimmed text, or null when blank. */
export function text(value: unknown): string | null {
  if (typeof value !== "string" && typeof value !== "number") return null;
  const trimmed = String(value).trim();
  return trimmed === "" ? null : trimmed;
}

export function distinct(values: Iterable<string | null | undefined>): string[] {
  return [...new Set([...values].filter((value): value is string => !!value))];
}
