// The lists the app can import: what each is, where it is published, how its file is
// read, and the sizes a sound copy falls within. A version outside these bounds, or with
// more than a tenth fewer entities than the version in use, is held for an admin to
// confirm: publishers have shipped empty or half lists before (shared/notes/screening.md).
import type { EntityType } from "./scorer";

export const sourceIds = ["uk-sanctions-list", "us-csl", "opensanctions"] as const;
export type SourceId = (typeof sourceIds)[number];

export function isSourceId(value: unknown): value is SourceId {
  return typeof value === "string" && (sourceIds as readonly string[]).includes(value);
}

export type Bounds = Partial<Record<EntityType | "total", readonly [number, number]>>;

export interface SourceDefinition {
  id: SourceId;
  label: string;
  publisher: string;
  /** Where an admin downloads the file (shown on the upload page and in the README). */
  download: string;
  formats: string;
  licence: string;
  /** Needs the university to hold a licence (SCREENING_OPENSANCTIONS_LICENSED). */
  needsLicence: boolean;
  bounds: Bounds;
}

export const sources: Readonly<Record<SourceId, SourceDefinition>> = {
  "uk-sanctions-list": {
    id: "uk-sanctions-list",
    label: "UK Sanctions List",
    publisher: "Foreign, Commonwealth and Development Office (FCDO)",
    download: "https://www.gov.uk/government/publications/the-uk-sanctions-list (the CSV or XML file)",
    formats: "CSV or XML",
    licence:
      "Crown copyright, Open Government Licence v3.0. The licence does not cover personal data: designated individuals' data is processed under UK GDPR.",
    needsLicence: false,
    // OpenSanctions' sanity bounds for this list.
    bounds: { person: [3_060, 7_200], organisation: [890, 3_000], ship: [125, 800] },
  },
  "us-csl": {
    id: "us-csl",
    label: "US Consolidated Screening List",
    publisher: "International Trade Administration (trade.gov)",
    download: "https://www.trade.gov/consolidated-screening-list (the JSON download)",
    formats: "JSON",
    licence: "US government work, not subject to copyright.",
    needsLicence: false,
    bounds: { total: [5_000, 60_000] },
  },
  opensanctions: {
    id: "opensanctions",
    label: "OpenSanctions",
    publisher: "OpenSanctions",
    download: "https://www.opensanctions.org/datasets/ (a dataset's entities.ftm.json)",
    formats: "FollowTheMoney JSON, one entity per line",
    licence:
      "Data under CC BY-NC 4.0: not free for institutional use. Import it only if the University holds a licence from OpenSanctions.",
    needsLicence: true,
    bounds: { total: [1_000, 5_000_000] },
  },
};

/** At most this share of the entities in use may disappear in one version before it is held. */
export const maximumDrop = 0.1;

export type EntityCounts = Record<EntityType, number> & { total: number };

/** Why a version with these counts should be held, or undefined when it looks sound. */
export function holdReason(
  bounds: Bounds,
  counts: EntityCounts,
  previousTotal: number | undefined,
): string | undefined {
  const problems: string[] = [];
  for (const [key, range] of Object.entries(bounds) as [keyof EntityCounts, readonly [number, number]][]) {
    const count = counts[key];
    const what = key === "total" ? "entities" : `${key} entries`;
    if (count < range[0])
      problems.push(
        `${count.toLocaleString("en-GB")} ${what}, fewer than the usual minimum of ${range[0].toLocaleString("en-GB")}`,
      );
    if (count > range[1])
      problems.push(
        `${count.toLocaleString("en-GB")} ${what}, more than the usual maximum of ${range[1].toLocaleString("en-GB")}`,
      );
  }
  if (previousTotal !== undefined && counts.total < previousTotal * (1 - maximumDrop)) {
    problems.push(
      `${counts.total.toLocaleString("en-GB")} entities, down more than ${maximumDrop * 100}% from ${previousTotal.toLocaleString("en-GB")} in the version in use`,
    );
  }
  return problems.length > 0 ? problems.join("; ") : undefined;
}
