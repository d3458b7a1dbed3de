import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

describe(`health endpoints (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("says the process is up without a session or sign-in", async () => {
    const response = await request(testApp.app).get("/healthz");
    expect(response.status).toBe(200);
    expect(response.text).toBe("ok");
    expect(response.headers["set-cookie"]).toBeUndefined();
  });

  it("says the database answers", async () => {
    const response = await request(testApp.app).get("/readyz");
    expect(response.status).toBe(200);
    expect(response.headers["set-cookie"]).toBeUndefined();
  });
});
