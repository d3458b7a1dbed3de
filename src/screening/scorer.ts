// How alike a screened name and a listed name are, and why. Pure and synchronous: the
// database finds candidates, this decides, and every score comes with the features that
// made it so an officer can check the reasoning.
//
// The main feature is a token alignment (after normaliseName): each word of the screened
// name is paired with its most alike word of the listed name, exact or fuzzy (edit
// distance, or a phonetic key for transliteration variants). Unpaired words of the
// screened name count fully against it, unpaired listed words less (lists add patronymics
// and legal forms); legal forms and stop words weigh little. Then qualifiers: a country
// that differs, institutions of different kinds, numbers that differ, each lower the score.
import { distance } from "fastest-levenshtein";
import {
  direction,
  institutionKind,
  isDistinctive,
  normaliseName,
  phoneticKey,
  tokenClass,
  type NormalisedName,
  type Script,
  type ScriptGroup,
} from "./normalise";

export type EntityType = "person" | "organisation" | "ship" | "other";
export type NameType = "primary" | "variation" | "alias";
export type AliasStrength = "good" | "low";

export interface ScreeningQuery {
  name: string;
  /** ISO 3166 alpha-2. */
  country?: string;
  type?: "person" | "organisation";
}

export interface PreparedQuery extends ScreeningQuery {
  form: NormalisedName;
}

export function prepareQuery(query: ScreeningQuery): PreparedQuery {
  return { ...query, form: normaliseName(query.name) };
}

/** A listed name as the scorer needs it (stored forms from the importer). */
export interface ListedName {
  name: string;
  nameType: NameType;
  aliasStrength: AliasStrength | null;
  script: Script;
  scriptGroup: ScriptGroup;
  normalised: string;
  matchKey: string;
}

export interface ListedEntry {
  type: EntityType;
  countries: readonly string[];
}

export type FeatureName =
  | "name"
  | "originalScript"
  | "weakAlias"
  | "distinctiveWord"
  | "country"
  | "institutionKind"
  | "numbers"
  | "direction"
  | "differentWords";

export interface Feature {
  feature: FeatureName;
  /** What the feature adds to the score (the main feature: the score it gives). */
  score: number;
  detail: string;
}

export interface TokenPair {
  query: string;
  listed: string;
  similarity: number;
  how: "exact" | "spelling" | "phonetic" | "abbreviation" | "initial";
}

export interface NameScore {
  score: number;
  features: Feature[];
  alignment: TokenPair[];
}

export const weights = {
  word: 1,
  number: 1,
  stop: 0.3,
  legalForm: 0.2,
  /** Words of the listed name left unpaired count this much of their weight against it. */
  listedShare: 0.4,
  weakAliasExact: 0.8,
  countryMismatch: -0.2,
  kindMismatch: -0.2,
  differentWords: -0.2,
  numberMismatch: -0.3,
  directionMismatch: -0.3,
  phonetic: 0.85,
  abbreviation: 0.75,
  initial: 0.6,
} as const;

const round = (value: number) => Math.round(value * 1000) / 1000;

function tokenWeight(token: string): number {
  return weights[tokenClass(token)];
}

/** Edits allowed between two words of this length before they stop being one word misspelt. */
function allowedEdits(length: number): number {
  if (length <= 3) return 0;
  if (length <= 7) return 1;
  if (length <= 12) return 2;
  return 3;
}

/** Edit distance, counting two neighbouring letters swapped ("Minhgui") as one edit. */
function editDistance(a: string, b: string): number {
  const plain = distance(a, b);
  if (plain === 2 && a.length === b.length) {
    const differ: number[] = [];
    for (let i = 0; i < a.length && differ.length <= 2; i++) if (a[i] !== b[i]) differ.push(i);
    const [first, second] = differ;
    if (
      differ.length === 2 &&
      first !== undefined &&
      second === first + 1 &&
      a[first] === b[second] &&
      a[second] === b[first]
    ) {
      return 1;
    }
  }
  return plain;
}

/** Arabic names often carry the article joined on ("Alnoor", "Aldarwishi"). */
const joinedArticle = /^(?:al|el)(?=[a-z]{3,})/;

function compareTokens(
  query: string,
  listed: string,
  options: { latin: boolean; organisation: boolean; person: boolean },
): Omit<TokenPair, "query" | "listed"> | undefined {
  if (query === listed) return { similarity: 1, how: "exact" };
  const queryClass = tokenClass(query);
  const listedClass = tokenClass(listed);
  // Numbers and legal forms pair only with their own kind.
  if (queryClass === "number" || listedClass === "number") return undefined;
  if (queryClass === "legalForm" && listedClass === "legalForm") return { similarity: 0.5, how: "spelling" };
  if (queryClass === "legalForm" || listedClass === "legalForm") return undefined;
  const longest = Math.max(query.length, listed.length);
  const edits = editDistance(query, listed);
  let best: Omit<TokenPair, "query" | "listed"> | undefined;
  if (edits <= allowedEdits(Math.min(query.length, listed.length))) {
    best = { similarity: 1 - edits / longest, how: "spelling" };
  }
  if (options.latin && Math.min(query.length, listed.length) >= 4) {
    const key = phoneticKey(query);
    if (key.length >= 3 && key === phoneticKey(listed) && (best?.similarity ?? 0) < weights.phonetic) {
      best = { similarity: weights.phonetic, how: "phonetic" };
    }
  }
  if (!best && options.latin && (joinedArticle.test(query) || joinedArticle.test(listed))) {
    const bare = compareTokens(query.replace(joinedArticle, ""), listed.replace(joinedArticle, ""), options);
    if (bare && bare.similarity >= 0.8) best = { similarity: bare.similarity * 0.95, how: bare.how };
  }
  if (!best && options.organisation && Math.min(query.length, listed.length) >= 4) {
    if (listed.startsWith(query) || query.startsWith(listed))
      return { similarity: weights.abbreviation, how: "abbreviation" };
  }
  if (!best && options.person && (query.length === 1 || listed.length === 1) && query[0] === listed[0]) {
    return { similarity: weights.initial, how: "initial" };
  }
  return best;
}

/** Pairs words most-alike first; each word is used once. */
function align(
  queryTokens: readonly string[],
  listedTokens: readonly string[],
  options: { latin: boolean; organisation: boolean; person: boolean },
): { pairs: (TokenPair & { q: number; l: number })[] } {
  const candidates: (TokenPair & { q: number; l: number })[] = [];
  queryTokens.forEach((query, q) =>
    listedTokens.forEach((listed, l) => {
      const compared = compareTokens(query, listed, options);
      if (compared) candidates.push({ query, listed, q, l, ...compared });
    }),
  );
  candidates.sort((a, b) => b.similarity - a.similarity || Math.abs(a.q - a.l) - Math.abs(b.q - b.l));
  const usedQuery = new Set<number>();
  const usedListed = new Set<number>();
  const pairs: (TokenPair & { q: number; l: number })[] = [];
  for (const candidate of candidates) {
    if (usedQuery.has(candidate.q) || usedListed.has(candidate.l)) continue;
    usedQuery.add(candidate.q);
    usedListed.add(candidate.l);
    pairs.push(candidate);
  }
  return { pairs };
}

function tokenAlignment(
  queryTokens: readonly string[],
  listedTokens: readonly string[],
  options: { latin: boolean; organisation: boolean; person: boolean },
): { score: number; pairs: TokenPair[] } {
  if (queryTokens.length === 0 || listedTokens.length === 0) return { score: 0, pairs: [] };
  const { pairs } = align(queryTokens, listedTokens, options);
  const queryWeight = queryTokens.reduce((sum, token) => sum + tokenWeight(token), 0);
  const listedWeight = listedTokens.reduce((sum, token) => sum + tokenWeight(token), 0);
  const matched = pairs.reduce(
    (sum, pair) => sum + pair.similarity * (tokenWeight(pair.query) + weights.listedShare * tokenWeight(pair.listed)),
    0,
  );
  const score = matched / (queryWeight + weights.listedShare * listedWeight);
  // The same letters spaced differently ("Rosoboron Export", "ROSOBORONEKSPORT").
  const significant = (tokens: readonly string[]) =>
    tokens.filter((token) => tokenClass(token) === "word" || tokenClass(token) === "number");
  const queryWords = significant(queryTokens);
  const listedWords = significant(listedTokens);
  if (queryWords.length !== listedWords.length && queryWords.length > 0 && listedWords.length > 0) {
    const joined = compareTokens(queryWords.join(""), listedWords.join(""), {
      ...options,
      organisation: false,
      person: false,
    });
    if (joined && joined.similarity > score) {
      return {
        score: joined.similarity,
        pairs: [
          {
            query: queryWords.join(" "),
            listed: listedWords.join(" "),
            ...joined,
            similarity: round(joined.similarity),
          },
        ],
      };
    }
  }
  return {
    score,
    pairs: pairs.map(({ query, listed, similarity, how }) => ({ query, listed, similarity: round(similarity), how })),
  };
}

/** Character bigrams in common (Dice), for names written without spaces. */
function bigramSimilarity(a: string, b: string): number {
  const grams = (text: string) => {
    const list: string[] = [];
    for (let i = 0; i < text.length - 1; i++) list.push(text.slice(i, i + 2));
    return list.length > 0 ? list : [text];
  };
  const left = grams(a);
  const right = new Map<string, number>();
  for (const gram of grams(b)) right.set(gram, (right.get(gram) ?? 0) + 1);
  let shared = 0;
  for (const gram of left) {
    const count = right.get(gram) ?? 0;
    if (count > 0) {
      shared++;
      right.set(gram, count - 1);
    }
  }
  return (2 * shared) / (left.length + grams(b).length);
}

/**
 * Chinese and Japanese names, in their own script: equal (legal forms aside) is a match;
 * one inside the other is shown but not flagged (中国科学院 is not 中国科学院大学); any
 * other likeness at most shown. A character is a word here, so one character different
 * (哈尔滨工业大学, 哈尔滨工程大学) is another body.
 */
function cjkScore(query: NormalisedName, listed: ListedName): Feature {
  if (query.key === listed.matchKey || query.normalised === listed.normalised) {
    return { feature: "originalScript", score: 1, detail: `Same characters: ${listed.normalised}` };
  }
  const shorter = query.key.length <= listed.matchKey.length ? query.key : listed.matchKey;
  const longer = shorter === query.key ? listed.matchKey : query.key;
  if (shorter.length >= 2 && longer.includes(shorter)) {
    return { feature: "originalScript", score: 0.65, detail: `One name contains the other: ${shorter} in ${longer}` };
  }
  const similarity = bigramSimilarity(query.key, listed.matchKey);
  return {
    feature: "originalScript",
    score: round(0.6 * similarity),
    detail: `Characters in common (${Math.round(similarity * 100)}%), but not the same name`,
  };
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  const significant = (tokens: readonly string[]) =>
    tokens.filter((token) => tokenClass(token) === "word" || tokenClass(token) === "number").toSorted();
  const left = significant(a);
  const right = significant(b);
  return left.length > 0 && left.length === right.length && left.every((token, index) => token === right[index]);
}

const organisationTypes = new Set<EntityType>(["organisation", "ship"]);

/** The score of one listed name against the screened name, with its explanation. */
export function scoreName(query: PreparedQuery, listed: ListedName, entry: ListedEntry): NameScore {
  const { form } = query;
  if (form.group !== listed.scriptGroup || form.tokens.length === 0) {
    return { score: 0, features: [], alignment: [] };
  }
  const listedTokens = listed.normalised ? listed.normalised.split(" ") : [];
  const organisation = query.type === "organisation" || organisationTypes.has(entry.type);
  const person = query.type === "person" || entry.type === "person";
  const features: Feature[] = [];
  let alignment: TokenPair[] = [];
  let main: Feature;

  if (listed.aliasStrength === "low") {
    // A low-quality alias counts only when it is the screened name exactly (OFAC's and
    // the FCDO's own guidance: such aliases are too broad to match on likeness).
    const exact = form.normalised === listed.normalised || sameTokens(form.tokens, listedTokens);
    main = {
      feature: "weakAlias",
      score: exact ? weights.weakAliasExact : 0,
      detail: exact
        ? "Low-quality alias, and the screened name is exactly it"
        : "Low-quality alias: counts only on an exact match, and this is not one",
    };
  } else if (form.group === "cjk") {
    main = cjkScore(form, listed);
  } else {
    const latin = form.group === "latin";
    const aligned = tokenAlignment(form.tokens, listedTokens, { latin, organisation, person: person && !organisation });
    alignment = aligned.pairs;
    const paired = alignment.map((pair) => `${pair.query} ~ ${pair.listed} (${pair.how})`).join(", ");
    main = {
      feature: "name",
      score: round(aligned.score),
      detail: paired ? `Words paired: ${paired}` : "No words in common",
    };
  }
  features.push(main);
  if (main.score === 0) return { score: 0, features, alignment };

  // An organisation must share a word that tells it apart, not only "institute" or "LLC".
  if (organisation && main.feature === "name") {
    const queryDistinctive = form.tokens.filter(isDistinctive);
    const listedDistinctive = listedTokens.filter(isDistinctive);
    const sharedDistinctive = alignment.filter(
      (pair) => pair.similarity >= 0.7 && pair.query.split(" ").some(isDistinctive),
    );
    if (queryDistinctive.length === 0 || listedDistinctive.length === 0) {
      const same = form.key === listed.matchKey;
      features.push({
        feature: "distinctiveWord",
        score: same ? 0 : -main.score,
        detail: same
          ? "Only general words, and exactly the same ones"
          : "Only general words (institute, technology...) in one of the names: they must be exactly the same",
      });
    } else if (sharedDistinctive.length === 0) {
      features.push({
        feature: "distinctiveWord",
        score: -main.score,
        detail: `No distinctive word in common (screened: ${queryDistinctive.join(", ")}; listed: ${listedDistinctive.join(", ")})`,
      });
    } else {
      features.push({
        feature: "distinctiveWord",
        score: 0,
        detail: `Distinctive words in common: ${sharedDistinctive.map((pair) => pair.listed).join(", ")}`,
      });
      // Each name has a telling word the other lacks: "Blue Horizon Maritime" and "Red
      // Horizon Maritime" are two companies.
      const pairedQuery = new Set(
        alignment.filter((pair) => pair.similarity >= 0.7).flatMap((pair) => pair.query.split(" ")),
      );
      const pairedListed = new Set(
        alignment.filter((pair) => pair.similarity >= 0.7).flatMap((pair) => pair.listed.split(" ")),
      );
      const queryOnly = queryDistinctive.filter((token) => !pairedQuery.has(token));
      const listedOnly = listedDistinctive.filter((token) => !pairedListed.has(token));
      if (queryOnly.length > 0 && listedOnly.length > 0) {
        features.push({
          feature: "differentWords",
          score: weights.differentWords,
          detail: `Each name has a distinctive word the other lacks: ${queryOnly.join(", ")} / ${listedOnly.join(", ")}`,
        });
      }
    }
  }

  if (main.feature === "name") {
    const queryKinds = new Set(form.tokens.map(institutionKind).filter((kind) => kind !== undefined));
    const listedKinds = new Set(listedTokens.map(institutionKind).filter((kind) => kind !== undefined));
    if (queryKinds.size > 0 && listedKinds.size > 0 && ![...queryKinds].some((kind) => listedKinds.has(kind))) {
      features.push({
        feature: "institutionKind",
        score: weights.kindMismatch,
        detail: `Different kinds of body: ${[...queryKinds].join(", ")} / ${[...listedKinds].join(", ")}`,
      });
    }
    const queryNumbers = form.tokens.filter((token) => tokenClass(token) === "number").toSorted();
    const listedNumbers = listedTokens.filter((token) => tokenClass(token) === "number").toSorted();
    if (queryNumbers.length > 0 && listedNumbers.length > 0 && queryNumbers.join(" ") !== listedNumbers.join(" ")) {
      features.push({
        feature: "numbers",
        score: weights.numberMismatch,
        detail: `Numbers differ: ${queryNumbers.join(" ")} / ${listedNumbers.join(" ")}`,
      });
    }
  }

  if (main.feature === "name") {
    const queryDirections = new Set(form.tokens.map(direction).filter((value) => value !== undefined));
    const listedDirections = new Set(listedTokens.map(direction).filter((value) => value !== undefined));
    if (
      queryDirections.size > 0 &&
      listedDirections.size > 0 &&
      ![...queryDirections].some((value) => listedDirections.has(value))
    ) {
      features.push({
        feature: "direction",
        score: weights.directionMismatch,
        detail: `Different compass words: ${[...queryDirections].join(", ")} / ${[...listedDirections].join(", ")}`,
      });
    }
  }

  if (query.country && entry.countries.length > 0 && !entry.countries.includes(query.country)) {
    features.push({
      feature: "country",
      score: weights.countryMismatch,
      detail: `Screened country ${query.country}; the entry names ${entry.countries.join(", ")}`,
    });
  }

  const total = features.reduce((sum, feature) => sum + feature.score, 0);
  return { score: round(Math.min(1, Math.max(0, total))), features, alignment };
}
