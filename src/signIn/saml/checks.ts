// Checks of our own around node-saml's: before node-saml sees the response (no DTDs; its
// shape is one we accept; strong encryption algorithms only), and after node-saml has
// verified the signatures (Destination, Recipient, Issuer, InResponseTo, signature
// algorithms, the assertion id), plus where to send the person afterwards. Failures are
// short reason codes: logs carry the code, never the assertion's content.
import { DOMParser } from "@xmldom/xmldom";
import { z } from "zod";
import { urls } from "../../routing/urls";

export type FailureReason =
  | "malformed-request"
  | "dtd"
  | "not-this-browser"
  | "signature"
  | "encrypted-in-unsigned-response"
  | "decryption"
  | "in-response-to"
  | "time"
  | "audience"
  | "issuer"
  | "destination"
  | "recipient"
  | "algorithm"
  | "idp-status"
  | "invalid-response"
  | "attributes"
  | "identity-conflict"
  | "replayed"
  | "disabled";

export class SamlCheckFailure extends Error {
  constructor(readonly reason: FailureReason) {
    super(`SAML response rejected: ${reason}`);
  }
}

const protocolNamespace = "urn:oasis:names:tc:SAML:2.0:protocol";
const assertionNamespace = "urn:oasis:names:tc:SAML:2.0:assertion";
const dsNamespace = "http://www.w3.org/2000/09/xmldsig#";
const xencNamespace = "http://www.w3.org/2001/04/xmlenc#";
const bearer = "urn:oasis:names:tc:SAML:2.0:cm:bearer";

/** sha256 or stronger: node-saml would also accept rsa-sha1, which we do not. */
const allowedSignatureMethods = new Set([
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
  "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512",
]);
const allowedDigestMethods = new Set([
  "http://www.w3.org/2001/04/xmlenc#sha256",
  "http://www.w3.org/2001/04/xmlenc#sha512",
]);

/**
 * Encrypted assertions: the content ciphers and key transport we accept (and publish in
 * our metadata). Refused: RSA PKCS#1 v1.5 key transport (Bleichenbacher), Triple DES, and
 * anything node-saml's decryption (xml-encryption 3) cannot do, such as XML Encryption
 * 1.1's rsa-oaep with its own mask function. CBC is accepted only because an encrypted
 * assertion is accepted only inside a response whose signature covers the ciphertext.
 */
export const acceptedEncryption = {
  content: [
    "http://www.w3.org/2009/xmlenc11#aes256-gcm",
    "http://www.w3.org/2009/xmlenc11#aes128-gcm",
    "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
    "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
  ],
  keyTransport: ["http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p"],
  /** The OAEP digest; rsa-oaep-mgf1p fixes the mask function to MGF1 with SHA-1. */
  keyTransportDigest: ["http://www.w3.org/2000/09/xmldsig#sha1"],
} as const;

/** The form the IdP's browser POST must match: the response and, optionally, RelayState. */
export const callbackForm = z
  .object({
    SAMLResponse: z
      .string()
      .min(1)
      .max(100_000)
      .regex(/^[A-Za-z0-9+/=\r\n]+$/),
    RelayState: z.string().max(2000).optional(),
  })
  .strict();

/**
 * The decoded response, refused before any parser sees it if it declares a DTD: a
 * DOCTYPE is never part of a SAML message, and entity expansion (billion laughs) or
 * external entities would otherwise be the parser's problem.
 */
export function decodeResponse(base64: string): string {
  const xml = Buffer.from(base64, "base64").toString("utf8");
  if (/<!\s*(DOCTYPE|ENTITY|ELEMENT|ATTLIST)/i.test(xml)) throw new SamlCheckFailure("dtd");
  return xml;
}

/** Maps node-saml's errors to a reason code (its messages may quote the assertion). */
export function reasonFor(error: unknown): FailureReason {
  if (error instanceof SamlCheckFailure) return error.reason;
  const message = error instanceof Error ? error.message : "";
  if ((error as { name?: unknown } | null)?.name === "SamlStatusError" || /provider returned/i.test(message))
    return "idp-status";
  if (isDecryptionError(error)) return "decryption";
  if (/InResponseTo/i.test(message)) return "in-response-to";
  if (/signature/i.test(message)) return "signature";
  if (/expired|not yet valid|too old|subject confirmation/i.test(message)) return "time";
  if (/audience/i.test(message)) return "audience";
  if (/issuer/i.test(message)) return "issuer";
  return "invalid-response";
}

/** A failure to decrypt (wrong key, broken ciphertext), as opposed to a bad signature or condition. */
export function isDecryptionError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : "";
  return /decrypt|oaep|rsa routines|unable to authenticate|padding|EncryptedAssertion content|No decryption key/i.test(
    message,
  );
}

function parse(xml: string): Element {
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
  if (errors.length > 0 || !root) throw new SamlCheckFailure("invalid-response");
  return root;
}

function children(element: Element, namespace: string, localName: string): Element[] {
  return Array.from(element.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 && (node as Element).localName === localName && (node as Element).namespaceURI === namespace,
  );
}

function descendants(element: Element, namespace: string, localName: string): Element[] {
  return Array.from(element.getElementsByTagNameNS(namespace, localName));
}

function only(elements: Element[], reason: FailureReason): Element {
  const [first] = elements;
  if (!first || elements.length !== 1) throw new SamlCheckFailure(reason);
  return first;
}

function responseElement(xml: string): Element {
  const response = parse(xml);
  if (response.localName !== "Response" || response.namespaceURI !== protocolNamespace)
    throw new SamlCheckFailure("invalid-response");
  return response;
}

/** What a response claims to be, read before any signature is checked. */
export interface ResponseShape {
  inResponseTo?: string;
  /** The Response carries an enveloped signature (whether it verifies is node-saml's to say). */
  responseSigned: boolean;
  encrypted: boolean;
}

/**
 * The accepted profiles, decided before node-saml runs:
 * - a signed Response, its assertion signed or not, encrypted or not (Shibboleth's default);
 * - an unsigned Response whose assertion is signed and not encrypted (Entra ID's default).
 * An encrypted assertion in an unsigned Response is refused here, before anything is
 * decrypted: XML Encryption alone is open to padding and parse oracles, so the
 * ciphertext must be covered by the IdP's signature. Its algorithms are checked here too.
 */
export function inspectResponse(xml: string): ResponseShape {
  const response = responseElement(xml);
  const responseSigned = children(response, dsNamespace, "Signature").length > 0;
  const plain = children(response, assertionNamespace, "Assertion");
  const encrypted = children(response, assertionNamespace, "EncryptedAssertion");
  if (plain.length + encrypted.length > 1) throw new SamlCheckFailure("invalid-response");
  const inResponseTo = response.getAttribute("InResponseTo") || undefined;
  const [encryptedAssertion] = encrypted;
  if (encryptedAssertion) {
    if (!responseSigned) throw new SamlCheckFailure("encrypted-in-unsigned-response");
    checkEncryptionAlgorithms(encryptedAssertion);
  }
  return { inResponseTo, responseSigned, encrypted: Boolean(encryptedAssertion) };
}

function checkEncryptionAlgorithms(encryptedAssertion: Element): void {
  const data = only(children(encryptedAssertion, xencNamespace, "EncryptedData"), "invalid-response");
  const method = only(children(data, xencNamespace, "EncryptionMethod"), "algorithm").getAttribute("Algorithm");
  if (!(acceptedEncryption.content as readonly (string | null)[]).includes(method)) {
    throw new SamlCheckFailure("algorithm");
  }
  const keys = descendants(encryptedAssertion, xencNamespace, "EncryptedKey");
  if (keys.length === 0) throw new SamlCheckFailure("decryption");
  for (const key of keys) {
    const transport = only(children(key, xencNamespace, "EncryptionMethod"), "algorithm");
    if (!(acceptedEncryption.keyTransport as readonly (string | null)[]).includes(transport.getAttribute("Algorithm")))
      throw new SamlCheckFailure("algorithm");
    for (const digest of children(transport, dsNamespace, "DigestMethod")) {
      if (
        !(acceptedEncryption.keyTransportDigest as readonly (string | null)[]).includes(
          digest.getAttribute("Algorithm"),
        )
      )
        throw new SamlCheckFailure("algorithm");
    }
  }
}

function issuerOf(element: Element, expected: string): void {
  const issuer = only(children(element, assertionNamespace, "Issuer"), "issuer");
  if (issuer.textContent.trim() !== expected) throw new SamlCheckFailure("issuer");
}

/** The enveloped signature of `element` uses sha256 or stronger, for the digest and the signature. */
function strongSignature(signature: Element): void {
  const signedInfo = only(children(signature, dsNamespace, "SignedInfo"), "signature");
  const method =
    only(children(signedInfo, dsNamespace, "SignatureMethod"), "signature").getAttribute("Algorithm") ?? "";
  const digests = descendants(signedInfo, dsNamespace, "DigestMethod").map(
    (digest) => digest.getAttribute("Algorithm") ?? "",
  );
  if (
    !allowedSignatureMethods.has(method) ||
    digests.length === 0 ||
    digests.some((digest) => !allowedDigestMethods.has(digest))
  ) {
    throw new SamlCheckFailure("algorithm");
  }
}

/** Every signature the element itself carries (none, or one) is strong. */
function strongSignatures(element: Element): void {
  const signatures = children(element, dsNamespace, "Signature");
  if (signatures.length > 1) throw new SamlCheckFailure("signature");
  for (const signature of signatures) strongSignature(signature);
}

function timestamp(value: string | null): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

export interface CheckedAssertion {
  id: string;
  /** The request this answers: consumed, with the assertion id, when the person is signed in. */
  inResponseTo: string;
  /** When the assertion stops being acceptable (clock skew included): the replay guard keeps its id until then. */
  notOnOrAfter: Date;
}

export interface ExpectedResponse {
  issuer: string;
  callbackUrl: string;
  clockSkewMs: number;
}

/**
 * Run after node-saml has verified the signatures the profile needs (see
 * inspectResponse). `responseXml` is the posted response; `assertionXml` is the assertion
 * as node-saml took it from the signed content (decrypted, if it was encrypted).
 */
export function checkVerifiedResponse(
  responseXml: string,
  assertionXml: string,
  expected: ExpectedResponse,
): CheckedAssertion {
  const response = responseElement(responseXml);
  // node-saml checks neither Destination nor Recipient.
  if (response.getAttribute("Destination") !== expected.callbackUrl) throw new SamlCheckFailure("destination");
  issuerOf(response, expected.issuer);
  strongSignatures(response);
  const inResponseTo = response.getAttribute("InResponseTo");
  if (!inResponseTo) throw new SamlCheckFailure("in-response-to");

  const assertion = parse(assertionXml);
  if (assertion.localName !== "Assertion" || assertion.namespaceURI !== assertionNamespace)
    throw new SamlCheckFailure("invalid-response");
  const id = assertion.getAttribute("ID") ?? "";
  if (!/^[A-Za-z_][\w.-]{0,255}$/.test(id)) throw new SamlCheckFailure("invalid-response");
  const [embedded] = children(response, assertionNamespace, "Assertion");
  if (embedded && embedded.getAttribute("ID") !== id) throw new SamlCheckFailure("invalid-response");
  issuerOf(assertion, expected.issuer);
  strongSignatures(assertion);

  const subject = only(children(assertion, assertionNamespace, "Subject"), "recipient");
  const confirmations = children(subject, assertionNamespace, "SubjectConfirmation").filter(
    (confirmation) => confirmation.getAttribute("Method") === bearer,
  );
  if (confirmations.length === 0) throw new SamlCheckFailure("recipient");
  let notOnOrAfter = Number.POSITIVE_INFINITY;
  for (const confirmation of confirmations) {
    const data = only(children(confirmation, assertionNamespace, "SubjectConfirmationData"), "recipient");
    if (data.getAttribute("Recipient") !== expected.callbackUrl) throw new SamlCheckFailure("recipient");
    // When the Response is unsigned, this (signed) copy is what ties the assertion to our request.
    if (data.getAttribute("InResponseTo") !== inResponseTo) throw new SamlCheckFailure("in-response-to");
    const until = timestamp(data.getAttribute("NotOnOrAfter"));
    if (until === undefined) throw new SamlCheckFailure("time");
    notOnOrAfter = Math.min(notOnOrAfter, until);
  }
  for (const conditions of children(assertion, assertionNamespace, "Conditions")) {
    const until = timestamp(conditions.getAttribute("NotOnOrAfter"));
    if (until !== undefined) notOnOrAfter = Math.min(notOnOrAfter, until);
  }
  return { id, inResponseTo, notOnOrAfter: new Date(notOnOrAfter + expected.clockSkewMs) };
}

/**
 * Where to go after signing in: RelayState travels through the IdP and back, so it is
 * only used if it is a plain local path made of ordinary URL characters (no scheme, no
 * `//host`, no backslashes or control characters a browser might reinterpret).
 */
export function safeRelayState(candidate: unknown): string {
  if (typeof candidate !== "string" || candidate.length > 500) return urls.home;
  if (!/^\/(?![/\\])[A-Za-z0-9\-._~!$&'()*+,;=:@/?%]*$/.test(candidate)) return urls.home;
  return urls.safeReturnTo(candidate);
}
