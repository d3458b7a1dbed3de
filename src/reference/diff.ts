// The difference between two versions of the reference data, per list: entries added and
// removed, and settings changed (old -> new). Pure: the history pages and the publish
// audit entry both read it.
import { countryName } from "../domain/countries";
import type { ChecklistItem, ChecklistKind } from "../signOff/checklists";
import type { ReferenceData } from "./defaults";
import { countryListInfo, countryListKeys, restrictionText, settingLabels, settingValues } from "./lists";

export interface ListChange {
  title: string;
  added: string[];
  removed: string[];
}

export interface SettingChange {
  label: string;
  from: string;
  to: string;
}

export interface ReferenceDiff {
  lists: ListChange[];
  settings: SettingChange[];
  /** Nothing differs. */
  same: boolean;
}

function compare<T>(
  title: string,
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  text: (item: T) => string,
): ListChange {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  return {
    title,
    added: after.filter((item) => !beforeKeys.has(key(item))).map(text),
    removed: before.filter((item) => !afterKeys.has(key(item))).map(text),
  };
}

const checklistTitles: Record<ChecklistKind, string> = {
  department: "Head of department checklist",
  school: "Head of school checklist",
};

export function diffReference(before: ReferenceData, after: ReferenceData): ReferenceDiff {
  const countries = (code: string) => `${countryName(code)} (${code})`;
  const lists: ListChange[] = [
    ...countryListKeys.map((key) =>
      compare(countryListInfo[key].title, before.countryLists[key], after.countryLists[key], String, countries),
    ),
    compare(
      "Country restrictions",
      before.countryRestrictions,
      after.countryRestrictions,
      (entry) => JSON.stringify(entry),
      restrictionText,
    ),
    compare(
      "National Security and Investment Act sectors",
      before.nsiSectors,
      after.nsiSectors,
      (sector) => `${sector.id}\n${sector.label}`,
      (sector) => `${sector.label} (${sector.id})`,
    ),
    ...(["department", "school"] as const).map((kind) =>
      compare(
        checklistTitles[kind],
        before.checklists[kind],
        after.checklists[kind],
        (item: ChecklistItem) => `${item.text}\n${item.hint ?? ""}`,
        (item: ChecklistItem) => (item.hint ? `${item.text} (hint: ${item.hint})` : item.text),
      ),
    ),
  ];
  const from = settingValues(before);
  const to = settingValues(after);
  const settings = (Object.keys(settingLabels) as (keyof typeof settingLabels)[])
    .filter((key) => from[key] !== to[key])
    .map((key) => ({ label: settingLabels[key], from: from[key], to: to[key] }));
  const changedLists = lists.filter((list) => list.added.length > 0 || list.removed.length > 0);
  return { lists: changedLists, settings, same: changedLists.length === 0 && settings.length === 0 };
}

/** A short account for the audit entry: counts per list, and each setting's change. */
export function diffSummary(diff: ReferenceDiff) {
  return {
    lists: diff.lists.map((list) => ({ list: list.title, added: list.added, removed: list.removed })),
    settings: diff.settings.map(({ label, from, to }) => ({ label, from, to })),
  };
}
