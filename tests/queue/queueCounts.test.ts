// The queue's total and route counts are reused for a few seconds (counting every match on
// each view made the page slower as the queue grew), but a change this process records
// shows at once, and one made elsewhere (another process) once the few seconds are up.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

describe(`the queue's counts (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;

  beforeAll(async () => {
    testApp = await startTestApp();
    for (let index = 0; index < 2; index++)
      await submittedCase(testApp.services, "ab123", { title: `Counted ${index}`, department: "ENG" });
    officer = await signInAs(testApp.app, "spo01");
  }, 120_000);
  afterAll(() => {
    vi.useRealTimers();
    return testApp.close();
  });

  const total = async (query = "") => (await officer.get(`/queue${query}`)).$("#queue-total").text().trim();

  it("counts a case submitted in this process at once", async () => {
    expect(await total()).toBe("2 cases");
    await submittedCase(testApp.services, "ab123", { title: "Counted 2", department: "ENG" });
    expect(await total()).toBe("3 cases");
  });

  it("counts a change made elsewhere once the cached count is a few seconds old", async () => {
    expect(await total()).toBe("3 cases");
    // Another process's change: written straight to the database, recording nothing here.
    await testApp.services.prisma.$executeRaw`
      UPDATE "proposal" SET "status" = 'WITHDRAWN' WHERE "title" = 'Counted 0'`;
    expect(await total()).toBe("3 cases");
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() + 6_000 });
    // Aged: shown once more while it is counted again (no request waits on the count), then new.
    expect(await total()).toBe("3 cases");
    await expect.poll(total).toBe("2 cases");
    vi.useRealTimers();
  });
});
