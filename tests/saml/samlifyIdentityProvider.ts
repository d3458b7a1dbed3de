// An identity provider built on samlify, an independent SAML implementation (its own
// templates, signing order, and XML Encryption through @authenio/xml-encryption), so the
// responses our service provider is tested against are not made by our own signer. It
// reads our published metadata as a real IdP would (our ACS address, entity id and
// encryption certificate come from there) and produces the shapes real IdPs send by
// default: Shibboleth's (signed Response, unsigned assertion, encrypted), Entra ID's
// (signed assertion only), both signed, and the variants we must refuse.
import { createHash, randomBytes } from "node:crypto";
import * as samlify from "samlify";
import { SignedXml } from "xml-crypto";
import { defaultSamlAttributes } from "../../src/config/saml";
import { newSigningIdentity, type SigningIdentity } from "./testIdentityProvider";

// samlify checks inbound messages against the SAML schema with a pluggable validator;
// this IdP parses no inbound message it relies on, so a permissive one is enough here
// (the real validators need Java). Test IdP only: the app never uses samlify.
samlify.setSchemaValidator({ validate: () => Promise.resolve("skipped in the test IdP") });

const encryption = {
  aes256gcm: "http://www.w3.org/2009/xmlenc11#aes256-gcm",
  aes128gcm: "http://www.w3.org/2009/xmlenc11#aes128-gcm",
  aes256cbc: "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
  tripleDes: "http://www.w3.org/2001/04/xmlenc#tripledes-cbc",
  rsaOaep: "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
  rsa15: "http://www.w3.org/2001/04/xmlenc#rsa-1_5",
} as const;

export interface Profile {
  /** The IdP signs the whole Response. */
  signResponse: boolean;
  /** The IdP signs the assertion (samlify does when our metadata says WantAssertionsSigned). */
  signAssertion: boolean;
  /** Encrypt the assertion to the encryption certificate in our metadata. */
  encrypt?: { content: keyof typeof encryption; keyTransport: keyof typeof encryption };
  /**
   * samlify's default order signs the Response and then encrypts the assertion, which
   * breaks the Response signature; Shibboleth encrypts first. True is Shibboleth's order.
   */
  encryptThenSign?: boolean;
}

export const profiles = {
  shibbolethDefault: {
    signResponse: true,
    signAssertion: false,
    encrypt: { content: "aes256gcm", keyTransport: "rsaOaep" },
    encryptThenSign: true,
  },
  entraDefault: { signResponse: false, signAssertion: true },
  bothSigned: { signResponse: true, signAssertion: true },
  responseSignedOnly: { signResponse: true, signAssertion: false },
  bothSignedEncrypted: {
    signResponse: true,
    signAssertion: true,
    encrypt: { content: "aes128gcm", keyTransport: "rsaOaep" },
    encryptThenSign: true,
  },
  shibbolethCbc: {
    signResponse: true,
    signAssertion: false,
    encrypt: { content: "aes256cbc", keyTransport: "rsaOaep" },
    encryptThenSign: true,
  },
  encryptedInUnsignedResponse: {
    signResponse: false,
    signAssertion: true,
    encrypt: { content: "aes256gcm", keyTransport: "rsaOaep" },
  },
  rsa15KeyTransport: {
    signResponse: true,
    signAssertion: false,
    encrypt: { content: "aes256gcm", keyTransport: "rsa15" },
    encryptThenSign: true,
  },
  tripleDes: {
    signResponse: true,
    signAssertion: false,
    encrypt: { content: "tripleDes", keyTransport: "rsaOaep" },
    encryptThenSign: true,
  },
  signedThenEncrypted: {
    signResponse: true,
    signAssertion: false,
    encrypt: { content: "aes256gcm", keyTransport: "rsaOaep" },
    encryptThenSign: false,
  },
} satisfies Record<string, Profile>;

export interface SamlifyPerson {
  uid?: string;
  eppn?: string;
  subjectId?: string;
  displayName?: string;
  mail?: string;
  affiliations?: string[];
  /** The NameID; persistent unless `transient`, random unless given. */
  persistentId?: string;
  transient?: boolean;
}

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

function attribute(name: string, values: string[]): string {
  const body = values
    .map(
      (value) =>
        `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${escapeXml(value)}</saml:AttributeValue>`,
    )
    .join("");
  return `<saml:Attribute Name="${escapeXml(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">${body}</saml:Attribute>`;
}

function attributeStatement(person: SamlifyPerson): string {
  const released: [string, string[]][] = [];
  if (person.uid) released.push([defaultSamlAttributes.personId[0], [person.uid]]);
  if (person.eppn) released.push(["urn:oid:1.3.6.1.4.1.5923.1.1.1.6", [person.eppn]]);
  if (person.subjectId) released.push(["urn:oasis:names:tc:SAML:attribute:subject-id", [person.subjectId]]);
  if (person.displayName) released.push([defaultSamlAttributes.displayName[0], [person.displayName]]);
  if (person.mail) released.push([defaultSamlAttributes.email[0], [person.mail]]);
  if (person.affiliations) released.push([defaultSamlAttributes.affiliation[0], person.affiliations]);
  return `<saml:AttributeStatement>${released.map(([name, values]) => attribute(name, values)).join("")}</saml:AttributeStatement>`;
}

const newId = () => `_${randomBytes(20).toString("hex")}`;

export class SamlifyIdentityProvider {
  /** The key that signs now; `previous` is the one it is rolling over from. */
  signing: SigningIdentity;

  constructor(
    readonly entityId: string,
    readonly ssoUrl: string,
    readonly options: { sloUrl?: string; signing?: SigningIdentity } = {},
  ) {
    this.signing = options.signing ?? newSigningIdentity("idp.samlify.test");
  }

  /** The IdP's metadata, listing every certificate given (several during a key rollover). */
  metadata(certificates: string[] = [this.signing.certificate]): string {
    return samlify
      .IdentityProvider({
        entityID: this.entityId,
        signingCert: certificates,
        nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
        singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: this.ssoUrl }],
        singleLogoutService: this.options.sloUrl
          ? [{ Binding: samlify.Constants.namespace.binding.redirect, Location: this.options.sloUrl }]
          : [],
      })
      .getMetadata();
  }

  /**
   * A response as this IdP would POST it (base64), for `spMetadata` (ours, as published),
   * answering `inResponseTo`. `signer` signs instead of the current key.
   */
  async response(options: {
    spMetadata: string;
    profile: Profile;
    inResponseTo: string;
    person: SamlifyPerson;
    signer?: SigningIdentity;
    /** Encrypt to this certificate instead of the one in our metadata. */
    encryptTo?: string;
  }): Promise<string> {
    const { profile, person } = options;
    const signer = options.signer ?? this.signing;
    let spMetadata = options.spMetadata.replace(
      /WantAssertionsSigned="[^"]*"/,
      `WantAssertionsSigned="${String(profile.signAssertion)}"`,
    );
    if (options.encryptTo) {
      const body = options.encryptTo.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");
      spMetadata = spMetadata.replace(
        /(<KeyDescriptor use="encryption">[\s\S]*?<ds:X509Certificate>)[^<]+/,
        (_match, before: string) => `${before}${body}`,
      );
    }
    const sp = samlify.ServiceProvider({ metadata: spMetadata, wantMessageSigned: profile.signResponse });
    const idp = samlify.IdentityProvider({
      entityID: this.entityId,
      privateKey: signer.privateKey,
      signingCert: signer.certificate,
      isAssertionEncrypted: Boolean(profile.encrypt),
      ...(profile.encrypt
        ? {
            dataEncryptionAlgorithm: encryption[profile.encrypt.content],
            keyEncryptionAlgorithm: encryption[profile.encrypt.keyTransport],
          }
        : {}),
      requestSignatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      nameIDFormat: ["urn:oasis:names:tc:SAML:2.0:nameid-format:persistent"],
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: this.ssoUrl }],
      singleLogoutService: [
        { Binding: samlify.Constants.namespace.binding.redirect, Location: this.options.sloUrl ?? this.ssoUrl },
      ],
    });
    const now = new Date();
    const later = new Date(now.getTime() + 5 * 60_000).toISOString();
    // Like a real IdP: the same person gets the same persistent NameID every time.
    const nameId =
      person.persistentId ??
      createHash("sha256")
        .update(`${this.entityId}!${person.uid ?? person.eppn ?? person.subjectId ?? ""}`)
        .digest("base64");
    const acs = /AssertionConsumerService[^>]*Location="([^"]+)"/.exec(spMetadata)?.[1] ?? "";
    const audience = /entityID="([^"]+)"/.exec(spMetadata)?.[1] ?? "";
    const template = samlify.SamlLib.defaultLoginResponseTemplate.context
      .replace(
        "{AuthnStatement}",
        `<saml:AuthnStatement AuthnInstant="${now.toISOString()}" SessionIndex="${newId()}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>`,
      )
      .replace("{AttributeStatement}", attributeStatement(person));
    const { context } = await idp.createLoginResponse(
      sp,
      { extract: { request: { id: options.inResponseTo } } },
      "post",
      {},
      {
        customTagReplacement: () => ({
          id: newId(),
          context: samlify.SamlLib.replaceTagsByValue(template, {
            ID: newId(),
            AssertionID: newId(),
            Destination: acs,
            Audience: audience,
            SubjectRecipient: acs,
            Issuer: this.entityId,
            IssueInstant: now.toISOString(),
            StatusCode: "urn:oasis:names:tc:SAML:2.0:status:Success",
            ConditionsNotBefore: now.toISOString(),
            ConditionsNotOnOrAfter: later,
            SubjectConfirmationDataNotOnOrAfter: later,
            NameIDFormat: `urn:oasis:names:tc:SAML:2.0:nameid-format:${person.transient ? "transient" : "persistent"}`,
            NameID: nameId,
            InResponseTo: options.inResponseTo,
          }),
        }),
        encryptThenSign: profile.encryptThenSign ?? false,
      },
    );
    return context;
  }
}

/** What a response looks like, for the table the tests print: which parts are signed or encrypted. */
export function describeResponse(base64: string): string {
  const xml = Buffer.from(base64, "base64").toString("utf8");
  const responseSigned = /<samlp:Response[^>]*>(?:(?!<saml:(?:Encrypted)?Assertion)[\s\S])*<ds:Signature/.test(xml);
  const encrypted = xml.includes("EncryptedAssertion");
  const assertionSigned = !encrypted && /<saml:Assertion[\s\S]*<ds:Signature[\s\S]*<\/saml:Assertion>/.test(xml);
  const algorithm = /EncryptedData[\s\S]*?EncryptionMethod Algorithm="[^#]*#([^"]+)"/.exec(xml)?.[1];
  return [
    responseSigned ? "Response signed" : "Response unsigned",
    encrypted
      ? `assertion encrypted (${algorithm ?? "?"})`
      : assertionSigned
        ? "assertion signed"
        : "assertion unsigned",
  ].join(", ");
}

/**
 * A federation-style metadata aggregate (an EntitiesDescriptor, as the UK federation
 * publishes), signed by the federation's key: an enveloped RSA-SHA256 signature of the root.
 */
export function signedAggregate(entities: string[], federation: SigningIdentity, validUntil?: Date): string {
  const body = entities.map((entity) => entity.replace(/^<\?xml[^>]*>\s*/, "")).join("\n");
  const xml = `<?xml version="1.0" encoding="UTF-8"?><md:EntitiesDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" ID="${newId()}" Name="https://federation.test.example"${validUntil ? ` validUntil="${validUntil.toISOString()}"` : ""}>${body}</md:EntitiesDescriptor>`;
  const signature = new SignedXml({
    privateKey: federation.privateKey,
    publicCert: federation.certificate,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signature.addReference({
    xpath: "/*[local-name(.)='EntitiesDescriptor']",
    transforms: ["http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#"],
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
  });
  signature.computeSignature(xml, { prefix: "ds", location: { reference: "/*", action: "prepend" } });
  return signature.getSignedXml();
}
