import type { NextFunction, Request, Response } from "express";
import type { KeptFormCookies } from "./browserCookies";

/**
 * Tags the browser with who is signed in (an HMAC of their id, never the id), so that a
 * form posted after the session has ended can be kept for that person and no one else.
 * Set once per sign-in; cleared at sign-out.
 */
export function rememberWhoIsSignedIn(cookies: KeptFormCookies) {
  return (req: Request, res: Response, next: NextFunction) => {
    const user = res.locals.user;
    if (user) {
      const tag = cookies.personTag(user.id);
      if (cookies.read(req).who !== tag) res.cookie(cookies.names.who, tag, cookies.who);
    }
    next();
  };
}
