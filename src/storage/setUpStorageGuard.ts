import type { NextFunction, Request, Response } from "express";
import type { StorageGuard } from "./storageGuard";

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** What the person typed, as summary-list rows to show back: every field but the form token, as sent. */
function enteredRows(body: unknown): { key: { text: string }; value: { lines: string[] } }[] {
  if (typeof body !== "object" || body === null) return [];
  return Object.entries(body as Record<string, unknown>).flatMap(([name, value]) => {
    if (name === "_csrf") return [];
    const values = (Array.isArray(value) ? value : [value]).filter(
      (item): item is string => typeof item === "string" && item.trim() !== "",
    );
    return values.length > 0
      ? [{ key: { text: name }, value: { lines: values.flatMap((item) => item.split(/\r?\n/)) } }]
      : [];
  });
}

/**
 * Mounted after the form body is parsed and before anything that writes (the SAML
 * callback, sign-in, every form): while the data directory is nearly full or read-only,
 * a change is refused with a 503 page that shows back what was typed; pages still load.
 */
export function setUpStorageGuard(storage: StorageGuard) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (safeMethods.has(req.method)) {
      next();
      return;
    }
    const status = await storage.status();
    if (status.canSave) {
      next();
      return;
    }
    req.log.warn({ reason: status.reason, freeBytes: status.freeBytes, path: req.path }, "refused a change: storage");
    res
      .status(503)
      .set("Retry-After", "300")
      .render("errors/cannotSave", {
        title: "The service cannot save changes right now",
        entered: enteredRows(req.body),
      });
  };
}
