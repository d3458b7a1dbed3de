// The benchmark's generated list and labelled pairs (see scripts/bench-screening.ts).
import { stringify } from "csv-stringify/sync";
import { benchEntries, type BenchEntry } from "./labelled";

export const TOTAL_ENTRIES = 10_000;

// ---------------------------------------------------------------------------------------
// Deterministic data
// ---------------------------------------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rng = mulberry32(20261201);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;

// Syllables from many onsets, vowels and codas, so the invented names have about as many
// distinct trigrams as real ones (a small syllable set would make every trigram common).
const onsets = "b c d f g h j k l m n p r s t v z br dr gr kr pr st tr bl kl pl sh ch kh zh ts ya yu".split(" ");
const vowels = "a e i o u y ai ei ou ia io".split(" ");
const codas = ["", "", "", "n", "r", "l", "s", "k", "v", "t", "m", "sk", "rd", "nt"];
const syllable = () => pick(onsets) + pick(vowels) + pick(codas);
const pseudo = (min: number, max: number) => {
  const count = min + Math.floor(rng() * (max - min + 1));
  let word = "";
  for (let i = 0; i < count; i++) word += syllable();
  return word;
};
const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const latinToCyrillic: Record<string, string> = {
  a: "а",
  b: "б",
  d: "д",
  e: "е",
  f: "ф",
  g: "г",
  i: "и",
  k: "к",
  l: "л",
  m: "м",
  n: "н",
  o: "о",
  p: "п",
  r: "р",
  s: "с",
  t: "т",
  v: "в",
  z: "з",
};
const cyrillic = (text: string) => text.replace(/[a-z]/gi, (c) => latinToCyrillic[c.toLowerCase()] ?? c);
const hanPool = "安宝北长成大东方丰光广国海华佳建金京康蓝力联龙明南平庆瑞山盛泰天通伟文西祥新信星兴耀永远中州".split(
  "",
);
const arabicWords = [
  "شركة",
  "مؤسسة",
  "الأمل",
  "الفجر",
  "النجم",
  "الرافدين",
  "الشرق",
  "للتجارة",
  "للصناعات",
  "الدولية",
  "العامة",
  "سالم",
  "كريم",
  "حسين",
  "جمال",
  "ناصر",
];
const generic = [
  "Trading",
  "Industries",
  "Technologies",
  "Holdings",
  "Engineering",
  "Logistics",
  "Research Institute",
  "Systems",
  "Group",
  "Shipping",
];
const legalForms = ["LLC", "Ltd", "JSC", "Co., Ltd.", "Limited", "GmbH", "FZE", "PJSC", ""];
const countries = [
  "Russia",
  "China",
  "Iran",
  "Syria",
  "Belarus",
  "North Korea",
  "Myanmar",
  "United Arab Emirates",
  "Turkey",
  "Venezuela",
];

// ---------------------------------------------------------------------------------------
// The list file
// ---------------------------------------------------------------------------------------

const header =
  "Last Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Name type,Alias strength,Title,Name non-latin script,Non-latin script type,Non-latin script language,Regime Name,Designation Type,Designation source,Sanctions Imposed,Other Information,UK Statement of Reasons,Address Line 1,Address Line 2,Address Line 3,Address Line 4,Address Line 5,Address Line 6,Address Postal Code,Address Country,Phone number,Website,Email address,Date Designated,D.O.B,Nationality(/ies),National Identifier number,National Identifier additional information,Passport number,Passport additional information,Position,Gender,Town of birth,Country of birth,Type of entity,Subsidiaries,Parent company,Business registration number (s),IMO number,Current owner/operator (s),Previous owner/operator (s),Current believed flag of ship,Previous flags,Type of ship,Tonnage of ship,Length of ship,Year Built,Hull identification number (HIN)".split(
    ",",
  );

type Row = Record<string, string>;

function designationRows(
  id: string,
  type: "Individual" | "Entity" | "Ship",
  country: string,
  names: { latin?: string; nonLatin?: string; language?: string; nameType?: string; strength?: string }[],
): Row[] {
  const common: Row = {
    "Last Updated": "01/12/2026",
    "Unique ID": id,
    "Regime Name": "Invented regime for the benchmark",
    "Designation Type": type,
    "Designation source": "UK",
    "Sanctions Imposed": "Asset freeze",
    "UK Statement of Reasons": "Invented, for the benchmark.",
    "Date Designated": "01/01/2025",
    ...(type === "Individual" ? { "Nationality(/ies)": country } : { "Address Country": country }),
  };
  return names.map((name) => ({
    ...common,
    "Name 6": name.latin ?? "",
    "Name type": name.nameType ?? "Primary name",
    "Alias strength": name.strength ?? "",
    "Name non-latin script": name.nonLatin ?? "",
    "Non-latin script language": name.language ?? "",
  }));
}

export function buildList(): { csv: string; backgroundNames: { name: string; type: "person" | "organisation" }[] } {
  const rows: Row[] = [];
  for (const entry of benchEntries) {
    rows.push(
      ...designationRows(
        entry.id,
        entry.type === "person" ? "Individual" : "Entity",
        entry.country,
        entry.names.map((name) => {
          const latin = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u.test(name.name);
          return {
            latin: latin ? name.name : undefined,
            nonLatin: latin ? undefined : name.name,
            language: name.language,
            nameType:
              name.nameType === "alias"
                ? "Alias"
                : name.nameType === "variation"
                  ? "Primary name variation"
                  : "Primary name",
            strength:
              name.aliasStrength === "low"
                ? "Low quality a.k.a"
                : name.aliasStrength === "good"
                  ? "Good quality a.k.a"
                  : "",
          };
        }),
      ),
    );
  }
  const backgroundNames: { name: string; type: "person" | "organisation" }[] = [];
  const remaining = TOTAL_ENTRIES - benchEntries.length;
  const ships = 500;
  const organisations = 2_900;
  for (let i = 0; i < remaining; i++) {
    const id = `BGR${String(i).padStart(5, "0")}`;
    const country = pick(countries);
    if (i < ships) {
      rows.push(...designationRows(id, "Ship", country, [{ latin: `${pseudo(2, 3)} ${pseudo(1, 2)}`.toUpperCase() }]));
    } else if (i < ships + organisations) {
      const name =
        `${capital(pseudo(2, 3))} ${rng() < 0.5 ? `${capital(pseudo(2, 3))} ` : ""}${pick(generic)} ${pick(legalForms)}`.trim();
      const names: { latin?: string; nonLatin?: string; language?: string; nameType?: string; strength?: string }[] = [
        { latin: name.toUpperCase() },
      ];
      const roll = rng();
      if (roll < 0.1)
        names.push({
          nonLatin: Array.from({ length: 4 + Math.floor(rng() * 4) }, () => pick(hanPool)).join("") + "有限公司",
          language: "Chinese",
        });
      else if (roll < 0.2)
        names.push({ nonLatin: `${pick(arabicWords)} ${pick(arabicWords)} ${pick(arabicWords)}`, language: "Arabic" });
      else if (roll < 0.35)
        names.push({ nonLatin: `ООО «${cyrillic(name.split(" ")[0] ?? "")}»`, language: "Russian" });
      if (rng() < 0.3)
        names.push({
          latin: `${capital(pseudo(2, 3))} ${pick(generic)}`.toUpperCase(),
          nameType: "Alias",
          strength: rng() < 0.3 ? "Low quality a.k.a" : "Good quality a.k.a",
        });
      rows.push(...designationRows(id, "Entity", country, names));
      backgroundNames.push({ name, type: "organisation" });
    } else {
      const given = capital(pseudo(2, 3));
      const family = capital(pseudo(2, 4));
      const names: { latin?: string; nonLatin?: string; language?: string; nameType?: string; strength?: string }[] = [
        { latin: `${given} ${family.toUpperCase()}` },
      ];
      if (rng() < 0.3) names.push({ nonLatin: `${cyrillic(family)} ${cyrillic(given)}`, language: "Russian" });
      if (rng() < 0.2)
        names.push({
          latin: `${capital(pseudo(2, 3))} ${family.toUpperCase()}`,
          nameType: "Alias",
          strength: "Good quality a.k.a",
        });
      rows.push(...designationRows(id, "Individual", country, names));
      backgroundNames.push({ name: `${given} ${family}`, type: "person" });
    }
  }
  const body = stringify(rows.map((row) => header.map((column) => row[column] ?? "")));
  return { csv: `Report Date: 01-Dec-2026\n${stringify([header])}${body}`, backgroundNames };
}

// ---------------------------------------------------------------------------------------
// Labelled pairs
// ---------------------------------------------------------------------------------------

export interface Pair {
  query: string;
  type: "person" | "organisation";
  entryId: string;
  match: boolean;
  kind: string;
}

const legalFormWords = new Set([
  "llc",
  "ltd",
  "ltd.",
  "limited",
  "jsc",
  "pjsc",
  "co",
  "co.",
  "co.,",
  "company",
  "fze",
  "corporation",
  "corp.",
]);

export function typo(name: string): string | undefined {
  const words = name.split(" ");
  const candidates = words
    .map((word, index) => ({ word, index }))
    .filter(({ word }) => /^[A-Za-z]{6,}$/.test(word) && !legalFormWords.has(word.toLowerCase()));
  if (candidates.length === 0) return undefined;
  const { word, index } = pick(candidates);
  const at = 1 + Math.floor(rng() * (word.length - 2));
  const letters = "abcdefghiklmnoprstuvy".split(/(?=.)/u);
  const ops = [
    () => word.slice(0, at) + pick(letters) + word.slice(at + 1),
    () => word.slice(0, at) + word.slice(at + 1),
    () => word.slice(0, at) + word.charAt(at + 1) + word.charAt(at) + word.slice(at + 2),
    () => word.slice(0, at) + pick(letters) + word.slice(at),
  ];
  const changed = pick(ops)();
  if (changed.toLowerCase() === word.toLowerCase()) return undefined;
  return words.map((item, i) => (i === index ? changed : item)).join(" ");
}

export function pairsFor(entry: BenchEntry): Pair[] {
  const pairs: Pair[] = [];
  const add = (query: string, match: boolean, kind: string) =>
    pairs.push({ query, type: entry.type, entryId: entry.id, match, kind });
  for (const [query, kind] of entry.positives) add(query, true, kind);
  for (const [query, kind] of entry.negatives) add(query, false, kind);
  const primary = entry.names[0]?.name ?? "";
  const latin = /^[\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]+$/u.test(primary);
  if (!latin) return pairs;
  const title = primary
    .split(" ")
    .map((word) => (word === word.toUpperCase() ? capital(word.toLowerCase()) : word))
    .join(" ");
  const typos = new Set<string>();
  for (let attempt = 0; attempt < 10 && typos.size < 3; attempt++) {
    const query = typo(title);
    if (query) typos.add(query);
  }
  for (const query of typos) add(query, true, "typo");
  const words = title.split(" ");
  if (entry.type === "person") {
    add([words.at(-1), ...words.slice(0, -1)].join(" "), true, "word order");
  } else {
    const core = words.filter((word) => !legalFormWords.has(word.toLowerCase()) && word !== "PJSC");
    if (core.length >= 2) add([core[1], core[0], ...core.slice(2)].join(" "), true, "word order");
    add(`${core.join(" ")} ${pick(["LLC", "Ltd", "Co., Ltd.", "JSC", "Limited", "Inc."])}`, true, "legal form");
  }
  return pairs;
}
