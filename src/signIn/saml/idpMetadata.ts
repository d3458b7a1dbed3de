// The IdP's SAML metadata: what we read from it (entity id, sign-on and sign-out
// addresses, signing certificates) and the check of its own XML signature, for metadata
// fetched from a URL (a federation's aggregate is signed by the federation's key). Pure
// functions: the config reads a file through them, the metadata source a URL.
import { X509Certificate } from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

export interface IdpDescription {
  entityId: string;
  /** HTTP-Redirect single sign-on address. */
  ssoUrl?: string;
  /** HTTP-Redirect single logout address, when the IdP offers single logout. */
  sloUrl?: string;
  /** PEM certificates whose keys may sign (several during the IdP's key rollover). */
  certificates: string[];
}

const mdNamespace = "urn:oasis:names:tc:SAML:2.0:metadata";
const dsNamespace = "http://www.w3.org/2000/09/xmldsig#";
const redirectBinding = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

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

function parseXml(xml: string): Element {
  // A DOCTYPE is never part of SAML metadata; refusing it keeps entity expansion out.
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(xml)) throw new Error("must not contain a DOCTYPE");
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, "text/xml");
  // xmldom's types say there is always a root; for garbage input there is not.
  const root = (document as Document | undefined)?.documentElement as Element | null | undefined;
  if (errors.length > 0 || !root) throw new Error("is not well-formed XML");
  return root;
}

function redirectLocation(descriptor: Element, service: string): string | undefined {
  return (
    Array.from(descriptor.getElementsByTagNameNS(mdNamespace, service))
      .find((element) => element.getAttribute("Binding") === redirectBinding)
      ?.getAttribute("Location") ?? undefined
  );
}

/** The IdP's entity id, HTTP-Redirect addresses and signing certificates from its metadata. */
export function parseIdpMetadata(xml: string, wantedEntityId?: string, now = Date.now()): IdpDescription {
  const root = parseXml(xml);
  const validUntil = root.getAttribute("validUntil");
  if (validUntil && Date.parse(validUntil) <= now) throw new Error(`expired (validUntil ${validUntil})`);
  // The document's, not the root's: the root may itself be the one EntityDescriptor.
  const entities = Array.from(root.ownerDocument.getElementsByTagNameNS(mdNamespace, "EntityDescriptor")).filter(
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
  const [descriptor] = Array.from(entity.getElementsByTagNameNS(mdNamespace, "IDPSSODescriptor"));
  if (!descriptor) throw new Error("has no IDPSSODescriptor");
  const certificates = Array.from(descriptor.getElementsByTagNameNS(mdNamespace, "KeyDescriptor"))
    .filter((key) => !key.getAttribute("use") || key.getAttribute("use") === "signing")
    .flatMap((key) => Array.from(key.getElementsByTagNameNS(dsNamespace, "X509Certificate")))
    .flatMap((certificate) => parseCertificates(certificate.textContent));
  return {
    entityId: entity.getAttribute("entityID") ?? "",
    ssoUrl: redirectLocation(descriptor, "SingleSignOnService"),
    sloUrl: redirectLocation(descriptor, "SingleLogoutService"),
    certificates,
  };
}

const strongSignatureMethods = new Set([
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
]);

/** xml-crypto throws for some invalid signatures and returns false for others. */
function checks(verifier: SignedXml, xml: string): boolean {
  try {
    return verifier.checkSignature(xml);
  } catch {
    return false;
  }
}

/**
 * The metadata as its signer signed it, or an error. The signature must be an enveloped
 * signature of the root element (reference "" or "#" + the root's ID), RSA-SHA256 or
 * stronger, by one of `trusted`; what is returned is the signed content xml-crypto
 * verified, never the original text (so nothing outside the signature can slip in).
 */
export function verifiedMetadata(xml: string, trusted: string[]): string {
  const root = parseXml(xml);
  const signatures = Array.from(root.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 &&
      (node as Element).localName === "Signature" &&
      (node as Element).namespaceURI === dsNamespace,
  );
  const [signature] = signatures;
  if (!signature || signatures.length !== 1) throw new Error("is not signed");
  const [signatureMethod] = Array.from(signature.getElementsByTagNameNS(dsNamespace, "SignatureMethod"));
  const method = signatureMethod?.getAttribute("Algorithm") ?? "";
  if (!strongSignatureMethods.has(method)) throw new Error("is signed with a weak or unknown algorithm");
  const rootId = root.getAttribute("ID");
  for (const certificate of trusted) {
    const verifier = new SignedXml({ publicCert: certificate });
    verifier.loadSignature(signature);
    const [reference, ...others] = verifier.getReferences();
    if (!reference || others.length > 0) throw new Error("signature must have exactly one reference");
    const uri = reference.uri;
    if (uri !== "" && !(rootId && uri === `#${rootId}`)) throw new Error("signature does not cover the whole metadata");
    if (checks(verifier, xml)) {
      const [signed, ...more] = verifier.getSignedReferences();
      if (!signed || more.length > 0) throw new Error("signature must have exactly one reference");
      return signed;
    }
  }
  throw new Error("signature does not verify with SAML_IDP_METADATA_CERT");
}
