// The fonts the signed-record PDF embeds (subset to the characters used), from npm's
// Noto packages: Noto Sans for Latin, Cyrillic and Greek; Noto Sans Arabic and Hebrew;
// Noto Sans SC for Chinese and Japanese kana; Noto Sans KR for Hangul. A document reads
// only the files of the faces its text needs (the CJK ones are 6-10 MB each); what each
// face covers is read once from its character map and kept.
import { createRequire } from "node:module";
import * as fontkit from "fontkit";
import type { Face } from "./textLayout";

const resolve = createRequire(import.meta.url).resolve;

const files = {
  latin: [
    "@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf",
    "@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf",
  ],
  arabic: [
    "@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf",
    "@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf",
  ],
  hebrew: [
    "@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf",
    "@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf",
  ],
  chinese: [
    "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
    "@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf",
  ],
  korean: [
    "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf",
    "@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf",
  ],
} as const;

export type FaceName = keyof typeof files;
/** In order of preference: a character is drawn in the first face that has it. */
export const faceNames = Object.keys(files) as FaceName[];

/** The font file of a face, regular or bold. */
export function fontFile(face: FaceName, bold: boolean): string {
  return resolve(files[face][bold ? 1 : 0]);
}

/** The pdfkit font name of a face, regular or bold. */
export function fontName(face: string, bold: boolean): string {
  return `${face}${bold ? "-bold" : ""}`;
}

const coverage = new Map<FaceName, Set<number>>();

function covered(face: FaceName): Set<number> {
  let set = coverage.get(face);
  if (!set) {
    const font = fontkit.openSync(fontFile(face, false));
    set = new Set("characterSet" in font ? font.characterSet : []);
    coverage.set(face, set);
  }
  return set;
}

/** The faces for text layout; a face's character map is read the first time it is asked. */
export const faces: readonly Face[] = faceNames.map((id) => ({ id, covers: (code) => covered(id).has(code) }));
