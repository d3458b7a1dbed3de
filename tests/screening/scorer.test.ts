import { describe, expect, it } from "vitest";
import { normaliseName } from "../../src/screening/normalise";
import {
  prepareQuery,
  scoreName,
  type AliasStrength,
  type EntityType,
  type ListedName,
  type NameType,
} from "../../src/screening/scorer";

const flag = 0.7;
const show = 0.5;

function listed(name: string, nameType: NameType = "primary", aliasStrength: AliasStrength | null = null): ListedName {
  const form = normaliseName(name);
  return {
    name,
    nameType,
    aliasStrength,
    script: form.script,
    scriptGroup: form.group,
    normalised: form.normalised,
    matchKey: form.key,
  };
}

function score(
  query: string,
  name: ListedName | string,
  options: { type?: "person" | "organisation"; entryType?: EntityType; country?: string; countries?: string[] } = {},
) {
  const entryType = options.entryType ?? (options.type === "person" ? "person" : "organisation");
  return scoreName(
    prepareQuery({ name: query, type: options.type, country: options.country }),
    typeof name === "string" ? listed(name) : name,
    { type: entryType, countries: options.countries ?? [] },
  );
}

type Band = "flag" | "show" | "none";
const band = (value: number): Band => (value >= flag ? "flag" : value >= show ? "show" : "none");

describe("scoreName: what is flagged, shown, or left out", () => {
  it.each<[string, string, "person" | "organisation", Band]>([
    // Same body, written differently
    ["Zenith Orbital Technologies", "ZENITH ORBITAL TECHNOLOGIES LLC", "organisation", "flag"],
    ["Zenith Orbital Technologies Ltd.", "ZENITH ORBITAL TECHNOLOGIES LLC", "organisation", "flag"],
    ["Orbital Technologies Zenith", "ZENITH ORBITAL TECHNOLOGIES LLC", "organisation", "flag"],
    ["Zenith Orbitl Technologies", "ZENITH ORBITAL TECHNOLOGIES LLC", "organisation", "flag"],
    ["Рособоронэкспорт", "JSC ROSOBORONEXPORT", "organisation", "flag"],
    ["Rosoboron Export", "ROSOBORONEKSPORT", "organisation", "flag"],
    ["ООО «Ромашка»", "ROMASHKA LLC", "organisation", "flag"],
    ["Παπαδόπουλος Shipping", "PAPADOPOULOS SHIPPING", "organisation", "flag"],
    ["哈尔滨工业大学", "哈尔滨工业大学", "organisation", "flag"],
    ["شركة النور للتجارة العامة", "شركة النور للتجارة العامة", "organisation", "flag"],
    // People: transliterations, word order, middle names
    ["Mohammed Ali Hassan", "Muhammad Ali HASAN", "person", "flag"],
    ["Khodorkovsky Mikhail", "Mikhail Borisovich KHODORKOVSKIY", "person", "flag"],
    ["Boris Krasnopevtsev", "Boris Arkadyevich KRASNOPEVTSEV", "person", "flag"],
    ["Zhao Minhgui", "ZHAO Minghui", "person", "flag"],
    ["Alnoor General Trading", "AL-NOOR GENERAL TRADING COMPANY", "organisation", "flag"],
    [
      "Novosibirsk Quantum Devices Joint Stock",
      "NOVOSIBIRSK QUANTUM DEVICES JOINT STOCK COMPANY",
      "organisation",
      "flag",
    ],
    ["Краснопевцев Борис", "Boris Arkadyevich KRASNOPEVTSEV", "person", "flag"],
    // Sister institutions: near-identical names, different bodies
    ["Beijing University of Technology", "BEIJING INSTITUTE OF TECHNOLOGY", "organisation", "none"],
    ["Eastern State University of Avionics", "EASTERN STATE INSTITUTE OF AVIONICS", "organisation", "show"],
    ["Harbin Engineering University", "HARBIN INSTITUTE OF TECHNOLOGY", "organisation", "none"],
    ["哈尔滨工程大学", "哈尔滨工业大学", "organisation", "none"],
    ["中国科学院大学", "中国科学院", "organisation", "show"],
    ["Research Institute 18", "RESEARCH INSTITUTE 19", "organisation", "none"],
    ["Novosibirsk Plant No 5", "NOVOSIBIRSK PLANT NO 6", "organisation", "none"],
    ["Western State Institute of Avionics", "EASTERN STATE INSTITUTE OF AVIONICS", "organisation", "none"],
    ["Northwestern Polytechnical University", "NORTHWEST UNIVERSITY", "organisation", "show"],
    // Look-alikes that share only general words
    ["Global Trading LLC", "ZENITH GLOBAL TRADING LLC", "organisation", "none"],
    ["Red Horizon Maritime Services FZE", "BLUE HORIZON MARITIME SERVICES FZE", "organisation", "show"],
    ["Ural Machine Building Works", "PJSC SIBERIAN MACHINE BUILDING WORKS", "organisation", "none"],
    ["Institute of Technology", "TOKYO INSTITUTE OF TECHNOLOGY", "organisation", "none"],
    ["Ivan Petrov", "Ivan Petrovich SIDOROV", "person", "none"],
    ["Corp", "ZENITH CORP", "organisation", "none"],
  ])("%s vs %s (%s): %s", (query, name, type, expected) => {
    const result = score(query, name, { type });
    expect(band(result.score), JSON.stringify(result.features)).toBe(expected);
  });
});

describe("scoreName: rules an officer can rely on", () => {
  it("counts a low-quality alias only when it is exactly the screened name", () => {
    const weak = listed("ABU TARIQ", "alias", "low");
    expect(score("Abu Tariq", weak, { type: "person" })).toMatchObject({ score: 0.8 });
    expect(score("Abu Tariq", weak, { type: "person" }).features[0]).toMatchObject({
      feature: "weakAlias",
      score: 0.8,
    });
    expect(score("Abu Tareq", weak, { type: "person" }).score).toBe(0);
    expect(score("Tariq Abu", weak, { type: "person" }).score).toBe(0.8);
  });

  it("counts a good alias like any other name", () => {
    expect(score("Zenith Orbitl", listed("ZENITH ORBITAL", "alias", "good")).score).toBeGreaterThanOrEqual(flag);
  });

  it("lowers the score when the country differs, and says so", () => {
    const same = score("Zenith Orbital Technologies", "ZENITH ORBITAL TECHNOLOGIES LLC", {
      country: "RU",
      countries: ["RU"],
    });
    const other = score("Zenith Orbital Technologies", "ZENITH ORBITAL TECHNOLOGIES LLC", {
      country: "DE",
      countries: ["RU"],
    });
    expect(other.score).toBeCloseTo(same.score - 0.2, 3);
    expect(other.features).toContainEqual(expect.objectContaining({ feature: "country", score: -0.2 }));
    expect(same.features.some((feature) => feature.feature === "country")).toBe(false);
  });

  it("requires a shared distinctive word for organisations, and explains a miss", () => {
    const result = score("Orbital Technologies Institute", "ZENITH ORBITAL TECHNOLOGIES LLC");
    expect(result.features).toContainEqual(expect.objectContaining({ feature: "distinctiveWord" }));
    const general = score("National Research University", "NATIONAL RESEARCH UNIVERSITY HIGHER SCHOOL OF ECONOMICS");
    expect(general.score).toBe(0);
    expect(score("National Research University", "NATIONAL RESEARCH UNIVERSITY").score).toBe(1);
  });

  it("explains each paired word", () => {
    const result = score("Zenith Orbitl", "ZENITH ORBITAL LLC");
    expect(result.alignment).toEqual([
      { query: "zenith", listed: "zenith", similarity: 1, how: "exact" },
      { query: "orbitl", listed: "orbital", similarity: expect.closeTo(0.857, 3) as number, how: "spelling" },
    ]);
    expect(result.features[0]).toMatchObject({
      feature: "name",
      detail: expect.stringContaining("zenith ~ zenith") as string,
    });
  });

  it("never compares across scripts it does not romanise", () => {
    expect(score("Harbin Institute of Technology", "哈尔滨工业大学").score).toBe(0);
    expect(score("HaErBin GongYe DaXue", "哈尔滨工业大学").score).toBe(0);
    expect(score("哈尔滨工业大学", "HARBIN INSTITUTE OF TECHNOLOGY").score).toBe(0);
    expect(score("Al Noor Trading", "شركة النور للتجارة العامة").score).toBe(0);
  });

  it("never matches an empty or unreadable name", () => {
    expect(score("!!!", "ZENITH ORBITAL").score).toBe(0);
    expect(score("", "ZENITH ORBITAL").score).toBe(0);
  });

  it("scores between 0 and 1", () => {
    for (const [query, name] of [
      ["a", "b"],
      ["Zenith Zenith Zenith", "ZENITH"],
      ["Zenith", "ZENITH ZENITH ZENITH"],
    ] as const) {
      const result = score(query, name);
      expect(result.score).toBeGreaterThanOrEqual(0);
      expect(result.score).toBeLessThanOrEqual(1);
    }
  });
});
