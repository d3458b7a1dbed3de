import { describe, expect, it } from "vitest";
import { defaultReferenceData, type ReferenceData } from "../../src/reference/defaults";
import { diffReference } from "../../src/reference/diff";

const base = (): ReferenceData => structuredClone(defaultReferenceData);

describe("the difference between two reference data versions", () => {
  it("finds nothing between a version and its copy", () => {
    expect(diffReference(base(), { ...base(), version: 2 })).toEqual({ lists: [], settings: [], same: true });
  });

  it("names countries added and removed, per list, by name and code", () => {
    const after = base();
    after.countryLists.atasExempt = after.countryLists.atasExempt.filter((code) => code !== "JP");
    after.countryLists.firsEnhancedTier.push("KP");
    const diff = diffReference(base(), after);
    expect(diff.same).toBe(false);
    expect(diff.lists).toEqual([
      { title: "ATAS-exempt nationalities", added: [], removed: ["Japan (JP)"] },
      { title: "FIRS enhanced-tier countries", added: ["North Korea (KP)"], removed: [] },
    ]);
  });

  it("shows a changed restriction as the old entry removed and the new one added", () => {
    const after = base();
    const first = after.countryRestrictions[0]!;
    after.countryRestrictions[0] = { ...first, asOf: "2026-11-30" };
    const [change] = diffReference(base(), after).lists;
    expect(change?.title).toBe("Country restrictions");
    expect(change?.removed).toHaveLength(1);
    expect(change?.added).toHaveLength(1);
    expect(change?.removed[0]).toContain("as of 2025-06-01");
    expect(change?.added[0]).toContain("as of 2026-11-30");
  });

  it("lists each changed setting, old and new, and ignores the order of a list", () => {
    const after = base();
    after.thresholds.schoolThresholdGbp = 500_000;
    after.committeeFormerName = "";
    after.queueOverdueDays = 14;
    after.countryLists.fsu.reverse();
    const diff = diffReference(base(), after);
    expect(diff.lists).toEqual([]);
    expect(diff.settings).toEqual([
      { label: "Head of school sign-off threshold (£)", from: "1,000,000", to: "500,000" },
      { label: "Committee's former name", from: "ACBELA", to: "(none)" },
      { label: "Overdue age in the queue (days)", from: "(the configured default)", to: "14" },
    ]);
  });
});
