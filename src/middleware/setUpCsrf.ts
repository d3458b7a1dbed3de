import express from "express";
import { csrfSync } from "csrf-sync";

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
    // every request with a session gets the session's token.
    if (req.session) res.locals.csrfToken = generateToken(req);
    next();
  });
  return router;
}
