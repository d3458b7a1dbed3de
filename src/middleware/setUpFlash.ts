import express, { type CookieOptions } from "express";
import { parseCookie } from "cookie";
import type { Config } from "../config";
import { appCookies, hmacTag, sameTag } from "../session/appCookies";

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

const tag = (secret: string, sessionId: string, text: string) => hmacTag(secret, `flash:${sessionId}:${text}`);

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
  return secrets.some((secret) => sameTag(tag(secret, sessionId, text), signature)) ? text : undefined;
}

/** Moves a waiting message into the page being shown (a GET), and clears its cookie. */
export function setUpFlash(config: Config) {
  const cookies = appCookies(config);
  const clear = cookies.options;
  // A minute: long enough for the redirect, short enough that a message never shows much later.
  const cookie: FlashCookie = {
    name: cookies.name("spo.flash"),
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
