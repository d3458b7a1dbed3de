import request from "supertest";
import { describe, expect, it } from "vitest";
import { startTestApp } from "../helpers/testApp";

describe("readiness when the database has gone", () => {
  it("answers 503, and the process still serves /healthz", async () => {
    const testApp = await startTestApp({ seed: false });
    await testApp.close();
    const ready = await request(testApp.app).get("/readyz");
    expect(ready.status).toBe(503);
    expect(ready.text).not.toMatch(/prisma|sql|error:/i);
    expect((await request(testApp.app).get("/healthz")).status).toBe(200);
  });
});
