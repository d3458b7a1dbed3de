// OpenSanctions, FollowTheMoney JSON (`entities.ftm.json`): one entity per line. Opt-in:
// its code is MIT but its data is CC BY-NC 4.0, and institutional (business) use needs a
// licence from OpenSanctions, so the import refuses it unless the university says it holds
// one (SCREENING_OPENSANCTIONS_LICENSED). Targets (people, organisations, vessels) become
// entries; Sanction entities give their programme, reasons and provisions.
import type { EntityType } from "../scorer";
import { countryCodes } from "./countries";
import { distinct, isoDate, ListFormatError, text, type ParsedEntity, type ParsedList, type ParsedName } from "./types";

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const values = (properties: Json, name: string): string[] => {
  const value = properties[name];
  return Array.isArray(value) ? distinct(value.map((item) => (typeof item === "string" ? text(item) : null))) : [];
};

const schemaTypes: Readonly<Record<string, EntityType>> = {
  Person: "person",
  Organization: "organisation",
  Company: "organisation",
  PublicBody: "organisation",
  LegalEntity: "other",
  Vessel: "ship",
};

/** Reads the file line by line (it can be large); `lines` yields one JSON entity each. */
export async function parseOpenSanctions(lines: AsyncIterable<string> | Iterable<string>): Promise<ParsedList> {
  const targets: ParsedEntity[] = [];
  const sanctions = new Map<string, Json[]>();
  const changes: string[] = [];
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    let entity: unknown;
    try {
      entity = JSON.parse(line);
    } catch {
      throw new ListFormatError(`Line ${lineNumber} is not JSON: this is not a FollowTheMoney entities file.`);
    }
    if (!isObject(entity) || typeof entity.schema !== "string" || !isObject(entity.properties)) {
      throw new ListFormatError(`Line ${lineNumber} is not a FollowTheMoney entity (no schema or properties).`);
    }
    const properties = entity.properties;
    if (entity.schema === "Sanction") {
      for (const target of values(properties, "entity")) {
        const list = sanctions.get(target) ?? [];
        list.push(properties);
        sanctions.set(target, list);
      }
      continue;
    }
    const type = schemaTypes[entity.schema];
    if (!type || entity.target === false) continue;
    const id = text(entity.id);
    const caption = text(entity.caption);
    const primary = values(properties, "name");
    if (!id || (primary.length === 0 && !caption)) continue;
    const names: ParsedName[] = [];
    const allNames = distinct([caption, ...primary]);
    allNames.forEach((name, index) =>
      names.push({ name, nameType: index === 0 ? "primary" : "variation", aliasStrength: null }),
    );
    for (const alias of distinct([...values(properties, "alias"), ...values(properties, "previousName")])) {
      if (!allNames.includes(alias)) names.push({ name: alias, nameType: "alias", aliasStrength: "good" });
    }
    for (const alias of values(properties, "weakAlias")) {
      if (!allNames.includes(alias)) names.push({ name: alias, nameType: "alias", aliasStrength: "low" });
    }
    const lastChange = isoDate(text(entity.last_change));
    if (lastChange) changes.push(lastChange);
    targets.push({
      externalId: id,
      type,
      names,
      regime: null,
      sanctionsImposed: [],
      statementOfReasons: values(properties, "notes").join("\n") || null,
      otherInformation: values(properties, "topics").join(", ") || null,
      designationSource: Array.isArray(entity.datasets) ? distinct(entity.datasets.map(text)).join(", ") : null,
      dateDesignated: null,
      lastUpdated: lastChange,
      countries: countryCodes([
        ...values(properties, "country"),
        ...values(properties, "nationality"),
        ...values(properties, "citizenship"),
        ...values(properties, "jurisdiction"),
      ]),
      details: {
        birthDates: values(properties, "birthDate"),
        addresses: values(properties, "address").map((line) => ({ lines: [line], postalCode: null, country: null })),
        positions: values(properties, "position"),
        registrationNumbers: values(properties, "registrationNumber"),
        imoNumber: values(properties, "imoNumber").join(", ") || null,
        website: values(properties, "website").join(", ") || null,
      },
    });
  }
  if (lineNumber === 0) throw new ListFormatError("The file is empty.");
  for (const target of targets) {
    const found = sanctions.get(target.externalId) ?? [];
    target.regime = distinct(found.flatMap((sanction) => values(sanction, "program"))).join("; ") || null;
    target.sanctionsImposed = distinct(found.flatMap((sanction) => values(sanction, "provisions")));
    const reasons = distinct(found.flatMap((sanction) => values(sanction, "reason"))).join("\n");
    if (reasons) target.statementOfReasons = reasons;
    target.designationSource =
      distinct(found.flatMap((sanction) => values(sanction, "authority"))).join("; ") || target.designationSource;
    target.dateDesignated =
      distinct(found.flatMap((sanction) => values(sanction, "startDate")).map(isoDate)).sort()[0] ?? null;
  }
  return { reportDate: changes.sort().at(-1) ?? null, entities: targets };
}
