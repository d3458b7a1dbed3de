// SAML login CSRF. An attacker signs in at the IdP as themselves, keeps the genuine
// response, and makes the victim's browser post it to our callback (an auto-submitting
// form on any site): without a tie between the response and the browser that asked for
// it, the victim is signed in as the attacker and what they then type lands in the
// attacker's account. And a forged post naming someone's pending request id must not
// cancel their sign-in.
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { capturingLogger, CookieBrowser } from "./samlTestKit";
import { TestIdentityProvider } from "./testIdentityProvider";

const baseUrl = "https://spo.test.example";
const serviceProvider = {
  entityId: "https://spo.test.example/saml/sp",
  callbackUrl: `${baseUrl}/sign-in/saml/callback`,
};
const bindingCookie = "__Secure-spo.saml";

describe(`SAML sign-in is bound to the browser that started it (${databaseLabel})`, () => {
  const idp = new TestIdentityProvider(serviceProvider);
  const log = capturingLogger();
  let testApp: TestApp;
  let app: Express;
  const prisma = () => testApp.services.prisma;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { BASE_URL: baseUrl, ...idp.settings() } });
    app = createApp(testApp.services, log.logger);
  });
  afterAll(() => testApp.close());

  async function signedInSessions(username: string): Promise<number> {
    const user = await prisma().user.findUnique({ where: { username } });
    return user ? prisma().session.count({ where: { userId: user.id } }) : 0;
  }

  it("a genuine response for the attacker's own account, posted from the victim's browser, signs nobody in", async () => {
    const attacker = new CookieBrowser(app);
    const attackersRequest = idp.readAuthnRequest(await attacker.startSignIn()).id;
    const attackersResponse = idp.response({
      inResponseTo: attackersRequest,
      person: { uid: "mallory1", displayName: "Mallory" },
    });

    // The victim has the sign-in page open (and has even started a sign-in of their own).
    const victim = new CookieBrowser(app);
    await victim.startSignIn();
    const posted = await victim.postResponse(attackersResponse);
    expect(posted.status).toBe(401);
    expect(log.lastRejection()).toBe("not-this-browser");
    expect(await signedInSessions("mallory1")).toBe(0);

    // A browser with no binding cookie at all (or cookies blocked) is refused the same way.
    const stranger = new CookieBrowser(app);
    expect((await stranger.postResponse(attackersResponse)).status).toBe(401);
    expect(log.lastRejection()).toBe("not-this-browser");
    expect(await signedInSessions("mallory1")).toBe(0);
  });

  it("a forged post naming the victim's pending request id does not cancel the victim's sign-in", async () => {
    const victim = new CookieBrowser(app);
    const pending = idp.readAuthnRequest(await victim.startSignIn()).id;
    const forged = idp.response({ inResponseTo: pending, person: { uid: "victim1" }, signer: idp.stranger });

    // Posted from another browser, and from the victim's own (a cross-site auto-post).
    expect((await new CookieBrowser(app).postResponse(forged)).status).toBe(401);
    expect((await victim.postResponse(forged)).status).toBe(401);
    expect(log.lastRejection()).toBe("signature");
    expect(await prisma().samlRequest.findUnique({ where: { id: pending } })).not.toBeNull();

    const genuine = await victim.postResponse(idp.response({ inResponseTo: pending, person: { uid: "victim1" } }));
    expect(genuine.status).toBe(303);
    expect(await signedInSessions("victim1")).toBe(1);
    expect(await prisma().samlRequest.findUnique({ where: { id: pending } })).toBeNull();
  });

  it("a genuine response posted from another browser leaves the request pending for the browser that asked", async () => {
    const owner = new CookieBrowser(app);
    const pending = idp.readAuthnRequest(await owner.startSignIn()).id;
    const response = idp.response({ inResponseTo: pending, person: { uid: "owner1" } });
    expect((await new CookieBrowser(app).postResponse(response)).status).toBe(401);
    expect((await owner.postResponse(response)).status).toBe(303);
    expect(await signedInSessions("owner1")).toBe(1);
  });

  it("sets the binding cookie SameSite=None; Secure; HttpOnly, scoped to the sign-in paths, and clears it after", async () => {
    const browser = new CookieBrowser(app);
    const pending = idp.readAuthnRequest(await browser.startSignIn()).id;
    const set = browser.lastSetCookies.find((cookie) => cookie.startsWith(`${bindingCookie}=`));
    expect(set).toBeDefined();
    const attributes = set!.split(";").map((part) => part.trim().toLowerCase());
    expect(attributes).toEqual(
      expect.arrayContaining(["httponly", "secure", "samesite=none", "path=/sign-in/saml", "max-age=900"]),
    );
    const response = await browser.postResponse(idp.response({ inResponseTo: pending, person: { uid: "cookie1" } }));
    expect(response.status).toBe(303);
    expect(browser.cookie(bindingCookie)).toBeUndefined();
  });

  it("two sign-ins started in two tabs of one browser both complete", async () => {
    const browser = new CookieBrowser(app);
    const first = idp.readAuthnRequest(await browser.startSignIn()).id;
    const second = idp.readAuthnRequest(await browser.startSignIn()).id;
    expect((await browser.postResponse(idp.response({ inResponseTo: second, person: { uid: "tabs1" } }))).status).toBe(
      303,
    );
    expect((await browser.postResponse(idp.response({ inResponseTo: first, person: { uid: "tabs1" } }))).status).toBe(
      303,
    );
  });
});
