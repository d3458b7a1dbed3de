// Rate-limit counts in the database, so that every app instance counts against one limit
// (a count in memory would give each process a limit of its own). A fixed window per
// key, on the database's clock so instances with drifting clocks still agree.
import type { PrismaClient } from "../generated/prisma/client";

export interface Hit {
  hits: number;
  resetAt: Date;
}

export function rateLimitCounter(prisma: PrismaClient) {
  return {
    /**
     * Counts one hit and returns the count in the current window. One upsert: two
     * instances counting the same key at the same instant both land, in some order.
     */
    async hit(key: string, windowMs: number): Promise<Hit> {
      const rows = await prisma.$queryRaw<{ hits: number; window_ends_at: Date }[]>`
        INSERT INTO "rate_limit_counter" AS c ("key", "hits", "window_ends_at")
        VALUES (${key}, 1, now() + ${windowMs}::integer * interval '1 millisecond')
        ON CONFLICT ("key") DO UPDATE SET
          "hits" = CASE WHEN c."window_ends_at" <= now() THEN 1 ELSE c."hits" + 1 END,
          "window_ends_at" = CASE WHEN c."window_ends_at" <= now() THEN EXCLUDED."window_ends_at"
                                  ELSE c."window_ends_at" END
        RETURNING c."hits", c."window_ends_at"`;
      const row = rows[0];
      if (!row) throw new Error("rate limit upsert returned no row");
      return { hits: row.hits, resetAt: row.window_ends_at };
    },

    async get(key: string): Promise<Hit | undefined> {
      const row = await prisma.rateLimitCounter.findUnique({ where: { key } });
      if (!row || row.windowEndsAt.getTime() <= Date.now()) return undefined;
      return { hits: row.hits, resetAt: row.windowEndsAt };
    },

    /** Takes back one hit (express-rate-limit's skipSuccessfulRequests and the like). */
    async unhit(key: string): Promise<void> {
      await prisma.$executeRaw`
        UPDATE "rate_limit_counter" SET "hits" = "hits" - 1 WHERE "key" = ${key} AND "hits" > 0`;
    },

    async reset(key: string): Promise<void> {
      await prisma.rateLimitCounter.deleteMany({ where: { key } });
    },

    /** Deletes counts whose window has ended (they would restart at 1 anyway). */
    async sweep(): Promise<number> {
      return prisma.$executeRaw`DELETE FROM "rate_limit_counter" WHERE "window_ends_at" <= now()`;
    },
  };
}

export type RateLimitCounter = ReturnType<typeof rateLimitCounter>;
