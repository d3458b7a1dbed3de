// Small things on the officer's home and the demo sign-in page: each route's count named as
// people say it, the committee by its name in the reference data; usernames beside names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import { Browser } from "../helpers/testApp";

describe(`the officer's home and the demo sign-in (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
    await submittedCase(testApp.services, "ab123", { relationship: "new", partnerCountry: "KZ" });
  }, 60_000);
  afterAll(() => testApp.close());

  it("counts open cases per route in sentence case, with the committee's current name", async () => {
    const committee = (await testApp.services.reference.current()).committeeName;
    const home = await (await signInAs(testApp.app, "spo01")).get("/");
    const text = (route: string) => home.$(`a[href="/queue?route=${route}"]`).text().trim();
    expect(text("acbela")).toBe(`1 open with a ${committee} referral`);
    expect(text("export_control")).toMatch(/^\d+ open with an export control review$/);
    expect(text("due_diligence")).toMatch(/^\d+ open with a Research Office due diligence check$/);
  });

  it("shows each demo person's username beside their name", async () => {
    const page = await new Browser(testApp.app).get("/sign-in");
    const item = page.$('input[value="spo01"]').closest(".govuk-radios__item");
    expect(item.find("label").text().trim()).toBe("Priya Raman");
    expect(item.find(".govuk-hint").text()).toContain("Username spo01");
  });
});
