// A form posted after its session ended (idle too long, signed out in another tab, the
// server restarted without the session) fails the CSRF check. If it is a form people
// type into, and this browser was last signed in as someone, what was typed is kept and
// the person is sent to sign in again; afterwards the form comes back, filled in.
import type { NextFunction, Request, Response } from "express";
import { match } from "path-to-regexp";
import type { Logger } from "pino";
import type { PageRoute } from "../routing/pageRoute";
import { formBody } from "../routing/pageRoute";
import type { KeptFormService, KeptForm } from "./keptFormService";
import type { KeptFormCookies } from "./browserCookies";
import { sessionEndUrls } from "./urls";

type PostRoute = Extract<PageRoute, { method: "post" }>;

/** The route a path was posted to, with its parameters: the first that matches, as Express does. */
export function postRouteFor(
  routes: readonly PageRoute[],
  path: string,
): { route: PostRoute; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== "post") continue;
    const found = match(route.path, { decode: decodeURIComponent })(path);
    if (found) return { route, params: found.params as Record<string, string> };
  }
  return undefined;
}

/** Only text fields and lists of them are kept (the body parser gives nothing else). */
function typedFields(req: Request): KeptForm["body"] | undefined {
  const body: KeptForm["body"] = {};
  for (const [name, value] of Object.entries(formBody(req))) {
    if (typeof value === "string") body[name] = value;
    else if (Array.isArray(value) && value.every((item) => typeof item === "string")) body[name] = value;
    else return undefined;
  }
  return body;
}

export function keepFormOnEndedSession(
  routes: readonly PageRoute[],
  keptForms: KeptFormService,
  cookies: KeptFormCookies,
  logger: Logger,
) {
  return async (error: unknown, req: Request, res: Response, next: NextFunction) => {
    const expired = (error as { code?: unknown } | null)?.code === "EBADCSRFTOKEN";
    const { who } = cookies.read(req);
    // One of our pages' forms carries a token, stale or not; a post with none is no one's typing.
    const fromOurForm = typeof (req.body as Record<string, unknown> | undefined)?._csrf === "string";
    if (!expired || req.method !== "POST" || !who || !fromOurForm) {
      next(error);
      return;
    }
    const target = postRouteFor(routes, req.path);
    const body = typedFields(req);
    if (!target?.route.keepsTyping || !body) {
      next(error);
      return;
    }
    try {
      const token = await keptForms.keep({ personTag: who, postPath: req.path, body });
      res.cookie(cookies.names.kept, token, cookies.kept);
      logger.info({ route: target.route.name, reference: req.id }, "kept a form posted after its session ended");
      // Signed in again already (in another tab): straight back to the form.
      const signedIn = typeof req.session.userId === "string";
      res.redirect(303, signedIn ? sessionEndUrls.keptForm : sessionEndUrls.signInAgain);
    } catch (failure) {
      next(failure);
    }
  };
}
