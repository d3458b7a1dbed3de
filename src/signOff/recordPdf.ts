// A signed checklist as a PDF (A4), drawn with pdfkit in the Noto fonts, each embedded
// as a subset of the characters used, so every name prints as typed: Latin, Cyrillic,
// Greek, Arabic and Hebrew (shaped and right to left), Chinese, Japanese and Korean.
// Tagged for screen readers (PDF/UA-1 identification): document language and title,
// a structure tree of headings, paragraphs and row-headed tables in reading order, and
// the page footers marked as artifacts.
import PDFDocument from "pdfkit";
import { faceNames, faces, fontFile, fontName } from "./pdf/fonts";
import { layoutText, type Piece } from "./pdf/textLayout";

const pageWidth = 595.28;
const pageHeight = 841.89;
const margin = 56;
const usable = pageWidth - 2 * margin;
const labelWidth = 120;
const bottom = pageHeight - margin - 24;

export interface RecordPdfContent {
  title: string;
  caseLines: [string, string][];
  signatureLines: [string, string][];
  items: { number: number; text: string; answer: string; comment: string }[];
}

interface TextStyle {
  size?: number;
  bold?: boolean;
  x?: number;
  width?: number;
}

/** Draws laid-out lines top-down, starting a new page when the next line does not fit. */
class Writer {
  y = margin;
  page = 0;

  constructor(readonly doc: PDFKit.PDFDocument) {}

  lines(text: string, style: TextStyle = {}): Piece[][] {
    const bold = style.bold ?? false;
    return layoutText(text, {
      width: style.width ?? usable,
      size: style.size ?? 10,
      faces,
      measure: (part, face, size) =>
        this.doc.font(fontName(face, bold)).fontSize(size).widthOfString(part, { features: [] }),
    });
  }

  room(height: number) {
    if (this.y + height <= bottom) return;
    this.doc.addPage();
    this.page++;
    this.y = margin;
  }

  /** `fixed`: on this page whatever the room left (the footer, below the bottom margin). */
  draw(lines: Piece[][], style: TextStyle = {}, fixed = false) {
    const size = style.size ?? 10;
    const leading = size * 1.45;
    for (const line of lines) {
      if (!fixed) this.room(leading);
      for (const piece of line) {
        this.doc
          .font(fontName(piece.face, style.bold ?? false))
          .fontSize(size)
          // `features` lays each piece out whole, so the font engine shapes and orders it as one run.
          .text(piece.text, (style.x ?? margin) + piece.x, this.y + size, {
            lineBreak: false,
            features: [],
            baseline: "alphabetic",
          });
      }
      this.y += leading;
    }
  }
}

/** The PDF of a signed checklist. */
export async function recordPdf(content: RecordPdfContent): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin,
    pdfVersion: "1.7",
    tagged: true,
    lang: "en-GB",
    displayTitle: true,
    // pdfkit writes the PDF/UA-1 identifier; its type definitions list only PDF/A.
    subset: "PDF/UA" as unknown as PDFKit.Mixins.PDFSubsets,
    bufferPages: true,
    info: { Title: content.title, Author: "Strategic Partnerships Office", Creator: "International partnerships" },
  });
  for (const face of faceNames) {
    doc.registerFont(fontName(face, false), fontFile(face, false));
    doc.registerFont(fontName(face, true), fontFile(face, true));
  }
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on("error", reject);
  });

  const writer = new Writer(doc);
  const root = doc.struct("Document");
  doc.addStructure(root);
  const block = (type: string, text: string, style: TextStyle, gapAfter: number) => {
    root.add(
      doc.struct(type, {}, () => {
        writer.draw(writer.lines(text, style), style);
      }),
    );
    writer.y += gapAfter;
  };
  /** Label and value side by side: a table row with its header (the label) first. */
  const table = (rows: [string, string][]) => {
    const element = doc.struct("Table");
    root.add(element);
    for (const [label, value] of rows) {
      const valueLines = writer.lines(value, { x: margin + labelWidth, width: usable - labelWidth });
      writer.room(14.5 * Math.min(valueLines.length, 3));
      const row = doc.struct("TR");
      element.add(row);
      const top = { y: writer.y, page: writer.page };
      let afterLabel = top;
      row.add(
        doc.struct("TH", { scope: "Row" } as PDFKit.Mixins.StructureElementOptions, () => {
          writer.draw(writer.lines(label, { bold: true, width: labelWidth - 8 }), { bold: true });
          afterLabel = { y: writer.y, page: writer.page };
        }),
      );
      row.add(
        doc.struct("TD", {}, () => {
          if (writer.page === top.page) writer.y = top.y;
          writer.draw(valueLines, { x: margin + labelWidth });
        }),
      );
      row.end();
      if (writer.page === afterLabel.page) writer.y = Math.max(writer.y, afterLabel.y);
      writer.y += 3;
    }
    element.end();
  };

  block("H1", content.title, { size: 16, bold: true }, 6);
  block("P", "Strategic Partnerships Office, University of Cambridge", {}, 10);
  block("H2", "The case", { size: 13, bold: true }, 4);
  table(content.caseLines);
  writer.y += 10;
  block("H2", "Signature", { size: 13, bold: true }, 4);
  table(content.signatureLines);
  writer.y += 10;
  block("H2", "Checklist", { size: 13, bold: true }, 0);
  for (const item of content.items) {
    writer.y += 6;
    // Keep an item with its answer (and a short comment) on one page.
    const heading = writer.lines(`${item.number}. ${item.text}`, { bold: true });
    const comment = item.comment ? writer.lines(item.comment, { width: usable - labelWidth }).length : 0;
    writer.room(14.5 * (heading.length + 1 + Math.min(comment, 6)) + 6);
    block("H3", `${item.number}. ${item.text}`, { bold: true }, 0);
    table(
      item.comment
        ? [
            ["Answer", item.answer],
            ["Comment", item.comment],
          ]
        : [["Answer", item.answer]],
    );
  }
  root.end();

  // Page footers: not part of the content a screen reader reads.
  const reference = content.caseLines.find(([label]) => label === "Reference")?.[1] ?? "";
  const pages = doc.bufferedPageRange();
  for (let index = pages.start; index < pages.start + pages.count; index++) {
    doc.switchToPage(index);
    doc.markContent("Artifact", { type: "Pagination" });
    writer.y = pageHeight - margin - 4;
    writer.draw(
      writer.lines(`Signed checklist ${reference} · Page ${index + 1} of ${pages.count}`.replace(/ +/g, " "), {
        size: 8,
      }),
      { size: 8 },
      true,
    );
    doc.endMarkedContent();
  }
  doc.end();
  return finished;
}
