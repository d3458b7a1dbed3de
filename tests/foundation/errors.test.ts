import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, createLogger } from "../../src/app";
import { PrismaClientKnownRequestError } from "@prisma/client/runtime/client";
import { Browser, signInAs, startTestApp, type TestApp } from "../helpers/testApp";

describe("error pages", () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("shows a 404 page for an unknown address", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const page = await browser.get("/no/such/page");
    expect(page.status).toBe(404);
    expect(page.$("h1").text()).toBe("Page not found");
    expect(page.$("title").text()).toMatch(/^Page not found/);
  });

  it("shows a reference id and nothing of a Prisma failure", async () => {
    const failure = new PrismaClientKnownRequestError(
      'Invalid `prisma.proposal.findMany()` invocation: SELECT "secret_column" FROM "proposal"',
      { code: "P2024", clientVersion: "7" },
    );
    // The home page's own query fails (the person comes with the session's read).
    const broken = {
      ...testApp.services,
      proposals: { ...testApp.services.proposals, listForOwner: () => Promise.reject(failure) },
    };
    const app = createApp(broken, createLogger("silent"));
    const browser = new Browser(app);
    await browser.get("/sign-in");
    const signIn = await browser.post("/sign-in/development", { username: "ab123" });
    expect(signIn.status).toBe(303);
    const page = await browser.get("/");
    expect(page.status).toBe(500);
    expect(page.$("h1").text()).toBe("Sorry, there is a problem");
    const reference = page.$("main strong").text();
    expect(reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(page.text).not.toMatch(/prisma|SELECT|secret_column|P2024|at .*\.ts:\d+/i);
  });

  it("accepts a request id given by a proxy (logged beside its own reference)", async () => {
    const response = await request(testApp.app).get("/readyz").set("x-request-id", "abc-123");
    expect(response.status).toBe(200);
  });

  it("refuses a body over the size limit with a 413 page and no stack", async () => {
    const browser = new Browser(testApp.app);
    await browser.get("/sign-in");
    const page = await browser.post("/sign-in/development", { username: "x".repeat(200_000) });
    expect(page.status).toBe(413);
    expect(page.text).not.toMatch(/PayloadTooLargeError|at .*node_modules/);
  });
});
