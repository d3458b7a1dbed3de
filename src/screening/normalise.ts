// Names into comparable forms. Pure: the importer stores these forms beside each listed
// name and the scorer computes the same forms for the name being screened.
//
// Latin, Cyrillic, Greek, Armenian, Georgian and Hangul are romanised (any-ascii) and
// compared in Latin letters. Chinese and Japanese (Han, kana) and Arabic-script names are
// compared only in their own script: romanised Han is ambiguous ("HaErBinGongYeDaXue" says
// nothing about "Harbin Institute of Technology"), so a Latin query never matches them and
// they never match a Latin name. Other scripts are likewise kept as they are.
import anyAscii from "any-ascii";

export type Script =
  "latin" | "cyrillic" | "greek" | "armenian" | "georgian" | "hangul" | "han" | "kana" | "arabic" | "hebrew" | "other";

/** Names are only ever compared within one group. */
export type ScriptGroup = "latin" | "cjk" | "arabic" | "hebrew" | "other";

const scriptPatterns: readonly (readonly [Script, RegExp])[] = [
  ["han", /\p{Script=Han}/u],
  ["kana", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["arabic", /\p{Script=Arabic}/u],
  ["hebrew", /\p{Script=Hebrew}/u],
  ["hangul", /\p{Script=Hangul}/u],
  ["cyrillic", /\p{Script=Cyrillic}/u],
  ["greek", /\p{Script=Greek}/u],
  ["armenian", /\p{Script=Armenian}/u],
  ["georgian", /\p{Script=Georgian}/u],
];

const romanised = new Set<Script>(["latin", "cyrillic", "greek", "armenian", "georgian", "hangul"]);

/** A letter of a script we neither romanise nor compare in its own script group. */
const otherLetter = /(?![\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}])\p{L}/u;

/**
 * The script a name is written in. Scripts compared in their own form win over the
 * romanised ones (a Chinese name with a Latin company suffix is still a Chinese name).
 */
export function detectScript(text: string): Script {
  for (const [script, pattern] of scriptPatterns) if (pattern.test(text)) return script;
  if (otherLetter.test(text)) return "other";
  return "latin";
}

export function scriptGroup(script: Script): ScriptGroup {
  if (romanised.has(script)) return "latin";
  if (script === "han" || script === "kana") return "cjk";
  if (script === "arabic" || script === "hebrew") return script;
  return "other";
}

// ---------------------------------------------------------------------------------------
// Word classes (Latin group, after romanisation)
// ---------------------------------------------------------------------------------------

/**
 * Legal forms, written out, to the abbreviation they stand for. Longest first, so
 * "public joint stock company" is not read as "public" + "jsc".
 */
const legalFormPhrases: readonly (readonly [string, string])[] = (
  [
    ["obshchestvo s ogranichennoy otvetstvennostyu", "ooo"],
    ["obshchestvo s ogranichennoi otvetstvennostiu", "ooo"],
    ["tovarystvo z obmezhenoyu vidpovidalnistyu", "tov"],
    ["federalnoe gosudarstvennoe unitarnoe predpriyatie", "fgup"],
    ["gosudarstvennoe unitarnoe predpriyatie", "gup"],
    ["publichnoe aktsionernoe obshchestvo", "pao"],
    ["otkrytoe aktsionernoe obshchestvo", "oao"],
    ["zakrytoe aktsionernoe obshchestvo", "zao"],
    ["aktsionernoe obshchestvo", "ao"],
    ["gesellschaft mit beschrankter haftung", "gmbh"],
    ["limited liability company", "llc"],
    ["limited liability partnership", "llp"],
    ["public joint stock company", "pjsc"],
    ["open joint stock company", "ojsc"],
    ["closed joint stock company", "cjsc"],
    ["joint stock company", "jsc"],
    ["joint stock", "jsc"],
    ["public limited company", "plc"],
    ["private limited company", "ltd"],
    ["societe anonyme", "sa"],
    ["sociedad anonima", "sa"],
    ["societa per azioni", "spa"],
    ["sp z o o", "spzoo"],
  ] as const
).toSorted((a, b) => b[0].length - a[0].length);

/** Abbreviations and single words that only say what legal kind of body it is. */
const legalForms = new Set([
  "llc",
  "llp",
  "lp",
  "ltd",
  "limited",
  "co",
  "company",
  "inc",
  "incorporated",
  "corp",
  "corporation",
  "plc",
  "gmbh",
  "ag",
  "kg",
  "sa",
  "sas",
  "sarl",
  "srl",
  "spa",
  "bv",
  "nv",
  "oy",
  "ab",
  "kk",
  "pte",
  "pty",
  "pvt",
  "jsc",
  "ojsc",
  "cjsc",
  "pjsc",
  "ooo",
  "oao",
  "zao",
  "pao",
  "ao",
  "tov",
  "fgup",
  "gup",
  "lda",
  "ltda",
  "kft",
  "spzoo",
  "fze",
  "fzco",
  "fzc",
  "est",
]);

/** Function words: they carry little, so they weigh little. */
const stopWords = new Set([
  "of",
  "the",
  "and",
  "for",
  "in",
  "at",
  "on",
  "de",
  "la",
  "le",
  "les",
  "du",
  "des",
  "del",
  "della",
  "di",
  "da",
  "do",
  "dos",
  "das",
  "y",
  "e",
  "et",
  "und",
  "al",
  "el",
  "imeni",
  "im",
]);

/**
 * Words that say what kind of body it is: an organisation must share at least one word
 * outside this list (and the two lists above) with a listed name to match it, so
 * "Institute of Technology" never matches on "institute" and "technology" alone.
 */
const genericWords = new Set([
  "university",
  "universitet",
  "universidad",
  "universite",
  "universitat",
  "universita",
  "institute",
  "institut",
  "instituto",
  "college",
  "academy",
  "akademiya",
  "academia",
  "school",
  "technology",
  "technologies",
  "technological",
  "technical",
  "tekhnologiy",
  "polytechnic",
  "polytechnical",
  "politekhnicheskiy",
  "science",
  "sciences",
  "scientific",
  "nauchno",
  "nauchnyy",
  "research",
  "issledovatelskiy",
  "engineering",
  "national",
  "natsionalnyy",
  "state",
  "gosudarstvennyy",
  "federal",
  "central",
  "international",
  "group",
  "holding",
  "holdings",
  "industries",
  "industrial",
  "industry",
  "trading",
  "trade",
  "services",
  "service",
  "enterprise",
  "enterprises",
  "development",
  "center",
  "centre",
  "tsentr",
  "laboratory",
  "laboratories",
  "bank",
  "systems",
  "solutions",
  "import",
  "export",
  "general",
  "global",
  "united",
  "energy",
  "investment",
  "investments",
  "management",
  "resources",
  "logistics",
  "shipping",
  "electronics",
  "machinery",
  "manufacturing",
  "design",
  "bureau",
  "office",
  "ministry",
  "department",
  "agency",
  "committee",
  "council",
  "organisation",
  "organization",
  "association",
  "foundation",
  "fund",
  "union",
  "society",
  "network",
  "military",
  "defence",
  "defense",
  "aerospace",
  "aviation",
  "medical",
  "hospital",
  "studies",
  "education",
  "plant",
  "factory",
  "machine",
  "machinery",
  "building",
  "construction",
  "instruments",
  "instrument",
  "equipment",
  "products",
  "materials",
  "chemical",
  "chemicals",
  "electric",
  "electrical",
  "electronic",
  "power",
  "oil",
  "gas",
  "petroleum",
  "mining",
  "steel",
  "motor",
  "motors",
  "automotive",
  "pharmaceutical",
  "pharmaceuticals",
  "communications",
  "telecommunications",
  "software",
  "computer",
  "maritime",
  "marine",
  "transport",
  "travel",
  "health",
  "company",
  "house",
  "partners",
  "consulting",
  "zavod",
  "works",
  "branch",
]);

/**
 * The kinds of institution: two names that each say one, and not the same one, name
 * different bodies however alike the rest ("Beijing Institute of Technology" and
 * "Beijing University of Technology" are two universities).
 */
const institutionKinds: ReadonlyMap<string, string> = new Map([
  ...["university", "universitet", "universidad", "universite", "universitat", "universita"].map(
    (word) => [word, "university"] as const,
  ),
  ...["institute", "institut", "instituto"].map((word) => [word, "institute"] as const),
  ...["academy", "akademiya", "academia"].map((word) => [word, "academy"] as const),
  ["college", "college"],
  ["school", "school"],
  ["polytechnic", "polytechnic"],
  ["hospital", "hospital"],
  ["laboratory", "laboratory"],
  ["laboratories", "laboratory"],
  ["bank", "bank"],
  ["ministry", "ministry"],
  ["agency", "agency"],
  ["plant", "plant"],
  ["factory", "plant"],
  ["zavod", "plant"],
]);

/** Compass words: "Eastern" and "Western" State Institute are two institutes. */
const directions: ReadonlyMap<string, string> = new Map([
  ...["north", "northern", "severnyy", "severo"].map((word) => [word, "north"] as const),
  ...["south", "southern", "yuzhnyy", "yugo"].map((word) => [word, "south"] as const),
  ...["east", "eastern", "vostochnyy", "vostochnyi"].map((word) => [word, "east"] as const),
  ...["west", "western", "zapadnyy", "zapadnyi"].map((word) => [word, "west"] as const),
  ...["northeast", "northeastern"].map((word) => [word, "northeast"] as const),
  ...["northwest", "northwestern"].map((word) => [word, "northwest"] as const),
  ...["southeast", "southeastern"].map((word) => [word, "southeast"] as const),
  ...["southwest", "southwestern"].map((word) => [word, "southwest"] as const),
]);

export function direction(token: string): string | undefined {
  return directions.get(token);
}

export type TokenClass = "word" | "stop" | "legalForm" | "number";

export function tokenClass(token: string): TokenClass {
  if (/^\d+$/.test(token)) return "number";
  if (legalForms.has(token)) return "legalForm";
  if (stopWords.has(token)) return "stop";
  return "word";
}

/** A word that can tell one organisation from another. */
export function isDistinctive(token: string): boolean {
  return tokenClass(token) === "word" && !genericWords.has(token);
}

export function institutionKind(token: string): string | undefined {
  return institutionKinds.get(token);
}

// ---------------------------------------------------------------------------------------
// Normalising
// ---------------------------------------------------------------------------------------

// Greek vowel pairs read as one sound: "ου" is "ou", "αυ" and "ευ" are "av" and "ev" in
// the romanisations people use (ELOT 743); any-ascii takes them letter by letter
// ("Papadopoylos", "Naytiliaki").
const greekDigraphs = /([οΟαΑεΕ])([υΥύΎ])/gu;
const greekDigraphLatin: Readonly<Record<string, string>> = { ο: "ou", α: "av", ε: "ev" };

function romanise(text: string): string {
  return anyAscii(
    text.replace(greekDigraphs, (_, vowel: string) => {
      const latin = greekDigraphLatin[vowel.toLowerCase()] ?? vowel;
      return vowel === vowel.toUpperCase() ? latin.toUpperCase() : latin;
    }),
  );
}

function latinForm(text: string): string {
  let s = romanise(text.normalize("NFKC")).toLowerCase();
  s = s.replace(/&/g, " and ");
  // Apostrophes join (O'Brien, Cyrillic soft signs romanised as ').
  s = s.replace(/['`’ʼ]/g, "");
  // Dotted initialisms become words: "l.l.c." -> "llc", "j.s.c" -> "jsc".
  s = s.replace(/\b(?:[a-z0-9]\.){2,}(?:[a-z0-9]\b)?/g, (match) => match.replace(/\./g, ""));
  s = s.replace(/[^a-z0-9]+/g, " ").trim();
  return collapseLegalForms(s);
}

function collapseLegalForms(text: string): string {
  let s = ` ${text} `;
  for (const [phrase, abbreviation] of legalFormPhrases) s = s.replaceAll(` ${phrase} `, ` ${abbreviation} `);
  return s.trim().replace(/\s+/g, " ");
}

// Arabic: vowel marks and tatweel dropped; the letters written several ways made one
// (alef with hamza or madda, teh marbuta, alef maksura, Persian yeh and kaf).
function arabicForm(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g, "")
    .replace(/[أإآٱ]/g, "ا")
    .replace(/ة/g, "ه")
    .replace(/[ىی]/g, "ي")
    .replace(/ک/g, "ك")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Chinese and Japanese legal forms, longest first. */
const cjkLegalForms = [
  "股份有限公司",
  "有限责任公司",
  "有限責任公司",
  "集团有限公司",
  "集團有限公司",
  "有限公司",
  "株式会社",
  "有限会社",
  "合同会社",
  "集团公司",
  "集團公司",
  "公司",
];

function cjkForm(text: string): string {
  // Words in Chinese and Japanese are not separated by spaces; neither are they here.
  return text.normalize("NFKC").replace(/[^\p{L}\p{N}]+/gu, "");
}

function cjkKey(normalised: string): string {
  let key = normalised;
  for (const form of cjkLegalForms) {
    if (key.length > form.length && key.endsWith(form)) {
      key = key.slice(0, -form.length);
      break;
    }
  }
  for (const form of ["株式会社", "有限会社"]) {
    if (key.length > form.length && key.startsWith(form)) key = key.slice(form.length);
  }
  return key;
}

export interface NormalisedName {
  script: Script;
  group: ScriptGroup;
  /** The comparable form: romanised, lower case, legal forms abbreviated (Latin group). */
  normalised: string;
  /** Tokens of `normalised` (CJK: one token, the whole name). */
  tokens: string[];
  /**
   * What the trigram index searches: the distinctive words (no legal forms, stop words or
   * general words like "research institute", which would bring every institute back as a
   * candidate); all the words when there are no distinctive ones.
   */
  key: string;
}

export function normaliseName(text: string): NormalisedName {
  const script = detectScript(text);
  const group = scriptGroup(script);
  if (group === "cjk") {
    const normalised = cjkForm(text);
    return { script, group, normalised, tokens: normalised ? [normalised] : [], key: cjkKey(normalised) };
  }
  const normalised =
    group === "latin"
      ? latinForm(text)
      : group === "arabic"
        ? arabicForm(text)
        : text
            .normalize("NFKC")
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, " ")
            .trim();
  const tokens = normalised ? normalised.split(" ") : [];
  const distinctive = tokens.filter(isDistinctive);
  const significant = tokens.filter((token) => tokenClass(token) !== "legalForm" && tokenClass(token) !== "stop");
  const keyTokens = distinctive.length > 0 ? distinctive : significant;
  return { script, group, normalised, tokens, key: keyTokens.length > 0 ? keyTokens.join(" ") : normalised };
}

/**
 * A rough phonetic key for Latin tokens, so transliterations of one name agree:
 * Khodorkovsky / Hodorkovskiy, Mohammed / Muhammad, Yuriy / Iouri. Consonant digraphs are
 * folded, vowels after the first letter dropped, doubled letters collapsed.
 */
export function phoneticKey(token: string): string {
  const folded = token
    .replace(/dzh/g, "j")
    .replace(/kh/g, "h")
    .replace(/zh/g, "j")
    .replace(/tch/g, "c")
    .replace(/ch/g, "c")
    .replace(/sch/g, "s")
    .replace(/sh/g, "s")
    .replace(/ph/g, "f")
    .replace(/th/g, "t")
    .replace(/ck/g, "k")
    .replace(/ts/g, "c")
    .replace(/tz/g, "c")
    .replace(/cz/g, "c")
    .replace(/q/g, "k")
    .replace(/w/g, "v")
    .replace(/x/g, "ks")
    .replace(/[yj]/g, "i");
  const first = folded.charAt(0);
  const rest = folded.slice(1).replace(/[aeiou]/g, "");
  return (first + rest).replace(/(.)\1+/g, "$1");
}
