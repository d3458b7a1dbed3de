// Our SAML metadata, as the identity team registers it: entity id, assertion consumer
// service, single logout (when we can sign a LogoutRequest), the certificate that signs our
// requests (use="signing") and the one assertions are encrypted to (use="encryption", with
// the algorithms we accept). Written here rather than by node-saml, whose metadata can only
// offer single logout over HTTP-POST and cannot list the key transport we require.
import type { SamlSettings } from "../../config/saml";
import { acceptedEncryption } from "./checks";

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const certificateBody = (pem: string) => pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");

function keyDescriptor(use: "signing" | "encryption", certificate: string, methods: string[] = []): string {
  return [
    `    <KeyDescriptor use="${use}">`,
    `      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certificateBody(certificate)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>`,
    ...methods,
    `    </KeyDescriptor>`,
  ].join("\n");
}

export function serviceProviderMetadata(settings: SamlSettings): string {
  const keys: string[] = [];
  if (settings.spSigning) keys.push(keyDescriptor("signing", settings.spSigning.certificate));
  if (settings.spEncryption) {
    const methods = [
      ...acceptedEncryption.content.map((algorithm) => `      <EncryptionMethod Algorithm="${algorithm}"/>`),
      ...acceptedEncryption.keyTransport.map(
        (algorithm) =>
          `      <EncryptionMethod Algorithm="${algorithm}"><ds:DigestMethod Algorithm="${acceptedEncryption.keyTransportDigest[0]}"/></EncryptionMethod>`,
      ),
    ];
    keys.push(keyDescriptor("encryption", settings.spEncryption.certificate, methods));
  }
  // Single logout needs a signed LogoutRequest, so it is offered only with a signing key.
  const logout = settings.spSigning
    ? [
        `    <SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="${escapeXml(settings.logoutCallbackUrl)}"/>`,
      ]
    : [];
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<EntityDescriptor xmlns="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="${escapeXml(settings.spEntityId)}">`,
    // WantAssertionsSigned asks IdPs that honour it (Shibboleth does) to sign the assertion
    // as well as the response; a signed response alone is accepted too (see checks.ts).
    `  <SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol" AuthnRequestsSigned="${settings.spSigning ? "true" : "false"}" WantAssertionsSigned="true">`,
    ...keys,
    ...logout,
    `    <AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="${escapeXml(settings.callbackUrl)}" index="1" isDefault="true"/>`,
    `  </SPSSODescriptor>`,
    `</EntityDescriptor>`,
    ``,
  ].join("\n");
}
