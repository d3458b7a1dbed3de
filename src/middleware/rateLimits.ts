import type { Request } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";

/**
 * Limits on the requests worth attacking: signing in and submitting. Counted in memory
 * per process (one process serves this app); a multi-instance deployment would move the
 * counts to a shared store.
 */
function limiter(options: { windowMs: number; limit: number; key: (req: Request) => string }) {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: options.key,
    handler: (_req, res) => {
      res.status(429).render("errors/tooManyRequests", { title: "Too many attempts" });
    },
  });
}

export const signInLimit = (perMinute: number) =>
  limiter({ windowMs: 60_000, limit: perMinute, key: (req) => `sign-in:${ipKeyGenerator(req.ip ?? "")}` });
export const submitLimit = (perMinute: number) =>
  limiter({
    windowMs: 60_000,
    limit: perMinute,
    key: (req) => `submit:${(req.session as { userId?: string } | undefined)?.userId ?? ipKeyGenerator(req.ip ?? "")}`,
  });
