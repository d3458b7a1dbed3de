// What an uploaded file is, found from its content (never from its name or the browser's
// claim), and the name it is kept under. Only the kinds listed here are taken, and a
// stored file is only ever served as one of them (or as application/octet-stream).
import { createHash } from "node:crypto";
import path from "node:path";

interface Kind {
  label: string;
  contentType: string;
  /** Name endings that fit the kind; the first is added to a name that has none of them. */
  extensions: readonly string[];
}

const kinds = {
  pdf: { label: "PDF", contentType: "application/pdf", extensions: [".pdf"] },
  docx: {
    label: "Word document",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    extensions: [".docx"],
  },
  doc: { label: "Word 97–2003 document", contentType: "application/msword", extensions: [".doc"] },
  xlsx: {
    label: "Excel workbook",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    extensions: [".xlsx"],
  },
  xls: { label: "Excel 97–2003 workbook", contentType: "application/vnd.ms-excel", extensions: [".xls"] },
  png: { label: "PNG image", contentType: "image/png", extensions: [".png"] },
  jpg: { label: "JPEG image", contentType: "image/jpeg", extensions: [".jpg", ".jpeg"] },
  gif: { label: "GIF image", contentType: "image/gif", extensions: [".gif"] },
  txt: { label: "Text", contentType: "text/plain; charset=utf-8", extensions: [".txt"] },
  csv: { label: "CSV text", contentType: "text/csv; charset=utf-8", extensions: [".csv"] },
  md: { label: "Markdown text", contentType: "text/markdown; charset=utf-8", extensions: [".md"] },
} as const satisfies Record<string, Kind>;

const byContentType = new Map<string, Kind>(Object.values(kinds).map((kind) => [kind.contentType, kind]));

export const acceptedKindsText = "PDF, Word, Excel, PNG, JPEG, GIF or plain text (.txt, .csv, .md)";

/** The type a stored file is served as: one of the kinds above, anything else as bytes. */
export function servedContentType(stored: string): string {
  return byContentType.has(stored) ? stored : "application/octet-stream";
}

/** A short name for the kind, for lists. */
export function kindLabel(contentType: string): string {
  return byContentType.get(contentType)?.label ?? "File";
}

/**
 * The file's own name without any folder (`../../x.html` is `x.html`), control and
 * path-like characters, or leading dots; at most 200 characters; never empty.
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  const cleaned = base
    .normalize("NFC")
    // Control characters, and characters no file system or header takes well.
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, "")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^[.\s]+/, "");
  const limited = characters(cleaned).length > 200 ? limitName(cleaned, 200) : cleaned;
  return limited || "attachment";
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** What a reader counts as characters (an accented letter or an emoji is one). */
function characters(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment);
}

function limitName(name: string, length: number): string {
  const extension = path.extname(name).slice(0, 10);
  const stem = characters(name.slice(0, name.length - extension.length));
  return stem.slice(0, length - extension.length).join("") + extension;
}

export type FileCheck =
  { ok: true; fileName: string; contentType: string; size: number; sha256: string } | { ok: false; problem: string };

function isPlainText(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function kindForContent(detected: { ext: string } | undefined, bytes: Buffer, name: string): Kind | undefined {
  const extension = path.extname(name).toLowerCase();
  switch (detected?.ext) {
    case "pdf":
    case "docx":
    case "xlsx":
    case "png":
    case "jpg":
    case "gif":
      return kinds[detected.ext];
    // Word and Excel 97–2003 files are both OLE compound files: the name says which.
    case "cfb":
      return extension === ".doc" ? kinds.doc : extension === ".xls" ? kinds.xls : undefined;
    case undefined: {
      // Text has no magic number: only UTF-8 without NUL bytes, under a text name.
      const text = Object.values(kinds).find(
        (kind) => kind.contentType.startsWith("text/") && (kind.extensions as readonly string[]).includes(extension),
      );
      return text && isPlainText(bytes) ? text : undefined;
    }
    default:
      return undefined;
  }
}

/** Whether the file may be kept, as what, under which name. */
export async function checkFile(file: { name: string; bytes: Buffer }): Promise<FileCheck> {
  if (file.bytes.length === 0) return { ok: false, problem: "The selected file is empty" };
  const fileName = sanitiseFileName(file.name);
  // file-type (and its tables of signatures) is loaded with the first upload.
  const { fileTypeFromBuffer } = await import("file-type");
  const kind = kindForContent(await fileTypeFromBuffer(file.bytes), file.bytes, fileName);
  if (!kind) return { ok: false, problem: `The selected file must be a ${acceptedKindsText}` };
  const fits = kind.extensions.some((extension) => fileName.toLowerCase().endsWith(extension));
  return {
    ok: true,
    // A name that says another type (a PDF named x.html) gets its real ending added.
    fileName: fits ? fileName : `${fileName}${kind.extensions[0]}`,
    contentType: kind.contentType,
    size: file.bytes.length,
    sha256: createHash("sha256").update(file.bytes).digest("hex"),
  };
}

/** `Content-Disposition: attachment` with an ASCII fallback name and the real one in RFC 5987 form. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "attachment";
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
