// Attachments as lists show them: name, type, size, who, when, a short SHA-256, superseded.
import { viewHelpers } from "../views/helpers";
import { kindLabel } from "./fileCheck";
import { attachmentUrls } from "./urls";
import type { ListedAttachment } from "./attachmentService";

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MB`;
}

/** The first and last few hex digits: enough to compare by eye with a full hash elsewhere. */
export function shortHash(sha256: string): string {
  return `${sha256.slice(0, 8)}…${sha256.slice(-4)}`;
}

const addedAsLabels: Record<string, string> = {
  proposer: "proposer",
  officer: "SPO officer",
  reviewer: "reviewer",
  head: "head",
};

export interface AttachmentRow {
  id: string;
  fileName: string;
  href: string;
  kind: string;
  size: string;
  addedBy: string;
  addedAt: string;
  sha256: string;
  shortHash: string;
  superseded: string | null;
  replaceUrl: string | null;
  removeUrl: string | null;
}

export function attachmentRows(
  attachments: readonly ListedAttachment[],
  options: {
    replaceUrl?: (row: ListedAttachment) => string | null;
    removeUrl?: (row: ListedAttachment) => string | null;
  } = {},
): AttachmentRow[] {
  return attachments.map((row) => ({
    id: row.id,
    fileName: row.fileName,
    href: attachmentUrls.download(row.id),
    kind: kindLabel(row.contentType),
    size: formatSize(row.size),
    addedBy: `${row.uploadedBy} (${addedAsLabels[row.addedAs] ?? row.addedAs})`,
    addedAt: viewHelpers.formatDateTime(row.uploadedAt),
    sha256: row.sha256,
    shortHash: shortHash(row.sha256),
    superseded: row.supersededAt
      ? `Replaced${row.supersededBy ? ` by ${row.supersededBy}` : ""} on ${viewHelpers.formatDateTime(row.supersededAt)}`
      : null,
    replaceUrl: row.supersededAt ? null : (options.replaceUrl?.(row) ?? null),
    removeUrl: options.removeUrl?.(row) ?? null,
  }));
}

/** The files section of a page that shows a proposal or case: the list, and where to add or replace. */
export function attachmentsPanel(
  attachments: readonly ListedAttachment[],
  manage: { href: string; text: string } | null,
): { rows: AttachmentRow[]; manage: { href: string; text: string } | null } {
  return { rows: attachmentRows(attachments), manage };
}
