// Figures that may be a few seconds old (counts in the navigation and on the queue): each is
// kept for a short while per key, and dropped at once when this process records a change
// (every change writes an audit entry: src/audit/auditLog.ts). Another process's change shows
// when the entry expires. The promise is kept, so a burst of requests for one key reads once;
// a failed read is not kept.
//
// With `refreshInBackground`, an entry that has only aged (no change here since) is still
// served while one read refreshes it: the requests that arrive during that read do not all
// wait on it. For counts that take a while over many cases (the queue's totals at 100,000
// cases), where each expiry otherwise held up every request of those moments.
import { auditEntriesWritten } from "./auditLog";

export interface RecentCache<V> {
  get(key: string, read: () => Promise<V>): Promise<V>;
  /** Forgets everything: for a change this process has just committed. */
  clear(): void;
}

interface Entry<V> {
  at: number;
  changes: number;
  value: Promise<V>;
  /** Set once the value has been read: only a value in hand is served while it is refreshed. */
  read: boolean;
  refreshing: boolean;
}

export function recentCache<V>(options: {
  maxAgeMs: number;
  maxEntries: number;
  refreshInBackground?: boolean;
}): RecentCache<V> {
  const entries = new Map<string, Entry<V>>();

  function store(key: string, value: Promise<V>, at: number, changes: number): Entry<V> {
    const entry: Entry<V> = { at, changes, value, read: false, refreshing: false };
    value.then(
      () => (entry.read = true),
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    // Bounded: the oldest entry goes first (a Map keeps the order of insertion).
    entries.delete(key);
    const oldest = entries.keys().next().value;
    if (entries.size >= options.maxEntries && oldest !== undefined) entries.delete(oldest);
    entries.set(key, entry);
    return entry;
  }

  function refresh(key: string, kept: Entry<V>, read: () => Promise<V>): void {
    if (kept.refreshing) return;
    kept.refreshing = true;
    const started = Date.now();
    const value = read();
    value.then(
      () => {
        // Unless a change here replaced or dropped the entry meanwhile.
        if (entries.get(key) === kept) store(key, value, started, kept.changes);
      },
      () => (kept.refreshing = false), // served as it is until a read succeeds
    );
  }

  return {
    get(key, read) {
      const now = Date.now();
      const changes = auditEntriesWritten();
      const kept = entries.get(key);
      if (kept && kept.changes === changes) {
        if (now - kept.at < options.maxAgeMs) return kept.value;
        if (options.refreshInBackground && kept.read) {
          refresh(key, kept, read);
          return kept.value;
        }
      }
      return store(key, read(), now, changes).value;
    },
    clear() {
      entries.clear();
    },
  };
}
