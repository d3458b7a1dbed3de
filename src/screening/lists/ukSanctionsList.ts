// The UK Sanctions List (FCDO), the one official UK list since 28 January 2026, from its
// published CSV or XML (gov.uk, "The UK Sanctions List").
//
// CSV: a "Report Date: ..." line, then the header; one row per *name*, so rows are grouped
// by Unique ID; columns are read by header name, never by position. XML: <Designations>
// with <DateGenerated> and one <Designation> per entry.
//
// Kept: what screening and an officer's judgement need (names, type, regime, sanctions,
// statement of reasons, dates, addresses, nationalities, dates and places of birth,
// positions). Left out: passport and national identity numbers, phone numbers, e-mail
// addresses and gender, personal data the matcher has no use for (UK GDPR: the Open
// Government Licence does not cover personal data).
import { parse as parseCsv } from "csv-parse/sync";
import { XMLParser } from "fast-xml-parser";
import type { AliasStrength, EntityType, NameType } from "../scorer";
import { countryCodes } from "./countries";
import { distinct, isoDate, ListFormatError, text, type ParsedEntity, type ParsedList, type ParsedName } from "./types";

function entityType(value: string | null): EntityType {
  switch (value?.toLowerCase()) {
    case "individual":
      return "person";
    case "entity":
      return "organisation";
    case "ship":
      return "ship";
    default:
      return "other";
  }
}

function nameType(value: string | null): NameType {
  const lower = value?.toLowerCase() ?? "";
  if (lower === "primary name") return "primary";
  if (lower.startsWith("primary name variation")) return "variation";
  return "alias";
}

function aliasStrength(value: string | null): AliasStrength | null {
  const lower = value?.toLowerCase() ?? "";
  if (lower.startsWith("low")) return "low";
  if (lower.startsWith("good")) return "good";
  return null;
}

/** One name of a designation with the designation's fields, as one CSV row or XML <Name> gives them. */
interface Part {
  uniqueId: string;
  type: string | null;
  nameParts: (string | null)[];
  nameType: string | null;
  aliasStrength: string | null;
  nonLatin: { name: string | null; script: string | null; language: string | null }[];
  regime: string | null;
  sanctionsImposed: string | null;
  statementOfReasons: string | null;
  otherInformation: string | null;
  designationSource: string | null;
  dateDesignated: string | null;
  lastUpdated: string | null;
  addresses: { lines: string[]; postalCode: string | null; country: string | null }[];
  nationalities: string[];
  datesOfBirth: string[];
  townsOfBirth: string[];
  countriesOfBirth: string[];
  positions: string[];
  extra: Record<string, string | null>;
}

/** Folds the parts of each designation into one entity, keeping the order of first appearance. */
function assemble(parts: Iterable<Part>): ParsedEntity[] {
  const byId = new Map<string, Part[]>();
  for (const part of parts) {
    const list = byId.get(part.uniqueId);
    if (list) list.push(part);
    else byId.set(part.uniqueId, [part]);
  }
  const entities: ParsedEntity[] = [];
  for (const [uniqueId, group] of byId) {
    const names: ParsedName[] = [];
    const seen = new Set<string>();
    const add = (name: ParsedName) => {
      const key = `${name.name}|${name.nameType}|${name.aliasStrength ?? ""}`;
      if (!seen.has(key)) {
        seen.add(key);
        names.push(name);
      }
    };
    for (const part of group) {
      const full = distinct(part.nameParts).join(" ");
      const type = nameType(part.nameType);
      if (full)
        add({ name: full, nameType: type, aliasStrength: type === "alias" ? aliasStrength(part.aliasStrength) : null });
      for (const nonLatin of part.nonLatin) {
        if (nonLatin.name) {
          add({
            name: nonLatin.name,
            nameType: type,
            aliasStrength: type === "alias" ? aliasStrength(part.aliasStrength) : null,
            language: distinct([nonLatin.language, nonLatin.script]).join(", ") || undefined,
          });
        }
      }
    }
    if (names.length === 0) continue;
    // The primary name first, whatever order the rows came in.
    names.sort((a, b) => Number(b.nameType === "primary") - Number(a.nameType === "primary"));
    const first = (pick: (part: Part) => string | null) => group.map(pick).find((value) => value) ?? null;
    const all = (pick: (part: Part) => string[]) => distinct(group.flatMap(pick));
    const addresses = new Map<string, Part["addresses"][number]>();
    for (const address of group.flatMap((part) => part.addresses)) {
      const key = JSON.stringify(address);
      if (address.lines.length > 0 || address.country) addresses.set(key, address);
    }
    const nationalities = all((part) => part.nationalities);
    const extra: Record<string, string> = {};
    for (const part of group) {
      for (const [key, value] of Object.entries(part.extra)) if (value && !extra[key]) extra[key] = value;
    }
    entities.push({
      externalId: uniqueId,
      type: entityType(first((part) => part.type)),
      names,
      regime: first((part) => part.regime),
      sanctionsImposed: distinct(
        group.flatMap((part) => (part.sanctionsImposed ?? "").split("|").map((value) => value.trim())),
      ),
      statementOfReasons: first((part) => part.statementOfReasons),
      otherInformation: first((part) => part.otherInformation),
      designationSource: first((part) => part.designationSource),
      dateDesignated: isoDate(first((part) => part.dateDesignated)),
      lastUpdated: isoDate(first((part) => part.lastUpdated)),
      countries: countryCodes([...[...addresses.values()].map((address) => address.country), ...nationalities]),
      details: {
        ...extra,
        addresses: [...addresses.values()],
        nationalities,
        datesOfBirth: all((part) => part.datesOfBirth),
        townsOfBirth: all((part) => part.townsOfBirth),
        countriesOfBirth: all((part) => part.countriesOfBirth),
        positions: all((part) => part.positions),
      },
    });
  }
  return entities;
}

// ---------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------

const requiredColumns = ["Unique ID", "Name 6", "Name type", "Regime Name"];

export function parseUkSanctionsListCsv(content: string): ParsedList {
  const body = content.replace(/^\uFEFF/, "");
  const firstLineEnd = body.search(/\r?\n/);
  const firstLine = firstLineEnd === -1 ? body : body.slice(0, firstLineEnd);
  const reportDateMatch = /^"?Report Date:\s*([^",]*)/i.exec(firstLine);
  if (!reportDateMatch) {
    throw new ListFormatError(
      'This is not the UK Sanctions List CSV: its first line should be "Report Date: ...", then the column headings.',
    );
  }
  let rows: Record<string, string>[];
  try {
    rows = parseCsv<Record<string, string>>(body.slice(firstLineEnd + 1), {
      columns: (header: string[]) => header.map((column) => column.trim()),
      skip_empty_lines: true,
      relax_column_count: true,
      trim: false,
    });
  } catch (error) {
    throw new ListFormatError(`The CSV cannot be read: ${(error as Error).message}`);
  }
  const header = Object.keys(rows[0] ?? {});
  const missing = requiredColumns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ListFormatError(
      `This is not the UK Sanctions List CSV: no column ${missing.map((c) => `"${c}"`).join(", ")}.`,
    );
  }
  const typeColumn = header.includes("Designation Type") ? "Designation Type" : "Individual, Entity, Ship";
  const parts = rows.map((row, index): Part => {
    const get = (column: string) => text(row[column]);
    const uniqueId = get("Unique ID");
    if (!uniqueId) throw new ListFormatError(`Row ${index + 3} has no Unique ID.`);
    const addressLines = [1, 2, 3, 4, 5, 6].map((n) => get(`Address Line ${n}`)).filter((line) => line !== null);
    return {
      uniqueId,
      type: get(typeColumn),
      nameParts: [1, 2, 3, 4, 5, 6].map((n) => get(`Name ${n}`)),
      nameType: get("Name type"),
      aliasStrength: get("Alias strength"),
      nonLatin: [
        {
          name: get("Name non-latin script"),
          script: get("Non-latin script type"),
          language: get("Non-latin script language"),
        },
      ],
      regime: get("Regime Name"),
      sanctionsImposed: get("Sanctions Imposed"),
      statementOfReasons: get("UK Statement of Reasons"),
      otherInformation: get("Other Information"),
      designationSource: get("Designation source"),
      dateDesignated: get("Date Designated"),
      lastUpdated: get("Last Updated"),
      addresses: [{ lines: addressLines, postalCode: get("Address Postal Code"), country: get("Address Country") }],
      nationalities: distinct((get("Nationality(/ies)") ?? "").split(/[|;]/).map((value) => value.trim())),
      datesOfBirth: distinct([get("D.O.B")]),
      townsOfBirth: distinct([get("Town of birth")]),
      countriesOfBirth: distinct([get("Country of birth")]),
      positions: distinct([get("Position")]),
      extra: {
        ofsiGroupId: get("OFSI Group ID"),
        unReferenceNumber: get("UN Reference Number"),
        title: get("Title"),
        typeOfEntity: get("Type of entity"),
        parentCompany: get("Parent company"),
        subsidiaries: get("Subsidiaries"),
        businessRegistrationNumbers: get("Business registration number (s)"),
        website: get("Website"),
        imoNumber: get("IMO number"),
      },
    };
  });
  return { reportDate: isoDate(reportDateMatch[1]), entities: assemble(parts) };
}

// ---------------------------------------------------------------------------------------
// XML
// ---------------------------------------------------------------------------------------

const repeated = new Set([
  "Designation",
  "Name",
  "NonLatinName",
  "Address",
  "Individual",
  "DOB",
  "Nationality",
  "Position",
  "Location",
  "UNReferenceNumber",
  "SanctionsImposed",
]);

type XmlNode = Record<string, unknown>;

function child(node: unknown, name: string): unknown {
  return node && typeof node === "object" ? (node as XmlNode)[name] : undefined;
}

function children(node: unknown, ...path: string[]): unknown[] {
  let current: unknown[] = [node];
  for (const step of path) {
    current = current.flatMap((item) => {
      const value = child(item, step);
      return value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value];
    });
  }
  return current;
}

const textOf = (node: unknown, name: string) => text(children(node, name)[0]);
const textsOf = (node: unknown, ...path: string[]) => distinct(children(node, ...path).map(text));

export function parseUkSanctionsListXml(content: string): ParsedList {
  // The list has no DOCTYPE; refusing one rules out entity-expansion payloads.
  if (/<!DOCTYPE|<!ENTITY/i.test(content))
    throw new ListFormatError("The XML declares a DOCTYPE or entities: refused.");
  let document: XmlNode;
  try {
    document = new XMLParser({
      ignoreAttributes: true,
      parseTagValue: false,
      trimValues: true,
      processEntities: true,
      htmlEntities: false,
      isArray: (name) => repeated.has(name),
    }).parse(content) as XmlNode;
  } catch (error) {
    throw new ListFormatError(`The XML cannot be read: ${(error as Error).message}`);
  }
  const root = child(document, "Designations");
  if (!root) throw new ListFormatError("This is not the UK Sanctions List XML: there is no <Designations> element.");
  const parts: Part[] = [];
  for (const designation of children(root, "Designation")) {
    const uniqueId = textOf(designation, "UniqueID");
    if (!uniqueId) throw new ListFormatError("A <Designation> has no <UniqueID>.");
    const individuals = children(designation, "IndividualDetails", "Individual");
    const shared = {
      uniqueId,
      type: textOf(designation, "IndividualEntityShip"),
      regime: textOf(designation, "RegimeName"),
      sanctionsImposed: textsOf(designation, "SanctionsImposed").join("|") || null,
      statementOfReasons: textOf(designation, "UKStatementofReasons"),
      otherInformation: textOf(designation, "OtherInformation"),
      designationSource: textOf(designation, "DesignationSource"),
      dateDesignated: textOf(designation, "DateDesignated"),
      lastUpdated: textOf(designation, "LastUpdated"),
      addresses: children(designation, "Addresses", "Address").map((address) => ({
        lines: [1, 2, 3, 4, 5, 6].map((n) => textOf(address, `AddressLine${n}`)).filter((line) => line !== null),
        postalCode: textOf(address, "AddressPostalCode"),
        country: textOf(address, "AddressCountry"),
      })),
      nationalities: individuals.flatMap((individual) => textsOf(individual, "Nationalities", "Nationality")),
      datesOfBirth: individuals.flatMap((individual) => textsOf(individual, "DOBs", "DOB")),
      townsOfBirth: individuals.flatMap((individual) => textsOf(individual, "BirthDetails", "Location", "TownOfBirth")),
      countriesOfBirth: individuals.flatMap((individual) =>
        textsOf(individual, "BirthDetails", "Location", "CountryOfBirth"),
      ),
      positions: individuals.flatMap((individual) => textsOf(individual, "Positions", "Position")),
      extra: {
        ofsiGroupId: textOf(designation, "OFSIGroupID"),
        title: individuals.flatMap((individual) => textsOf(individual, "Title")).join(", ") || null,
        unReferenceNumber: textsOf(designation, "UNReferenceNumber").join(", ") || null,
        typeOfEntity:
          textsOf(designation, "EntityDetails", "Entity", "TypeOfEntities", "TypeOfEntity").join(", ") || null,
        parentCompany:
          textsOf(designation, "EntityDetails", "Entity", "ParentCompanies", "ParentCompany").join(", ") || null,
        subsidiaries: textsOf(designation, "EntityDetails", "Entity", "Subsidiaries", "Subsidiary").join(", ") || null,
        website: textsOf(designation, "WebsiteAddresses", "WebsiteAddress").join(", ") || null,
        imoNumber: textsOf(designation, "ShipDetails", "Ship", "IMONumbers", "IMONumber").join(", ") || null,
      },
    };
    const nonLatin = children(designation, "NonLatinNames", "NonLatinName").map((name) => ({
      name: textOf(name, "NameNonLatinScript"),
      script: textOf(name, "NonLatinScriptType"),
      language: textOf(name, "NonLatinScriptLanguage"),
    }));
    children(designation, "Names", "Name").forEach((name, index) => {
      parts.push({
        ...shared,
        nameParts: [1, 2, 3, 4, 5, 6].map((n) => textOf(name, `Name${n}`)),
        nameType: textOf(name, "NameType"),
        aliasStrength: textOf(name, "AliasStrength"),
        // Non-Latin names belong to the designation; they are read with its first name.
        nonLatin: index === 0 ? nonLatin : [],
      });
    });
  }
  const reportDate = isoDate(text(child(root, "DateGenerated")) ?? text(child(root, "ReportDate")));
  return { reportDate, entities: assemble(parts) };
}
