// A SAML identity provider that lives inside the tests: a throwaway RSA key and a
// self-signed certificate made at test time, responses signed with xml-crypto (sha256,
// exclusive c14n, enveloped signatures on the assertion and on the response, the
// certificate embedded in KeyInfo as real IdPs do), and every broken variant the
// service provider must refuse.
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  X509Certificate,
  type KeyObject,
} from "node:crypto";
import { inflateRawSync } from "node:zlib";
import { SignedXml } from "xml-crypto";
import { defaultSamlAttributes } from "../../src/config/saml";

// ---------------------------------------------------------------------------------------
// A minimal DER encoder: just enough for a v1 X.509 certificate (node:crypto makes keys
// and signs, but does not build certificates).
function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const der = (tag: number, ...content: Buffer[]) => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
};
const sequence = (...content: Buffer[]) => der(0x30, ...content);
const set = (...content: Buffer[]) => der(0x31, ...content);
const utf8 = (text: string) => der(0x0c, Buffer.from(text, "utf8"));
const utcTime = (date: Date) =>
  der(0x17, Buffer.from(`${date.toISOString().slice(2, 19).replace(/[-T:]/g, "")}Z`, "ascii"));
function integer(value: Buffer): Buffer {
  const trimmed = value[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), value]) : value;
  return der(0x02, trimmed);
}
function oid(dotted: string): Buffer {
  const [first, second, ...rest] = dotted.split(".").map(Number);
  const bytes = [first! * 40 + second!];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let value = part >> 7; value > 0; value >>= 7) chunk.unshift((value & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return der(0x06, Buffer.from(bytes));
}
const sha256WithRsa = sequence(oid("1.2.840.113549.1.1.11"), der(0x05));
const distinguishedName = (commonName: string) => sequence(set(sequence(oid("2.5.4.3"), utf8(commonName))));

/** A self-signed certificate for `privateKey`, valid from a day ago for a year. */
export function selfSignedCertificate(privateKey: KeyObject, commonName: string): string {
  const publicKey = createPublicKey(privateKey).export({ type: "spki", format: "der" });
  const name = distinguishedName(commonName);
  const now = Date.now();
  // A positive serial with no leading zero byte: DER integers are minimal, and a random
  // first byte of 0x00 made one certificate in ~500 unreadable ("illegal padding").
  const serial = randomBytes(12);
  serial[0] = (serial[0]! & 0x7f) | 0x01;
  const tbs = sequence(
    integer(serial),
    sha256WithRsa,
    name,
    sequence(utcTime(new Date(now - 86_400_000)), utcTime(new Date(now + 365 * 86_400_000))),
    name,
    Buffer.from(publicKey),
  );
  const signature = sign("sha256", tbs, privateKey);
  const certificate = sequence(tbs, sha256WithRsa, der(0x03, Buffer.from([0]), signature));
  const pem = `-----BEGIN CERTIFICATE-----\n${(certificate.toString("base64").match(/.{1,64}/g) ?? []).join("\n")}\n-----END CERTIFICATE-----\n`;
  new X509Certificate(pem); // a certificate Node itself can read, or fail here
  return pem;
}

export interface SigningIdentity {
  privateKey: string;
  certificate: string;
}

export function newSigningIdentity(commonName: string): SigningIdentity {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    privateKey: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    certificate: selfSignedCertificate(privateKey, commonName),
  };
}

// ---------------------------------------------------------------------------------------
const ns = {
  protocol: "urn:oasis:names:tc:SAML:2.0:protocol",
  assertion: "urn:oasis:names:tc:SAML:2.0:assertion",
};
const algorithms = {
  sha256: {
    signature: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    digest: "http://www.w3.org/2001/04/xmlenc#sha256",
  },
  sha1: { signature: "http://www.w3.org/2000/09/xmldsig#rsa-sha1", digest: "http://www.w3.org/2000/09/xmldsig#sha1" },
} as const;

const escapeXml = (value: string) =>
  value
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
const instant = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
const newId = () => `_${randomBytes(20).toString("hex")}`;

export interface Person {
  uid: string;
  displayName?: string;
  mail?: string;
  department?: string;
}

export interface ResponseOptions {
  /** The AuthnRequest id this answers (omit for an unsolicited response). */
  inResponseTo?: string;
  person: Person;
  /** Defaults: everything right for the service provider under test. */
  issuer?: string;
  audience?: string;
  destination?: string;
  recipient?: string;
  /** Offsets from now, in milliseconds. */
  issuedAt?: number;
  notBefore?: number;
  notOnOrAfter?: number;
  /** What carries a signature. */
  sign?: "both" | "assertion" | "response" | "none";
  /** Sign with another key, and embed that key's certificate. */
  signer?: SigningIdentity;
  algorithm?: keyof typeof algorithms;
  assertionId?: string;
  /** Attribute names to use (default: the OID names the service provider expects first). */
  attributeNames?: Partial<Record<keyof Person, string>>;
  /** Applied to the signed XML: breaks what was signed. */
  afterSigning?: (xml: string) => string;
}

export class TestIdentityProvider {
  readonly entityId = "https://idp.test.example/idp/shibboleth";
  readonly ssoUrl = "https://idp.test.example/idp/profile/SAML2/Redirect/SSO";
  readonly signing = newSigningIdentity("idp.test.example");
  /** Someone else's key and certificate, for forged responses. */
  readonly stranger = newSigningIdentity("idp.test.example");

  constructor(readonly serviceProvider: { entityId: string; callbackUrl: string }) {}

  /** The SAML_* settings that point the app at this IdP. */
  settings(): Record<string, string> {
    return {
      SAML_IDP_CERT: this.signing.certificate,
      SAML_IDP_SSO_URL: this.ssoUrl,
      SAML_IDP_ISSUER: this.entityId,
      SAML_SP_ENTITY_ID: this.serviceProvider.entityId,
    };
  }

  /** IdP metadata describing this IdP, as a University would publish it. */
  metadata(): string {
    const body = this.signing.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");
    return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${this.entityId}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${body}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.test.example/idp/profile/SAML2/POST/SSO"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${this.ssoUrl}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>`;
  }

  /** Reads the AuthnRequest out of the redirect the service provider sent the browser. */
  readAuthnRequest(location: string): {
    id: string;
    destination: string;
    acsUrl: string;
    issuer: string;
    relayState: string | null;
    xml: string;
  } {
    const url = new URL(location);
    if (`${url.origin}${url.pathname}` !== this.ssoUrl) throw new Error(`not sent to the IdP: ${location}`);
    const encoded = url.searchParams.get("SAMLRequest");
    if (!encoded) throw new Error("no SAMLRequest");
    const xml = inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8");
    const attribute = (name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(xml)?.[1] ?? "";
    return {
      id: attribute("ID"),
      destination: attribute("Destination"),
      acsUrl: attribute("AssertionConsumerServiceURL"),
      issuer: /<saml:Issuer[^>]*>([^<]*)<\/saml:Issuer>/.exec(xml)?.[1] ?? "",
      relayState: url.searchParams.get("RelayState"),
      xml,
    };
  }

  /** A SAML response as the IdP would POST it (base64), right in every way unless told otherwise. */
  response(options: ResponseOptions): string {
    return Buffer.from(this.responseXml(options), "utf8").toString("base64");
  }

  responseXml(options: ResponseOptions): string {
    const sp = this.serviceProvider;
    const issuer = escapeXml(options.issuer ?? this.entityId);
    const destination = escapeXml(options.destination ?? sp.callbackUrl);
    const recipient = escapeXml(options.recipient ?? sp.callbackUrl);
    const audience = escapeXml(options.audience ?? sp.entityId);
    const issuedAt = options.issuedAt ?? 0;
    const notBefore = instant(options.notBefore ?? issuedAt - 1000);
    const notOnOrAfter = instant(options.notOnOrAfter ?? issuedAt + 5 * 60_000);
    const inResponseTo = options.inResponseTo ? ` InResponseTo="${escapeXml(options.inResponseTo)}"` : "";
    const assertionId = options.assertionId ?? newId();
    const names = {
      uid: defaultSamlAttributes.personId[0],
      displayName: defaultSamlAttributes.displayName[0],
      mail: defaultSamlAttributes.email[0],
      department: defaultSamlAttributes.departmentCode[0],
      ...options.attributeNames,
    };
    const attributes = (Object.keys(names) as (keyof Person)[])
      .filter((key) => options.person[key] !== undefined)
      .map(
        (key) =>
          `<saml:Attribute Name="${escapeXml(names[key])}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${escapeXml(options.person[key]!)}</saml:AttributeValue></saml:Attribute>`,
      )
      .join("");
    const nameId = createHash("sha256").update(options.person.uid).digest("hex").slice(0, 32);

    let xml =
      `<samlp:Response xmlns:samlp="${ns.protocol}" xmlns:saml="${ns.assertion}" ID="${newId()}" Version="2.0" IssueInstant="${instant(issuedAt)}" Destination="${destination}"${inResponseTo}>` +
      `<saml:Issuer>${issuer}</saml:Issuer>` +
      `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
      `<saml:Assertion xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${assertionId}" Version="2.0" IssueInstant="${instant(issuedAt)}">` +
      `<saml:Issuer>${issuer}</saml:Issuer>` +
      `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${nameId}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${notOnOrAfter}" Recipient="${recipient}"/></saml:SubjectConfirmation></saml:Subject>` +
      `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}"><saml:AudienceRestriction><saml:Audience>${audience}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
      `<saml:AuthnStatement AuthnInstant="${instant(issuedAt)}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
      `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` +
      `</saml:Assertion></samlp:Response>`;

    const what = options.sign ?? "both";
    const signer = options.signer ?? this.signing;
    const algorithm = algorithms[options.algorithm ?? "sha256"];
    if (what === "both" || what === "assertion") {
      xml = signXml(
        xml,
        "//*[local-name(.)='Assertion']",
        "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']",
        signer,
        algorithm,
      );
    }
    if (what === "both" || what === "response") {
      xml = signXml(
        xml,
        "/*[local-name(.)='Response']",
        "/*[local-name(.)='Response']/*[local-name(.)='Issuer']",
        signer,
        algorithm,
      );
    }
    return options.afterSigning ? options.afterSigning(xml) : xml;
  }
}

function signXml(
  xml: string,
  reference: string,
  after: string,
  signer: SigningIdentity,
  algorithm: (typeof algorithms)[keyof typeof algorithms],
): string {
  const signature = new SignedXml({
    privateKey: signer.privateKey,
    publicCert: signer.certificate,
    signatureAlgorithm: algorithm.signature,
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    getKeyInfoContent: (args?: Parameters<typeof SignedXml.getKeyInfoContent>[0]) =>
      args ? SignedXml.getKeyInfoContent(args) : null,
  });
  signature.addReference({
    xpath: reference,
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: algorithm.digest,
  });
  signature.computeSignature(xml, { prefix: "ds", location: { reference: after, action: "after" } });
  return signature.getSignedXml();
}

/** The classic entity-expansion bomb, as a SAML response would carry it. */
export function billionLaughs(): string {
  const entities = ['<!ENTITY lol "lol">'];
  for (let level = 1; level <= 9; level += 1) {
    entities.push(`<!ENTITY lol${level} "${`&lol${level === 1 ? "" : level - 1};`.repeat(10)}">`);
  }
  const xml = `<?xml version="1.0"?><!DOCTYPE samlp:Response [${entities.join("")}]><samlp:Response xmlns:samlp="${ns.protocol}" ID="_x" Version="2.0"><saml:Issuer xmlns:saml="${ns.assertion}">&lol9;</saml:Issuer></samlp:Response>`;
  return Buffer.from(xml, "utf8").toString("base64");
}
