// The lists and settings the reference data holds, as admins see them: one name each, for
// the edit pages, the overview and the differences between two versions.
import { countryName } from "../domain/countries";
import type { CountryRestriction } from "../rules/types";
import type { ReferenceData } from "./defaults";

export const countryListKeys = ["fsu", "fsuExceptions", "atasExempt", "firsEnhancedTier"] as const;
export type CountryListKey = (typeof countryListKeys)[number];

export const countryListInfo: Record<CountryListKey, { title: string; hint: string; slug: string }> = {
  fsu: {
    title: "Former Soviet Union countries",
    hint: "New linkages with persons or institutions from these countries go to the committee.",
    slug: "former-soviet-union",
  },
  fsuExceptions: {
    title: "Former Soviet Union exceptions",
    hint: "Countries of the former Soviet Union the policy excepts: they never trigger the rule.",
    slug: "former-soviet-union-exceptions",
  },
  atasExempt: {
    title: "ATAS-exempt nationalities",
    hint: "Nationalities exempt from the Academic Technology Approval Scheme.",
    slug: "atas-exempt",
  },
  firsEnhancedTier: {
    title: "FIRS enhanced-tier countries",
    hint: "Foreign powers specified for the enhanced tier of the Foreign Influence Registration Scheme.",
    slug: "firs-enhanced-tier",
  },
};

export function countryListBySlug(slug: string): CountryListKey | undefined {
  return countryListKeys.find((key) => countryListInfo[key].slug === slug);
}

export const restrictionTypeLabels: Record<CountryRestriction["type"], string> = {
  arms_embargo: "Arms embargo",
  sanctions_regime: "Sanctions regime",
  licensing_policy: "Licensing policy",
};

/** The settings, each with its label and how its value reads. */
export const settingLabels = {
  acbelaThresholdGbp: "Committee referral threshold (£)",
  schoolThresholdGbp: "Head of school sign-off threshold (£)",
  committeeName: "Committee's name",
  committeeFormerName: "Committee's former name",
  queueOverdueDays: "Overdue age in the queue (days)",
} as const;
export type SettingKey = keyof typeof settingLabels;

export function settingValues(data: ReferenceData): Record<SettingKey, string> {
  return {
    acbelaThresholdGbp: data.thresholds.acbelaThresholdGbp.toLocaleString("en-GB"),
    schoolThresholdGbp: data.thresholds.schoolThresholdGbp.toLocaleString("en-GB"),
    committeeName: data.committeeName,
    committeeFormerName: data.committeeFormerName || "(none)",
    queueOverdueDays: data.queueOverdueDays === null ? "(the configured default)" : String(data.queueOverdueDays),
  };
}

export function restrictionText(entry: CountryRestriction): string {
  const scope = entry.scope ? ` (${entry.scope})` : "";
  return `${countryName(entry.country)}: ${restrictionTypeLabels[entry.type]}${scope}, ${entry.name}. Source: ${entry.source}, as of ${entry.asOf}`;
}
