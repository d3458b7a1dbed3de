// Counts that may be a few seconds old: read once per key while fresh, again after the age
// limit, at once after this process records a change, and never kept when the read failed.
import { afterEach, describe, expect, it, vi } from "vitest";
import { recentCache } from "../../src/audit/recentCache";
import { recordAudit } from "../../src/audit/auditLog";

const auditSink = { auditEntry: { create: () => Promise.resolve({}) } } as unknown as Parameters<typeof recordAudit>[0];

describe("recentCache", () => {
  afterEach(() => vi.useRealTimers());

  it("reads a key once while fresh, and again once it is older than the limit", async () => {
    vi.useFakeTimers();
    const cache = recentCache<number>({ maxAgeMs: 5_000, maxEntries: 10 });
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await cache.get("a", read)).toBe(1);
    expect(await cache.get("a", read)).toBe(1);
    expect(await cache.get("b", read)).toBe(2);
    vi.advanceTimersByTime(5_001);
    expect(await cache.get("a", read)).toBe(3);
  });

  it("reads again as soon as this process records a change", async () => {
    const cache = recentCache<number>({ maxAgeMs: 60_000, maxEntries: 10 });
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await cache.get("a", read)).toBe(1);
    await recordAudit(auditSink, { actorId: null, action: "test.change", entityType: "test", entityId: "1" });
    expect(await cache.get("a", read)).toBe(2);
    expect(await cache.get("a", read)).toBe(2);
  });

  it("reads again after clear(), for a change committed here after its audit entry was counted", async () => {
    const cache = recentCache<number>({ maxAgeMs: 60_000, maxEntries: 10 });
    let reads = 0;
    const read = () => Promise.resolve(++reads);
    expect(await cache.get("a", read)).toBe(1);
    cache.clear();
    expect(await cache.get("a", read)).toBe(2);
  });

  it("shares one read among requests that come together, keeps no failure, and keeps at most maxEntries", async () => {
    const cache = recentCache<number>({ maxAgeMs: 60_000, maxEntries: 2 });
    let reads = 0;
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++reads), 10));
    expect(await Promise.all([cache.get("a", slow), cache.get("a", slow)])).toEqual([1, 1]);

    await expect(cache.get("broken", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("broken", () => Promise.resolve(42))).toBe(42);

    // "a" is the oldest of three keys: it went, so it is read again.
    await cache.get("c", slow);
    expect(await cache.get("a", slow)).toBe(reads);
  });

  describe("refreshing in the background", () => {
    it("serves an aged value while one read refreshes it, then the new value", async () => {
      vi.useFakeTimers();
      const cache = recentCache<number>({ maxAgeMs: 5_000, maxEntries: 10, refreshInBackground: true });
      let reads = 0;
      let finish: (() => void) | undefined;
      const slow = () =>
        new Promise<number>((resolve) => {
          const value = ++reads;
          finish = () => resolve(value);
        });
      const first = cache.get("a", slow);
      finish!();
      expect(await first).toBe(1);
      vi.advanceTimersByTime(5_001);
      // Aged: three requests together get the value in hand at once, and start one read.
      expect(await Promise.all([cache.get("a", slow), cache.get("a", slow), cache.get("a", slow)])).toEqual([1, 1, 1]);
      expect(reads).toBe(2);
      finish!();
      await Promise.resolve();
      await Promise.resolve();
      expect(await cache.get("a", slow)).toBe(2);
      expect(reads).toBe(2);
    });

    it("still reads at once after this process records a change", async () => {
      const cache = recentCache<number>({ maxAgeMs: 0, maxEntries: 10, refreshInBackground: true });
      let reads = 0;
      const read = () => Promise.resolve(++reads);
      expect(await cache.get("a", read)).toBe(1);
      await recordAudit(auditSink, { actorId: null, action: "test.change", entityType: "test", entityId: "1" });
      expect(await cache.get("a", read)).toBe(2);
    });

    it("keeps serving the value in hand when a refresh fails, and tries again next time", async () => {
      vi.useFakeTimers();
      const cache = recentCache<number>({ maxAgeMs: 5_000, maxEntries: 10, refreshInBackground: true });
      expect(await cache.get("a", () => Promise.resolve(1))).toBe(1);
      vi.advanceTimersByTime(5_001);
      expect(await cache.get("a", () => Promise.reject(new Error("down")))).toBe(1);
      await Promise.resolve();
      await Promise.resolve();
      expect(await cache.get("a", () => Promise.resolve(3))).toBe(1); // the retry starts here
      await Promise.resolve();
      await Promise.resolve();
      expect(await cache.get("a", () => Promise.resolve(4))).toBe(3);
    });

    it("makes the first request wait when nothing has been read yet", async () => {
      const cache = recentCache<number>({ maxAgeMs: 5_000, maxEntries: 10, refreshInBackground: true });
      expect(await cache.get("a", () => Promise.resolve(7))).toBe(7);
    });
  });
});
