import { describe, expect, it } from "vitest";
import { allCountries, countryName, isCountryCode } from "../../src/domain/countries";

describe("countries", () => {
  it.each<[unknown, boolean]>([
    ["RU", true],
    ["GB", true],
    ["EE", true],
    ["ru", false],
    ["RUS", false],
    ["UK", false],
    ["XX", false],
    ["", false],
    [undefined, false],
    [643, false],
    ["__proto__", false],
    ["constructor", false],
  ])("isCountryCode(%j) is %s", (code, expected) => {
    expect(isCountryCode(code)).toBe(expected);
  });

  it("names countries in English", () => {
    expect(countryName("EE")).toBe("Estonia");
    expect(countryName("RU")).toBe("Russian Federation");
    expect(countryName("GB")).toBe("United Kingdom");
  });

  it("gives back an unknown code rather than failing", () => {
    expect(countryName("ZZ")).toBe("ZZ");
  });

  it("lists every country once, sorted by name, from one cached list", () => {
    const list = allCountries();
    expect(list.length).toBeGreaterThanOrEqual(249);
    expect(new Set(list.map((country) => country.code)).size).toBe(list.length);
    for (let i = 1; i < list.length; i++) {
      expect(list[i - 1]!.name.localeCompare(list[i]!.name, "en")).toBeLessThanOrEqual(0);
    }
    for (const { code, name } of list) {
      expect(isCountryCode(code)).toBe(true);
      expect(countryName(code)).toBe(name);
    }
    expect(allCountries()).toBe(list);
  });
});
