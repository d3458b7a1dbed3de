// Who the person is: the usual university attributes as well as uid. eduPersonPrincipalName
// and subject-id (scoped: ab123@cam.ac.uk) map to the username through the configured
// scope; eduPersonScopedAffiliation is kept and shown to admins; a persistent NameID is
// stored, so the person is recognised when their username attribute changes, and a
// reassigned username is not handed someone else's account.
import type { Express } from "express";
import * as cheerio from "cheerio";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { capturingLogger, CookieBrowser, requestIdOf } from "./samlTestKit";
import { profiles, SamlifyIdentityProvider, type SamlifyPerson } from "./samlifyIdentityProvider";

const baseUrl = "https://spo.test.example";

describe(`who signs in: scoped identifiers, affiliations, persistent NameIDs (${databaseLabel})`, () => {
  const idp = new SamlifyIdentityProvider("https://idp.cam.test/shibboleth", "https://idp.cam.test/sso");
  const log = capturingLogger();
  let testApp: TestApp;
  let app: Express;
  let spMetadata: string;
  const prisma = () => testApp.services.prisma;

  beforeAll(async () => {
    testApp = await startTestApp({
      config: {
        BASE_URL: baseUrl,
        SAML_IDP_CERT: idp.signing.certificate,
        SAML_IDP_SSO_URL: idp.ssoUrl,
        SAML_IDP_ISSUER: idp.entityId,
        SAML_USERNAME_SCOPE: "cam.ac.uk",
      },
    });
    app = createApp(testApp.services, log.logger);
    spMetadata = (await request(app).get("/sign-in/saml/metadata")).text;
  });
  afterAll(() => testApp.close());

  async function signIn(person: SamlifyPerson) {
    const browser = new CookieBrowser(app);
    const inResponseTo = requestIdOf(await browser.startSignIn());
    const response = await idp.response({ spMetadata, profile: profiles.bothSigned, inResponseTo, person });
    const result = await browser.postResponse(response);
    return { status: result.status, reason: log.lastRejection(), browser };
  }

  it("eduPersonPrincipalName in our scope is the username", async () => {
    expect((await signIn({ eppn: "ab123@cam.ac.uk", displayName: "Alice Barker" })).status).toBe(303);
    expect(await prisma().user.findUnique({ where: { username: "ab123" } })).toMatchObject({
      displayName: "Alice Barker",
    });
  });

  it("subject-id works the same way; uid wins when both are released", async () => {
    expect((await signIn({ subjectId: "cd456@cam.ac.uk" })).status).toBe(303);
    expect(await prisma().user.findUnique({ where: { username: "cd456" } })).not.toBeNull();
    expect((await signIn({ uid: "ef789", eppn: "someone.else@cam.ac.uk" })).status).toBe(303);
    expect(await prisma().user.findUnique({ where: { username: "ef789" } })).not.toBeNull();
    expect(await prisma().user.findUnique({ where: { username: "someone.else" } })).toBeNull();
  });

  it("a scoped identifier from another scope is refused", async () => {
    const result = await signIn({ eppn: "ab123@evil.example" });
    expect(result.status).toBe(401);
    expect(result.reason).toBe("attributes");
  });

  it("keeps eduPersonScopedAffiliation and shows it to admins on the person's page", async () => {
    const person = { eppn: "gh111@cam.ac.uk", affiliations: ["staff@cam.ac.uk", "member@cam.ac.uk"] };
    expect((await signIn(person)).status).toBe(303);
    const user = await prisma().user.findUniqueOrThrow({ where: { username: "gh111" } });
    expect(user.affiliations).toEqual(["staff@cam.ac.uk", "member@cam.ac.uk"]);

    const admin = await signIn({ eppn: "admin1@cam.ac.uk" });
    const adminUser = await prisma().user.findUniqueOrThrow({ where: { username: "admin1" } });
    await prisma().roleAssignment.create({ data: { userId: adminUser.id, role: "ADMIN" } });
    const page = await request(app).get(`/admin/people/${user.id}`).set("Cookie", admin.browser.header());
    expect(page.status).toBe(200);
    const row = cheerio
      .load(page.text)(".govuk-summary-list__row")
      .filter((_index, element) => cheerio.load(element).text().includes("Affiliations"));
    expect(row.find(".govuk-summary-list__value").text().trim()).toBe("staff@cam.ac.uk, member@cam.ac.uk");

    // A later sign-in with fewer affiliations brings the record up to date.
    expect((await signIn({ eppn: "gh111@cam.ac.uk", affiliations: ["member@cam.ac.uk"] })).status).toBe(303);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: user.id } })).affiliations).toEqual([
      "member@cam.ac.uk",
    ]);
  });

  it("recognises the person by their persistent NameID when their username attribute changes", async () => {
    const persistentId = "k7Qx1bYw9nWm3pLs0aRt2Q==";
    expect((await signIn({ eppn: "jk222@cam.ac.uk", persistentId, displayName: "Jo Kay" })).status).toBe(303);
    const user = await prisma().user.findUniqueOrThrow({ where: { username: "jk222" } });
    expect(await prisma().samlIdentity.findMany({ where: { userId: user.id } })).toMatchObject([
      { issuer: idp.entityId, nameId: persistentId },
    ]);

    expect((await signIn({ eppn: "jb222@cam.ac.uk", persistentId, displayName: "Jo Bee" })).status).toBe(303);
    const renamed = await prisma().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(renamed).toMatchObject({ username: "jb222", displayName: "Jo Bee" });
    expect(await prisma().user.findUnique({ where: { username: "jk222" } })).toBeNull();
    const update = await prisma().auditEntry.findFirst({
      where: { entityId: user.id, action: "user.updated" },
      orderBy: { id: "desc" },
    });
    const fields = (update?.details as { fields?: string[] } | undefined)?.fields;
    expect(fields).toEqual(expect.arrayContaining(["username", "displayName"]));
  });

  it("refuses a username that belongs to another persistent NameID (a reassigned identifier)", async () => {
    expect((await signIn({ eppn: "lm333@cam.ac.uk", persistentId: "first-holder-0001" })).status).toBe(303);
    const result = await signIn({ eppn: "lm333@cam.ac.uk", persistentId: "second-holder-0002" });
    expect(result.status).toBe(401);
    expect(result.reason).toBe("identity-conflict");
  });

  it("does not store a transient NameID", async () => {
    expect((await signIn({ eppn: "no444@cam.ac.uk", transient: true })).status).toBe(303);
    const user = await prisma().user.findUniqueOrThrow({ where: { username: "no444" } });
    expect(await prisma().samlIdentity.count({ where: { userId: user.id } })).toBe(0);
  });
});
