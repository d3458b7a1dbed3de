// Signing in without single sign-on (the demo people, outside production) and signing out.
import type { Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { anyone, getRoute, postRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { urls } from "../routing/urls";
import { fromMessages } from "../routing/formErrors";
import { describeRoles } from "../domain/roles";
import { startSession } from "./session";

const developmentSignInForm = z
  .object({
    username: z.string({ error: "Select who to sign in as" }).min(1, "Select who to sign in as").max(100),
    returnTo: z.string().max(2000).optional(),
  })
  .strict();

const signOutForm = z.object({}).strict();

export function signInRoutes(services: Services): PageRoute[] {
  const { config, users, signIn, saml } = services;
  /** The demo people as the page shows them: name, and roles with their scope. */
  const people = async () =>
    (await users.listForDevelopmentSignIn()).map((person) => ({
      username: person.username,
      displayName: person.displayName,
      description: [
        ...describeRoles({
          roles: person.roles.map((grant) => ({
            ...grant,
            scopeName: grant.department?.name ?? grant.school?.name ?? null,
          })),
        }),
        person.department?.name,
      ]
        .filter(Boolean)
        .join(" · "),
    }));
  async function showAgain(res: Response, returnTo: unknown) {
    res.status(400).render("signIn/development", {
      title: "Error: Sign in",
      people: await people(),
      returnTo: urls.safeReturnTo(returnTo),
      expired: false,
      errors: fromMessages({ username: "Select who to sign in as" }),
    });
  }

  const routes: PageRoute[] = [
    postRoute({
      path: urls.signOut,
      name: "signIn.signOut",
      access: signedIn,
      body: signOutForm,
      handler: async ({ req, res }) => {
        const userId = req.session.userId;
        const samlSubject = req.session.samlSubject;
        await new Promise<void>((resolve, reject) =>
          req.session.destroy((error) => (error ? reject(error) : resolve())),
        );
        if (userId) await signIn.recordSignOut(userId);
        res.clearCookie(config.session.cookieName, { path: "/" });
        // Signed out on purpose: nothing typed later in this browser is kept for them.
        res.clearCookie(services.keptFormCookies.names.who, services.keptFormCookies.clear);
        // Signed out here first; then through the IdP when it offers single logout.
        const idpLogout = saml && samlSubject ? await saml.logoutUrl(samlSubject, urls.signIn) : undefined;
        res.redirect(303, idpLogout ?? urls.signIn);
      },
      invalid: ({ res }) =>
        res.status(400).render("errors/badRequest", { title: "There is a problem with your request" }),
    }),
  ];
  // The demo people's page: outside production and only until single sign-on is set up
  // (then /sign-in is the University sign-in page, see saml/samlRoutes.ts).
  if (config.developmentSignIn) {
    routes.push(
      getRoute({
        path: urls.signIn,
        name: "signIn.page",
        access: anyone,
        handler: async ({ req, res }) => {
          res.render("signIn/development", {
            title: "Sign in",
            people: await people(),
            returnTo: urls.safeReturnTo(req.query.returnTo),
            expired: req.query.expired === "1",
            errors: undefined,
          });
        },
      }),
      postRoute({
        path: urls.signInDevelopment,
        name: "signIn.development",
        access: anyone,
        body: developmentSignInForm,
        handler: async ({ req, res }, form) => {
          const person = await users.findByUsername(form.username);
          if (!person || person.disabled) return showAgain(res, form.returnTo);
          await startSession(req, person.id);
          await signIn.recordSignIn(person.id, "development");
          res.redirect(303, urls.safeReturnTo(form.returnTo));
        },
        invalid: ({ res }, { raw }) => showAgain(res, raw.returnTo),
      }),
    );
  }
  return routes;
}
