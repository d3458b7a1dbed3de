// TRUST_PROXY names the proxies in front of the app (a hop count or their addresses), so
// the client's address is the one those proxies saw: X-Forwarded-For entries a client adds
// itself are not believed, and cannot dodge the per-address sign-in limit.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { Browser, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { TestIdentityProvider } from "../saml/testIdentityProvider";

function production(trustProxy: string) {
  const idp = new TestIdentityProvider({
    entityId: "https://spo.example.ac.uk/sign-in/saml/metadata",
    callbackUrl: "https://spo.example.ac.uk/sign-in/saml/callback",
  });
  return {
    NODE_ENV: "production",
    SESSION_SECRET: "a-production-secret-that-is-long-enough-0123456789",
    BASE_URL: "https://spo.example.ac.uk",
    ...idp.settings(),
    TRUST_PROXY: trustProxy,
  };
}

describe("TRUST_PROXY", () => {
  it("takes a hop count, or a list of proxy addresses and subnets", () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.5, 192.168.0.0/16,fd00::/8" }).trustProxy).toEqual([
      "10.0.0.5",
      "192.168.0.0/16",
      "fd00::/8",
    ]);
    expect(loadConfig({ TRUST_PROXY: "loopback" }).trustProxy).toEqual(["loopback"]);
    expect(loadConfig(production("1")).trustProxy).toBe(1);
  });

  it("refuses `true` (every hop) in production, with the reason", () => {
    expect(() => loadConfig(production("true"))).toThrow(/TRUST_PROXY: .*every/);
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
  });

  it("refuses what is neither a count nor addresses", () => {
    expect(() => loadConfig({ TRUST_PROXY: "proxy.example" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33" })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
  });
});

describe(`the client address behind one proxy (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ config: { TRUST_PROXY: "1", SIGN_IN_RATE_LIMIT: "3" } });
  });
  afterAll(() => testApp.close());

  it("limits sign-in by the address the proxy saw, whatever the client put before it", async () => {
    const browser = new Browser(testApp.app);
    await browser.get("/sign-in");
    const statuses: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const token = browser.token ?? "";
      const response = await browser.agent
        .post("/sign-in/development")
        .set("X-Forwarded-For", `198.51.100.${attempt}, 203.0.113.7`)
        .type("form")
        .send(`_csrf=${encodeURIComponent(token)}&username=nobody`);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});
