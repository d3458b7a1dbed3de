// Reference data turned into what the rules look things up in, once per reference object
// (a WeakMap, so old versions are collected with their objects). This keeps decide() to
// Set and Map look-ups. Reference data is treated as immutable: an admin's change is a
// new version and a new object, never an edit in place.
import type { CountryRestriction, RulesReference as ReferenceData } from "./types";
import { RULES_VERSION } from "./version";

export interface PreparedReference {
  /** Former Soviet Union countries that trigger the committee rule: the FSU list minus its exceptions. */
  fsu: ReadonlySet<string>;
  /** Every country with at least one UK restriction, and its entries. */
  restrictions: ReadonlyMap<string, readonly CountryRestriction[]>;
  atasExempt: ReadonlySet<string>;
  firsEnhancedTier: ReadonlySet<string>;
  nsiSectorLabels: ReadonlyMap<string, string>;
  acbelaThresholdGbp: number;
  schoolThresholdGbp: number;
  /** The committee as texts name it: "CBELA (formerly ACBELA)", or just its name. */
  committeeName: string;
  ruleSetVersion: string;
}

const cache = new WeakMap<ReferenceData, PreparedReference>();

export function prepare(ref: ReferenceData): PreparedReference {
  let prepared = cache.get(ref);
  if (!prepared) {
    const { fsu, fsuExceptions, atasExempt, firsEnhancedTier } = ref.countryLists;
    // The policy names its exceptions ("with the exception of Estonia, Latvia and
    // Lithuania"), so they win even if an admin lists one of them as FSU by mistake.
    const exceptions = new Set(fsuExceptions);
    const restrictions = new Map<string, CountryRestriction[]>();
    for (const entry of ref.countryRestrictions) {
      const list = restrictions.get(entry.country);
      if (list) list.push(entry);
      else restrictions.set(entry.country, [entry]);
    }
    prepared = {
      fsu: new Set(fsu.filter((code) => !exceptions.has(code))),
      restrictions,
      atasExempt: new Set(atasExempt),
      firsEnhancedTier: new Set(firsEnhancedTier),
      nsiSectorLabels: new Map(ref.nsiSectors.map(({ id, label }) => [id, label])),
      acbelaThresholdGbp: ref.thresholds.acbelaThresholdGbp,
      schoolThresholdGbp: ref.thresholds.schoolThresholdGbp,
      committeeName:
        ref.committeeFormerName && ref.committeeFormerName !== ref.committeeName
          ? `${ref.committeeName} (formerly ${ref.committeeFormerName})`
          : ref.committeeName,
      ruleSetVersion: `${RULES_VERSION}+ref.${ref.version}`,
    };
    cache.set(ref, prepared);
  }
  return prepared;
}
