import express from "express";
import { csrfSync } from "csrf-sync";

/**
 * The session's form token, made only when a page prints it. Making a token stores it in
 * the session, and a session with something in it is written to the database and given a
 * cookie: so a visitor who is not signed in gets a session only from a page with a form
 * (the sign-in page), not from every request (a redirect, a missing page, a load client).
 * EJS prints a value through String(), which calls toString() here.
 */
export class LazyCsrfToken {
  private value: string | undefined;

  constructor(private readonly make: () => string) {}

  toString(): string {
    this.value ??= this.make();
    return this.value;
  }
}

/**
 * Synchroniser-token CSRF protection: the token lives in the session and travels in a
 * hidden `_csrf` field. Every non-GET request without the session's token gets 403.
 */
export function setUpCsrf() {
  const router = express.Router();
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => {
      const token = (req.body as Record<string, unknown> | undefined)?._csrf;
      return typeof token === "string" ? token : undefined;
    },
    errorConfig: { statusCode: 403, message: "Invalid or missing form token", code: "EBADCSRFTOKEN" },
  });
  router.use(csrfSynchronisedProtection);
  router.use((req, res, next) => {
    // Every page may show a form (a POST re-shows its form when the input is wrong), so
    // every page can print the session's token; it is made when one does.
    res.locals.csrfToken = new LazyCsrfToken(() => generateToken(req));
    next();
  });
  return router;
}
