// The idle timeout counts from the last request, to the millisecond, whichever app
// instance served it: a session is active until exactly the idle limit after the last
// request and ends then. The clock is faked (Date only: timers and the database run in
// real time).
import request from "supertest";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, createLogger } from "../../src/app";
import { testConfig } from "../../src/config";
import { createServices } from "../../src/services";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

const idleMs = 60_000;
const settings = { SESSION_IDLE_MINUTES: "1" };

function sessionCookie(response: request.Response): string {
  const cookies = ([] as string[]).concat((response.headers["set-cookie"] as string[] | string | undefined) ?? []);
  const cookie = cookies.find((value) => value.startsWith("spo.sid="));
  if (!cookie) throw new Error("no session cookie");
  return cookie.split(";")[0]!;
}

describe(`idle timeout (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ config: settings });
  });
  afterAll(() => testApp.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Signs in at the current (fake) time; returns the cookie. */
  async function signIn(app = testApp.app): Promise<string> {
    const page = await request(app).get("/sign-in");
    const cookie = sessionCookie(page);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? "";
    const signedIn = await request(app)
      .post("/sign-in/development")
      .set("Cookie", cookie)
      .type("form")
      .send(`_csrf=${encodeURIComponent(token)}&username=ab123`);
    expect(signedIn.status).toBe(303);
    return sessionCookie(signedIn);
  }

  const sidOf = (cookie: string) => decodeURIComponent(cookie.split("=")[1]!).slice(2).split(".")[0]!;
  const storedExpiry = async (cookie: string) =>
    (await testApp.services.prisma.session.findUniqueOrThrow({ where: { sid: sidOf(cookie) } })).expiresAt.getTime();
  const visit = (cookie: string, app = testApp.app) => request(app).get("/").set("Cookie", cookie);

  it("keeps a session active until exactly the idle limit after the last request, then ends it", async () => {
    const start = Date.UTC(2026, 5, 1, 9, 0, 0);
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await signIn();
    expect((await visit(cookie)).status).toBe(200);

    // A request ten seconds later moves the end to 70 s; it is written soon after (not
    // necessarily before the response), and exactly.
    vi.setSystemTime(start + 10_000);
    expect((await visit(cookie)).status).toBe(200);
    await vi.waitFor(async () => expect(await storedExpiry(cookie)).toBe(start + 10_000 + idleMs), {
      timeout: 10_000,
      interval: 100,
    });

    // One millisecond before the end: still active (and that request is now the last).
    const last = start + 10_000 + idleMs - 1;
    vi.setSystemTime(last);
    expect((await visit(cookie)).status).toBe(200);

    // Exactly the idle limit after the last request: ended.
    vi.setSystemTime(last + idleMs);
    const ended = await visit(cookie);
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toMatch(/^\/sign-in/);
  });

  it("counts a request served by another instance", async () => {
    const second = createApp(
      createServices(testApp.testDatabase.database, testConfig(settings)),
      createLogger("silent"),
    );
    const start = Date.UTC(2026, 5, 2, 9, 0, 0);
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const cookie = await signIn();
    expect((await visit(cookie)).status).toBe(200);
    vi.setSystemTime(start + 20_000);
    expect((await visit(cookie)).status).toBe(200);
    await vi.waitFor(async () => expect(await storedExpiry(cookie)).toBe(start + 20_000 + idleMs), {
      timeout: 10_000,
      interval: 100,
    });
    vi.setSystemTime(start + 20_000 + idleMs - 1);
    expect((await visit(cookie, second)).status).toBe(200);
  });
});
