// University single sign-on: the sign-in page, the start of a sign-in (to the IdP), our
// metadata, the return from single logout, and the assertion consumer service. The last
// is a cross-site POST from the IdP that carries no session cookie (SameSite=Lax) and no
// CSRF token, so it is mounted on its own before the CSRF middleware (setUpSamlCallback)
// and relies on the signed, single-use response, bound to the browser that asked for it.
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
  inspectResponse,
  reasonFor,
  safeRelayState,
  SamlCheckFailure,
  type CheckedAssertion,
  type FailureReason,
  type ResponseShape,
} from "./checks";
import { identityFrom, type SamlIdentity, type SamlSubject } from "./identity";
import { SamlUnavailable } from "./serviceProvider";

function isDatabaseError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === "string" && (name.startsWith("PrismaClient") || name === "DriverAdapterError");
}

const startForm = z.object({ returnTo: z.string().max(2000).optional() }).strict();

function unavailable(res: express.Response): void {
  res.status(503).render("signIn/samlUnavailable", { title: "Sign-in is not available at the moment" });
}

export function samlRoutes(services: Services): PageRoute[] {
  const { saml } = services;
  if (!saml) return [];
  async function startSignIn(req: express.Request, res: express.Response, returnTo: unknown) {
    if (!saml?.available()) {
      unavailable(res);
      return;
    }
    const { location, requestId } = await saml.authorizeUrl(safeRelayState(returnTo));
    saml.binding.bind(req, res, requestId);
    res.redirect(303, location);
  }

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
      handler: ({ req, res }, form) => startSignIn(req, res, form.returnTo),
      // A bad returnTo is not worth an error page: the person just lands on the home page.
      invalid: ({ req, res }) => startSignIn(req, res, undefined),
    }),
    getRoute({
      path: samlPaths.metadata,
      name: "signIn.saml.metadata",
      access: anyone,
      handler: ({ res }) => {
        res.type("application/samlmetadata+xml").send(saml.metadata());
      },
    }),
    getRoute({
      path: samlPaths.logout,
      name: "signIn.saml.logout",
      access: anyone,
      handler: async ({ req, res }) => {
        // The signature covers the query string exactly as sent, so it is read raw.
        const originalQuery = req.originalUrl.split("?")[1] ?? "";
        const query = Object.fromEntries(new URLSearchParams(originalQuery));
        // Logout started at the IdP (from another service) is not handled: say so, rather
        // than a "signed out" page for a session that is still there.
        if (query.SAMLRequest) {
          res.status(400).render("signIn/samlLogoutUnsupported", {
            title: "Sign out from this service",
            idleMinutes: Math.round(services.config.session.idleMs / 60_000),
          });
          return;
        }
        const completed = await saml.logoutCompleted(query, originalQuery);
        res.render("signIn/signedOut", { title: "You have signed out", completed });
      },
    }),
  ];
}

/** The NameID and session index node-saml read from the verified assertion: kept for single logout. */
function subjectOf(profile: Record<string, unknown>): SamlSubject | undefined {
  const text = (value: unknown) => (typeof value === "string" && value ? value : undefined);
  const nameId = text(profile.nameID);
  if (!nameId) return undefined;
  const format = text(profile.nameIDFormat);
  const nameQualifier = text(profile.nameQualifier);
  const spNameQualifier = text(profile.spNameQualifier);
  const sessionIndex = text(profile.sessionIndex);
  return {
    nameId,
    ...(format ? { format } : {}),
    ...(nameQualifier ? { nameQualifier } : {}),
    ...(spNameQualifier ? { spNameQualifier } : {}),
    ...(sessionIndex ? { sessionIndex } : {}),
  };
}

/** The assertion consumer service (POST /sign-in/saml/callback), mounted before CSRF. */
export function setUpSamlCallback(services: Services, logger: Logger, rateLimit: express.RequestHandler) {
  const router = express.Router();
  const { saml, signIn } = services;
  if (!saml) return router;
  const { settings } = saml;

  /** Signs the person in and redirects, or says why not (a reason code, or that the IdP is not known yet). */
  const completeSignIn = async (
    req: express.Request,
    res: express.Response,
    reference: string,
  ): Promise<FailureReason | "unavailable" | undefined> => {
    const form = callbackForm.safeParse(req.body ?? {});
    if (!form.success || Object.keys(req.query).length > 0) return "malformed-request";
    let responseXml: string;
    let shape: ResponseShape;
    try {
      responseXml = decodeResponse(form.data.SAMLResponse);
      shape = inspectResponse(responseXml);
    } catch (error) {
      return reasonFor(error);
    }
    // Only answers to our own requests (no unsolicited, IdP-initiated responses).
    if (!shape.inResponseTo) return "in-response-to";

    const outcome = await saml.validate(form.data.SAMLResponse, shape);
    if (outcome.kind === "failed") {
      if (outcome.error instanceof SamlUnavailable) return "unavailable";
      // The database failing (the request cache) is our problem, not a bad response: 500.
      if (isDatabaseError(outcome.error)) throw outcome.error;
      return reasonFor(outcome.error);
    }
    const issuer = saml.expectedIssuer();
    if (!issuer) return "unavailable";
    const subject = subjectOf(outcome.profile);
    let assertion: CheckedAssertion;
    let identity: SamlIdentity;
    try {
      assertion = checkVerifiedResponse(responseXml, outcome.profile.getAssertionXml?.() ?? "", {
        issuer,
        callbackUrl: settings.callbackUrl,
        clockSkewMs: settings.clockSkewMs,
      });
      identity = identityFrom(outcome.profile.attributes, subject, issuer, settings);
    } catch (error) {
      if (error instanceof SamlCheckFailure) return error.reason;
      throw error;
    }
    // Login CSRF: a genuine response for someone else's sign-in, posted from this browser.
    if (!saml.binding.isBound(req, assertion.inResponseTo)) return "not-this-browser";

    const result = await saml.signIn.acceptAssertion(assertion, identity, (tx, requestId) =>
      saml.requestCache.consume(tx, requestId),
    );
    if (result.kind !== "signedIn") return result.kind;
    saml.binding.release(req, res, assertion.inResponseTo);
    await startSession(req, result.userId, subject ? { samlSubject: subject } : {});
    await signIn.recordSignIn(result.userId, "saml", {
      assertionId: assertion.id,
      ...(result.created ? { firstSignIn: "true" } : {}),
    });
    logger.info({ reference, userId: result.userId }, "signed in through single sign-on");
    res.redirect(303, safeRelayState(form.data.RelayState));
    return undefined;
  };

  router.post(samlPaths.callback, rateLimit, async (req, res) => {
    res.locals.routeName = "signIn.saml.callback";
    const reference = typeof req.id === "string" || typeof req.id === "number" ? String(req.id) : "unknown";
    const failure = await completeSignIn(req, res, reference);
    if (failure === "unavailable") {
      unavailable(res);
    } else if (failure) {
      // The reason code only: never the response, its attributes or its error text.
      logger.warn({ reference, reason: failure }, "single sign-on response rejected");
      res.status(401).render("signIn/samlFailed", { title: "You could not be signed in", reference });
    }
  });
  return router;
}
