// Checks of our own around node-saml's: before any XML parser sees the response (no DTDs),
// and after node-saml has verified the signatures (Destination, Recipient, Issuer,
// algorithms, the assertion id), plus the person's identity from the released attributes
// and where to send them afterwards. Failures are short reason codes: logs carry the
// code, never the assertion's content.
import { DOMParser } from "@xmldom/xmldom";
import { z } from "zod";
import type { SamlSettings } from "../../config/saml";
import { urls } from "../../routing/urls";

export type FailureReason =
  | "malformed-request"
  | "dtd"
  | "signature"
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
  if ((error as { name?: unknown })?.name === "SamlStatusError" || /provider returned/i.test(message))
    return "idp-status";
  if (/InResponseTo/i.test(message)) return "in-response-to";
  if (/signature/i.test(message)) return "signature";
  if (/expired|not yet valid|too old|subject confirmation/i.test(message)) return "time";
  if (/audience/i.test(message)) return "audience";
  if (/issuer/i.test(message)) return "issuer";
  return "invalid-response";
}

function parse(xml: string): Document {
  const errors: string[] = [];
  const document = new DOMParser({
    errorHandler: {
      warning: () => {},
      error: (message: string) => errors.push(message),
      fatalError: (message: string) => errors.push(message),
    },
  }).parseFromString(xml, "text/xml");
  if (errors.length > 0 || !document?.documentElement) throw new SamlCheckFailure("invalid-response");
  return document;
}

function children(element: Element, namespace: string, localName: string): Element[] {
  return Array.from(element.childNodes).filter(
    (node): node is Element =>
      node.nodeType === 1 && (node as Element).localName === localName && (node as Element).namespaceURI === namespace,
  );
}

function only(elements: Element[], reason: FailureReason): Element {
  if (elements.length !== 1) throw new SamlCheckFailure(reason);
  return elements[0]!;
}

/** node-saml compares `idpIssuer` only on logout messages, so responses and assertions are checked here. */
function issuerOf(element: Element, settings: SamlSettings): void {
  const issuer = children(element, assertionNamespace, "Issuer");
  if (issuer.length !== 1 || issuer[0]!.textContent?.trim() !== settings.idpIssuer)
    throw new SamlCheckFailure("issuer");
}

/** The enveloped signature of `element` uses sha256 or stronger, for the digest and the signature. */
function strongSignature(element: Element): void {
  const signature = only(children(element, dsNamespace, "Signature"), "signature");
  const signedInfo = only(children(signature, dsNamespace, "SignedInfo"), "signature");
  const method =
    only(children(signedInfo, dsNamespace, "SignatureMethod"), "signature").getAttribute("Algorithm") ?? "";
  const digests = Array.from(signedInfo.getElementsByTagNameNS(dsNamespace, "DigestMethod")).map(
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

function timestamp(value: string | null): number | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}

export interface CheckedAssertion {
  id: string;
  /** When the assertion stops being acceptable (clock skew included): the replay guard keeps its id until then. */
  notOnOrAfter: Date;
}

/**
 * Run after node-saml has verified both signatures. `responseXml` is the posted
 * response, whose root node-saml verified as signed (an enveloped signature over the
 * whole root); `assertionXml` is the assertion as node-saml took it from the signed
 * content.
 */
export function checkVerifiedResponse(
  responseXml: string,
  assertionXml: string,
  settings: SamlSettings,
): CheckedAssertion {
  const response = parse(responseXml).documentElement!;
  if (response.localName !== "Response" || response.namespaceURI !== protocolNamespace)
    throw new SamlCheckFailure("invalid-response");
  // node-saml checks neither Destination nor Recipient.
  if (response.getAttribute("Destination") !== settings.callbackUrl) throw new SamlCheckFailure("destination");
  issuerOf(response, settings);
  strongSignature(response);
  const embedded = only(children(response, assertionNamespace, "Assertion"), "invalid-response");
  strongSignature(embedded);

  const assertion = parse(assertionXml).documentElement!;
  if (assertion.localName !== "Assertion" || assertion.namespaceURI !== assertionNamespace)
    throw new SamlCheckFailure("invalid-response");
  const id = assertion.getAttribute("ID") ?? "";
  if (!/^[A-Za-z_][\w.-]{0,255}$/.test(id) || embedded.getAttribute("ID") !== id)
    throw new SamlCheckFailure("invalid-response");
  issuerOf(assertion, settings);

  const subject = only(children(assertion, assertionNamespace, "Subject"), "recipient");
  const confirmations = children(subject, assertionNamespace, "SubjectConfirmation").filter(
    (confirmation) => confirmation.getAttribute("Method") === bearer,
  );
  if (confirmations.length === 0) throw new SamlCheckFailure("recipient");
  let notOnOrAfter = Number.POSITIVE_INFINITY;
  for (const confirmation of confirmations) {
    const data = only(children(confirmation, assertionNamespace, "SubjectConfirmationData"), "recipient");
    if (data.getAttribute("Recipient") !== settings.callbackUrl) throw new SamlCheckFailure("recipient");
    const until = timestamp(data.getAttribute("NotOnOrAfter"));
    if (until === undefined) throw new SamlCheckFailure("time");
    notOnOrAfter = Math.min(notOnOrAfter, until);
  }
  for (const conditions of children(assertion, assertionNamespace, "Conditions")) {
    const until = timestamp(conditions.getAttribute("NotOnOrAfter"));
    if (until !== undefined) notOnOrAfter = Math.min(notOnOrAfter, until);
  }
  return { id, notOnOrAfter: new Date(notOnOrAfter + settings.clockSkewMs) };
}

export interface SamlIdentity {
  username: string;
  displayName: string;
  email: string;
  departmentCode?: string;
}

const identitySchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9._@-]{0,99}$/),
  displayName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(320).optional().catch(undefined),
  departmentCode: z.string().trim().min(1).max(50).optional().catch(undefined),
});

function firstValue(attributes: Record<string, unknown>, names: readonly string[]): string | undefined {
  for (const name of names) {
    if (!Object.hasOwn(attributes, name)) continue;
    const value = attributes[name];
    const first = Array.isArray(value) ? value.find((item) => typeof item === "string") : value;
    if (typeof first === "string" && first.trim()) return first;
  }
  return undefined;
}

/** The person from the released attributes; the person id attribute is required. */
export function identityFrom(attributes: unknown, settings: SamlSettings): SamlIdentity {
  const released = attributes && typeof attributes === "object" ? (attributes as Record<string, unknown>) : {};
  const parsed = identitySchema.safeParse({
    username: firstValue(released, settings.attributes.personId),
    displayName: firstValue(released, settings.attributes.displayName),
    email: firstValue(released, settings.attributes.email),
    departmentCode: firstValue(released, settings.attributes.departmentCode),
  });
  if (!parsed.success) throw new SamlCheckFailure("attributes");
  const { username, displayName, email, departmentCode } = parsed.data;
  return {
    username,
    displayName: displayName ?? username,
    email: email ?? "",
    ...(departmentCode ? { departmentCode } : {}),
  };
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
