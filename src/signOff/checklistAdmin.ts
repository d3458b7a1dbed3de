// Admins edit the two checklists as text, one item per line. A save is an edit of the
// reference data draft (src/reference/draftService.ts), like every other list: heads answer
// the new items once an admin publishes the draft. If someone changed the reference data
// since the page was loaded, nothing is saved.
import type { CurrentUser } from "../domain/roles";
import type { ReferenceDraftService } from "../reference/draftService";
import {
  checklistItemIdPattern,
  checklistLimits,
  checklistsSchema,
  type ChecklistItem,
  type Checklists,
} from "./checklists";

/** Items as the admin page shows them: "text" or "text | hint", one per line. */
export function checklistToText(items: readonly ChecklistItem[]): string {
  return items.map((item) => (item.hint ? `${item.text} | ${item.hint}` : item.text)).join("\n");
}

function slug(text: string): string {
  const words = text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z\s]/g, " ")
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 6);
  let id = words
    .join("-")
    .slice(0, checklistLimits.id - 10)
    .replace(/-+$/, "");
  if (!checklistItemIdPattern.test(id)) id = "item";
  return id;
}

/**
 * Reads one checklist from its text. An item whose text is unchanged keeps its id; a new
 * or reworded item gets a new id made from its words.
 */
export function parseChecklistText(
  text: string,
  existing: readonly ChecklistItem[],
): { ok: true; items: ChecklistItem[] } | { ok: false; error: string } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
  if (lines.length === 0) return { ok: false, error: "Enter at least one item" };
  if (lines.length > checklistLimits.items)
    return { ok: false, error: `Enter no more than ${checklistLimits.items} items` };
  const items: ChecklistItem[] = [];
  const used = new Set<string>();
  for (const [index, line] of lines.entries()) {
    const bar = line.indexOf("|");
    const itemText = (bar === -1 ? line : line.slice(0, bar)).trim();
    const hint = bar === -1 ? "" : line.slice(bar + 1).trim();
    if (itemText === "") return { ok: false, error: `Item ${index + 1} has a hint but no text` };
    if (itemText.length > checklistLimits.text)
      return { ok: false, error: `Item ${index + 1} must be ${checklistLimits.text} characters or fewer` };
    if (hint.length > checklistLimits.hint)
      return { ok: false, error: `The hint of item ${index + 1} must be ${checklistLimits.hint} characters or fewer` };
    const repeated = items.findIndex((item) => item.text === itemText);
    if (repeated !== -1) return { ok: false, error: `Item ${index + 1} repeats item ${repeated + 1}` };
    let id = existing.find((item) => item.text === itemText && !used.has(item.id))?.id ?? slug(itemText);
    for (let suffix = 0; used.has(id); suffix++)
      id = `${slug(itemText)}-${"abcdefghijklmnopqrstuvwxyz".charAt(suffix % 26).repeat(1 + Math.floor(suffix / 26))}`;
    used.add(id);
    items.push(hint ? { id, text: itemText, hint } : { id, text: itemText });
  }
  return { ok: true, items };
}

export function checklistAdminService(drafts: ReferenceDraftService) {
  return {
    /**
     * Saves the checklists into the reference data draft (starting one if there is none) and
     * returns the draft's version; throws ReferenceDataChanged if `seen` (the revision or version
     * the page showed) is no longer what the save would change. Heads see the new items once
     * the draft is published.
     */
    async save(actor: CurrentUser, seen: number | string, checklists: Checklists): Promise<number> {
      const valid = checklistsSchema.parse(checklists);
      return drafts.edit(actor, "Checklist items", (data) => ({ ...data, checklists: valid }), String(seen));
    },
  };
}

export type ChecklistAdminService = ReturnType<typeof checklistAdminService>;
