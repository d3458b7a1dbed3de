// Signing in through the University's identity provider, in Chromium. The IdP is samlify
// (an independent SAML implementation) behind a small HTTP server on another site
// (127.0.0.1, while the app is on localhost, so the POST back is cross-site as it is in
// real life): it reads our published metadata and answers in Shibboleth's default shape
// (signed Response, unsigned assertion encrypted with RSA-OAEP and AES-256-GCM), showing a
// "Continue" button that posts the response back, as Shibboleth's no-JavaScript page does.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "playwright-core";
import { chromiumArgs, newPage, visit } from "./browser";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { requestIdOf } from "../saml/samlTestKit";
import { profiles, SamlifyIdentityProvider } from "../saml/samlifyIdentityProvider";
import { newSigningIdentity } from "../saml/testIdentityProvider";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

describe("University single sign-on in Chromium (Shibboleth's default response)", () => {
  // Undefined if beforeAll failed part-way: afterAll closes what was opened.
  let testApp: TestApp | undefined;
  let appServer: Server | undefined;
  let idpServer: Server | undefined;
  let browser: Browser | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    const appPort = await freePort();
    const idpPort = await freePort();
    // Browsers keep Secure cookies over plain http only on the machine itself (localhost, 127.0.0.1).
    baseUrl = `http://localhost:${appPort}`;
    const callbackUrl = `${baseUrl}/sign-in/saml/callback`;
    const idp = new SamlifyIdentityProvider(
      `http://127.0.0.1:${idpPort}/idp/shibboleth`,
      `http://127.0.0.1:${idpPort}/idp/profile/SAML2/Redirect/SSO`,
    );
    const encryption = newSigningIdentity("localhost encryption");

    // The IdP's sign-on page: reads the AuthnRequest, "authenticates" Dr Ada Lovelace and
    // offers the response in a form.
    idpServer = createServer((req, res) => {
      const url = new URL(req.url ?? "/", idp.ssoUrl);
      if (!url.searchParams.has("SAMLRequest")) {
        res.statusCode = 404;
        return void res.end();
      }
      void (async () => {
        const spMetadata = await (await fetch(`http://127.0.0.1:${appPort}/sign-in/saml/metadata`)).text();
        const response = await idp.response({
          spMetadata,
          profile: profiles.shibbolethDefault,
          inResponseTo: requestIdOf(url.toString()),
          person: {
            eppn: "al123@cam.ac.uk",
            displayName: "Dr Ada Lovelace",
            mail: "al123@cam.ac.uk",
            affiliations: ["staff@cam.ac.uk"],
          },
        });
        const relayState = url.searchParams.get("RelayState");
        res.setHeader("Content-Type", "text/html; charset=utf-8");
        res.end(`<!DOCTYPE html><html lang="en"><head><title>University sign-in</title></head><body><main>
          <h1>University account</h1><p>Signed in as al123.</p>
          <form method="post" action="${escapeHtml(callbackUrl)}">
            <input type="hidden" name="SAMLResponse" value="${escapeHtml(response)}">
            ${relayState ? `<input type="hidden" name="RelayState" value="${escapeHtml(relayState)}">` : ""}
            <button type="submit">Continue</button>
          </form></main></body></html>`);
      })();
    });
    await new Promise<void>((resolve) => idpServer!.listen(idpPort, "127.0.0.1", () => resolve()));

    testApp = await startTestApp({
      config: {
        BASE_URL: baseUrl,
        SAML_IDP_CERT: idp.signing.certificate,
        SAML_IDP_SSO_URL: idp.ssoUrl,
        SAML_IDP_ISSUER: idp.entityId,
        SAML_SP_ENCRYPTION_KEY: encryption.privateKey,
        SAML_SP_ENCRYPTION_CERT: encryption.certificate,
        SAML_USERNAME_SCOPE: "cam.ac.uk",
      },
    });
    appServer = testApp.app.listen(appPort, "127.0.0.1");
    await new Promise<void>((resolve) => appServer!.once("listening", () => resolve()));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    for (const server of [appServer, idpServer]) {
      server?.closeAllConnections();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
    await testApp?.close();
  });

  for (const javaScript of [true, false]) {
    it(`signs in with a University account and lands where they were going (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const page = await newPage(browser!, { javaScript });
      // A deep link (as in an e-mail) to a page behind sign-in; a well-formed id, so the
      // request reaches the sign-in check rather than the malformed-id 404.
      const deepLink = `/proposals/${randomUUID()}/check-answers`;
      await page.goto(`${baseUrl}${deepLink}`);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await visit(page, `saml-01-sign-in${javaScript ? "" : "-no-js"}`, { javaScript });
      await page.getByRole("button", { name: "Sign in with University account" }).click();
      expect(await page.locator("h1").textContent()).toBe("University account");
      // The binding cookie is in the browser (Secure is kept on localhost) and goes with the cross-site POST.
      const cookies = await page.context().cookies();
      expect(cookies.find((cookie) => cookie.name === "spo.saml")).toMatchObject({ sameSite: "None", secure: true });
      await page.getByRole("button", { name: "Continue" }).click();
      expect(new URL(page.url()).pathname).toBe(deepLink);
      await page.goto(`${baseUrl}/`);
      expect(await page.locator(".app-header__user").textContent()).toContain("Dr Ada Lovelace");
      await visit(page, `saml-02-home${javaScript ? "" : "-no-js"}`, { javaScript });
      await page.context().close();
    });
  }

  it("a response opened in another browser (the attacker's) does not sign that browser in", async () => {
    const victim = await newPage(browser!);
    const attacker = await newPage(browser!);
    await attacker.goto(`${baseUrl}/sign-in`);
    await attacker.getByRole("button", { name: "Sign in with University account" }).click();
    // The attacker's IdP page, with a genuine response for the attacker, loaded in the victim's browser.
    await victim.setContent(await attacker.content());
    await victim.getByRole("button", { name: "Continue" }).click();
    expect(await victim.locator("h1").textContent()).toBe("You could not be signed in");
    await victim.goto(`${baseUrl}/`);
    expect(new URL(victim.url()).pathname).toBe("/sign-in");
    await victim.context().close();
    await attacker.context().close();
  });

  it("has no development sign-in while single sign-on is configured", async () => {
    const page = await newPage(browser!);
    const response = await page.goto(`${baseUrl}/sign-in`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("body").textContent()).not.toContain("Development sign-in");
    await page.context().close();
  });
});
