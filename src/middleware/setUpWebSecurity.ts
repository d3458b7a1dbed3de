import { randomBytes } from "node:crypto";
import express from "express";
import helmet from "helmet";
import type { Config } from "../config";

/** Security headers, with a fresh CSP nonce per request and no inline script allowed. */
export function setUpWebSecurity(config: Config, formActionOrigins: () => string[] = () => []) {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'", (_req, res) => `'nonce-${(res as express.Response).locals.cspNonce}'`],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", "data:"],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          // The sign-in and sign-out buttons' POSTs redirect to the IdP, and browsers check a
          // form's redirects against form-action too: without the IdP here, both would fail.
          // (Read per request: the IdP's addresses may come from refreshed metadata.)
          formAction: ["'self'", () => formActionOrigins().join(" ")],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: config.production ? [] : null,
        },
      },
      strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
      referrerPolicy: { policy: "same-origin" },
      crossOriginEmbedderPolicy: false,
    }),
  );
  return router;
}
