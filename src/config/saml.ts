// University single sign-on settings: resolved once at start-up from the SAML_* settings
// (and the IdP's metadata file, when one is named), checked, and handed on as one typed
// object. `undefined` when single sign-on is not configured. Metadata named by a URL is
// fetched (and refreshed) by the running app: see src/signIn/saml/idpDirectory.ts.
import { createPrivateKey, createPublicKey, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseCertificates, parseIdpMetadata, verifiedMetadata, type IdpDescription } from "../signIn/saml/idpMetadata";

export { parseCertificates, parseIdpMetadata };

export const samlPaths = {
  start: "/sign-in/saml",
  callback: "/sign-in/saml/callback",
  metadata: "/sign-in/saml/metadata",
  /** Where the IdP returns after single logout (HTTP-Redirect). */
  logout: "/sign-in/saml/logout",
} as const;

/** Attribute names tried in order: the URI (OID) form SAML 2 IdPs release, then the friendly name. */
export const defaultSamlAttributes = {
  personId: ["urn:oid:0.9.2342.19200300.100.1.1", "uid"],
  /** Scoped identifiers (`ab123@cam.ac.uk`), used for the username when no person id is released. */
  scopedPersonId: [
    "urn:oasis:names:tc:SAML:attribute:subject-id",
    "urn:oid:1.3.6.1.4.1.5923.1.1.1.6",
    "subject-id",
    "eduPersonPrincipalName",
  ],
  displayName: ["urn:oid:2.16.840.1.113730.3.1.241", "displayName"],
  email: ["urn:oid:0.9.2342.19200300.100.1.3", "mail"],
  departmentCode: ["urn:oid:2.16.840.1.113730.3.1.2", "departmentNumber"],
  affiliation: ["urn:oid:1.3.6.1.4.1.5923.1.1.1.9", "eduPersonScopedAffiliation"],
} as const;

export interface SamlEnvironment {
  SAML_IDP_METADATA_FILE?: string;
  SAML_IDP_METADATA_URL?: string;
  SAML_IDP_METADATA_CERT?: string;
  SAML_IDP_METADATA_REFRESH_MINUTES: number;
  SAML_IDP_CERT?: string;
  SAML_IDP_SSO_URL?: string;
  SAML_IDP_ISSUER?: string;
  SAML_SP_ENTITY_ID?: string;
  SAML_SP_PRIVATE_KEY?: string;
  SAML_SP_CERT?: string;
  SAML_SP_ENCRYPTION_KEY?: string;
  SAML_SP_ENCRYPTION_CERT?: string;
  SAML_USERNAME_SCOPE?: string;
  SAML_ATTRIBUTE_PERSON_ID?: string;
  SAML_ATTRIBUTE_SCOPED_PERSON_ID?: string;
  SAML_ATTRIBUTE_DISPLAY_NAME?: string;
  SAML_ATTRIBUTE_EMAIL?: string;
  SAML_ATTRIBUTE_DEPARTMENT?: string;
  SAML_ATTRIBUTE_AFFILIATION?: string;
  SAML_CLOCK_SKEW_SECONDS: number;
  SAML_REQUEST_TTL_MINUTES: number;
}

export interface SamlSettings {
  /**
   * What the settings (and a metadata file) say about the IdP. With a metadata URL these
   * are only overrides: the rest comes from the fetched metadata at run time.
   */
  idpIssuer?: string;
  idpSsoUrl?: string;
  idpSloUrl?: string;
  idpCertificates: string[];
  /** Metadata fetched from a URL, its signature checked against `signers`, refreshed every `refreshMs`. */
  idpMetadataUrl?: { url: string; signers: string[]; refreshMs: number };
  spEntityId: string;
  /** The assertion consumer service: BASE_URL + /sign-in/saml/callback. */
  callbackUrl: string;
  metadataUrl: string;
  /** Where the IdP sends people back after single logout. */
  logoutCallbackUrl: string;
  /** Optional: signs our AuthnRequests and LogoutRequests and is published in our metadata. */
  spSigning?: { privateKey: string; certificate: string };
  /**
   * Optional: decrypts encrypted assertions. The first key is the current one, whose
   * certificate is published (use="encryption"); later keys still decrypt during a rollover.
   */
  spEncryption?: { privateKeys: string[]; certificate: string };
  /** `ab123@cam.ac.uk` → `ab123` when the scope is `cam.ac.uk`. */
  usernameScope?: string;
  attributes: {
    personId: string[];
    scopedPersonId: string[];
    displayName: string[];
    email: string[];
    departmentCode: string[];
    affiliation: string[];
  };
  clockSkewMs: number;
  /** How long an AuthnRequest id stays valid for its response. */
  requestTtlMs: number;
  /** The cookie that binds a sign-in to the browser that started it (see browserBinding.ts). */
  bindingCookieName: string;
}

/** True when any IdP setting is given: then all of them must be complete. */
export function samlRequested(env: Partial<SamlEnvironment>): boolean {
  return Boolean(
    env.SAML_IDP_METADATA_FILE ||
    env.SAML_IDP_METADATA_URL ||
    env.SAML_IDP_CERT ||
    env.SAML_IDP_SSO_URL ||
    env.SAML_IDP_ISSUER,
  );
}

type Problems = { path: string; message: string }[];

function attributeNames(value: string | undefined, defaults: readonly string[]): string[] {
  const names = (value ?? "")
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  return names.length > 0 ? names : [...defaults];
}

function certificatesFrom(env: SamlEnvironment, name: keyof SamlEnvironment, problems: Problems): string[] {
  const value = env[name];
  if (typeof value !== "string" || !value) return [];
  try {
    return parseCertificates(value);
  } catch (error) {
    problems.push({ path: name, message: (error as Error).message });
    return [];
  }
}

const privateKeyPattern =
  /-----BEGIN (?:RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END (?:RSA |ENCRYPTED )?PRIVATE KEY-----/g;

/** One or more PEM private keys, each normalised to PKCS#8. */
function privateKeys(value: string): string[] {
  const text = value.replace(/\\n/g, "\n");
  const blocks = text.match(privateKeyPattern) ?? [text];
  return blocks.map((block) => createPrivateKey(block).export({ type: "pkcs8", format: "pem" }).toString());
}

function sameKey(certificate: string, privateKey: string): boolean {
  const published = new X509Certificate(certificate).publicKey.export({ type: "spki", format: "der" });
  const own = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  return published.equals(own);
}

/** Browsers keep a Secure cookie only over https, or over http on the machine itself. */
function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";
}

function readMetadataFile(env: SamlEnvironment, signers: string[], problems: Problems): IdpDescription | undefined {
  if (!env.SAML_IDP_METADATA_FILE) return undefined;
  try {
    const xml = readFileSync(env.SAML_IDP_METADATA_FILE, "utf8");
    // A file is trusted as it is (it was put there by us), unless a signer is named.
    return parseIdpMetadata(signers.length > 0 ? verifiedMetadata(xml, signers) : xml, env.SAML_IDP_ISSUER);
  } catch (error) {
    problems.push({ path: "SAML_IDP_METADATA_FILE", message: (error as Error).message });
    return undefined;
  }
}

/** Resolves the SAML settings; problems are reported with the variable's name, like the rest of the config. */
export function resolveSamlSettings(
  env: SamlEnvironment,
  baseUrl: string,
  problems: Problems,
): SamlSettings | undefined {
  if (!samlRequested(env)) return undefined;
  const base = new URL(baseUrl);
  if (base.protocol !== "https:" && !isLoopback(base.hostname)) {
    problems.push({
      path: "BASE_URL",
      message:
        "must be https (or http://localhost) for single sign-on: the cookie that ties a sign-in to its browser is SameSite=None; Secure, which browsers keep only over https or on localhost",
    });
  }

  const metadataSigners = certificatesFrom(env, "SAML_IDP_METADATA_CERT", problems);
  let idpMetadataUrl: SamlSettings["idpMetadataUrl"];
  if (env.SAML_IDP_METADATA_URL) {
    if (env.SAML_IDP_METADATA_FILE) {
      problems.push({ path: "SAML_IDP_METADATA_URL", message: "and SAML_IDP_METADATA_FILE: set one of them" });
    }
    if (metadataSigners.length === 0 && !problems.some((problem) => problem.path === "SAML_IDP_METADATA_CERT")) {
      problems.push({
        path: "SAML_IDP_METADATA_CERT",
        message: "is required with SAML_IDP_METADATA_URL: the certificate that signs the metadata",
      });
    }
    idpMetadataUrl = {
      url: env.SAML_IDP_METADATA_URL,
      signers: metadataSigners,
      refreshMs: env.SAML_IDP_METADATA_REFRESH_MINUTES * 60_000,
    };
  }
  const metadata = readMetadataFile(env, metadataSigners, problems);

  const explicitCertificates = certificatesFrom(env, "SAML_IDP_CERT", problems);
  const idpCertificates = explicitCertificates.length > 0 ? explicitCertificates : (metadata?.certificates ?? []);
  const idpIssuer = env.SAML_IDP_ISSUER ?? metadata?.entityId;
  const idpSsoUrl = env.SAML_IDP_SSO_URL ?? metadata?.ssoUrl;
  // With a metadata URL, whatever is not set here comes from the fetched metadata.
  if (!idpMetadataUrl) {
    if (idpCertificates.length === 0 && !problems.some((problem) => problem.path.startsWith("SAML_IDP_"))) {
      problems.push({
        path: "SAML_IDP_CERT",
        message: "is required for single sign-on (or SAML_IDP_METADATA_FILE or SAML_IDP_METADATA_URL)",
      });
    }
    if (!idpIssuer)
      problems.push({ path: "SAML_IDP_ISSUER", message: "is required for single sign-on (or SAML_IDP_METADATA_FILE)" });
    if (!idpSsoUrl || !/^https?:\/\//.test(idpSsoUrl)) {
      problems.push({
        path: "SAML_IDP_SSO_URL",
        message: "is required for single sign-on: the IdP's HTTP-Redirect address",
      });
    }
  }

  let spSigning: SamlSettings["spSigning"];
  if (Boolean(env.SAML_SP_PRIVATE_KEY) !== Boolean(env.SAML_SP_CERT)) {
    problems.push({ path: "SAML_SP_PRIVATE_KEY", message: "and SAML_SP_CERT go together" });
  } else if (env.SAML_SP_PRIVATE_KEY && env.SAML_SP_CERT) {
    try {
      const [privateKey] = privateKeys(env.SAML_SP_PRIVATE_KEY);
      const [certificate] = parseCertificates(env.SAML_SP_CERT);
      if (privateKey && certificate) spSigning = { privateKey, certificate };
    } catch (error) {
      problems.push({ path: "SAML_SP_PRIVATE_KEY", message: `or SAML_SP_CERT: ${(error as Error).message}` });
    }
  }

  let spEncryption: SamlSettings["spEncryption"];
  if (Boolean(env.SAML_SP_ENCRYPTION_KEY) !== Boolean(env.SAML_SP_ENCRYPTION_CERT)) {
    problems.push({ path: "SAML_SP_ENCRYPTION_KEY", message: "and SAML_SP_ENCRYPTION_CERT go together" });
  } else if (env.SAML_SP_ENCRYPTION_KEY && env.SAML_SP_ENCRYPTION_CERT) {
    try {
      const keys = privateKeys(env.SAML_SP_ENCRYPTION_KEY);
      const [certificate, ...more] = parseCertificates(env.SAML_SP_ENCRYPTION_CERT);
      const [current] = keys;
      if (!certificate || !current || more.length > 0) {
        throw new Error("SAML_SP_ENCRYPTION_CERT must be one certificate");
      }
      if (!sameKey(certificate, current)) {
        throw new Error("SAML_SP_ENCRYPTION_CERT is not the certificate of the first key (the current one)");
      }
      spEncryption = { privateKeys: keys, certificate };
    } catch (error) {
      problems.push({ path: "SAML_SP_ENCRYPTION_KEY", message: (error as Error).message });
    }
  }

  if (problems.length > 0) return undefined;

  const origin = base.origin;
  const metadataUrl = `${origin}${samlPaths.metadata}`;
  return {
    idpIssuer,
    idpSsoUrl,
    idpSloUrl: metadata?.sloUrl,
    idpCertificates,
    idpMetadataUrl,
    spEntityId: env.SAML_SP_ENTITY_ID ?? metadataUrl,
    callbackUrl: `${origin}${samlPaths.callback}`,
    metadataUrl,
    logoutCallbackUrl: `${origin}${samlPaths.logout}`,
    spSigning,
    spEncryption,
    usernameScope: env.SAML_USERNAME_SCOPE?.toLowerCase(),
    attributes: {
      personId: attributeNames(env.SAML_ATTRIBUTE_PERSON_ID, defaultSamlAttributes.personId),
      scopedPersonId: attributeNames(env.SAML_ATTRIBUTE_SCOPED_PERSON_ID, defaultSamlAttributes.scopedPersonId),
      displayName: attributeNames(env.SAML_ATTRIBUTE_DISPLAY_NAME, defaultSamlAttributes.displayName),
      email: attributeNames(env.SAML_ATTRIBUTE_EMAIL, defaultSamlAttributes.email),
      departmentCode: attributeNames(env.SAML_ATTRIBUTE_DEPARTMENT, defaultSamlAttributes.departmentCode),
      affiliation: attributeNames(env.SAML_ATTRIBUTE_AFFILIATION, defaultSamlAttributes.affiliation),
    },
    clockSkewMs: env.SAML_CLOCK_SKEW_SECONDS * 1000,
    requestTtlMs: env.SAML_REQUEST_TTL_MINUTES * 60_000,
    // `__Secure-` makes the browser refuse the cookie unless it came over https.
    bindingCookieName: base.protocol === "https:" ? "__Secure-spo.saml" : "spo.saml",
  };
}
