// University single sign-on: the sign-in page, the start of a sign-in (to the IdP), our
// metadata, and the assertion consumer service. The last is a cross-site POST from the
// IdP that carries no session cookie (SameSite=Lax) and no CSRF token, so it is mounted
// on its own before the CSRF middleware (setUpSamlCallback) and relies on the signed,
// single-use response instead.
import express from "express";
import type { Logger } from "pino";
import { z } from "zod";
import type { Services } from "../../services";
import { samlPaths } from "../../config/saml";
import { anyone, getRoute, postRoute, type PageRoute } from "../../routing/pageRoute";
import { urls } from "../../routing/urls";
import { startSession } from "../session";
import {
  callbackForm,
  checkVerifiedResponse,
  decodeResponse,
  identityFrom,
  reasonFor,
  safeRelayState,
  SamlCheckFailure,
  type CheckedAssertion,
  type FailureReason,
  type SamlIdentity,
} from "./checks";

function isDatabaseError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && (name.startsWith("PrismaClient") || name === "DriverAdapterError");
}

const startForm = z.object({ returnTo: z.string().max(2000).optional() }).strict();

export function samlRoutes(services: Services): PageRoute[] {
  const { saml } = services;
  if (!saml) return [];
  return [
    getRoute({
      path: urls.signIn,
      name: "signIn.saml.page",
      access: anyone,
      handler: ({ req, res }) => {
        res.render("signIn/saml", {
          title: "Sign in",
          returnTo: safeRelayState(req.query.returnTo),
          expired: req.query.expired === "1",
        });
      },
    }),
    postRoute({
      path: samlPaths.start,
      name: "signIn.saml.start",
      access: anyone,
      body: startForm,
      handler: async ({ res }, form) => {
        res.redirect(303, await saml.authorizeUrl(safeRelayState(form.returnTo)));
      },
      // A bad returnTo is not worth an error page: the person just lands on the home page.
      invalid: async ({ res }) => {
        res.redirect(303, await saml.authorizeUrl(safeRelayState(undefined)));
      },
    }),
    getRoute({
      path: samlPaths.metadata,
      name: "signIn.saml.metadata",
      access: anyone,
      handler: ({ res }) => {
        res.type("application/samlmetadata+xml").send(saml.metadata());
      },
    }),
  ];
}

/** The assertion consumer service (POST /sign-in/saml/callback), mounted before CSRF. */
export function setUpSamlCallback(services: Services, logger: Logger, rateLimit: express.RequestHandler) {
  const router = express.Router();
  const { saml, signIn } = services;
  if (!saml) return router;
  const { settings } = saml;

  router.post(samlPaths.callback, rateLimit, async (req, res) => {
    res.locals.routeName = "signIn.saml.callback";
    const reference = String(req.id ?? "unknown");
    const reject = (reason: FailureReason) => {
      // The reason code only: never the response, its attributes or its error text.
      logger.warn({ reference, reason }, "single sign-on response rejected");
      res.status(401).render("signIn/samlFailed", { title: "You could not be signed in", reference });
    };

    const form = callbackForm.safeParse(req.body ?? {});
    if (!form.success || Object.keys(req.query).length > 0) return reject("malformed-request");
    let responseXml: string;
    try {
      responseXml = decodeResponse(form.data.SAMLResponse);
    } catch (error) {
      return reject(reasonFor(error));
    }

    const outcome = await saml.validateResponse(req, res);
    // The database failing (the request cache) is our problem, not a bad response: 500.
    if (outcome.kind === "failed" && isDatabaseError(outcome.error)) throw outcome.error;
    if (outcome.kind === "failed") return reject(reasonFor(outcome.error));

    let assertion: CheckedAssertion;
    let identity: SamlIdentity;
    try {
      assertion = checkVerifiedResponse(responseXml, outcome.profile.getAssertionXml?.() ?? "", settings);
      identity = identityFrom(outcome.profile.attributes, settings);
    } catch (error) {
      if (error instanceof SamlCheckFailure) return reject(error.reason);
      throw error;
    }

    const result = await saml.signIn.acceptAssertion(assertion, identity);
    if (result.kind !== "signedIn") return reject(result.kind);
    await startSession(req, result.userId);
    await signIn.recordSignIn(result.userId, "saml", {
      assertionId: assertion.id,
      ...(result.created ? { firstSignIn: "true" } : {}),
    });
    logger.info({ reference, userId: result.userId }, "signed in through single sign-on");
    res.redirect(303, safeRelayState(form.data.RelayState));
  });
  return router;
}
