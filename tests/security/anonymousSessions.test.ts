// A visitor who is not signed in gets a session (a database row and a cookie) only from a
// page with a form, which needs a CSRF token: the sign-in page. Anything else they ask
// for (a redirect to sign in, a missing page, a refused form) writes nothing.
import request from "supertest";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Browser, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

function sessionCookie(headers: Record<string, unknown>): string | undefined {
  const cookies = ([] as string[]).concat((headers["set-cookie"] as string[] | string | undefined) ?? []);
  return cookies.find((cookie) => cookie.startsWith("spo.sid="));
}

describe(`sessions for anonymous visitors (${databaseLabel})`, () => {
  let testApp: TestApp;
  const sessions = () => testApp.services.prisma.session.count();
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());
  beforeEach(async () => {
    await testApp.services.prisma.session.deleteMany();
  });

  it("writes no session for pages without a form", async () => {
    const paths = ["/", "/queue", "/proposals/00000000-0000-4000-8000-000000000000", "/no/such/page", "/admin/people"];
    for (const path of paths) {
      const response = await request(testApp.app).get(path);
      expect(response.status, path).toBeLessThan(500);
      expect(sessionCookie(response.headers), path).toBeUndefined();
    }
    const refused = await request(testApp.app).post("/sign-out").type("form").send("_csrf=guess");
    expect(refused.status).toBe(403);
    expect(sessionCookie(refused.headers)).toBeUndefined();
    expect(await sessions()).toBe(0);
  });

  it("writes one session for the sign-in page, whose token then signs in", async () => {
    const browser = new Browser(testApp.app);
    const page = await browser.get("/sign-in");
    expect(sessionCookie(page.headers)).toBeDefined();
    expect(browser.token).toBeTruthy();
    expect(await sessions()).toBe(1);
    await browser.get("/sign-in");
    await browser.get("/no/such/page");
    expect(await sessions()).toBe(1);
    const signedIn = await browser.post("/sign-in/development", { username: "ab123" });
    expect(signedIn.status).toBe(303);
    expect((await browser.get("/")).status).toBe(200);
  });

  it("writes nothing for a hundred anonymous requests in a row", async () => {
    const agent = request.agent(testApp.app);
    for (let index = 0; index < 100; index++) await agent.get(index % 2 ? "/" : "/queue");
    expect(await sessions()).toBe(0);
  });
});
