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
    const cookie = ([] as string[])
      .concat(page.headers["set-cookie"] ?? [])
      .find((value) => value.startsWith("spo.sid="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("refuses a state-changing request from another origin or marked cross-site, even with a valid token", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const form = `_csrf=${encodeURIComponent(browser.token!)}&title=A+new+proposal&summary=Its+summary.`;
    const foreign = await browser.agent
      .post("/proposals")
      .type("form")
      .set("Origin", "https://evil.example")
      .send(form);
    expect(foreign.status).toBe(403);
    const crossSite = await browser.agent
      .post("/proposals")
      .type("form")
      .set("Sec-Fetch-Site", "cross-site")
      .send(form);
    expect(crossSite.status).toBe(403);
    const sameOrigin = await browser.agent
      .post("/proposals")
      .type("form")
      .set("Sec-Fetch-Site", "same-origin")
      .send(form);
    expect(sameOrigin.status).toBe(303);
  });

  it("limits sign-in attempts and submits, at the configured defaults", async () => {
    const limited = await startTestApp({ config: { SIGN_IN_RATE_LIMIT: "30", SUBMIT_RATE_LIMIT: "20" } });
    try {
      const browser = new Browser(limited.app);
      await browser.get("/sign-in");
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 31; attempt++)
        statuses.push((await browser.post("/sign-in/development", { username: "nobody" })).status);
      expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
      expect(statuses[30]).toBe(429);

      const staff = new Browser(limited.app);
      await staff.get("/sign-in");
      const submits: number[] = [];
      for (let attempt = 0; attempt < 21; attempt++) {
        submits.push(
          (await staff.post("/proposals/00000000-0000-4000-8000-000000000000/submit", { declaration: "confirmed" }))
            .status,
        );
      }
      expect(submits.slice(0, 20).every((status) => status !== 429)).toBe(true);
      expect(submits[20]).toBe(429);
    } finally {
      await limited.close();
    }
  }, 120_000); // a database of its own, made in the test, and 52 requests: slow on a loaded machine
});
