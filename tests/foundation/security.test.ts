import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, signInAs, startTestApp, type TestApp } from "../helpers/testApp";

describe("CSRF and security headers", () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("refuses a form with no token, with the session-expired page", async () => {
    const browser = new Browser(testApp.app);
    await browser.get("/sign-in");
    const page = await browser.post("/sign-in/development", { username: "ab123" }, { csrf: null });
    expect(page.status).toBe(403);
    expect(page.$("h1").text()).toBe("Your session has expired");
  });

  it("refuses another session's token", async () => {
    const victim = await signInAs(testApp.app, "ab123");
    const attacker = await signInAs(testApp.app, "cd456");
    const page = await victim.post("/sign-out", {}, { csrf: attacker.token! });
    expect(page.status).toBe(403);
    expect((await victim.get("/")).status).toBe(200);
  });

  it("sets the headers of the quality bar on a signed-in page", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const page = await browser.get("/");
    const csp = page.headers["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}'/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
    expect(page.headers["x-content-type-options"]).toBe("nosniff");
    expect(page.headers["referrer-policy"]).toBe("same-origin");
    expect(page.headers["cache-control"]).toBe("no-store");
    expect(page.headers["x-powered-by"]).toBeUndefined();
  });

  it("gives each response its own nonce and puts no inline script in pages", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const first = await browser.get("/");
    const second = await browser.get("/");
    const nonce = (headers: Record<string, string>) => /nonce-([^']+)/.exec(headers["content-security-policy"]!)?.[1];
    expect(nonce(first.headers)).not.toBe(nonce(second.headers));
    first.$("script").each((_, element) => {
      expect(first.$(element).attr("src")).toBeTruthy();
    });
  });

  it("sets session cookies HttpOnly and SameSite=Lax", async () => {
    const browser = new Browser(testApp.app);
    const page = await browser.get("/sign-in");
    const cookie = ([] as string[]).concat(page.headers["set-cookie"] ?? []).find((value) => value.startsWith("spo.sid="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});
