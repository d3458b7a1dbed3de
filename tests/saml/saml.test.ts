// University single sign-on against a test IdP that signs its responses here, in the
// test. Responses are posted to the callback WITHOUT a session cookie, as a browser does
// on the IdP's cross-site POST (SameSite=Lax keeps our cookie back).
import { createVerify } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import * as cheerio from "cheerio";
import type { Express } from "express";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { Browser, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { samlSignOn } from "../../src/signIn/saml/serviceProvider";
import {
  billionLaughs,
  newSigningIdentity,
  TestIdentityProvider,
  type Person,
  type ResponseOptions,
} from "./testIdentityProvider";

const baseUrl = "https://spo.test.example";
const callbackPath = "/sign-in/saml/callback";
const serviceProvider = { entityId: "https://spo.test.example/saml/sp", callbackUrl: `${baseUrl}${callbackPath}` };
const cookieName = "spo.sid";
/** Ties a sign-in to the browser that started it (see src/signIn/saml/browserBinding.ts). */
const bindingCookieName = "__Secure-spo.saml";

function sessionCookie(headers: Record<string, unknown>): string | undefined {
  const cookies = ([] as string[]).concat((headers["set-cookie"] as string[] | string | undefined) ?? []);
  return cookies.find((cookie) => cookie.startsWith(`${cookieName}=`))?.split(";")[0];
}

function bindingCookie(headers: Record<string, unknown>): string | undefined {
  const cookies = ([] as string[]).concat((headers["set-cookie"] as string[] | string | undefined) ?? []);
  return cookies.find((cookie) => cookie.startsWith(`${bindingCookieName}=`))?.split(";")[0];
}

function sidOf(cookie: string): string {
  return decodeURIComponent(cookie.split("=")[1]!).slice(2).split(".")[0]!;
}

/** A logger whose lines the test can read. */
function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write: (chunk, _encoding, done) => {
        raw.push(String(chunk));
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { logger, lines, raw };
}

describe(`University single sign-on (${databaseLabel})`, () => {
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

  /** The reason code of the last rejection logged. */
  function lastRejection(): unknown {
    return log.lines.filter((line) => line.msg === "single sign-on response rejected").at(-1)?.reason;
  }

  /** The browser-binding cookie of the last sign-in started (the browser that asked). */
  let binding: string | undefined;

  /** A fresh AuthnRequest id, made by pressing the sign-in button; its binding cookie is kept for post(). */
  async function requestId(): Promise<string> {
    const start = await new Browser(app).post("/sign-in/saml", { returnTo: "/" });
    binding = bindingCookie(start.headers);
    return idp.readAuthnRequest(start.location!).id;
  }

  /**
   * POSTs to the callback as the IdP's auto-submitting form does: no session cookie (unless
   * given), no CSRF token, and the SameSite=None binding cookie of the browser that started.
   */
  function post(samlResponse: string, relayState?: string, cookie?: string) {
    const body = new URLSearchParams({
      SAMLResponse: samlResponse,
      ...(relayState === undefined ? {} : { RelayState: relayState }),
    });
    const call = request(app).post(callbackPath).type("form");
    const cookies = [cookie, binding].filter(Boolean).join("; ");
    if (cookies) call.set("Cookie", cookies);
    return call.send(body.toString());
  }

  let counter = 0;
  function person(overrides: Partial<Person> = {}): Person {
    counter += 1;
    return {
      uid: `sso${String(counter).padStart(3, "0")}`,
      displayName: `Test Person ${counter}`,
      mail: `sso${counter}@uni.example.ac.uk`,
      department: "ENG",
      ...overrides,
    };
  }

  async function expectRejected(response: request.Response, sessionsBefore: number, reason?: string) {
    expect(response.status).toBe(401);
    expect(sessionCookie(response.headers)).toBeUndefined();
    expect(cheerio.load(response.text)("h1").text()).toBe("You could not be signed in");
    expect(await prisma().session.count()).toBe(sessionsBefore);
    if (reason) expect(lastRejection()).toBe(reason);
  }

  describe("a valid signed response", () => {
    it("goes from the sign-in button to the IdP and back: signed in, new session id, audit entry, user created", async () => {
      const browser = new Browser(app);
      const page = await browser.get("/sign-in?returnTo=%2Fproposals%2Fnew");
      expect(page.status).toBe(200);
      expect(page.$("form[action='/sign-in/saml'] button").text().trim()).toBe("Sign in with University account");
      const anonymousCookie = sessionCookie(page.headers);
      expect(anonymousCookie).toBeDefined();

      const start = await browser.post("/sign-in/saml", { returnTo: page.$("input[name=returnTo]").val() as string });
      expect(start.status).toBe(303);
      const authnRequest = idp.readAuthnRequest(start.location!);
      expect(authnRequest.acsUrl).toBe(serviceProvider.callbackUrl);
      expect(authnRequest.issuer).toBe(serviceProvider.entityId);
      expect(authnRequest.destination).toBe(idp.ssoUrl);
      expect(authnRequest.relayState).toBe("/proposals/new");
      expect(await prisma().samlRequest.findUnique({ where: { id: authnRequest.id } })).not.toBeNull();
      // The response comes back through this browser, which holds the sign-in's binding cookie.
      binding = bindingCookie(start.headers);
      expect(binding).toBeDefined();

      const someone = person({
        uid: "zx900",
        displayName: "Zoe Xu",
        mail: "zx900@uni.example.ac.uk",
        department: "CHEM",
      });
      const response = await post(
        idp.response({ inResponseTo: authnRequest.id, person: someone }),
        authnRequest.relayState!,
      );
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe("/proposals/new");
      const newCookie = sessionCookie(response.headers);
      expect(newCookie).toBeDefined();
      expect(newCookie).not.toBe(anonymousCookie);

      const user = await prisma().user.findUniqueOrThrow({
        where: { username: "zx900" },
        include: { department: true },
      });
      expect(user).toMatchObject({ displayName: "Zoe Xu", email: "zx900@uni.example.ac.uk" });
      expect(user.department?.code).toBe("CHEM");
      const stored = await prisma().session.findUniqueOrThrow({ where: { sid: sidOf(newCookie!) } });
      expect(stored.userId).toBe(user.id);
      const audit = await prisma().auditEntry.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } });
      expect(audit.map((entry) => entry.action)).toEqual(["user.created", "user.signed_in"]);
      expect(audit[1]!.details).toMatchObject({ method: "saml" });
      // The request id is used up.
      expect(await prisma().samlRequest.findUnique({ where: { id: authnRequest.id } })).toBeNull();

      const home = await request(app).get("/").set("Cookie", newCookie!);
      expect(home.status).toBe(200);
      expect(cheerio.load(home.text)(".app-header__user").text()).toContain("Zoe Xu");
    });

    it("kills a session id the browser already had (regenerated at sign-in)", async () => {
      const browser = new Browser(app);
      const page = await browser.get("/sign-in");
      const oldCookie = sessionCookie(page.headers)!;
      const response = await post(idp.response({ inResponseTo: await requestId(), person: person() }), "/", oldCookie);
      expect(response.status).toBe(303);
      const newCookie = sessionCookie(response.headers)!;
      expect(sidOf(newCookie)).not.toBe(sidOf(oldCookie));
      expect(await prisma().session.findUnique({ where: { sid: sidOf(oldCookie) } })).toBeNull();
    });

    it("updates the name, e-mail and department on a later sign-in, and leaves roles alone", async () => {
      const first = person({ uid: "up100", displayName: "Sam Old", mail: "old@uni.example.ac.uk", department: "ENG" });
      expect((await post(idp.response({ inResponseTo: await requestId(), person: first }))).status).toBe(303);
      const user = await prisma().user.findUniqueOrThrow({ where: { username: "up100" } });
      await prisma().roleAssignment.create({ data: { userId: user.id, role: "SPO_OFFICER" } });

      const later = { ...first, displayName: "Sam New", mail: "new@uni.example.ac.uk", department: "PHYS" };
      expect((await post(idp.response({ inResponseTo: await requestId(), person: later }))).status).toBe(303);
      const updated = await prisma().user.findUniqueOrThrow({
        where: { username: "up100" },
        include: { department: true, roles: true },
      });
      expect(updated).toMatchObject({ id: user.id, displayName: "Sam New", email: "new@uni.example.ac.uk" });
      expect(updated.department?.code).toBe("PHYS");
      expect(updated.roles.map((grant) => grant.role)).toEqual(["SPO_OFFICER"]);
      const actions = (
        await prisma().auditEntry.findMany({ where: { entityId: user.id }, orderBy: { id: "asc" } })
      ).map((entry) => entry.action);
      expect(actions).toEqual(["user.created", "user.signed_in", "user.updated", "user.signed_in"]);

      // An unknown department code leaves the department as it was.
      const unknown = { ...later, department: "NOSUCH" };
      expect((await post(idp.response({ inResponseTo: await requestId(), person: unknown }))).status).toBe(303);
      expect(
        (await prisma().user.findUniqueOrThrow({ where: { username: "up100" }, include: { department: true } }))
          .department?.code,
      ).toBe("PHYS");
    });

    // Refused before this change, accepted now: Shibboleth's default signs the response only,
    // Entra ID's the assertion only (tests/saml/profiles.test.ts has both from samlify).
    it.each([
      ["the response only (Shibboleth's default)", "response"],
      ["the assertion only (Entra ID's default)", "assertion"],
    ] as const)("accepts a response whose signature covers %s", async (_name, sign) => {
      const response = await post(idp.response({ inResponseTo: await requestId(), person: person(), sign }));
      expect(response.status).toBe(303);
      expect(sessionCookie(response.headers)).toBeDefined();
    });

    it("accepts the friendly attribute names (uid, displayName, mail, departmentNumber) too", async () => {
      const someone = person({ uid: "fn200", displayName: "Friendly Name" });
      const response = await post(
        idp.response({
          inResponseTo: await requestId(),
          person: someone,
          attributeNames: { uid: "uid", displayName: "displayName", mail: "mail", department: "departmentNumber" },
        }),
      );
      expect(response.status).toBe(303);
      expect((await prisma().user.findUniqueOrThrow({ where: { username: "fn200" } })).displayName).toBe(
        "Friendly Name",
      );
    });
  });

  describe("401 and no session for", () => {
    const broken: [string, string, (inResponseTo: string) => ResponseOptions | Promise<ResponseOptions>][] = [
      [
        "a response with no signature at all",
        "signature",
        (id) => ({ inResponseTo: id, person: person(), sign: "none" }),
      ],
      [
        "a broken signature",
        "signature",
        (id) => ({
          inResponseTo: id,
          person: person(),
          afterSigning: (xml) =>
            xml.replace(
              /<ds:SignatureValue>(.)/,
              (_match, first: string) => `<ds:SignatureValue>${first === "A" ? "B" : "A"}`,
            ),
        }),
      ],
      [
        "an attribute edited after signing",
        "signature",
        (id) => ({
          inResponseTo: id,
          person: person({ displayName: "Honest Person" }),
          afterSigning: (xml) => xml.replace(">Honest Person<", ">Mallory Admin<"),
        }),
      ],
      [
        "a response signed by another key, with that key's certificate embedded",
        "signature",
        (id) => ({ inResponseTo: id, person: person(), signer: idp.stranger }),
      ],
      [
        "a response signed with SHA-1",
        "algorithm",
        (id) => ({ inResponseTo: id, person: person(), algorithm: "sha1" }),
      ],
      [
        "the wrong audience",
        "audience",
        (id) => ({ inResponseTo: id, person: person(), audience: "https://other-service.example/sp" }),
      ],
      [
        "the wrong issuer",
        "issuer",
        (id) => ({ inResponseTo: id, person: person(), issuer: "https://idp.evil.example/idp" }),
      ],
      [
        "a Destination other than our callback",
        "destination",
        (id) => ({ inResponseTo: id, person: person(), destination: "https://other-service.example/acs" }),
      ],
      [
        "a Recipient other than our callback",
        "recipient",
        (id) => ({ inResponseTo: id, person: person(), recipient: "https://other-service.example/acs" }),
      ],
      [
        "an expired assertion",
        "time",
        (id) => ({ inResponseTo: id, person: person(), issuedAt: -20 * 60_000, notOnOrAfter: -10 * 60_000 }),
      ],
      ["an assertion not yet valid", "time", (id) => ({ inResponseTo: id, person: person(), notBefore: 10 * 60_000 })],
      [
        "an unknown InResponseTo",
        "in-response-to",
        () => ({ inResponseTo: "_never-asked-for-0123456789", person: person() }),
      ],
      ["no InResponseTo (unsolicited)", "in-response-to", () => ({ person: person() })],
      [
        "an expired InResponseTo (older than the request cache's lifetime)",
        "in-response-to",
        async (id) => {
          await prisma().samlRequest.update({ where: { id }, data: { createdAt: new Date(Date.now() - 16 * 60_000) } });
          return { inResponseTo: id, person: person() };
        },
      ],
      ["no person id attribute", "attributes", (id) => ({ inResponseTo: id, person: { uid: "" } })],
    ];

    it.each(broken)("%s (%s)", async (_name, reason, variant) => {
      const options = await variant(await requestId());
      const sessionsBefore = await prisma().session.count();
      const usersBefore = await prisma().user.count();
      await expectRejected(await post(idp.response(options), "/"), sessionsBefore, reason);
      expect(await prisma().user.count()).toBe(usersBefore);
    });

    it("a disabled person", async () => {
      const someone = person({ uid: "dis300" });
      expect((await post(idp.response({ inResponseTo: await requestId(), person: someone }))).status).toBe(303);
      await prisma().user.update({ where: { username: "dis300" }, data: { disabled: true } });
      const id = await requestId();
      const sessionsBefore = await prisma().session.count();
      await expectRejected(await post(idp.response({ inResponseTo: id, person: someone })), sessionsBefore, "disabled");
    });

    it("a form with extra fields, a repeated field or a query string", async () => {
      const valid = idp.response({ inResponseTo: await requestId(), person: person() });
      const sessionsBefore = await prisma().session.count();
      const extra = await request(app)
        .post(callbackPath)
        .type("form")
        .send(new URLSearchParams({ SAMLResponse: valid, role: "ADMIN" }).toString());
      await expectRejected(extra, sessionsBefore, "malformed-request");
      const repeated = await request(app)
        .post(callbackPath)
        .type("form")
        .send(`SAMLResponse=${encodeURIComponent(valid)}&SAMLResponse=x`);
      await expectRejected(repeated, sessionsBefore, "malformed-request");
      const query = await request(app)
        .post(`${callbackPath}?SAMLResponse=x`)
        .type("form")
        .send(new URLSearchParams({ SAMLResponse: valid }).toString());
      await expectRejected(query, sessionsBefore, "malformed-request");
    });
  });

  describe("replays", () => {
    it("the same response posted twice: the second gets 401", async () => {
      const response = idp.response({ inResponseTo: await requestId(), person: person() });
      const first = await post(response);
      expect(first.status).toBe(303);
      const sessionsBefore = await prisma().session.count();
      await expectRejected(await post(response), sessionsBefore, "in-response-to");
    });

    it("the same response posted after its request id is remembered again: the assertion id still stops it", async () => {
      const id = await requestId();
      const response = idp.response({ inResponseTo: id, person: person() });
      expect((await post(response)).status).toBe(303);
      await prisma().samlRequest.create({ data: { id } });
      const sessionsBefore = await prisma().session.count();
      await expectRejected(await post(response), sessionsBefore, "replayed");
    });

    it("ten parallel posts of one response: exactly one 303 and one session", async () => {
      const someone = person({ uid: "par400" });
      const response = idp.response({ inResponseTo: await requestId(), person: someone });
      const sessionsBefore = await prisma().session.count();
      const results = await Promise.all(Array.from({ length: 10 }, () => post(response)));
      const statuses = results.map((result) => result.status).sort();
      expect(statuses).toEqual([303, ...Array<number>(9).fill(401)]);
      expect(results.filter((result) => sessionCookie(result.headers))).toHaveLength(1);
      expect(await prisma().session.count()).toBe(sessionsBefore + 1);
      const user = await prisma().user.findUniqueOrThrow({ where: { username: "par400" } });
      expect(await prisma().session.count({ where: { userId: user.id } })).toBe(1);
      expect(await prisma().auditEntry.count({ where: { entityId: user.id, action: "user.signed_in" } })).toBe(1);
    });
  });

  describe("RelayState", () => {
    it.each([
      ["https://evil.example/", "/"],
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["/\t/evil.example", "/"],
      ["javascript:alert(1)", "/"],
      ["/proposals/123?tab=notes", "/proposals/123?tab=notes"],
    ])("%j → %s", async (relayState, expected) => {
      const response = await post(idp.response({ inResponseTo: await requestId(), person: person() }), relayState);
      expect(response.status).toBe(303);
      expect(response.headers.location).toBe(expected);
    });

    it("the sign-in button never sends an off-site returnTo to the IdP", async () => {
      const browser = new Browser(app);
      await browser.get("/sign-in");
      const start = await browser.post("/sign-in/saml", { returnTo: "//evil.example/x" });
      expect(idp.readAuthnRequest(start.location!).relayState).toBe("/");
    });
  });

  describe("DTDs", () => {
    it("a billion-laughs payload is refused within a second, before any XML parser", async () => {
      const sessionsBefore = await prisma().session.count();
      const started = performance.now();
      const response = await post(billionLaughs(), "/");
      expect(performance.now() - started).toBeLessThan(1000);
      await expectRejected(response, sessionsBefore, "dtd");
    });

    it("an entity smuggled into a validly signed response is refused too", async () => {
      const xml = idp.responseXml({ inResponseTo: await requestId(), person: person() });
      const withDoctype = `<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>${xml}`;
      const sessionsBefore = await prisma().session.count();
      await expectRejected(await post(Buffer.from(withDoctype).toString("base64")), sessionsBefore, "dtd");
    });
  });

  it("a database failure while checking is a 500 with a reference, not a rejected sign-in", async () => {
    const id = await requestId();
    const failure = Object.assign(new Error("connection lost"), { name: "PrismaClientUnknownRequestError" });
    const spy = vi.spyOn(testApp.services.saml!.requestCache, "getAsync").mockRejectedValue(failure);
    try {
      const response = await post(idp.response({ inResponseTo: id, person: person() }));
      expect(response.status).toBe(500);
      expect(response.text).not.toContain("connection lost");
    } finally {
      spy.mockRestore();
    }
  });

  it("logs the reason for a rejection, not the assertion's content", async () => {
    const response = idp.response({
      inResponseTo: await requestId(),
      person: person({ uid: "secret500", displayName: "Confidential Name" }),
      afterSigning: (xml) => xml.replace(">Confidential Name<", ">Edited Name<"),
    });
    const result = await request(app)
      .post(callbackPath)
      .type("form")
      .send(new URLSearchParams({ SAMLResponse: response }).toString());
    expect(result.status).toBe(401);
    expect(lastRejection()).toBe("signature");
    const all = log.raw.join("\n");
    for (const secret of ["secret500", "Confidential Name", "Edited Name", response.slice(0, 40)])
      expect(all).not.toContain(secret);
  });

  it("publishes our metadata: entity id and assertion consumer service", async () => {
    const response = await request(app).get("/sign-in/saml/metadata");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/xml/);
    const $ = cheerio.load(response.text, { xml: true });
    expect($("EntityDescriptor").attr("entityID")).toBe(serviceProvider.entityId);
    const acs = $("AssertionConsumerService");
    expect(acs.attr("Location")).toBe(serviceProvider.callbackUrl);
    expect(acs.attr("Binding")).toBe("urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST");
    expect($("SPSSODescriptor").attr("WantAssertionsSigned")).toBe("true");
  });

  it("signs its requests and publishes its certificate when given an SP key", async () => {
    const sp = newSigningIdentity("spo.test.example");
    const config = loadConfig({
      NODE_ENV: "test",
      BASE_URL: baseUrl,
      ...idp.settings(),
      SAML_SP_PRIVATE_KEY: sp.privateKey,
      SAML_SP_CERT: sp.certificate,
    });
    const signOn = samlSignOn(prisma(), config.saml!, { secrets: config.session.secrets });
    const location = new URL((await signOn.authorizeUrl("/")).location);
    expect(location.searchParams.get("SigAlg")).toBe("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    const signed = new URLSearchParams();
    for (const name of ["SAMLRequest", "RelayState", "SigAlg"]) signed.append(name, location.searchParams.get(name)!);
    const verified = createVerify("RSA-SHA256")
      .update(signed.toString())
      .verify(sp.certificate, location.searchParams.get("Signature")!, "base64");
    expect(verified).toBe(true);
    const $ = cheerio.load(signOn.metadata(), { xml: true });
    expect($("SPSSODescriptor").attr("AuthnRequestsSigned")).toBe("true");
    expect($("KeyDescriptor[use=signing]").text().replace(/\s/g, "")).toBe(
      sp.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, ""),
    );
  });

  it("has no development sign-in when single sign-on is configured", async () => {
    const browser = new Browser(app);
    const page = await browser.get("/sign-in");
    expect(page.text).not.toContain("Development sign-in");
    expect(page.$("input[name=username]")).toHaveLength(0);
    const signedInBefore = await prisma().session.count({ where: { userId: { not: null } } });
    const post = await browser.post("/sign-in/development", { username: "ab123" });
    expect(post.status).toBe(404);
    expect(await prisma().session.count({ where: { userId: { not: null } } })).toBe(signedInBefore);
  });

  it("signs out by ending the local session", async () => {
    const response = await post(idp.response({ inResponseTo: await requestId(), person: person() }));
    const cookie = sessionCookie(response.headers)!;
    const home = await request(app).get("/").set("Cookie", cookie);
    expect(home.status).toBe(200);
    const token = cheerio.load(home.text)("form[action='/sign-out'] input[name=_csrf]").val() as string;
    const out = await request(app)
      .post("/sign-out")
      .set("Cookie", cookie)
      .type("form")
      .send(new URLSearchParams({ _csrf: token }).toString());
    expect(out.status).toBe(303);
    expect(await prisma().session.findUnique({ where: { sid: sidOf(cookie) } })).toBeNull();
  });
});

describe("single sign-on settings", () => {
  const idp = new TestIdentityProvider(serviceProvider);
  const production = {
    NODE_ENV: "production",
    SESSION_SECRET: "a-production-secret-that-is-long-enough-0123456789",
    BASE_URL: baseUrl,
  };

  it("refuses to start in production without SAML settings", () => {
    expect(() => loadConfig(production)).toThrow(/SAML_IDP_METADATA_FILE/);
  });

  it("in production with SAML: callback from BASE_URL, no development sign-in", () => {
    const config = loadConfig({ ...production, ...idp.settings() });
    expect(config.saml).toMatchObject({
      callbackUrl: serviceProvider.callbackUrl,
      spEntityId: serviceProvider.entityId,
      idpIssuer: idp.entityId,
      idpSsoUrl: idp.ssoUrl,
      clockSkewMs: 5000,
    });
    expect(config.developmentSignIn).toBe(false);
  });

  it("is undefined when not configured; development sign-in stays outside production", () => {
    const config = loadConfig({ NODE_ENV: "test" });
    expect(config.saml).toBeUndefined();
    expect(config.developmentSignIn).toBe(true);
  });

  it("reads the IdP's metadata file: entity id, HTTP-Redirect address, signing certificate", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), "spo-saml-"));
    try {
      const file = path.join(folder, "idp.xml");
      await writeFile(file, idp.metadata());
      const config = loadConfig({ NODE_ENV: "test", SAML_IDP_METADATA_FILE: file });
      expect(config.saml?.idpIssuer).toBe(idp.entityId);
      expect(config.saml?.idpSsoUrl).toBe(idp.ssoUrl);
      expect(config.saml?.idpCertificates[0]?.replace(/\s/g, "")).toBe(idp.signing.certificate.replace(/\s/g, ""));
      expect(config.saml?.spEntityId).toBe("http://localhost:3000/sign-in/saml/metadata");
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it("accepts the certificate as bare base64, and rejects what is not a certificate", () => {
    const base64 = idp.signing.certificate.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, "");
    expect(
      loadConfig({ NODE_ENV: "test", ...idp.settings(), SAML_IDP_CERT: base64 }).saml?.idpCertificates,
    ).toHaveLength(1);
    expect(() => loadConfig({ NODE_ENV: "test", ...idp.settings(), SAML_IDP_CERT: "bm90IGEgY2VydA==" })).toThrow(
      /SAML_IDP_CERT/,
    );
  });

  it("names what is missing when SAML is half configured", () => {
    expect(() => loadConfig({ NODE_ENV: "test", SAML_IDP_ISSUER: idp.entityId })).toThrow(
      /SAML_IDP_CERT[\s\S]*SAML_IDP_SSO_URL/,
    );
  });
});
