import express from "express";
import type { NextFunction, Request, Response } from "express";

/**
 * Form bodies parsed so that every field the browser sent reaches the route's strict
 * schema: into an object with no prototype, so a `__proto__` or `constructor` field is an
 * ordinary key (and then refused as unknown) rather than being dropped or touching
 * prototypes; a repeated field becomes an array (and is refused where one value is asked).
 */
export function setUpFormBody(options: { limit: string; maxFields: number }) {
  const router = express.Router();
  router.use(
    express.text({ type: "application/x-www-form-urlencoded", limit: options.limit, defaultCharset: "utf-8" }),
  );
  router.use((req: Request, _res: Response, next: NextFunction) => {
    if (typeof req.body !== "string") {
      next();
      return;
    }
    const body = Object.create(null) as Record<string, string | string[]>;
    let count = 0;
    for (const [name, value] of new URLSearchParams(req.body)) {
      if (++count > options.maxFields) {
        next(Object.assign(new Error("Too many form fields"), { status: 413 }));
        return;
      }
      const existing = body[name];
      body[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    }
    req.body = body;
    next();
  });
  return router;
}
