// The reference an error page shows is made by the server, never taken from the request:
// a client's X-Request-Id is logged beside it (for tracing through a proxy) but cannot
// choose, forge or collide with our references.
import { Writable } from "node:stream";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  return { logger, lines };
}

describe(`error references (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("shows a reference the server made, and logs the client's id beside it", async () => {
    const log = capturingLogger();
    const broken = {
      ...testApp.services,
      users: { ...testApp.services.users, listForDevelopmentSignIn: () => Promise.reject(new Error("boom")) },
    };
    const app = createApp(broken, log.logger);
    const response = await request(app).get("/sign-in").set("X-Request-Id", "chosen-by-the-client");
    expect(response.status).toBe(500);
    const reference = /<strong>([^<]+)<\/strong>/.exec(response.text)?.[1];
    expect(reference).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(response.text).not.toContain("chosen-by-the-client");
    const line = log.lines.find((entry) => entry.msg === "request failed");
    expect(line?.reference).toBe(reference);
    expect(line?.clientRequestId).toBe("chosen-by-the-client");
  });

  it("makes a new reference for every request, even when the client repeats its id", async () => {
    const log = capturingLogger();
    const app = createApp(testApp.services, log.logger);
    const references = new Set<string>();
    for (let index = 0; index < 3; index++) {
      const response = await request(app)
        .post("/sign-in/development")
        .set("X-Request-Id", "same-id")
        .type("form")
        .send("a=1&a=2");
      expect(response.status).toBe(403);
    }
    for (const line of log.lines.filter((entry) => entry.msg === "rejected a form without a valid token")) {
      expect(line.clientRequestId).toBe("same-id");
      references.add(String(line.reference));
    }
    expect(references.size).toBe(3);
    expect(references.has("same-id")).toBe(false);
  });
});
