// A signed checklist as a small, text-only PDF (A4, the standard Helvetica fonts, no
// images), written by hand: it needs no library. Text is encoded as WinAnsi, which covers
// English and the Latin-1 accents; any other character prints as "?" (the HTML record,
// printed from the browser, shows every script).
const pageWidth = 595.28;
const pageHeight = 841.89;
const margin = 56;
const usable = pageWidth - 2 * margin;

// Helvetica advance widths (per 1,000 units) for characters 32 to 126, from its AFM.
const helvetica = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];

// WinAnsi code points 128-159 that differ from Latin-1.
const winAnsiExtras: Record<string, number> = {
  "€": 0x80,
  "‚": 0x82,
  ƒ: 0x83,
  "„": 0x84,
  "…": 0x85,
  "†": 0x86,
  "‡": 0x87,
  ˆ: 0x88,
  "‰": 0x89,
  Š: 0x8a,
  "‹": 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  "‘": 0x91,
  "’": 0x92,
  "“": 0x93,
  "”": 0x94,
  "•": 0x95,
  "–": 0x96,
  "—": 0x97,
  "˜": 0x98,
  "™": 0x99,
  š: 0x9a,
  "›": 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

function winAnsi(text: string): number[] {
  const bytes: number[] = [];
  for (const char of text.normalize("NFC")) {
    const code = char.codePointAt(0)!;
    if (code >= 32 && code <= 126) bytes.push(code);
    else if (code >= 160 && code <= 255) bytes.push(code);
    else if (winAnsiExtras[char] !== undefined) bytes.push(winAnsiExtras[char]);
    else if (code === 9) bytes.push(32);
    else bytes.push(63); // "?"
  }
  return bytes;
}

function widthOf(bytes: readonly number[], size: number, bold: boolean): number {
  const units = bytes.reduce((sum, byte) => sum + (byte >= 32 && byte <= 126 ? helvetica[byte - 32]! : 556), 0);
  return (units * size * (bold ? 1.08 : 1)) / 1000;
}

/** Splits text into lines no wider than `width`, at spaces where it can. */
export function wrap(text: string, width: number, size: number, bold = false): number[][] {
  const lines: number[][] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line: number[] = [];
    for (const word of winAnsi(paragraph).reduce<number[][]>(
      (words, byte) => {
        if (byte === 32) words.push([]);
        else words[words.length - 1]!.push(byte);
        return words;
      },
      [[]],
    )) {
      const candidate = line.length > 0 ? [...line, 32, ...word] : word;
      if (widthOf(candidate, size, bold) <= width) {
        line = candidate;
        continue;
      }
      if (line.length > 0) lines.push(line);
      line = [];
      let rest = word;
      while (widthOf(rest, size, bold) > width) {
        let cut = rest.length - 1;
        while (cut > 1 && widthOf(rest.slice(0, cut), size, bold) > width) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

const hex = (bytes: readonly number[]) => `<${bytes.map((byte) => byte.toString(16).padStart(2, "0")).join("")}>`;

class Pages {
  readonly pages: string[][] = [[]];
  private y = pageHeight - margin;

  private get current() {
    return this.pages[this.pages.length - 1]!;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  room(height: number) {
    if (this.y - height < margin + 24) {
      this.pages.push([]);
      this.y = pageHeight - margin;
    }
  }

  gap(height: number) {
    this.y -= height;
  }

  text(lines: number[][], options: { x?: number; size?: number; bold?: boolean; leading?: number } = {}) {
    const size = options.size ?? 10;
    const leading = options.leading ?? size * 1.35;
    for (const line of lines) {
      this.room(leading);
      this.y -= leading;
      this.current.push(
        `BT /${options.bold ? "F2" : "F1"} ${size} Tf ${(options.x ?? margin).toFixed(2)} ${this.y.toFixed(2)} Td ${hex(line)} Tj ET`,
      );
    }
  }

  /** A label in bold and its value beside it, wrapped. */
  field(label: string, value: string) {
    const labelWidth = 120;
    const valueLines = wrap(value, usable - labelWidth, 10);
    this.room(13.5 * Math.min(valueLines.length, 3));
    const top = this.y;
    this.text(wrap(label, labelWidth - 8, 10, true), { bold: true });
    const afterLabel = this.y;
    this.y = top;
    this.text(valueLines, { x: margin + labelWidth });
    this.y = Math.min(this.y, afterLabel) - 3;
  }

  footer(text: string) {
    this.pages.forEach((page, index) => {
      page.push(
        `BT /F1 8 Tf ${margin} ${(margin - 8).toFixed(2)} Td ${hex(winAnsi(`${text} · Page ${index + 1} of ${this.pages.length}`))} Tj ET`,
      );
    });
  }
}

export interface RecordPdfContent {
  title: string;
  caseLines: [string, string][];
  signatureLines: [string, string][];
  items: { number: number; text: string; answer: string; comment: string }[];
}

export function recordPdf(content: RecordPdfContent): Buffer {
  const pages = new Pages();
  pages.text(wrap(content.title, usable, 16, true), { size: 16, bold: true });
  pages.gap(6);
  pages.text(wrap("Strategic Partnerships Office, University of Cambridge", usable, 10), {});
  pages.gap(10);
  pages.text([winAnsi("The case")], { size: 13, bold: true });
  pages.gap(4);
  for (const [label, value] of content.caseLines) pages.field(label, value);
  pages.gap(10);
  pages.text([winAnsi("Signature")], { size: 13, bold: true });
  pages.gap(4);
  for (const [label, value] of content.signatureLines) pages.field(label, value);
  pages.gap(10);
  pages.text([winAnsi("Checklist")], { size: 13, bold: true });
  for (const item of content.items) {
    pages.gap(6);
    // Keep an item with its answer (and a short comment) on one page.
    const heading = wrap(`${item.number}. ${item.text}`, usable, 10, true);
    const comment = item.comment ? wrap(item.comment, usable - 120, 10).length : 0;
    pages.room(13.5 * (heading.length + 1 + Math.min(comment, 6)) + 6);
    pages.text(heading, { bold: true });
    pages.field("Answer", item.answer);
    if (item.comment) pages.field("Comment", item.comment);
  }
  const reference = content.caseLines.find(([label]) => label === "Reference")?.[1] ?? "";
  pages.footer(`Signed checklist ${reference}`.trim());
  return assemble(pages.pages, content.title);
}

function assemble(pageContents: string[][], title: string): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body);
  add("<< /Type /Catalog /Pages 2 0 R >>");
  const firstPage = 5;
  const kids = pageContents.map((_, index) => `${firstPage + index * 2} 0 R`).join(" ");
  add(`<< /Type /Pages /Kids [${kids}] /Count ${pageContents.length} >>`);
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
  add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
  pageContents.forEach((lines, index) => {
    const stream = lines.join("\n");
    add(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth} ${pageHeight}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${firstPage + index * 2 + 1} 0 R >>`,
    );
    add(`<< /Length ${Buffer.byteLength(stream, "latin1")} >>\nstream\n${stream}\nendstream`);
  });
  add(`<< /Title ${hex(winAnsi(title))} /Producer (International partnerships) >>`);
  const info = objects.length;

  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, "latin1"));
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${info} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
