// What the app's own cookies beside the session's share (kept forms, success messages):
// the session cookie's `__Host-` prefix in production, so no subdomain can set them;
// httpOnly and SameSite=Lax, so a cross-site page can neither read them nor send them with
// a form of its own; and HMAC tags with the session secret, compared in constant time.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { CookieOptions } from "express";
import type { Config } from "../config";

export function appCookies(config: Config) {
  const prefix = config.session.cookieName.startsWith("__Host-") ? "__Host-" : "";
  const options: CookieOptions = { httpOnly: true, secure: config.session.secureCookie, sameSite: "lax", path: "/" };
  return {
    name: (name: string) => `${prefix}${name}`,
    /** Setting adds maxAge; clearing needs these same attributes (path; `__Host-` needs Secure). */
    options,
  };
}

export function hmacTag(secret: string, message: string): string {
  return createHmac("sha256", secret).update(message).digest("base64url");
}

export function sameTag(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
