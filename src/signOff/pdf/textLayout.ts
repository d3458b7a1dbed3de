// Lays a paragraph out in lines of positioned pieces, as a PDF needs it: each piece is
// one font (the first that has the character: Latin, Arabic, Hebrew, CJK...) and one
// direction, placed left to right in the order the eye reads them. Right-to-left text
// (Arabic, Hebrew) is ordered by the Unicode bidirectional algorithm within a
// left-to-right paragraph, as the HTML record shows it; the font engine then shapes it
// (joined Arabic letters) and reverses each right-to-left piece itself.
// Pure: the fonts' coverage and widths come in as functions.
import bidiFactory from "bidi-js";

const bidi = bidiFactory();

export interface Face {
  id: string;
  covers(codePoint: number): boolean;
}

/** The width of `text` in `face` at `size` points. */
export type Measure = (text: string, face: string, size: number) => number;

export interface Piece {
  /** As the font engine gets it: logical order for a piece it reverses itself. */
  text: string;
  face: string;
  /** From the line's start, in points. */
  x: number;
  width: number;
}

export interface LayoutOptions {
  width: number;
  size: number;
  /** In order of preference; the first covers the replacement character. */
  faces: readonly Face[];
  measure: Measure;
}

const letter = /\p{L}/u;
const space = /\s/u;
/** Characters a line may break before or after (CJK has no spaces between words). */
const wide = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff00-\uffef]/u;
/** Scripts the font engine lays out right to left (it reverses pieces that contain them). */
const rightToLeftScript = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** The item at `index`, which the caller knows is there. */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`No item ${index} of ${items.length}`);
  return item;
}

const bidiControl = /^[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]$/u;

interface Character {
  text: string;
  face: string;
  level: number;
}

/** Each character with the face that draws it and its bidi level. */
function characters(paragraph: string, faces: readonly Face[]): Character[] {
  const fallback = at(faces, 0);
  const chosen: { text: string; face: string }[] = [];
  let previous: Face = fallback;
  for (const char of paragraph) {
    const code = char.codePointAt(0) ?? 0;
    let face: Face | undefined;
    if (space.test(char)) face = previous;
    else if (!letter.test(char) && previous.covers(code)) face = previous;
    else face = faces.find((candidate) => candidate.covers(code));
    // Nothing has it (a script no bundled font covers): the replacement character.
    const text = face ? (space.test(char) ? " " : char) : "\uFFFD";
    face ??= fallback;
    chosen.push({ text, face: face.id });
    previous = face;
  }
  const joined = chosen.map((item) => item.text).join("");
  const { levels } = bidi.getEmbeddingLevels(joined, "ltr");
  let unit = 0;
  const placed = chosen.map((item) => {
    const level = levels[unit] ?? 0;
    unit += item.text.length;
    return { ...item, level };
  });
  // Direction marks and embeddings have done their work: they are not drawn (rule X9).
  return placed.filter((item) => !bidiControl.test(item.text));
}

/** Runs of one face, measured: the width of characters `start` to `end`. */
function widthOf(chars: readonly Character[], start: number, end: number, size: number, measure: Measure): number {
  let width = 0;
  let runStart = start;
  for (let index = start; index <= end; index++) {
    if (index === end || at(chars, index).face !== at(chars, runStart).face) {
      if (index > runStart) {
        const text = chars
          .slice(runStart, index)
          .map((char) => char.text)
          .join("");
        width += measure(text, at(chars, runStart).face, size);
      }
      runStart = index;
    }
  }
  return width;
}

/** Where a line may break: the start of each word (after spaces) and around each CJK character. */
function breakUnits(chars: readonly Character[]): { start: number; end: number; spacesFrom: number }[] {
  const units: { start: number; end: number; spacesFrom: number }[] = [];
  let start = 0;
  for (let index = 0; index < chars.length; index++) {
    const char = at(chars, index).text;
    const next = chars[index + 1]?.text;
    const atEnd =
      next === undefined ||
      (char === " " && next !== " ") ||
      (char !== " " && next !== " " && (wide.test(char) || wide.test(next)));
    if (!atEnd) continue;
    let spacesFrom = index + 1;
    while (spacesFrom > start && at(chars, spacesFrom - 1).text === " ") spacesFrom--;
    units.push({ start, end: index + 1, spacesFrom });
    start = index + 1;
  }
  return units;
}

/** Greedy line breaking; a word wider than the line is cut between characters. */
function wrapLines(chars: readonly Character[], options: LayoutOptions): { start: number; end: number }[] {
  const fits = (start: number, end: number) =>
    widthOf(chars, start, end, options.size, options.measure) <= options.width;
  const lines: { start: number; end: number }[] = [];
  let lineStart = 0;
  let lineEnd = 0; // Without the trailing spaces.
  for (const unit of breakUnits(chars)) {
    if (!fits(lineStart, unit.spacesFrom) && lineEnd > lineStart) {
      lines.push({ start: lineStart, end: lineEnd });
      lineStart = unit.start;
    }
    while (!fits(lineStart, unit.spacesFrom)) {
      let cut = lineStart + 1;
      while (cut < unit.spacesFrom && fits(lineStart, cut + 1)) cut++;
      lines.push({ start: lineStart, end: cut });
      lineStart = cut;
    }
    lineEnd = unit.spacesFrom;
  }
  lines.push({ start: lineStart, end: lineEnd });
  return lines;
}

/** One line's pieces in visual order (rule L2 of the bidi algorithm, by piece). */
function visualPieces(chars: readonly Character[], start: number, end: number, options: LayoutOptions): Piece[] {
  const runs: { chars: Character[]; level: number; face: string }[] = [];
  for (const char of chars.slice(start, end)) {
    const last = runs.at(-1);
    if (last && last.face === char.face && last.level === char.level) last.chars.push(char);
    else runs.push({ chars: [char], level: char.level, face: char.face });
  }
  const levels = runs.map((run) => run.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let index = 0; index < runs.length; index++) {
      if (at(runs, index).level < level) continue;
      let last = index;
      while (last + 1 < runs.length && at(runs, last + 1).level >= level) last++;
      runs.splice(index, last - index + 1, ...runs.slice(index, last + 1).reverse());
      index = last;
    }
  }
  let x = 0;
  return runs.map((run) => {
    const logical = run.chars.map((char) => char.text).join("");
    // The font engine reverses a piece with Arabic or Hebrew letters itself; a right-to-left
    // piece of only punctuation or spaces is reversed (and its brackets mirrored) here.
    const text =
      run.level % 2 === 1 && !rightToLeftScript.test(logical)
        ? Array.from(logical)
            .reverse()
            .map((char) => bidi.getMirroredCharacter(char) ?? char)
            .join("")
        : logical;
    const width = options.measure(text, run.face, options.size);
    const piece = { text, face: run.face, x, width };
    x += width;
    return piece;
  });
}

/** The text as lines no wider than `options.width`, each a list of positioned pieces. */
export function layoutText(text: string, options: LayoutOptions): Piece[][] {
  const lines: Piece[][] = [];
  for (const paragraph of text.normalize("NFC").replace(/\r\n?/g, "\n").split("\n")) {
    const chars = characters(paragraph.replace(/\p{Cc}/gu, " "), options.faces);
    for (const line of wrapLines(chars, options)) lines.push(visualPieces(chars, line.start, line.end, options));
  }
  return lines;
}
