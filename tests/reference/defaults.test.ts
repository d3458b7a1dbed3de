import { describe, expect, it } from "vitest";
import { nsiSectorIds } from "../../src/domain/questions";
import { isCountryCode } from "../../src/domain/countries";
import { defaultReferenceData, referenceDataSchema } from "../../src/reference/defaults";

const { fsu, fsuExceptions, atasExempt, firsEnhancedTier } = defaultReferenceData.countryLists;
const restricted = (type?: string) =>
  defaultReferenceData.countryRestrictions
    .filter((entry) => type === undefined || entry.type === type)
    .map((entry) => entry.country);

describe("default reference data", () => {
  it("is version 1 and passes its own schema unchanged", () => {
    expect(defaultReferenceData.version).toBe(1);
    expect(referenceDataSchema.parse(defaultReferenceData)).toEqual(defaultReferenceData);
  });

  it("survives a JSON round trip (it is stored as JSON)", () => {
    expect(JSON.parse(JSON.stringify(defaultReferenceData))).toEqual(defaultReferenceData);
  });

  it.each(Object.entries(defaultReferenceData.countryLists))("%s holds valid codes, each once", (_name, codes) => {
    expect(codes.length).toBeGreaterThan(0);
    for (const code of codes) expect(isCountryCode(code), code).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("keeps the Baltic exceptions out of the FSU list", () => {
    expect(fsu).toHaveLength(12);
    expect(fsuExceptions).toEqual(["EE", "LV", "LT"]);
    for (const code of fsuExceptions) expect(fsu).not.toContain(code);
  });

  it("lists the main UK arms embargo and sanctions destinations, typed", () => {
    for (const code of ["RU", "BY", "IR", "KP", "SY", "MM"]) {
      expect(restricted("arms_embargo")).toContain(code);
      expect(restricted("sanctions_regime")).toContain(code);
    }
    expect(restricted()).not.toContain("GB");
    expect(restricted("licensing_policy")).toEqual(["AR"]);
  });

  it("puts Hong Kong and Macao under the arms embargo on China", () => {
    const china = defaultReferenceData.countryRestrictions.filter((entry) =>
      ["CN", "HK", "MO"].includes(entry.country),
    );
    expect(china.map((entry) => entry.country)).toEqual(["CN", "HK", "MO"]);
    expect(new Set(china.map((entry) => `${entry.type} ${entry.scope} ${entry.name}`)).size).toBe(1);
  });

  it("gives every restriction a source and a date", () => {
    for (const entry of defaultReferenceData.countryRestrictions) {
      expect(entry.source.length, entry.country).toBeGreaterThan(10);
      expect(entry.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(entry.scope !== null, entry.country).toBe(entry.type === "arms_embargo");
    }
  });

  it("has Iran and Russia on the FIRS enhanced tier", () => {
    expect(firsEnhancedTier).toEqual(["IR", "RU"]);
  });

  it("reads a version stored before entries were typed, keeping its list", () => {
    const {
      countryRestrictions: _typed,
      committeeFormerName: _former,
      ...rest
    } = structuredClone(defaultReferenceData);
    const { firsEnhancedTier: _tier, ...lists } = rest.countryLists;
    const legacy = { ...rest, committeeName: "ACBELA", countryLists: { ...lists, embargo: ["RU", "CN"] } };
    const read = referenceDataSchema.parse(legacy);
    expect(read.countryRestrictions.map((entry) => entry.country)).toEqual(["RU", "CN"]);
    expect(read.countryLists.firsEnhancedTier).toEqual([]);
    expect(read.committeeName).toBe("ACBELA");
    expect(read.committeeFormerName).toBe("");
  });

  it("lists the EU and EEA, Switzerland and the other ATAS-exempt countries", () => {
    expect(atasExempt).toHaveLength(27 + 3 + 8 + 1);
    for (const code of ["DE", "IE", "NO", "IS", "LI", "CH", "AU", "CA", "JP", "NZ", "SG", "KR", "US", "GB"])
      expect(atasExempt).toContain(code);
    for (const code of ["CN", "IN", "RU"]) expect(atasExempt).not.toContain(code);
  });

  it("has the 17 NSI sectors with labels", () => {
    expect(defaultReferenceData.nsiSectors.map((sector) => sector.id)).toEqual([...nsiSectorIds]);
    expect(nsiSectorIds).toHaveLength(17);
    for (const sector of defaultReferenceData.nsiSectors) expect(sector.label.length).toBeGreaterThan(0);
  });

  it("ships the thresholds and committee name of the product specification", () => {
    expect(defaultReferenceData.thresholds).toEqual({ acbelaThresholdGbp: 1_000_000, schoolThresholdGbp: 1_000_000 });
    expect(defaultReferenceData.committeeName).toBe("CBELA");
    expect(defaultReferenceData.committeeFormerName).toBe("ACBELA");
  });
});

describe("referenceDataSchema", () => {
  const withChange = (change: Record<string, unknown>) => ({ ...structuredClone(defaultReferenceData), ...change });
  it.each<[string, Record<string, unknown>, string]>([
    [
      "an invalid country code",
      { countryLists: { ...defaultReferenceData.countryLists, atasExempt: ["XX"] } },
      "countryLists.atasExempt.0",
    ],
    [
      "an arms embargo without its scope",
      {
        countryRestrictions: [
          { country: "RU", type: "arms_embargo", scope: null, name: "x", source: "y", asOf: "2026-01-01" },
        ],
      },
      "countryRestrictions.0.scope",
    ],
    [
      "a repeated country",
      { countryLists: { ...defaultReferenceData.countryLists, fsu: ["RU", "RU"] } },
      "countryLists.fsu",
    ],
    [
      "a negative threshold",
      { thresholds: { acbelaThresholdGbp: -1, schoolThresholdGbp: 0 } },
      "thresholds.acbelaThresholdGbp",
    ],
    [
      "a fractional threshold",
      { thresholds: { acbelaThresholdGbp: 1, schoolThresholdGbp: 0.5 } },
      "thresholds.schoolThresholdGbp",
    ],
    ["a blank committee name", { committeeName: " " }, "committeeName"],
    ["version 0", { version: 0 }, "version"],
    ["an unknown key", { extra: true }, ""],
  ])("rejects %s", (_name, change, path) => {
    const result = referenceDataSchema.safeParse(withChange(change));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain(path);
  });
});
