// The two cookies behind kept forms. `who` names, by an HMAC, the person last signed in in
// this browser (it outlives the idle session, not the absolute one); `kept` holds the
// token of a form kept after the session ended. Both are httpOnly and SameSite=Lax, so a
// cross-site page can neither read them nor have a form of its own kept.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { CookieOptions, Request } from "express";
import { parseCookie } from "cookie";
import type { Config } from "../config";
import { keptFormMinutes } from "./keptFormService";

export function keptFormCookies(config: Config) {
  // `__Host-` in production, as the session cookie is: no subdomain can set them.
  const prefix = config.session.cookieName.startsWith("__Host-") ? "__Host-" : "";
  const names = { who: `${prefix}spo.who`, kept: `${prefix}spo.kept` };
  const base: CookieOptions = { httpOnly: true, secure: config.session.secureCookie, sameSite: "lax", path: "/" };
  const secret = config.session.secrets[0] ?? "";

  return {
    names,
    who: { ...base, maxAge: config.session.absoluteMs },
    kept: { ...base, maxAge: keptFormMinutes * 60_000 },
    /** Clearing needs the same attributes as setting (path; `__Host-` needs Secure). */
    clear: base,

    personTag(userId: string): string {
      return createHmac("sha256", secret).update(`kept-form:${userId}`).digest("base64url");
    },

    sameTag(a: string, b: string): boolean {
      const left = Buffer.from(a);
      const right = Buffer.from(b);
      return left.length === right.length && timingSafeEqual(left, right);
    },

    read(req: Request): { who?: string; kept?: string } {
      const cookies = parseCookie(req.headers.cookie ?? "");
      return { who: cookies[names.who], kept: cookies[names.kept] };
    },
  };
}

export type KeptFormCookies = ReturnType<typeof keptFormCookies>;
