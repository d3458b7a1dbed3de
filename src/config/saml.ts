// University single sign-on settings: resolved once at start-up from the SAML_* settings
// (and the IdP's metadata file, when one is named), checked, and handed on as one typed
// object. `undefined` when single sign-on is not configured.
import { X509Certificate, createPrivateKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { DOMParser } from "@xmldom/xmldom";

export const samlPaths = {
  start: "/sign-in/saml",
  callback: "/sign-in/saml/callback",
  metadata: "/sign-in/saml/metadata",
} as const;

/** Attribute names tried in order: the URI (OID) form SAML 2 IdPs release, then the friendly name. */
export const defaultSamlAttributes = {
  personId: ["urn:oid:0.9.2342.19200300.100.1.1", "uid"],
  displayName: ["urn:oid:2.16.840.1.113730.3.1.241", "displayName"],
  email: ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
  departmentCode: ["urn:oid:2.16.840.1.113730.3.1.2", "departmentNumber"],
} as const;

export interface SamlEnvironment {
  SAML_IDP_METADATA_FILE?: string;
  SAML_IDP_CERT?: string;
  SAML_IDP_SSO_URL?: string;
  SAML_IDP_ISSUER?: string;
  SAML_SP_ENTITY_ID?: string;
  SAML_SP_PRIVATE_KEY?: string;
  SAML_SP_CERT?: string;
  SAML_ATTRIBUTE_PERSON_ID?: string;
  SAML_ATTRIBUTE_DISPLAY_NAME?: string;
  SAML_ATTRIBUTE_EMAIL?: string;
  SAML_ATTRIBUTE_DEPARTMENT?: string;
  SAML_CLOCK_SKEW_SECONDS: number;
  SAML_REQUEST_TTL_MINUTES: number;
}

export interface SamlSettings {
  /** The IdP's entity id: the Issuer of its responses and assertions. */
  idpIssuer: string;
  /** Where people are sent to sign in (HTTP-Redirect binding). */
  idpSsoUrl: string;
  /** PEM certificates whose keys may sign responses (more than one during a rollover). */
  idpCertificates: string[];
  spEntityId: string;
  /** The assertion consumer service: BASE_URL + /sign-in/saml/callback. */
  callbackUrl: string;
  metadataUrl: string;
  /** Optional: signs our AuthnRequests and is published in our metadata. */
  spSigning?: { privateKey: string; certificate: string };
  attributes: { personId: string[]; displayName: string[]; email: string[]; departmentCode: string[] };
  clockSkewMs: number;
  /** How long an AuthnRequest id stays valid for its response. */
  requestTtlMs: number;
}

/** True when any IdP setting is given: then all of them must be complete. */
export function samlRequested(env: Partial<SamlEnvironment>): boolean {
  return Boolean(env.SAML_IDP_METADATA_FILE || env.SAML_IDP_CERT || env.SAML_IDP_SSO_URL || env.SAML_IDP_ISSUER);
}

type Problems = { path: string; message: string }[];

const pemPattern = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/g;

function toPem(base64: string): string {
  return `-----BEGIN CERTIFICATE-----\n${(base64.match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** PEM blocks, or bare base64 bodies separated by commas or white space; each must parse. */
export function parseCertificates(value: string): string[] {
  const text = value.replace(/\\n/g, "\n").trim();
  const blocks = [...text.matchAll(pemPattern)].map((match) => match[1] ?? "");
  const bodies = (blocks.length > 0 ? blocks : text.split(/[\s,]+/))
    .map((body) => body.replace(/\s+/g, ""))
    .filter(Boolean);
  if (bodies.length === 0) throw new Error("no certificate found");
  return bodies.map((body) => {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) throw new Error("is not a PEM or base64 certificate");
    const pem = toPem(body);
    new X509Certificate(pem); // throws on anything that is not a certificate
    return pem;
  });
}

function attributeNames(value: string | undefined, defaults: readonly string[]): string[] {
  const names = (value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 ? names : [...defaults];
}

export interface IdpMetadata {
  entityId: string;
  ssoUrl?: string;
  certificates: string[];
}

const mdNamespace = "urn:oasis:names:tc:SAML:2.0:metadata";
const dsNamespace = "http://www.w3.org/2000/09/xmldsig#";
const redirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

/** The IdP's entity id, HTTP-Redirect sign-on address and signing certificates from its metadata. */
export function parseIdpMetadata(xml: string, wantedEntityId?: string): IdpMetadata {
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) throw new Error("must not contain a DOCTYPE");
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length > 0 || !document?.documentElement) throw new Error("is not well-formed XML");
  const entities = Array.from(document.getElementsByTagNameNS(mdNamespace, "EntityDescriptor")).filter(
    (entity) => entity.getElementsByTagNameNS(mdNamespace, "IDPSSODescriptor").length > 0,
  );
  const entity = wantedEntityId
    ? entities.find((candidate) => candidate.getAttribute("entityID") === wantedEntityId)
    : entities[0];
  if (!entity || (!wantedEntityId && entities.length > 1)) {
    throw new Error(
      wantedEntityId
        ? `has no identity provider ${wantedEntityId}`
        : "must describe exactly one identity provider (or set SAML_IDP_ISSUER)",
    );
  }
  const descriptor = entity.getElementsByTagNameNS(mdNamespace, "IDPSSODescriptor")[0]!;
  const ssoUrl =
    Array.from(descriptor.getElementsByTagNameNS(mdNamespace, "SingleSignOnService"))
      .find((service) => service.getAttribute("Binding") === redirectBinding)
      ?.getAttribute("Location") ?? undefined;
  const certificates = Array.from(descriptor.getElementsByTagNameNS(mdNamespace, "KeyDescriptor"))
    .filter((key) => !key.getAttribute("use") || key.getAttribute("use") === "signing")
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(dsNamespace, "X509Certificate")))
    .flatMap((certificate) => parseCertificates(certificate.textContent ?? ""));
  return { entityId: entity.getAttribute("entityID") ?? "", ssoUrl, certificates };
}

/** Resolves the SAML settings; problems are reported with the variable's name, like the rest of the config. */
export function resolveSamlSettings(
  env: SamlEnvironment,
  baseUrl: string,
  problems: Problems,
): SamlSettings | undefined {
  if (!samlRequested(env)) return undefined;
  let metadata: IdpMetadata | undefined;
  if (env.SAML_IDP_METADATA_FILE) {
    try {
      metadata = parseIdpMetadata(readFileSync(env.SAML_IDP_METADATA_FILE, "utf8"), env.SAML_IDP_ISSUER);
    } catch (error) {
      problems.push({ path: "SAML_IDP_METADATA_FILE", message: (error as Error).message });
    }
  }
  let idpCertificates = metadata?.certificates ?? [];
  if (env.SAML_IDP_CERT) {
    try {
      idpCertificates = parseCertificates(env.SAML_IDP_CERT);
    } catch (error) {
      problems.push({ path: "SAML_IDP_CERT", message: (error as Error).message });
    }
  }
  const idpIssuer = env.SAML_IDP_ISSUER ?? metadata?.entityId;
  const idpSsoUrl = env.SAML_IDP_SSO_URL ?? metadata?.ssoUrl;
  if (idpCertificates.length === 0 && !problems.some((problem) => problem.path.startsWith("SAML_IDP_"))) {
    problems.push({ path: "SAML_IDP_CERT", message: "is required for single sign-on (or SAML_IDP_METADATA_FILE)" });
  }
  if (!idpIssuer)
    problems.push({ path: "SAML_IDP_ISSUER", message: "is required for single sign-on (or SAML_IDP_METADATA_FILE)" });
  if (!idpSsoUrl || !/^https?:\/\//.test(idpSsoUrl)) {
    problems.push({
      path: "SAML_IDP_SSO_URL",
      message: "is required for single sign-on: the IdP's HTTP-Redirect address",
    });
  }

  let spSigning: SamlSettings["spSigning"];
  if (Boolean(env.SAML_SP_PRIVATE_KEY) !== Boolean(env.SAML_SP_CERT)) {
    problems.push({ path: "SAML_SP_PRIVATE_KEY", message: "and SAML_SP_CERT go together" });
  } else if (env.SAML_SP_PRIVATE_KEY && env.SAML_SP_CERT) {
    try {
      const privateKey = createPrivateKey(env.SAML_SP_PRIVATE_KEY.replace(/\\n/g, "\n"))
        .export({ type: "pkcs8", format: "pem" })
        .toString();
      const [certificate] = parseCertificates(env.SAML_SP_CERT);
      spSigning = { privateKey, certificate: certificate! };
    } catch (error) {
      problems.push({ path: "SAML_SP_PRIVATE_KEY", message: `or SAML_SP_CERT: ${(error as Error).message}` });
    }
  }
  if (problems.length > 0 || !idpIssuer || !idpSsoUrl) return undefined;

  const origin = new URL(baseUrl).origin;
  const metadataUrl = `${origin}${samlPaths.metadata}`;
  return {
    idpIssuer,
    idpSsoUrl,
    idpCertificates,
    spEntityId: env.SAML_SP_ENTITY_ID ?? metadataUrl,
    callbackUrl: `${origin}${samlPaths.callback}`,
    metadataUrl,
    spSigning,
    attributes: {
      personId: attributeNames(env.SAML_ATTRIBUTE_PERSON_ID, defaultSamlAttributes.personId),
      displayName: attributeNames(env.SAML_ATTRIBUTE_DISPLAY_NAME, defaultSamlAttributes.displayName),
      email: attributeNames(env.SAML_ATTRIBUTE_EMAIL, defaultSamlAttributes.email),
      departmentCode: attributeNames(env.SAML_ATTRIBUTE_DEPARTMENT, defaultSamlAttributes.departmentCode),
    },
    clockSkewMs: env.SAML_CLOCK_SKEW_SECONDS * 1000,
    requestTtlMs: env.SAML_REQUEST_TTL_MINUTES * 60_000,
  };
}
