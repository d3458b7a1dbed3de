// Rate limits hold whatever the spelling of the address (Express matches routes without
// regard to case or a trailing slash, so the limit must too) and whichever app instance a
// request reaches (the counts live in the database).
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../../src/app";
import { testConfig } from "../../src/config";
import { createServices } from "../../src/services";
import { limitedRoutes } from "../../src/middleware/rateLimits";
import { allRoutes } from "../../src/routes";
import { Browser, signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { TestIdentityProvider } from "../saml/testIdentityProvider";

const limit = 5;
const limits = { SIGN_IN_RATE_LIMIT: String(limit), SUBMIT_RATE_LIMIT: String(limit) };
const missingProposal = "00000000-0000-4000-8000-000000000000";

describe(`rate limits (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ config: limits });
  });
  afterAll(() => testApp.close());
  // Each test starts with no attempts counted (signing in counts too).
  beforeEach(async () => {
    await testApp.services.prisma.rateLimitCounter.deleteMany();
  });

  it("counts sign-in attempts under every spelling of the address", async () => {
    const browser = new Browser(testApp.app);
    await browser.get("/sign-in");
    const spellings = [
      "/SIGN-IN/development",
      "/sign-in/development/",
      "/Sign-In/Development/",
      "/sign-in/development",
    ];
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= limit; attempt++) {
      statuses.push((await browser.post(spellings[attempt % spellings.length]!, { username: "nobody" })).status);
    }
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(400));
    expect(statuses[limit]).toBe(429);
  });

  it("counts submits under every spelling of the address", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    await testApp.services.prisma.rateLimitCounter.deleteMany();
    const spellings = ["submit", "Submit", "SUBMIT/", "submit/"];
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= limit; attempt++) {
      const path = `/proposals/${missingProposal}/${spellings[attempt % spellings.length]!}`;
      statuses.push((await browser.post(path, { declaration: "confirmed" })).status);
    }
    expect(statuses.slice(0, limit).every((status) => status !== 429)).toBe(true);
    expect(statuses[limit]).toBe(429);
  });

  it("shares the count between two app instances on one database", async () => {
    // A second process would build exactly this: its own services over the same database.
    const second = createApp(createServices(testApp.testDatabase.database, testConfig(limits)), createLogger("silent"));
    // The same person, signed in on each instance: the submit limit is per person.
    const browsers = [await signInAs(testApp.app, "cd456"), await signInAs(second, "cd456")];
    await testApp.services.prisma.rateLimitCounter.deleteMany();
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= limit; attempt++) {
      const browser = browsers[attempt % 2]!;
      statuses.push((await browser.post(`/proposals/${missingProposal}/submit`, { declaration: "confirmed" })).status);
    }
    expect(statuses.slice(0, limit).every((status) => status !== 429)).toBe(true);
    expect(statuses[limit]).toBe(429);
  });
});

describe(`rate limit on the single sign-on callback (${databaseLabel})`, () => {
  const baseUrl = "https://spo.test.example";
  const idp = new TestIdentityProvider({
    entityId: `${baseUrl}/saml/sp`,
    callbackUrl: `${baseUrl}/sign-in/saml/callback`,
  });
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ config: { ...limits, BASE_URL: baseUrl, ...idp.settings() } });
  });
  afterAll(() => testApp.close());

  it("names only routes that exist (with or without single sign-on)", () => {
    const withoutSingleSignOn = { ...testApp.services, config: testConfig(), saml: undefined };
    const names = new Set(
      [...allRoutes(withoutSingleSignOn), ...allRoutes(testApp.services)].map((route) => route.name),
    );
    names.add("signIn.saml.callback"); // mounted before CSRF, outside the table
    expect(Object.keys(limitedRoutes).filter((name) => !names.has(name))).toEqual([]);
  });

  it("counts callbacks with a trailing slash or in capitals", async () => {
    const spellings = ["/sign-in/saml/callback/", "/SIGN-IN/SAML/CALLBACK", "/sign-in/saml/callback"];
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= limit; attempt++) {
      const response = await request(testApp.app)
        .post(spellings[attempt % spellings.length]!)
        .type("form")
        .send("SAMLResponse=bm90IGEgcmVzcG9uc2U%3D");
      statuses.push(response.status);
    }
    expect(statuses.slice(0, limit)).toEqual(Array(limit).fill(401));
    expect(statuses[limit]).toBe(429);
  });
});
