import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { parseOpenSanctions } from "../../src/screening/lists/openSanctions";
import { ListFormatError } from "../../src/screening/lists/types";
import { parseUkSanctionsListCsv, parseUkSanctionsListXml } from "../../src/screening/lists/ukSanctionsList";
import { parseUsCsl } from "../../src/screening/lists/usCsl";

export const fixtures = path.join(import.meta.dirname, "fixtures");
const read = (name: string) => readFileSync(path.join(fixtures, name), "utf8");

describe("UK Sanctions List", () => {
  const csv = parseUkSanctionsListCsv(read("uk-sanctions-list.csv"));

  it("groups the CSV's rows (one per name) into one entity per Unique ID", () => {
    expect(csv.reportDate).toBe("2026-03-14");
    expect(csv.entities.map((entity) => entity.externalId)).toEqual([
      "TST0001",
      "TST0002",
      "TST0003",
      "TST0004",
      "TST0005",
      "TST0006",
      "TST0007",
    ]);
    const zenith = csv.entities[0];
    expect(zenith).toMatchObject({
      type: "organisation",
      regime: "The Russia (Sanctions) (EU Exit) Regulations 2019",
      sanctionsImposed: ["Asset freeze", "Trust services sanctions"],
      statementOfReasons: "An invented company that supplies invented satellite parts, for tests only.",
      dateDesignated: "2024-02-02",
      lastUpdated: "2026-03-14",
      countries: ["RU"],
    });
    expect(zenith?.names).toEqual([
      { name: "ZENITH ORBITAL TECHNOLOGIES LLC", nameType: "primary", aliasStrength: null },
      {
        name: "ООО «Зенит Орбитал Технолоджис»",
        nameType: "primary",
        aliasStrength: null,
        language: "Russian, Cyrillic",
      },
      { name: "ZENIT ORBITAL TEKHNOLODZHIS", nameType: "variation", aliasStrength: null },
      { name: "ZENITH ORBITAL", nameType: "alias", aliasStrength: "good" },
      { name: "ZOT", nameType: "alias", aliasStrength: "low" },
    ]);
  });

  it("joins a person's name parts in order, and keeps no identity document numbers", () => {
    const person = csv.entities[1];
    expect(person?.type).toBe("person");
    expect(person?.names[0]?.name).toBe("Boris Arkadyevich KRASNOPEVTSEV");
    expect(person?.details).toMatchObject({ datesOfBirth: ["01/01/1970"], nationalities: ["Russia"] });
    expect(JSON.stringify(person)).not.toContain("000000000");
    expect(JSON.stringify(person)).not.toContain("Male");
  });

  it("reads the XML to the same entities as the CSV", () => {
    const xml = parseUkSanctionsListXml(read("uk-sanctions-list.xml"));
    expect(xml.reportDate).toBe(csv.reportDate);
    expect(xml.entities).toEqual(csv.entities);
  });

  it("reads columns by name, not position", () => {
    const [reportLine, ...rest] = read("uk-sanctions-list.csv").split("\n");
    const rows = parse(rest.join("\n"));
    const reversed = rows.map((row) => [...row].reverse());
    const shuffled = `${reportLine}\n${stringify(reversed)}`;
    expect(parseUkSanctionsListCsv(shuffled).entities).toEqual(csv.entities);
  });

  it.each([
    [
      "no Report Date line",
      (text: string) => text.split("\n").slice(1).join("\n"),
      /first line should be "Report Date/,
    ],
    ["a missing column", (text: string) => text.replace("Unique ID", "Identifier"), /no column "Unique ID"/],
    ["a row without a Unique ID", (text: string) => text.replace(",TST0005,", ",,"), /has no Unique ID/],
  ])("refuses a CSV with %s, saying why", (_, change, message) => {
    expect(() => parseUkSanctionsListCsv(change(read("uk-sanctions-list.csv")))).toThrow(message);
  });

  it("refuses XML that is not the list, or declares entities", () => {
    expect(() => parseUkSanctionsListXml("<Other/>")).toThrow(ListFormatError);
    expect(() =>
      parseUkSanctionsListXml('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><Designations>&a;</Designations>'),
    ).toThrow(/DOCTYPE/);
  });
});

describe("US Consolidated Screening List", () => {
  it("reads results with their aliases, source and countries", () => {
    const list = parseUsCsl(read("us-csl.json"));
    expect(list.reportDate).toBe("2026-03-10");
    expect(list.entities).toHaveLength(3);
    expect(list.entities[0]).toMatchObject({
      externalId: "csl-test-0001",
      type: "other",
      regime: "Entity List (EL) - Bureau of Industry and Security",
      countries: ["CN"],
      names: [
        { name: "Northern Lights Institute of Photonics", nameType: "primary" },
        { name: "NLIP", nameType: "alias" },
        { name: "北辰光电研究院", nameType: "alias" },
      ],
    });
    expect(list.entities[1]?.type).toBe("person");
  });

  it("refuses JSON without results", () => {
    expect(() => parseUsCsl('{"total": 0}')).toThrow(/no "results" list/);
    expect(() => parseUsCsl("not json")).toThrow(ListFormatError);
  });
});

describe("OpenSanctions", () => {
  it("reads targets, their weak aliases, and the programmes of their sanctions", async () => {
    const list = await parseOpenSanctions(read("opensanctions.ftm.json").split("\n"));
    expect(list.entities.map((entity) => entity.externalId)).toEqual(["os-test-zenith", "os-test-person"]);
    expect(list.entities[0]).toMatchObject({
      type: "organisation",
      regime: "Invented programme",
      sanctionsImposed: ["Asset freeze"],
      countries: ["RU"],
    });
    expect(list.entities[0]?.names).toContainEqual({ name: "ZOT", nameType: "alias", aliasStrength: "low" });
    expect(list.reportDate).toBe("2026-03-12");
  });

  it("refuses a file that is not FollowTheMoney entities", async () => {
    await expect(parseOpenSanctions(["{}"])).rejects.toThrow(/not a FollowTheMoney entity/);
  });
});
