// The two cookies behind kept forms. `who` names, by an HMAC, the person last signed in in
// this browser (it outlives the idle session, not the absolute one); `kept` holds the
// token of a form kept after the session ended. Both are httpOnly and SameSite=Lax, so a
// cross-site page can neither read them nor have a form of its own kept.
import type { Request } from "express";
import { parseCookie } from "cookie";
import type { Config } from "../config";
import { appCookies, hmacTag, sameTag } from "../session/appCookies";
import { keptFormMinutes } from "./keptFormService";

export function keptFormCookies(config: Config) {
  const cookies = appCookies(config);
  const names = { who: cookies.name("spo.who"), kept: cookies.name("spo.kept") };
  const base = cookies.options;
  const secret = config.session.secrets[0] ?? "";

  return {
    names,
    who: { ...base, maxAge: config.session.absoluteMs },
    kept: { ...base, maxAge: keptFormMinutes * 60_000 },
    /** Clearing needs the same attributes as setting (path; `__Host-` needs Secure). */
    clear: base,

    personTag(userId: string): string {
      return hmacTag(secret, `kept-form:${userId}`);
    },

    sameTag,

    read(req: Request): { who?: string; kept?: string } {
      const cookies = parseCookie(req.headers.cookie ?? "");
      return { who: cookies[names.who], kept: cookies[names.kept] };
    },
  };
}

export type KeptFormCookies = ReturnType<typeof keptFormCookies>;
