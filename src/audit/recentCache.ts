// Figures that may be a few seconds old (counts in the navigation and on the queue): each is
// kept for a short while per key, and dropped at once when this process records a change
// (every change writes an audit entry: src/audit/auditLog.ts). Another process's change shows
// when the entry expires. The promise is kept, so a burst of requests for one key reads once;
// a failed read is not kept.
import { auditEntriesWritten } from "./auditLog";

export interface RecentCache<V> {
  get(key: string, read: () => Promise<V>): Promise<V>;
  /** Forgets everything: for a change this process has just committed. */
  clear(): void;
}

export function recentCache<V>(options: { maxAgeMs: number; maxEntries: number }): RecentCache<V> {
  const entries = new Map<string, { at: number; changes: number; value: Promise<V> }>();
  return {
    get(key, read) {
      const now = Date.now();
      const changes = auditEntriesWritten();
      const kept = entries.get(key);
      if (kept && kept.changes === changes && now - kept.at < options.maxAgeMs) return kept.value;
      const value = read();
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      // Bounded: the oldest entry goes first (a Map keeps the order of insertion).
      entries.delete(key);
      const oldest = entries.keys().next().value;
      if (entries.size >= options.maxEntries && oldest !== undefined) entries.delete(oldest);
      entries.set(key, { at: now, changes, value });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
