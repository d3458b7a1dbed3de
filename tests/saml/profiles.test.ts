// The response shapes real identity providers send by default, made by samlify (an
// independent SAML implementation) reading our published metadata, through the real
// sign-in: the button, the IdP, the POST back from the same browser. Accepted: a signed
// Response (its assertion signed or not, encrypted or not) and an unsigned Response whose
// assertion is signed and not encrypted. Refused: an encrypted assertion in an unsigned
// Response, weak encryption, and everything refused before.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { capturingLogger, CookieBrowser, requestIdOf } from "./samlTestKit";
import {
  describeResponse,
  profiles,
  SamlifyIdentityProvider,
  type Profile,
  type SamlifyPerson,
} from "./samlifyIdentityProvider";
import { newSigningIdentity } from "./testIdentityProvider";

const baseUrl = "https://spo.test.example";
const spEntityId = "https://spo.test.example/saml/sp";
const resultsFile = path.resolve(import.meta.dirname, "../../test-results/saml-profiles.md");

describe(`IdP default profiles, from samlify (${databaseLabel})`, () => {
  const idp = new SamlifyIdentityProvider(
    "https://idp.samlify.test/idp/shibboleth",
    "https://idp.samlify.test/idp/profile/SAML2/Redirect/SSO",
  );
  const currentKey = newSigningIdentity("spo.test.example encryption 2026");
  const previousKey = newSigningIdentity("spo.test.example encryption 2025");
  const retiredKey = newSigningIdentity("spo.test.example encryption 2024");
  const stranger = newSigningIdentity("idp.samlify.test");
  const log = capturingLogger();
  const table: string[] = [];
  let testApp: TestApp;
  let app: Express;
  let spMetadata: string;
  let counter = 0;

  beforeAll(async () => {
    testApp = await startTestApp({
      config: {
        BASE_URL: baseUrl,
        SAML_SP_ENTITY_ID: spEntityId,
        SAML_IDP_CERT: idp.signing.certificate,
        SAML_IDP_SSO_URL: idp.ssoUrl,
        SAML_IDP_ISSUER: idp.entityId,
        // The current key first (its certificate is published), then the one rolled over from.
        SAML_SP_ENCRYPTION_KEY: `${currentKey.privateKey}\n${previousKey.privateKey}`,
        SAML_SP_ENCRYPTION_CERT: currentKey.certificate,
      },
    });
    app = createApp(testApp.services, log.logger);
    spMetadata = (await request(app).get("/sign-in/saml/metadata")).text;
  });
  afterAll(async () => {
    await mkdir(path.dirname(resultsFile), { recursive: true });
    await writeFile(
      resultsFile,
      ["| IdP profile | what samlify sent | result |", "| --- | --- | --- |", ...table, ""].join("\n"),
    );
    await testApp.close();
  });

  function person(overrides: Partial<SamlifyPerson> = {}): SamlifyPerson {
    counter += 1;
    return {
      uid: `pro${counter}`,
      displayName: `Profile Person ${counter}`,
      mail: `pro${counter}@uni.example.ac.uk`,
      ...overrides,
    };
  }

  async function signInWith(
    name: string,
    profile: Profile,
    options: { signer?: typeof stranger; encryptTo?: string; metadata?: string; person?: SamlifyPerson } = {},
  ) {
    const browser = new CookieBrowser(app);
    const inResponseTo = requestIdOf(await browser.startSignIn());
    const response = await idp.response({
      spMetadata: options.metadata ?? spMetadata,
      profile,
      inResponseTo,
      person: options.person ?? person(),
      ...(options.signer ? { signer: options.signer } : {}),
      ...(options.encryptTo ? { encryptTo: options.encryptTo } : {}),
    });
    const sessionsBefore = await testApp.services.prisma.session.count({ where: { userId: { not: null } } });
    const result = await browser.postResponse(response);
    const sessionsAfter = await testApp.services.prisma.session.count({ where: { userId: { not: null } } });
    const outcome =
      result.status === 303 ? "303, signed in" : `${result.status}, refused (${String(log.lastRejection())})`;
    table.push(`| ${name} | ${describeResponse(response)} | ${outcome} |`);
    return {
      status: result.status,
      reason: log.lastRejection(),
      newSessions: sessionsAfter - sessionsBefore,
      browser,
      response,
    };
  }

  describe("accepted", () => {
    it.each([
      [
        "Shibboleth default: signed Response, unsigned assertion encrypted (RSA-OAEP, AES-256-GCM)",
        profiles.shibbolethDefault,
      ],
      ["Shibboleth with AES-256-CBC content encryption (older IdPs)", profiles.shibbolethCbc],
      ["Entra ID default: signed assertion only", profiles.entraDefault],
      ["both signed", profiles.bothSigned],
      ["signed Response, unsigned assertion, not encrypted", profiles.responseSignedOnly],
      ["both signed, assertion encrypted (AES-128-GCM)", profiles.bothSignedEncrypted],
    ] as const)("%s", async (name, profile) => {
      const { status, newSessions } = await signInWith(name, profile);
      expect(status).toBe(303);
      expect(newSessions).toBe(1);
    });

    it("our encryption key rollover: an IdP still encrypting to the previous certificate", async () => {
      const { status } = await signInWith(
        "Shibboleth default, encrypted to our previous key (rollover)",
        profiles.shibbolethDefault,
        {
          encryptTo: previousKey.certificate,
        },
      );
      expect(status).toBe(303);
    });

    it("the person is the one named in the decrypted assertion", async () => {
      await signInWith("Shibboleth default (attributes checked)", profiles.shibbolethDefault, {
        person: { uid: "ab123", displayName: "Dr Alice Barker", mail: "ab123@uni.example.ac.uk" },
      });
      const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
      expect(user).toMatchObject({ displayName: "Dr Alice Barker", email: "ab123@uni.example.ac.uk" });
    });
  });

  describe("refused: 401, no session", () => {
    const refused: [string, Profile, string, () => Parameters<typeof signInWith>[2]][] = [
      [
        "encrypted assertion in an unsigned Response",
        profiles.encryptedInUnsignedResponse,
        "encrypted-in-unsigned-response",
        () => ({}),
      ],
      ["RSA PKCS#1 v1.5 key transport", profiles.rsa15KeyTransport, "algorithm", () => ({})],
      ["Triple DES content encryption", profiles.tripleDes, "algorithm", () => ({})],
      [
        "Response signed before the assertion was encrypted (signature broken)",
        profiles.signedThenEncrypted,
        "signature",
        () => ({}),
      ],
      ["Shibboleth shape signed by another key", profiles.shibbolethDefault, "signature", () => ({ signer: stranger })],
      ["Entra shape signed by another key", profiles.entraDefault, "signature", () => ({ signer: stranger })],
      [
        "encrypted to a key we no longer hold",
        profiles.shibbolethDefault,
        "decryption",
        () => ({ encryptTo: retiredKey.certificate }),
      ],
      [
        "Shibboleth shape for another service (audience)",
        profiles.shibbolethDefault,
        "audience",
        () => ({ metadata: spMetadata.replace(`entityID="${spEntityId}"`, 'entityID="https://other.example/sp"') }),
      ],
      [
        "Shibboleth shape for another service's address (Destination)",
        profiles.shibbolethDefault,
        "destination",
        () => ({ metadata: spMetadata.replace(`${baseUrl}/sign-in/saml/callback`, "https://other.example/acs") }),
      ],
      [
        "Entra shape for another service's address (Destination)",
        profiles.entraDefault,
        "destination",
        () => ({ metadata: spMetadata.replace(`${baseUrl}/sign-in/saml/callback`, "https://other.example/acs") }),
      ],
    ];

    it.each(refused)("%s", async (name, profile, reason, options) => {
      const result = await signInWith(name, profile, options());
      expect(result.status).toBe(401);
      expect(result.reason).toBe(reason);
      expect(result.newSessions).toBe(0);
    });

    it("the Shibboleth shape posted twice, or from another browser", async () => {
      const first = await signInWith("Shibboleth default", profiles.shibbolethDefault);
      expect(first.status).toBe(303);
      const again = await first.browser.postResponse(first.response);
      expect(again.status).toBe(401);
      table.push(
        `| Shibboleth default, posted a second time | same response | 401, refused (${String(log.lastRejection())}) |`,
      );

      const owner = new CookieBrowser(app);
      const inResponseTo = requestIdOf(await owner.startSignIn());
      const response = await idp.response({
        spMetadata,
        profile: profiles.shibbolethDefault,
        inResponseTo,
        person: person(),
      });
      expect((await new CookieBrowser(app).postResponse(response)).status).toBe(401);
      expect(log.lastRejection()).toBe("not-this-browser");
      table.push(
        `| Shibboleth default, posted from another browser | ${describeResponse(response)} | 401, refused (not-this-browser) |`,
      );
      expect((await owner.postResponse(response)).status).toBe(303);
    });
  });
});
