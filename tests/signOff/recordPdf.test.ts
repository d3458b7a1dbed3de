// The signed-record PDF prints every script as typed (its text read back with PDF.js),
// lists the routes in force, stays small (fonts subset), and is tagged for screen readers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { recordPdf, type RecordPdfContent } from "../../src/signOff/recordPdf";
import { signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import { filledChecklist, signOffTask } from "./helpers";

const partners = {
  cyrillic: "Московский государственный университет",
  chinese: "北京大学",
  arabic: "جامعة القاهرة",
  greek: "Πανεπιστήμιο Αθηνών",
  hebrew: "האוניברסיטה העברית בירושלים",
  japanese: "東京大学 とうきょう",
  korean: "서울대학교",
  latin: "Université Paris Cité – Ærø Fjørd",
};

async function readPdf(pdf: Buffer) {
  const document = await getDocument({ data: new Uint8Array(pdf), verbosity: 0 }).promise;
  const pages = [];
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number);
    const content = await page.getTextContent({ includeMarkedContent: true });
    pages.push({ items: content.items, structure: await page.getStructTree() });
  }
  const text = pages
    .flatMap((page) => page.items)
    .map((item) => ("str" in item ? item.str : ""))
    .join("");
  return { document, pages, text, metadata: await document.getMetadata(), markInfo: await document.getMarkInfo() };
}

/**
 * Spacing and direction marks differ between extractors: compare the characters in order.
 * PDF.js also reads the extra glyphs the Arabic font adds when it joins letters (they stand
 * for no character) as U+0001; poppler's pdftotext reads "جامعة القاهرة" cleanly.
 */
const squeezed = (text: string) => text.replace(/[\s\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, "");

const content: RecordPdfContent = {
  title: "Head of department sign-off: signed checklist",
  caseLines: [
    ["Reference", "SPO-2026-00001"],
    ["Title", "Joint research with partners in eight scripts"],
    ["Partner", Object.values(partners).join("; ")],
    ["Routes in force", "CBELA referral; Due diligence"],
  ],
  signatureLines: [
    ["Signed by", "Dr Helen Okafor"],
    ["Comments", "Line one\nLine two (with brackets) and a back\\slash"],
  ],
  items: Array.from({ length: 40 }, (_, index) => ({
    number: index + 1,
    text: `Question ${index + 1} ${"long words ".repeat(20)}`,
    answer: "No",
    comment: "Because ".repeat(30),
  })),
};

describe("the signed-record PDF", () => {
  let pdf: Buffer;
  let read: Awaited<ReturnType<typeof readPdf>>;
  beforeAll(async () => {
    pdf = await recordPdf(content);
    read = await readPdf(pdf);
  }, 60_000);

  it.each(Object.entries(partners))("prints the %s partner name as typed", (_script, name) => {
    expect(squeezed(read.text)).toContain(squeezed(name));
  });

  it("prints no replacement characters or question marks for any of them", () => {
    expect(read.text).not.toContain("\uFFFD");
    expect(read.text).not.toMatch(/\?{2}/);
  });

  it("lists the routes in force, and every checklist item on further pages", () => {
    expect(read.text).toContain("Routes in force");
    expect(read.text).toContain("CBELA referral; Due diligence");
    expect(read.document.numPages).toBeGreaterThan(1);
    expect(squeezed(read.text)).toContain(squeezed("40. Question 40"));
  });

  it("stays small: each font embedded as a subset of the characters used", () => {
    // Noto Sans SC alone is 10.5 MB and Noto Sans KR 6 MB in full.
    expect(pdf.length).toBeLessThan(200_000);
    expect(pdf.toString("latin1")).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
  });

  it("is tagged: language, title shown as the window title, PDF/UA identifier, structure in reading order", () => {
    // PDF.js types it as an object; it hands back a Map.
    expect((read.markInfo as unknown as Map<string, boolean>).get("Marked")).toBe(true);
    const info = read.metadata.info as { Title?: string; Language?: string };
    expect(info.Title).toBe(content.title);
    expect(info.Language).toBe("en-GB");
    expect(pdf.toString("latin1")).toMatch(/\/DisplayDocTitle true/);
    expect(read.metadata.metadata.get("pdfuaid:part")).toBe("1");
    const roles: string[] = [];
    const walk = (node: { role?: string; children?: unknown[] }) => {
      if (node.role) roles.push(node.role);
      for (const child of node.children ?? []) walk(child as { role?: string; children?: unknown[] });
    };
    walk(read.pages[0]!.structure);
    expect(roles.slice(0, 6)).toEqual(["Root", "Document", "H1", "P", "H2", "Table"]);
    expect(roles).toEqual(expect.arrayContaining(["TR", "TH", "TD", "H3"]));
  });

  it("marks the page footers as artifacts, outside the structure", () => {
    const items = read.pages[1]!.items;
    const footer = items.findIndex((item) => "str" in item && item.str.includes("Page 2 of"));
    expect(footer).toBeGreaterThan(-1);
    const opened = items
      .slice(0, footer)
      .filter(
        (item) => "type" in item && (item.type === "beginMarkedContent" || item.type === "beginMarkedContentProps"),
      )
      .at(-1) as { tag?: string } | undefined;
    expect(opened?.tag).toBe("Artifact");
  });
});

describe(`the record PDF of a signed case (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("shows the partner's name in Cyrillic, and the case's routes", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerName: partners.cyrillic,
      partnerCountry: "RU",
      relationship: "new",
    });
    const task = await signOffTask(testApp.services, id, "department_sign_off");
    const head = await signInAs(testApp.app, "hod01");
    const checklist = await head.get(`/sign-off/${task.id}`);
    const signed = await head.post(
      `/sign-off/${task.id}`,
      filledChecklist(checklist, { comment: `${partners.arabic} — ${partners.chinese}` }),
    );
    expect(signed.status).toBe(303);
    const response = await head.agent
      .get(`/sign-off/${task.id}/record.pdf`)
      .buffer(true)
      .parse((stream, done) => {
        const chunks: Buffer[] = [];
        stream.on("data", (chunk: Buffer) => chunks.push(chunk));
        stream.on("end", () => {
          done(null, Buffer.concat(chunks));
        });
      });
    expect(response.status).toBe(200);
    const { text } = await readPdf(response.body as Buffer);
    for (const name of [partners.cyrillic, partners.arabic, partners.chinese])
      expect(squeezed(text)).toContain(squeezed(name));
    const proposal = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.routes.length).toBeGreaterThan(0);
    expect(text).toContain("Routes in force");
    expect(text).toContain("CBELA referral");
  }, 60_000);
});
