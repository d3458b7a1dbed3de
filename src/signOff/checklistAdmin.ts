// Admins edit the two checklists as text, one item per line. A save is a new reference
// data version (never an update of the old one) with its audit entry, in one transaction;
// if someone changed the reference data since the page was loaded, nothing is saved.
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { referenceDataSchema } from "../reference/defaults";
import type { CurrentUser } from "../domain/roles";
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

export class ReferenceDataChanged extends Error {
  constructor(readonly currentVersion: number) {
    super("The reference data changed since the page was loaded");
  }
}

export function checklistAdminService(prisma: PrismaClient) {
  return {
    /** The newest reference data version: when and by whom it was saved. */
    async currentVersion() {
      const row = await prisma.referenceDataVersion.findFirst({
        orderBy: { version: "desc" },
        select: { version: true, note: true, createdAt: true, createdById: true },
      });
      if (!row) throw new Error("No reference data: the database was not seeded");
      const by = row.createdById
        ? await prisma.user.findUnique({ where: { id: row.createdById }, select: { displayName: true } })
        : null;
      return { ...row, createdBy: by?.displayName ?? null };
    },

    /** Saves the checklists as reference data version `seenVersion + 1`; throws ReferenceDataChanged if that is no longer the next one. */
    async save(actor: CurrentUser, seenVersion: number, checklists: Checklists): Promise<number> {
      const valid = checklistsSchema.parse(checklists);
      try {
        return await prisma.$transaction(async (tx) => {
          const latest = await tx.referenceDataVersion.findFirst({ orderBy: { version: "desc" } });
          if (!latest) throw new Error("No reference data: the database was not seeded");
          if (latest.version !== seenVersion) throw new ReferenceDataChanged(latest.version);
          const { version: _previous, ...data } = referenceDataSchema.parse({
            ...(latest.data as object),
            version: latest.version,
          });
          const version = latest.version + 1;
          const before = data.checklists;
          await tx.referenceDataVersion.create({
            data: {
              version,
              data: { ...data, checklists: valid },
              note: "Checklist items changed",
              createdById: actor.id,
            },
          });
          const ids = (list: readonly ChecklistItem[]) => new Set(list.map((item) => item.id));
          const changes = (kind: keyof Checklists) => ({
            added: valid[kind].filter((item) => !ids(before[kind]).has(item.id)).map((item) => item.id),
            removed: before[kind].filter((item) => !ids(valid[kind]).has(item.id)).map((item) => item.id),
            items: valid[kind].length,
          });
          await recordAudit(tx, {
            actorId: actor.id,
            action: "reference.checklists_changed",
            entityType: "reference_data",
            entityId: String(version),
            fromState: String(latest.version),
            toState: String(version),
            details: { department: changes("department"), school: changes("school") },
          });
          return version;
        });
      } catch (error) {
        // Two admins saving at once: both read version N, one creates N + 1, the other's insert collides.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
          const latest = await prisma.referenceDataVersion.findFirst({
            orderBy: { version: "desc" },
            select: { version: true },
          });
          throw new ReferenceDataChanged(latest?.version ?? seenVersion);
        }
        throw error;
      }
    },
  };
}

export type ChecklistAdminService = ReturnType<typeof checklistAdminService>;
