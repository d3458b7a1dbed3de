import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { TestIdentityProvider } from "../saml/testIdentityProvider";

function sessionCookie(headers: Record<string, string | string[]>): string | undefined {
  const cookies = ([] as string[]).concat(headers["set-cookie"] ?? []);
  return cookies.find((cookie) => cookie.startsWith("spo.sid="))?.split(";")[0];
}

describe(`development sign-in and sessions (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("sends anonymous visitors to sign in, keeping where they were going", async () => {
    const page = await new Browser(testApp.app).get("/");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/sign-in?returnTo=%2F");
  });

  it("lists every demo person with their roles", async () => {
    const page = await new Browser(testApp.app).get("/sign-in");
    expect(page.status).toBe(200);
    const labels = page
      .$(".govuk-radios__label")
      .map((_, element) => page.$(element).text().trim())
      .get();
    expect(labels).toContain("Alex Brown");
    expect(labels).toContain("Priya Raman");
    expect(page.text).toContain("Head of department (Department of Engineering)");
  });

  it("signs in with a new session id, writes an audit entry and shows the roles", async () => {
    const browser = new Browser(testApp.app);
    const before = await browser.get("/sign-in");
    const anonymousCookie = sessionCookie(before.headers);
    expect(anonymousCookie).toBeDefined();
    const signedIn = await browser.post("/sign-in/development", { username: "hod01" });
    expect(signedIn.status).toBe(303);
    const newCookie = sessionCookie(signedIn.headers);
    expect(newCookie).toBeDefined();
    expect(newCookie).not.toBe(anonymousCookie);
    const oldSid = decodeURIComponent(anonymousCookie!.split("=")[1]!).slice(2).split(".")[0]!;
    expect(await testApp.services.prisma.session.findUnique({ where: { sid: oldSid } })).toBeNull();

    const home = await browser.get("/");
    expect(home.status).toBe(200);
    expect(home.$(".app-header__user").text()).toContain("Dr Helen Okafor");
    expect(home.$(".app-header__user").text()).toContain("Head of department (Department of Engineering)");
    const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "hod01" } });
    const entries = await testApp.services.prisma.auditEntry.findMany({
      where: { action: "user.signed_in", entityId: user.id },
    });
    expect(entries).toHaveLength(1);
  });

  it("only returns to local addresses after sign-in", async () => {
    const browser = new Browser(testApp.app);
    await browser.get("/sign-in");
    const offSite = await browser.post("/sign-in/development", { username: "ab123", returnTo: "//evil.example/x" });
    expect(offSite.location).toBe("/");
    const browser2 = new Browser(testApp.app);
    await browser2.get("/sign-in");
    const local = await browser2.post("/sign-in/development", { username: "ab123", returnTo: "/no/such" });
    expect(local.location).toBe("/no/such");
  });

  it("rejects an unknown person with the error pattern", async () => {
    const browser = new Browser(testApp.app);
    await browser.get("/sign-in");
    const page = await browser.post("/sign-in/development", { username: "nobody" });
    expect(page.status).toBe(400);
    expect(page.$("title").text()).toMatch(/^Error: /);
    expect(page.$(".govuk-error-summary a").attr("href")).toBe("#username");
  });

  it("deletes the stored session on sign-out", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const before = await testApp.services.prisma.session.count({ where: { userId: user.id } });
    expect(before).toBeGreaterThan(0);
    const out = await browser.post("/sign-out");
    expect(out.status).toBe(303);
    expect(out.location).toBe("/sign-in");
    const home = await browser.get("/");
    expect(home.status).toBe(303);
  });

  it("ends a session past the absolute timeout", async () => {
    const browser = await signInAs(testApp.app, "cd456");
    const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "cd456" } });
    const [row] = await testApp.services.prisma.session.findMany({ where: { userId: user.id } });
    const data = row!.data as Record<string, unknown>;
    await testApp.services.prisma.session.update({
      where: { sid: row!.sid },
      data: { data: { ...data, signedInAt: Date.now() - 11 * 3_600_000 } },
    });
    const page = await browser.get("/");
    expect(page.status).toBe(303);
    expect(page.location).toBe("/sign-in?expired=1");
    expect(await testApp.services.prisma.session.findUnique({ where: { sid: row!.sid } })).toBeNull();
  });

  it("ends a session past the idle timeout", async () => {
    const browser = await signInAs(testApp.app, "spo01");
    const user = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "spo01" } });
    await testApp.services.prisma.session.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const page = await browser.get("/");
    expect(page.status).toBe(303);
    expect(page.location).toMatch(/^\/sign-in/);
  });

  it("signs out a person who has been disabled", async () => {
    const browser = await signInAs(testApp.app, "acb01");
    await testApp.services.prisma.user.update({ where: { username: "acb01" }, data: { disabled: true } });
    const page = await browser.get("/");
    expect(page.status).toBe(303);
    await testApp.services.prisma.user.update({ where: { username: "acb01" }, data: { disabled: false } });
  });
});

describe("development sign-in in production", () => {
  it("does not exist", async () => {
    // Production requires single sign-on, so /sign-in is the University sign-in page.
    const idp = new TestIdentityProvider({
      entityId: "https://spo.example.ac.uk/sign-in/saml/metadata",
      callbackUrl: "https://spo.example.ac.uk/sign-in/saml/callback",
    });
    const testApp = await startTestApp({
      config: {
        NODE_ENV: "production",
        SESSION_SECRET: "a-production-secret-that-is-long-enough-0123456789",
        BASE_URL: "https://spo.example.ac.uk",
        ...idp.settings(),
      },
    });
    try {
      const browser = new Browser(testApp.app);
      const page = await browser.get("/sign-in");
      expect(page.$("input[name=username]")).toHaveLength(0);
      expect(page.text).not.toContain("Development sign-in");
      const post = await browser.post("/sign-in/development", { username: "ab123" }, { csrf: null });
      expect([403, 404]).toContain(post.status);
      expect(await testApp.services.prisma.session.count({ where: { userId: { not: null } } })).toBe(0);
    } finally {
      await testApp.close();
    }
  });
});
