// Ties each sign-in to the browser that started it (SAML login CSRF). Without this, a
// response the attacker obtained for their own account, auto-posted from the victim's
// browser, would sign the victim in as the attacker: the response is genuine and its
// request id is one we issued. So the start of a sign-in sets a cookie holding a MAC of
// the request id, and the callback refuses a response whose InResponseTo is not in this
// browser's cookie.
//
// The IdP's POST back to us is cross-site, so the cookie must be SameSite=None, which
// browsers accept only with Secure: they keep it over https, and over http only on
// localhost (config refuses single sign-on on any other http BASE_URL). HttpOnly, scoped
// to /sign-in/saml, gone after the request lifetime. A few recent ids are kept, so two
// tabs signing in at once both work.
import { createHmac, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import { samlPaths } from "../../config/saml";

/** How many sign-ins one browser can have under way at once. */
const maximumPending = 4;
const macPattern = /^[A-Za-z0-9_-]{43}$/;

export function browserBinding(options: {
  cookieName: string;
  /** The session secrets: the first makes new MACs, all are accepted (rotation). */
  secrets: string[];
  maxAgeMs: number;
}) {
  const [signingSecret] = options.secrets;
  if (!signingSecret) throw new Error("the sign-in binding needs a secret");
  const mac = (secret: string, requestId: string) =>
    createHmac("sha256", secret).update(`saml-request\0${requestId}`).digest("base64url");

  function entries(req: Request): string[] {
    const header = req.headers.cookie ?? "";
    const value = header
      .split(";")
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${options.cookieName}=`))
      ?.slice(options.cookieName.length + 1);
    return (value ?? "").split(".").filter((entry) => macPattern.test(entry));
  }

  function matches(entry: string, requestId: string): boolean {
    const given = Buffer.from(entry);
    return options.secrets.some((secret) => {
      const expected = Buffer.from(mac(secret, requestId));
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
  }

  function write(res: Response, values: string[]): void {
    const cookie = {
      httpOnly: true,
      secure: true,
      sameSite: "none" as const,
      path: samlPaths.start,
    };
    if (values.length === 0) res.clearCookie(options.cookieName, cookie);
    else res.cookie(options.cookieName, values.join("."), { ...cookie, maxAge: options.maxAgeMs });
  }

  return {
    /** At the start of a sign-in: this browser may answer `requestId`. */
    bind(req: Request, res: Response, requestId: string): void {
      write(res, [mac(signingSecret, requestId), ...entries(req)].slice(0, maximumPending));
    },

    /** At the callback: did this browser start the sign-in `requestId` answers? */
    isBound(req: Request, requestId: string): boolean {
      return entries(req).some((entry) => matches(entry, requestId));
    },

    /** After a sign-in completes: its id is no longer pending in this browser. */
    release(req: Request, res: Response, requestId: string): void {
      write(
        res,
        entries(req).filter((entry) => !matches(entry, requestId)),
      );
    },
  };
}

export type BrowserBinding = ReturnType<typeof browserBinding>;
