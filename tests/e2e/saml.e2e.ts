// Signing in through the University's identity provider, in Chromium: the test IdP (a
// small HTTP server here, signing with a throwaway key) shows a "Continue" button that
// posts the signed response back to the app, as a real IdP's page does without JavaScript.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { inflateRawSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumArgs, newPage, visit } from "./browser";
import { chromium, type Browser } from "playwright-core";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { TestIdentityProvider } from "../saml/testIdentityProvider";

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", () => resolve()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

describe("University single sign-on in Chromium", () => {
  let testApp: TestApp;
  let appServer: Server;
  let idpServer: Server;
  let browser: Browser;
  let baseUrl: string;

  beforeAll(async () => {
    const appPort = await freePort();
    baseUrl = `http://127.0.0.1:${appPort}`;
    const callbackUrl = `${baseUrl}/sign-in/saml/callback`;
    const idp = new TestIdentityProvider({ entityId: `${baseUrl}/sign-in/saml/metadata`, callbackUrl });

    // The IdP's sign-on page: reads the AuthnRequest, "authenticates" Dr Ada Lovelace and
    // offers the signed response in a form, as Shibboleth's no-JavaScript page does.
    idpServer = createServer((req, res) => {
      const url = new URL(req.url ?? "/", "http://idp.local");
      if (!url.searchParams.has("SAMLRequest")) {
        res.statusCode = 404;
        return void res.end();
      }
      const xml = inflateRawSync(Buffer.from(url.searchParams.get("SAMLRequest") ?? "", "base64")).toString("utf8");
      const id = /\sID="([^"]+)"/.exec(xml)?.[1] ?? "";
      const response = idp.response({
        inResponseTo: id,
        person: { uid: "al123", displayName: "Dr Ada Lovelace", mail: "al123@cam.ac.uk", department: "CST" },
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
    });
    await new Promise<void>((resolve) => idpServer.listen(0, "127.0.0.1", () => resolve()));
    const idpUrl = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}/idp/profile/SAML2/Redirect/SSO`;

    testApp = await startTestApp({ config: { BASE_URL: baseUrl, ...idp.settings(), SAML_IDP_SSO_URL: idpUrl } });
    appServer = testApp.app.listen(appPort, "127.0.0.1");
    await new Promise<void>((resolve) => appServer.once("listening", () => resolve()));
    browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: chromiumArgs });
  });

  afterAll(async () => {
    await browser?.close();
    appServer?.closeAllConnections();
    await new Promise<void>((resolve) => (appServer ? appServer.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) => (idpServer ? idpServer.close(() => resolve()) : resolve()));
    await testApp?.close();
  });

  for (const javaScript of [true, false]) {
    it(`signs in with a University account and lands where they were going (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const page = await newPage(browser, { javaScript });
      await page.goto(`${baseUrl}/proposals/new-stuff`);
      expect(new URL(page.url()).pathname).toBe("/sign-in");
      await visit(page, `saml-01-sign-in${javaScript ? "" : "-no-js"}`, { javaScript });
      await page.getByRole("button", { name: "Sign in with University account" }).click();
      expect(await page.locator("h1").textContent()).toBe("University account");
      await page.getByRole("button", { name: "Continue" }).click();
      expect(new URL(page.url()).pathname).toBe("/proposals/new-stuff");
      await page.goto(`${baseUrl}/`);
      expect(await page.locator(".app-header__user").textContent()).toContain("Dr Ada Lovelace");
      await visit(page, `saml-02-home${javaScript ? "" : "-no-js"}`, { javaScript });
      await page.context().close();
    });
  }

  it("has no development sign-in while single sign-on is configured", async () => {
    const page = await newPage(browser);
    const response = await page.goto(`${baseUrl}/sign-in`);
    expect(response?.status()).toBe(200);
    expect(await page.locator("body").textContent()).not.toContain("Development sign-in");
    await page.context().close();
  });
});
