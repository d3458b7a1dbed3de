// The pages behind a session's end: the kept form shown again after signing in, and the
// timeout warning's "Stay signed in".
import type { Services } from "../services";
import { anyone, contextFor, getRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { noErrors } from "../routing/formErrors";
import { postRouteFor } from "./keepFormOnEndedSession";
import { sessionEndUrls } from "./urls";

/** `routes` is the whole route table: a kept form is shown by its own route's `invalid`. */
export function sessionEndRoutes(services: Services, routes: readonly PageRoute[]): PageRoute[] {
  const { keptForms, keptFormCookies: cookies, config } = services;
  return [
    getRoute({
      path: sessionEndUrls.keptForm,
      name: "sessionEnd.keptForm",
      access: signedIn,
      handler: async ({ req, res, user }) => {
        const { kept } = cookies.read(req);
        res.clearCookie(cookies.names.kept, cookies.clear);
        const form = kept ? await keptForms.take(kept, cookies.personTag(user.id)) : undefined;
        const target = form && postRouteFor(routes, form.postPath);
        if (!form || !target) {
          res.render("sessionEnd/nothingKept", { title: "Nothing to bring back" });
          return;
        }
        // The form's own access applies (roles may have changed while signed out).
        const context = contextFor(target.route.access, req, res);
        if (!context) return;
        Object.assign(req.params, target.params);
        res.locals.keptForm = true;
        // `invalid` shows a form with its mistakes, often as 400; nothing is wrong here.
        const setStatus = res.status.bind(res);
        res.status = (code: number) => setStatus(code >= 400 && code < 500 ? 200 : code);
        return target.route.invalid(context, { errors: noErrors, raw: form.body });
      },
    }),
    getRoute({
      path: sessionEndUrls.keepAlive,
      name: "sessionEnd.keepAlive",
      access: anyone,
      // Any request from a signed-in browser restarts the idle clock (a rolling session);
      // this one says whether the person is still signed in, and for how long now.
      handler: ({ res, user }) => {
        res.setHeader("Cache-Control", "no-store");
        res.json(user ? { signedIn: true, idleMs: config.session.idleMs } : { signedIn: false });
      },
    }),
  ];
}
