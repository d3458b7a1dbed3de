// An in-memory trigram index over listed names' match keys: the same candidates as
// pg_trgm's `%` (words padded "  word ", their distinct three-character pieces, similarity
// = shared / all), found in a millisecond or two instead of a GIN index scan.
//
// Why in memory: profiling the benchmark (10,000 entries, 15,000 names) showed the GIN
// bitmap scan of `match_key % key` was the time (about 35 ms a name on PGlite and most of
// PostgreSQL's): every query trigram's posting list is read, and short or common trigrams
// have long ones. Pure: the caller loads the names and keeps the index per list version.

/** The distinct trigrams of a text, as pg_trgm takes them (Unicode letters and digits are word characters). */
export function trigrams(text: string): string[] {
  const found = new Set<string>();
  for (const word of text.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const chars = Array.from(`  ${word} `);
    for (let i = 0; i + 3 <= chars.length; i++) found.add(chars.slice(i, i + 3).join(""));
  }
  return [...found];
}

export interface IndexedKey {
  /** The group the name is compared within (latin, cjk, arabic ...): keys of other groups never match. */
  group: string;
  key: string;
}

export interface TrigramHit {
  /** Position of the name in the array the index was built from. */
  position: number;
  similarity: number;
}

export interface TrigramIndex {
  size: number;
  /** Names whose key is at least `threshold` similar to `key`, most similar first, at most `limit`. */
  search(
    group: string,
    key: string,
    options: { threshold: number; limit: number; accept?: (position: number) => boolean },
  ): TrigramHit[];
}

export function buildTrigramIndex(names: readonly IndexedKey[]): TrigramIndex {
  const postings = new Map<string, number[]>();
  const counts = new Uint16Array(names.length);
  names.forEach((name, position) => {
    const grams = trigrams(name.key);
    counts[position] = grams.length;
    for (const gram of grams) {
      const slot = `${name.group}|${gram}`;
      const list = postings.get(slot);
      if (list) list.push(position);
      else postings.set(slot, [position]);
    }
  });
  // Reused between searches (the app is single-threaded; a search runs to completion).
  const shared = new Uint16Array(names.length);
  return {
    size: names.length,
    search(group, key, { threshold, limit, accept }) {
      const grams = trigrams(key);
      if (grams.length === 0) return [];
      const touched: number[] = [];
      for (const gram of grams) {
        const list = postings.get(`${group}|${gram}`);
        if (!list) continue;
        for (const position of list) {
          const before = shared[position] ?? 0;
          if (before === 0) touched.push(position);
          shared[position] = before + 1;
        }
      }
      const hits: TrigramHit[] = [];
      for (const position of touched) {
        const common = shared[position] ?? 0;
        shared[position] = 0;
        const similarity = common / (grams.length + (counts[position] ?? 0) - common);
        if (similarity >= threshold && (!accept || accept(position))) hits.push({ position, similarity });
      }
      hits.sort((a, b) => b.similarity - a.similarity || a.position - b.position);
      return hits.length > limit ? hits.slice(0, limit) : hits;
    },
  };
}
