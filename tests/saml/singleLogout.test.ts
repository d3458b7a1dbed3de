// Signing out through the IdP when its metadata offers single logout: the local session
// ends first, then the browser is sent to the IdP with a signed LogoutRequest (checked here
// by samlify, as the IdP would), and the IdP's signed LogoutResponse brings it back to a
// page that says both are signed out. Without single logout (or without our signing key to
// sign the request), signing out stays local, as before.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import * as cheerio from "cheerio";
import type { Express } from "express";
import * as samlify from "samlify";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { capturingLogger, CookieBrowser, requestIdOf } from "./samlTestKit";
import { profiles, SamlifyIdentityProvider } from "./samlifyIdentityProvider";
import { newSigningIdentity } from "./testIdentityProvider";

const baseUrl = "https://spo.test.example";

async function withMetadataFile(xml: string): Promise<{ file: string; remove: () => Promise<void> }> {
  const folder = await mkdtemp(path.join(tmpdir(), "spo-slo-"));
  const file = path.join(folder, "idp.xml");
  await writeFile(file, xml);
  return { file, remove: () => rm(folder, { recursive: true, force: true }) };
}

async function signOut(app: Express, browser: CookieBrowser) {
  const home = await request(app).get("/").set("Cookie", browser.header());
  browser.keep(home.headers);
  const token = cheerio.load(home.text)("form[action='/sign-out'] input[name=_csrf]").val() as string;
  const out = await request(app)
    .post("/sign-out")
    .set("Cookie", browser.header())
    .type("form")
    .send(new URLSearchParams({ _csrf: token }).toString());
  browser.keep(out.headers);
  return out;
}

describe(`single logout through the IdP (${databaseLabel})`, () => {
  const idp = new SamlifyIdentityProvider("https://idp.slo.test/idp", "https://idp.slo.test/sso", {
    sloUrl: "https://idp.slo.test/slo",
  });
  const spKey = newSigningIdentity("spo.test.example signing");
  const log = capturingLogger();
  let metadataFile: Awaited<ReturnType<typeof withMetadataFile>>;
  let testApp: TestApp;
  let app: Express;
  let spMetadata: string;

  beforeAll(async () => {
    metadataFile = await withMetadataFile(idp.metadata());
    testApp = await startTestApp({
      config: {
        BASE_URL: baseUrl,
        SAML_IDP_METADATA_FILE: metadataFile.file,
        SAML_SP_PRIVATE_KEY: spKey.privateKey,
        SAML_SP_CERT: spKey.certificate,
      },
    });
    app = createApp(testApp.services, log.logger);
    spMetadata = (await request(app).get("/sign-in/saml/metadata")).text;
  });
  afterAll(async () => {
    await testApp.close();
    await metadataFile.remove();
  });

  /** The IdP as samlify: it checks our signed LogoutRequest against the certificate in our metadata. */
  const samlifyIdp = () =>
    samlify.IdentityProvider({
      entityID: idp.entityId,
      privateKey: idp.signing.privateKey,
      signingCert: idp.signing.certificate,
      wantLogoutRequestSigned: true,
      requestSignatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: idp.ssoUrl }],
      singleLogoutService: [
        { Binding: samlify.Constants.namespace.binding.redirect, Location: "https://idp.slo.test/slo" },
      ],
    });
  const samlifySp = () => samlify.ServiceProvider({ metadata: spMetadata, wantLogoutResponseSigned: true });

  async function signIn(uid: string) {
    const browser = new CookieBrowser(app);
    const inResponseTo = requestIdOf(await browser.startSignIn());
    const response = await idp.response({
      spMetadata,
      profile: profiles.bothSigned,
      inResponseTo,
      person: { uid, persistentId: `persistent-${uid}` },
    });
    expect((await browser.postResponse(response)).status).toBe(303);
    return browser;
  }

  it("publishes our single logout address (HTTP-Redirect) in our metadata", () => {
    const $ = cheerio.load(spMetadata, { xml: true });
    expect($("SingleLogoutService").attr("Location")).toBe(`${baseUrl}/sign-in/saml/logout`);
    expect($("SingleLogoutService").attr("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect");
  });

  it("signs out here, then at the IdP with a signed LogoutRequest, and back to a page saying so", async () => {
    const browser = await signIn("slo1");
    const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "slo1" } });
    const out = await signOut(app, browser);
    expect(out.status).toBe(303);
    const location = new URL(out.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe("https://idp.slo.test/slo");
    expect(await testApp.services.prisma.session.count({ where: { userId: user.id } })).toBe(0);

    // The IdP (samlify) verifies our request's signature and reads who is signing out.
    const octetString = location.search.slice(1).replace(/&Signature=[^&]*/, "");
    const query = Object.fromEntries(location.searchParams);
    const parsed = await samlifyIdp().parseLogoutRequest(samlifySp(), "redirect", { query, octetString });
    const extract = parsed.extract as { nameID: string; sessionIndex?: string; request: { id: string } };
    expect(extract.nameID).toBe("persistent-slo1");
    expect(extract.sessionIndex).toBeTruthy();
    expect(query.SigAlg).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");

    // The IdP's signed LogoutResponse comes back to us.
    const { context } = samlifyIdp().createLogoutResponse(
      samlifySp(),
      { extract: parsed.extract },
      "redirect",
      query.RelayState ?? "",
    );
    const back = new URL(context);
    expect(`${back.origin}${back.pathname}`).toBe(`${baseUrl}/sign-in/saml/logout`);
    const page = await request(app).get(`${back.pathname}${back.search}`);
    expect(page.status).toBe(200);
    expect(cheerio.load(page.text)("main p").first().text()).toContain("and of your University account");
  });

  it("a LogoutResponse that is not signed by the IdP does not claim the University account is signed out", async () => {
    const browser = await signIn("slo2");
    const out = await signOut(app, browser);
    const location = new URL(out.headers.location as string);
    const octetString = location.search.slice(1).replace(/&Signature=[^&]*/, "");
    const query = Object.fromEntries(location.searchParams);
    const parsed = await samlifyIdp().parseLogoutRequest(samlifySp(), "redirect", { query, octetString });
    const forger = newSigningIdentity("idp.slo.test");
    const forged = samlify.IdentityProvider({
      entityID: idp.entityId,
      privateKey: forger.privateKey,
      signingCert: forger.certificate,
      requestSignatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
      singleSignOnService: [{ Binding: samlify.Constants.namespace.binding.redirect, Location: idp.ssoUrl }],
      singleLogoutService: [
        { Binding: samlify.Constants.namespace.binding.redirect, Location: "https://idp.slo.test/slo" },
      ],
    });
    for (const sp of [
      samlifySp(),
      samlify.ServiceProvider({ metadata: spMetadata, wantLogoutResponseSigned: false }),
    ]) {
      const back = new URL(forged.createLogoutResponse(sp, { extract: parsed.extract }, "redirect", "").context);
      const page = await request(app).get(`${back.pathname}${back.search}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Your University account may still be signed in");
    }
  });
  it("a logout started at the IdP is not mistaken for a sign-out here: the page says so, the session stays", async () => {
    const browser = await signIn("slo3");
    const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "slo3" } });
    const { context } = samlifyIdp().createLogoutRequest(samlifySp(), "redirect", { logoutNameID: "persistent-slo3" });
    const url = new URL(context);
    expect(url.pathname).toBe("/sign-in/saml/logout");
    const page = await request(app).get(`${url.pathname}${url.search}`).set("Cookie", browser.header());
    expect(page.status).toBe(400);
    expect(page.text).not.toContain("You have signed out");
    expect(await testApp.services.prisma.session.count({ where: { userId: user.id } })).toBe(1);
  });
});

describe(`local sign-out when single logout cannot be done (${databaseLabel})`, () => {
  const idp = new SamlifyIdentityProvider("https://idp.slo2.test/idp", "https://idp.slo2.test/sso", {
    sloUrl: "https://idp.slo2.test/slo",
  });
  let metadataFile: Awaited<ReturnType<typeof withMetadataFile>>;
  let testApp: TestApp;

  beforeAll(async () => {
    metadataFile = await withMetadataFile(idp.metadata());
    testApp = await startTestApp({ config: { BASE_URL: baseUrl, SAML_IDP_METADATA_FILE: metadataFile.file } });
  });
  afterAll(async () => {
    await testApp.close();
    await metadataFile.remove();
  });

  it("the IdP offers single logout but we have no key to sign the request: signed out here only", async () => {
    const spMetadata = (await request(testApp.app).get("/sign-in/saml/metadata")).text;
    expect(spMetadata).not.toContain("SingleLogoutService");
    const browser = new CookieBrowser(testApp.app);
    const inResponseTo = requestIdOf(await browser.startSignIn());
    const response = await idp.response({
      spMetadata,
      profile: profiles.entraDefault,
      inResponseTo,
      person: { uid: "local1" },
    });
    expect((await browser.postResponse(response)).status).toBe(303);
    const out = await signOut(testApp.app, browser);
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe("/sign-in");
  });
});
