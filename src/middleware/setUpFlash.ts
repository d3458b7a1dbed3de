import { createHmac, timingSafeEqual } from "node:crypto";
import express, { type CookieOptions } from "express";
import { parseCookie } from "cookie";
import type { Config } from "../config";

/**
 * A success message for the page after an action: the action's handler calls flash() before
 * its 303 redirect, and the next page the person opens shows it once (views/layout/head.ejs,
 * a GOV.UK success banner, role=alert).
 *
 * It travels in a short-lived cookie, not in the session: a message in the session changed
 * the session twice (set, then taken), and each change is a write of the session row, two
 * of a form step's seven statements. The cookie is signed (HMAC with the session secret) and
 * names the session it was set in, so nobody can write a message of their own into the page,
 * and a message left over when a session ends never shows in the next.
 */
interface FlashCookie {
  name: string;
  options: CookieOptions;
  secrets: readonly string[];
}

const cookieOf = new WeakMap<express.Request, FlashCookie>();

function tag(secret: string, sessionId: string, text: string): string {
  return createHmac("sha256", secret).update(`flash:${sessionId}:${text}`).digest("base64url");
}

export function flash(req: express.Request, text: string): void {
  const cookie = cookieOf.get(req);
  if (!cookie || !req.res) throw new Error("flash() needs setUpFlash() in front of the route");
  const value = `${Buffer.from(text).toString("base64url")}.${tag(cookie.secrets[0] ?? "", req.sessionID, text)}`;
  req.res.cookie(cookie.name, value, cookie.options);
}

/** The message a cookie holds, if it was signed (with any current secret) for this session. */
function messageOf(value: string, sessionId: string, secrets: readonly string[]): string | undefined {
  const [encoded = "", signature = ""] = value.split(".");
  const text = Buffer.from(encoded, "base64url").toString();
  const given = Buffer.from(signature);
  for (const secret of secrets) {
    const expected = Buffer.from(tag(secret, sessionId, text));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return text;
  }
  return undefined;
}

/** Moves a waiting message into the page being shown (a GET), and clears its cookie. */
export function setUpFlash(config: Config) {
  // `__Host-` in production, as the session cookie is: no subdomain can set it.
  const prefix = config.session.cookieName.startsWith("__Host-") ? "__Host-" : "";
  const clear: CookieOptions = { httpOnly: true, secure: config.session.secureCookie, sameSite: "lax", path: "/" };
  // A minute: long enough for the redirect, short enough that a message never shows much later.
  const cookie: FlashCookie = {
    name: `${prefix}spo.flash`,
    options: { ...clear, maxAge: 60_000 },
    secrets: config.session.secrets,
  };
  const router = express.Router();
  router.use((req, res, next) => {
    cookieOf.set(req, cookie);
    if (req.method === "GET" && req.headers.cookie?.includes(cookie.name)) {
      const value = parseCookie(req.headers.cookie)[cookie.name];
      if (value !== undefined) {
        res.locals.flash = messageOf(value, req.sessionID, cookie.secrets);
        res.clearCookie(cookie.name, clear);
      }
    }
    next();
  });
  return router;
}
