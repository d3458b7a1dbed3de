// The SAML service provider: passport-saml's strategy on a passport instance of its own
// (no passport.session: on success the app starts its own session), with the settings
// the quality bar asks for. Built once, in the composition root, when SAML is configured.
import type { Request, Response } from "express";
import passport from "passport";
import {
  SAML,
  Strategy as SamlStrategy,
  ValidateInResponseTo,
  type PassportSamlConfig,
  type Profile,
  type VerifiedCallback,
} from "@node-saml/passport-saml";
import type { SamlSettings } from "../../config/saml";
import type { PrismaClient } from "../../generated/prisma/client";
import { PrismaSamlRequestCache } from "./requestCache";
import { samlSignInService } from "./samlSignInService";

export const strategyName = "university-saml";

export function strategyOptions(settings: SamlSettings, cacheProvider: PrismaSamlRequestCache): PassportSamlConfig {
  return {
    name: strategyName,
    entryPoint: settings.idpSsoUrl,
    issuer: settings.spEntityId,
    callbackUrl: settings.callbackUrl,
    idpCert: settings.idpCertificates,
    idpIssuer: settings.idpIssuer,
    audience: settings.spEntityId,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: true,
    signatureAlgorithm: "sha256",
    digestAlgorithm: "sha256",
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: settings.requestTtlMs,
    cacheProvider,
    acceptedClockSkewMs: settings.clockSkewMs,
    // The person is identified by the attributes we ask the IdP to release, so the
    // NameID format and the authentication context (MFA or not) are the IdP's business.
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    ...(settings.spSigning
      ? { privateKey: settings.spSigning.privateKey, publicCert: settings.spSigning.certificate }
      : {}),
  };
}

export type AuthenticateOutcome = { kind: "profile"; profile: Profile } | { kind: "failed"; error?: unknown };

export function samlSignOn(prisma: PrismaClient, settings: SamlSettings) {
  const requestCache = new PrismaSamlRequestCache(prisma, settings.requestTtlMs);
  const options = strategyOptions(settings, requestCache);
  // Requests and metadata come straight from node-saml; the same options (and the same
  // database-backed request cache) serve the passport strategy that checks responses.
  const serviceProvider = new SAML(options);
  const strategy = new SamlStrategy(
    options,
    (profile: Profile | null, done: VerifiedCallback) => done(null, profile ?? undefined),
    // Single logout is not offered: a logout request from the IdP signs nobody in.
    (_profile: Profile | null, done: VerifiedCallback) => done(null, undefined),
  );
  const authenticator = new passport.Passport();
  // passport-saml is typed against Express 4's request type; at run time it is the same object.
  authenticator.use(strategyName, strategy as unknown as passport.Strategy);

  return {
    settings,
    requestCache,
    signIn: samlSignInService(prisma),

    /** The IdP address with a new AuthnRequest (HTTP-Redirect); its id is saved in the request cache. */
    authorizeUrl(relayState: string): Promise<string> {
      return serviceProvider.getAuthorizeUrlAsync(relayState, undefined, {});
    },

    /** Validates the posted response: the verified profile, or why not. Never throws for a bad response. */
    validateResponse(req: Request, res: Response): Promise<AuthenticateOutcome> {
      return new Promise((resolve) => {
        const done = (error: unknown, user: unknown) => {
          if (error || !user) return resolve({ kind: "failed", error });
          resolve({ kind: "profile", profile: user as Profile });
        };
        // `next` is only called when the strategy passes (a logout message): not a sign-in.
        authenticator.authenticate(strategyName, { session: false }, done)(req, res, () => resolve({ kind: "failed" }));
      });
    },

    metadata(): string {
      return serviceProvider.generateServiceProviderMetadata(null, settings.spSigning?.certificate ?? null);
    },
  };
}

export type SamlSignOn = ReturnType<typeof samlSignOn>;
