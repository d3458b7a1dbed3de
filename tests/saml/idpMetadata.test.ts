// IdP metadata fetched over HTTP (a local server on 127.0.0.1 stands in for the
// federation's), its XML signature checked against the configured certificate, refreshed,
// and kept when a refresh brings something unusable. Also the IdP's signing key rollover:
// while the metadata lists both certificates, responses signed with either are accepted.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Express } from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { idpDirectory } from "../../src/signIn/saml/idpDirectory";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { capturingLogger, CookieBrowser, requestIdOf } from "./samlTestKit";
import { profiles, SamlifyIdentityProvider, signedAggregate } from "./samlifyIdentityProvider";
import { newSigningIdentity } from "./testIdentityProvider";

const baseUrl = "https://spo.test.example";

/** The federation's metadata server: serves whatever `body` is now, and counts requests. */
function metadataServer() {
  const state = { body: "", status: 200, hits: 0, url: "", server: undefined as Server | undefined };
  const server = createServer((_req, res) => {
    state.hits += 1;
    res.statusCode = state.status;
    res.setHeader("Content-Type", "application/samlmetadata+xml");
    res.end(state.body);
  });
  state.server = server;
  return {
    state,
    async start() {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
      state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/federation-metadata.xml`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe(`IdP metadata from a URL (${databaseLabel})`, () => {
  const federation = newSigningIdentity("metadata signer, federation.test.example");
  const impostor = newSigningIdentity("metadata signer, federation.test.example");
  const oldKey = newSigningIdentity("idp.samlify.test 2025");
  const newKey = newSigningIdentity("idp.samlify.test 2026");
  const idp = new SamlifyIdentityProvider(
    "https://idp.samlify.test/idp/shibboleth",
    "https://idp.samlify.test/idp/profile/SAML2/Redirect/SSO",
    { signing: oldKey },
  );
  const otherIdp = new SamlifyIdentityProvider(
    "https://idp.other-university.test/idp/shibboleth",
    "https://idp.other-university.test/idp/profile/SAML2/Redirect/SSO",
  );
  const served = metadataServer();
  const log = capturingLogger();
  let testApp: TestApp;
  let app: Express;
  let spMetadata: string;

  /** The aggregate as the federation publishes it: our IdP (with the given certificates) among others. */
  const aggregate = (certificates: string[], signer = federation, validUntil?: Date) =>
    signedAggregate([otherIdp.metadata(), idp.metadata(certificates)], signer, validUntil);

  beforeAll(async () => {
    await served.start();
    served.state.body = aggregate([oldKey.certificate]);
    testApp = await startTestApp({
      config: {
        BASE_URL: baseUrl,
        SAML_IDP_METADATA_URL: served.state.url,
        SAML_IDP_METADATA_CERT: federation.certificate,
        SAML_IDP_ISSUER: idp.entityId,
      },
    });
    app = createApp(testApp.services, log.logger);
    await testApp.services.saml!.idp.ready();
    spMetadata = (await request(app).get("/sign-in/saml/metadata")).text;
  });
  afterAll(async () => {
    testApp.services.saml?.stop();
    await testApp.close();
    await served.stop();
  });

  async function signIn(signer = idp.signing) {
    const browser = new CookieBrowser(app);
    const location = await browser.startSignIn();
    const response = await idp.response({
      spMetadata,
      profile: profiles.bothSigned,
      inResponseTo: requestIdOf(location),
      person: { uid: `md${Math.random().toString(36).slice(2, 8)}` },
      signer,
    });
    return { location, status: (await browser.postResponse(response)).status, reason: log.lastRejection() };
  }

  it("reads the IdP from the signed aggregate: its sign-on address and certificate; people sign in", async () => {
    expect(served.state.hits).toBe(1);
    const { location, status } = await signIn();
    expect(location.startsWith(`${idp.ssoUrl}?`)).toBe(true);
    expect(status).toBe(303);
  });

  it("a refresh with a broken signature is refused and the last good metadata kept", async () => {
    const good = aggregate([oldKey.certificate]);
    served.state.body = good.replace(idp.ssoUrl, "https://evil.example/sso");
    expect(await testApp.services.saml!.idp.refresh()).toBe(false);
    const { location, status } = await signIn();
    expect(location.startsWith(`${idp.ssoUrl}?`)).toBe(true);
    expect(status).toBe(303);
  });

  it("metadata signed by another key, expired metadata, an HTTP error or garbage: all refused, the last good kept", async () => {
    for (const [body, status] of [
      [aggregate([newKey.certificate], impostor), 200],
      [aggregate([newKey.certificate], federation, new Date(Date.now() - 60_000)), 200],
      [aggregate([newKey.certificate]), 500],
      ["<not metadata", 200],
      [aggregate([newKey.certificate]).replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, ""), 200],
    ] as const) {
      served.state.body = body;
      served.state.status = status;
      expect(await testApp.services.saml!.idp.refresh()).toBe(false);
    }
    served.state.status = 200;
    expect(testApp.services.saml!.idp.current()?.certificates).toEqual([oldKey.certificate]);
    expect((await signIn(oldKey)).status).toBe(303);
    expect((await signIn(newKey)).status).toBe(401);
  });

  it("the IdP's signing key rollover: both certificates listed, then the old one dropped", async () => {
    served.state.body = aggregate([oldKey.certificate, newKey.certificate]);
    expect(await testApp.services.saml!.idp.refresh()).toBe(true);
    expect((await signIn(oldKey)).status).toBe(303);
    expect((await signIn(newKey)).status).toBe(303);

    served.state.body = aggregate([newKey.certificate]);
    expect(await testApp.services.saml!.idp.refresh()).toBe(true);
    const old = await signIn(oldKey);
    expect(old.status).toBe(401);
    expect(old.reason).toBe("signature");
    expect((await signIn(newKey)).status).toBe(303);
  });

  it("refreshes on its schedule", async () => {
    const settings = testApp.services.config.saml!;
    const before = served.state.hits;
    const directory = idpDirectory({ ...settings, idpMetadataUrl: { ...settings.idpMetadataUrl!, refreshMs: 100 } });
    try {
      await directory.ready();
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(served.state.hits - before).toBeGreaterThanOrEqual(3);
    } finally {
      directory.stop();
    }
  });
});

describe(`IdP metadata from a URL that has never worked (${databaseLabel})`, () => {
  const federation = newSigningIdentity("metadata signer");
  const idp = new SamlifyIdentityProvider("https://idp.late.test/idp", "https://idp.late.test/sso");
  const served = metadataServer();
  let testApp: TestApp;

  beforeAll(async () => {
    await served.start();
    served.state.body = signedAggregate([idp.metadata()], federation).replace(
      "https://idp.late.test/sso",
      "https://x/",
    );
    testApp = await startTestApp({
      config: {
        BASE_URL: baseUrl,
        SAML_IDP_METADATA_URL: served.state.url,
        SAML_IDP_METADATA_CERT: federation.certificate,
      },
    });
    await testApp.services.saml!.idp.ready();
  });
  afterAll(async () => {
    testApp.services.saml?.stop();
    await testApp.close();
    await served.stop();
  });

  it("sign-in says it is unavailable (503) until good metadata arrives, then works", async () => {
    const browser = new CookieBrowser(testApp.app);
    await expect(browser.startSignIn()).rejects.toThrow(/503/);
    served.state.body = signedAggregate([idp.metadata()], federation);
    expect(await testApp.services.saml!.idp.refresh()).toBe(true);
    expect((await browser.startSignIn()).startsWith("https://idp.late.test/sso?")).toBe(true);
  });
});

describe("IdP metadata settings", () => {
  it("a metadata URL needs the certificate that signs it", () => {
    expect(() => loadConfig({ NODE_ENV: "test", SAML_IDP_METADATA_URL: "http://127.0.0.1:1/metadata.xml" })).toThrow(
      /SAML_IDP_METADATA_CERT/,
    );
  });

  it("single sign-on on plain http only on localhost: the binding cookie must be Secure", () => {
    const federation = newSigningIdentity("metadata signer");
    const settings = {
      NODE_ENV: "test",
      SAML_IDP_METADATA_URL: "http://127.0.0.1:1/metadata.xml",
      SAML_IDP_METADATA_CERT: federation.certificate,
    };
    expect(() => loadConfig({ ...settings, BASE_URL: "http://spo.intranet.example" })).toThrow(/BASE_URL/);
    expect(loadConfig({ ...settings, BASE_URL: "http://localhost:3000" }).saml?.bindingCookieName).toBe("spo.saml");
    expect(loadConfig({ ...settings, BASE_URL: "https://spo.example" }).saml?.bindingCookieName).toBe(
      "__Secure-spo.saml",
    );
  });
});
