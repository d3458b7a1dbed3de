// The PDF's text layout with stand-in fonts: every character 10 points wide, "latin"
// covering Latin, Cyrillic and Greek, "arabic" Arabic, "cjk" Chinese and Japanese.
import { describe, expect, it } from "vitest";
import { layoutText, type Face } from "../../src/signOff/pdf/textLayout";

const faces: Face[] = [
  { id: "latin", covers: (code) => code < 0x0530 || code === 0xfffd || (code >= 0x2000 && code < 0x2070) },
  { id: "arabic", covers: (code) => (code >= 0x0600 && code < 0x0700) || code < 0x0080 },
  { id: "cjk", covers: (code) => (code >= 0x3000 && code < 0x30ff) || (code >= 0x4e00 && code < 0xa000) },
];
const measure = (text: string) => Array.from(text).length * 10;
const layout = (text: string, width = 1000) => layoutText(text, { width, size: 10, faces, measure });
const shown = (text: string, width?: number) =>
  layout(text, width).map((line) => line.map((piece) => `${piece.face}:${piece.text}`));

describe("the PDF's text layout", () => {
  it("draws each script in a font that has it", () => {
    expect(shown("Москва and 北京大学")).toEqual([["latin:Москва and ", "cjk:北京大学"]]);
  });

  it("keeps spaces, digits and punctuation in the font of the text around them", () => {
    expect(shown("北京, 2026")).toEqual([["cjk:北京", "latin:, 2026"]]);
    expect(shown("جامعة القاهرة")).toEqual([["arabic:جامعة القاهرة"]]);
  });

  it("puts a right-to-left name where a left-to-right paragraph reads it, for the font engine to reverse", () => {
    const [line] = layout("Partner: جامعة القاهرة (Cairo)");
    expect(line!.map((piece) => [piece.face, piece.text, piece.x])).toEqual([
      ["latin", "Partner: ", 0],
      ["arabic", "جامعة القاهرة", 90],
      // The Arabic font has ASCII punctuation too: it stays with the text before it.
      ["arabic", " (", 220],
      ["latin", "Cairo)", 240],
    ]);
  });

  it("orders Latin words inside an Arabic passage by the bidi algorithm", () => {
    // In a left-to-right paragraph: each Arabic word is a right-to-left piece of its own.
    const [line] = layout("جامعة ABC القاهرة");
    expect(line!.map((piece) => piece.text)).toEqual(["جامعة", " ", "ABC ", "القاهرة"]);
    // In a right-to-left embedding the whole passage reads from the right, and the marks are not drawn.
    const rtl = layout("\u202bجامعة ABC القاهرة\u202c")[0]!;
    expect(rtl.map((piece) => piece.text.trim()).filter(Boolean)).toEqual(["القاهرة", "ABC", "جامعة"]);
  });

  it("wraps at spaces, and between CJK characters, within the width", () => {
    const lines = layout("one two three four", 90);
    expect(lines.map((line) => line.map((piece) => piece.text).join(""))).toEqual(["one two", "three", "four"]);
    const cjk = layout("北京大学清华大学", 40);
    expect(cjk.map((line) => line.map((piece) => piece.text).join(""))).toEqual(["北京大学", "清华大学"]);
    for (const line of [...lines, ...cjk])
      expect(line.reduce((sum, piece) => sum + piece.width, 0)).toBeLessThanOrEqual(90);
  });

  it("cuts a word wider than the line", () => {
    const lines = layout("x".repeat(25), 100);
    expect(lines.map((line) => line.map((piece) => piece.text).join(""))).toEqual([
      "x".repeat(10),
      "x".repeat(10),
      "x".repeat(5),
    ]);
  });

  it("keeps paragraphs and blank lines, and draws what no font has as the replacement character", () => {
    expect(shown("one\n\ntwo")).toEqual([["latin:one"], [], ["latin:two"]]);
    expect(shown("ꯃ")).toEqual([["latin:\uFFFD"]]);
  });
});
