// The SAML service provider: node-saml (through @node-saml/passport-saml) builds our
// requests and verifies responses, with the settings the quality bar asks for; a fresh
// node-saml instance per message, from the IdP as currently known (its metadata may be
// refreshed while the app runs). Built once, in the composition root, when SAML is
// configured.
import { randomBytes } from "node:crypto";
import type { Logger } from "pino";
import { SAML, ValidateInResponseTo, type Profile, type SamlConfig } from "@node-saml/passport-saml";
import type { SamlSettings } from "../../config/saml";
import type { PrismaClient } from "../../generated/prisma/client";
import { browserBinding } from "./browserBinding";
import { isDecryptionError, SamlCheckFailure, type ResponseShape } from "./checks";
import { idpDirectory, type CurrentIdp } from "./idpDirectory";
import type { SamlSubject } from "./identity";
import { PrismaSamlRequestCache } from "./requestCache";
import { samlSignInService } from "./samlSignInService";
import { serviceProviderMetadata } from "./spMetadata";

export type ValidationOutcome = { kind: "profile"; profile: Profile } | { kind: "failed"; error: unknown };

export function samlSignOn(
  prisma: PrismaClient,
  settings: SamlSettings,
  options: { secrets: string[]; logger?: Logger },
) {
  const requestCache = new PrismaSamlRequestCache(prisma, settings.requestTtlMs);
  const idp = idpDirectory(settings, options.logger);
  const binding = browserBinding({
    cookieName: settings.bindingCookieName,
    secrets: options.secrets,
    maxAgeMs: settings.requestTtlMs,
  });

  function serviceProvider(current: CurrentIdp, overrides: Partial<SamlConfig> = {}): SAML {
    return new SAML({
      entryPoint: current.ssoUrl,
      issuer: settings.spEntityId,
      callbackUrl: settings.callbackUrl,
      idpCert: current.certificates,
      idpIssuer: current.entityId,
      audience: settings.spEntityId,
      // Which signatures a response needs depends on its shape: see validate().
      wantAssertionsSigned: false,
      wantAuthnResponseSigned: true,
      signatureAlgorithm: "sha256",
      digestAlgorithm: "sha256",
      validateInResponseTo: ValidateInResponseTo.always,
      requestIdExpirationPeriodMs: settings.requestTtlMs,
      cacheProvider: requestCache,
      acceptedClockSkewMs: settings.clockSkewMs,
      // The person is identified by the attributes we ask the IdP to release, so the
      // NameID format and the authentication context (MFA or not) are the IdP's business.
      identifierFormat: null,
      disableRequestedAuthnContext: true,
      ...(current.sloUrl ? { logoutUrl: current.sloUrl } : {}),
      ...(settings.spSigning
        ? { privateKey: settings.spSigning.privateKey, publicCert: settings.spSigning.certificate }
        : {}),
      ...overrides,
    });
  }

  function currentIdp(): CurrentIdp {
    const current = idp.current();
    if (!current) throw new SamlUnavailable();
    return current;
  }

  return {
    settings,
    requestCache,
    idp,
    binding,
    signIn: samlSignInService(prisma),

    /** False while metadata from a URL has not been fetched yet. */
    available(): boolean {
      return idp.current() !== undefined;
    },

    /** Origins the browser is sent to (CSP form-action): the IdP's sign-on and sign-out addresses. */
    idpOrigins(): string[] {
      const current = idp.current();
      if (!current) return [];
      const urls = current.sloUrl ? [current.ssoUrl, current.sloUrl] : [current.ssoUrl];
      return [...new Set(urls.map((url) => new URL(url).origin))];
    },

    /** The IdP address with a new AuthnRequest (HTTP-Redirect), and its id (saved in the request cache). */
    async authorizeUrl(relayState: string): Promise<{ location: string; requestId: string }> {
      const requestId = `_${randomBytes(20).toString("hex")}`;
      const location = await serviceProvider(currentIdp(), { generateUniqueId: () => requestId }).getAuthorizeUrlAsync(
        relayState,
        undefined,
        {},
      );
      return { location, requestId };
    },

    /**
     * Verifies a posted response: the profile, or why not; never throws for a bad
     * response. The signatures required follow the shape inspectResponse found:
     * - a Response that carries a signature must have it verify (then the assertion inside
     *   is covered by it, signed itself or not);
     * - an unsigned Response needs a signed assertion (node-saml's rule when the response
     *   signature is absent), and no decryption key is offered, so an encrypted assertion
     *   there is refused without being decrypted;
     * - an encrypted assertion is decrypted only after the Response signature verified,
     *   with each of our keys in turn (the old one still works during a rollover).
     */
    async validate(samlResponse: string, shape: ResponseShape): Promise<ValidationOutcome> {
      const current = idp.current();
      if (!current) return { kind: "failed", error: new SamlUnavailable() };
      const keys = shape.encrypted ? (settings.spEncryption?.privateKeys ?? []) : [undefined];
      if (keys.length === 0) return { kind: "failed", error: new SamlCheckFailure("decryption") };
      let failure: unknown;
      for (const key of keys) {
        try {
          const { profile } = await serviceProvider(current, {
            wantAuthnResponseSigned: shape.responseSigned || shape.encrypted,
            ...(key ? { decryptionPvk: key } : {}),
          }).validatePostResponseAsync({ SAMLResponse: samlResponse });
          if (!profile) return { kind: "failed", error: new Error("no assertion") };
          return { kind: "profile", profile };
        } catch (error) {
          failure = error;
          if (!isDecryptionError(error)) break;
        }
      }
      return { kind: "failed", error: failure };
    },

    /** The issuer the response and assertion must name. */
    expectedIssuer(): string | undefined {
      return idp.current()?.entityId;
    },

    /** Single logout is offered when the IdP's metadata has an address for it and we can sign the request. */
    singleLogout(): boolean {
      return Boolean(idp.current()?.sloUrl && settings.spSigning);
    },

    /** A signed LogoutRequest to the IdP (HTTP-Redirect), or undefined when single logout is not offered. */
    async logoutUrl(subject: SamlSubject, relayState: string): Promise<string | undefined> {
      const current = idp.current();
      if (!current?.sloUrl || !settings.spSigning) return undefined;
      return serviceProvider(current).getLogoutUrlAsync(
        {
          issuer: current.entityId,
          nameID: subject.nameId,
          nameIDFormat: subject.format ?? "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
          ...(subject.nameQualifier ? { nameQualifier: subject.nameQualifier } : {}),
          ...(subject.spNameQualifier ? { spNameQualifier: subject.spNameQualifier } : {}),
          ...(subject.sessionIndex ? { sessionIndex: subject.sessionIndex } : {}),
        },
        relayState,
        {},
      );
    },

    /**
     * The IdP's LogoutResponse (HTTP-Redirect): true if it is signed by the IdP, answers a
     * LogoutRequest of ours and says Success. The local session ended before we sent the
     * person there, so this only decides what the page says.
     */
    async logoutCompleted(query: Record<string, string>, originalQuery: string): Promise<boolean> {
      const current = idp.current();
      if (!current || !query.SAMLResponse || !query.Signature) return false;
      try {
        const result = await serviceProvider(current).validateRedirectAsync(query, originalQuery);
        return result.loggedOut;
      } catch {
        return false;
      }
    },

    metadata(): string {
      return serviceProviderMetadata(settings);
    },

    stop(): void {
      idp.stop();
    },
  };
}

/** Metadata from a URL has not been fetched yet: sign-in is unavailable for now. */
export class SamlUnavailable extends Error {
  constructor() {
    super("the IdP's metadata has not been loaded yet");
  }
}

export type SamlSignOn = ReturnType<typeof samlSignOn>;
