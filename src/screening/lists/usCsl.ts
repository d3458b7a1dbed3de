// The US Consolidated Screening List (trade.gov): the JSON download, which combines the
// Entity List, Denied Persons, Unverified, Military End User, ITAR debarred, SDN and other
// lists. One record per listed party: `name`, `alt_names`, `addresses`, `source` (the list
// it comes from, shown as the regime), `programs`, `federal_register_notice`...
import type { EntityType } from "../scorer";
import { countryCodes } from "./countries";
import { distinct, isoDate, ListFormatError, text, type ParsedEntity, type ParsedList, type ParsedName } from "./types";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? distinct(value.map((item) => (typeof item === "string" ? text(item) : null))) : [];

function entityType(value: string | null): EntityType {
  switch (value?.toLowerCase()) {
    case "individual":
      return "person";
    case "entity":
      return "organisation";
    case "vessel":
      return "ship";
    default:
      // Most of the Entity List gives no type: it lists bodies and people alike.
      return "other";
  }
}

export function parseUsCsl(content: string): ParsedList {
  let document: unknown;
  try {
    document = JSON.parse(content.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new ListFormatError(`The file is not valid JSON: ${(error as Error).message}`);
  }
  const results = Array.isArray(document) ? document : isObject(document) ? document.results : undefined;
  if (!Array.isArray(results)) {
    throw new ListFormatError('This is not the Consolidated Screening List JSON: there is no "results" list.');
  }
  const entities: ParsedEntity[] = [];
  for (const [index, record] of results.entries()) {
    if (!isObject(record)) throw new ListFormatError(`Result ${index + 1} is not an object.`);
    const id = text(record.id) ?? text(record.entity_number);
    const primary = text(record.name);
    if (!id || !primary) throw new ListFormatError(`Result ${index + 1} has no id or no name.`);
    const names: ParsedName[] = [{ name: primary, nameType: "primary", aliasStrength: null }];
    for (const alias of strings(record.alt_names)) {
      if (alias !== primary) names.push({ name: alias, nameType: "alias", aliasStrength: null });
    }
    const addresses = Array.isArray(record.addresses) ? record.addresses.filter(isObject) : [];
    const programs = strings(record.programs);
    entities.push({
      externalId: id,
      type: entityType(text(record.type)),
      names,
      regime: text(record.source),
      sanctionsImposed: distinct([...programs, text(record.license_requirement)]),
      statementOfReasons: text(record.remarks),
      otherInformation: text(record.federal_register_notice),
      designationSource: text(record.source),
      dateDesignated: isoDate(text(record.start_date)),
      lastUpdated: null,
      countries: countryCodes([
        ...addresses.map((address) => text(address.country)),
        ...strings(record.nationalities),
        ...strings(record.citizenships),
      ]),
      details: {
        addresses: addresses.map((address) => ({
          lines: distinct([text(address.address), text(address.city), text(address.state)]),
          postalCode: text(address.postal_code),
          country: text(address.country),
        })),
        programs,
        federalRegisterNotice: text(record.federal_register_notice),
        licencePolicy: text(record.license_policy),
        endDate: isoDate(text(record.end_date)),
        sourceListUrl: text(record.source_list_url),
        sourceInformationUrl: text(record.source_information_url),
      },
    });
  }
  // The publishers' own dates, where given: the latest is the list's date.
  const sources =
    isObject(document) && Array.isArray(document.sources_used) ? document.sources_used.filter(isObject) : [];
  const dates = distinct(sources.map((source) => isoDate(text(source.source_last_updated)))).sort();
  return { reportDate: dates.at(-1) ?? null, entities };
}
