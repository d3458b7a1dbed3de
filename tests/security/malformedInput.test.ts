// Input PostgreSQL cannot take must never become a 500: an id that is not a UUID is a page
// that does not exist (404), and a NUL character (which no text column can store) is
// refused with the form re-shown, the answer kept without it; in a search, it is dropped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

const dashes = "-".repeat(36);
const notHex = "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz";

describe(`malformed input (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  const userId = async (username: string) =>
    (await testApp.services.prisma.user.findUniqueOrThrow({ where: { username } })).id;

  it("answers 404 for ids that are not UUIDs, wherever they appear", async () => {
    const officer = await signInAs(testApp.app, "spo01");
    const admin = await signInAs(testApp.app, "adm01");
    const staff = await signInAs(testApp.app, "ab123");
    const person = await userId("cd456");
    for (const bad of [dashes, notHex, "1", "%00"]) {
      expect((await officer.get(`/cases/${bad}`)).status, `/cases/${bad}`).toBe(404);
      expect((await officer.post(`/cases/${bad}/notes`, { body: "A note" })).status).toBe(404);
      expect((await staff.get(`/proposals/${bad}`)).status).toBe(404);
      expect((await staff.get(`/proposals/${bad}/title`)).status).toBe(404);
      expect((await staff.post(`/proposals/${bad}/title`, { title: "A", summary: "B" })).status).toBe(404);
      expect((await staff.get(`/sign-off/${bad}`)).status).toBe(404);
      expect((await admin.get(`/admin/people/${bad}`)).status).toBe(404);
      expect((await admin.post(`/admin/people/${person}/roles/${bad}/remove`)).status).toBe(404);
    }
  });

  it("ignores a queue position whose id is not a UUID", async () => {
    const officer = await signInAs(testApp.app, "spo01");
    const cursor = Buffer.from(`2026-01-01T00:00:00.000Z|${dashes}`).toString("base64url");
    const page = await officer.get(`/queue?after=${cursor}`);
    expect(page.status).toBe(200);
  });

  it("drops a NUL character from a search", async () => {
    const officer = await signInAs(testApp.app, "spo01");
    const queue = await officer.get("/queue?q=Moscow%00State");
    expect(queue.status).toBe(200);
    expect(queue.$("input[name=q]").val()).toBe("MoscowState");
    const admin = await signInAs(testApp.app, "adm01");
    const people = await admin.get("/admin/people?q=Chen%00");
    expect(people.status).toBe(200);
    expect(people.text).toContain("Chen Du");
  });

  it("re-shows a form step with a NUL in an answer, the answer kept without it, nothing saved", async () => {
    const staff = await signInAs(testApp.app, "ab123");
    // The first page of a new proposal: nothing is created while it is refused.
    const before = await testApp.services.prisma.proposal.count();
    await staff.get("/proposals/new");
    const page = await staff.post("/proposals", {
      title: "Joint\u0000 lab",
      summary: "A shared laboratory",
    });
    expect(page.status).toBe(400);
    expect(page.$("title").text()).toMatch(/^Error: /);
    expect(page.$(".govuk-error-summary a").attr("href")).toBe("#title");
    expect(page.$(".govuk-error-summary").text()).toMatch(/cannot be saved/);
    expect(page.$("#title").val()).toBe("Joint lab");
    expect(page.$("#summary").val()).toBe("A shared laboratory");
    expect(await testApp.services.prisma.proposal.count()).toBe(before);
    const again = await staff.post("/proposals", { title: "Joint lab", summary: "A shared laboratory" });
    expect(again.status).toBe(303);
  });

  it("re-shows a case note with a NUL, the note kept without it", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const officer = await signInAs(testApp.app, "spo01");
    await officer.get(`/cases/${id}`);
    const page = await officer.post(`/cases/${id}/notes`, { body: "Called\u0000 the partner" });
    expect(page.status).toBe(400);
    expect(page.$("textarea[name=body]").val()).toBe("Called the partner");
    expect(await testApp.services.prisma.caseNote.count({ where: { proposalId: id } })).toBe(0);
  });

  it("refuses a NUL in the sign-in form without an error page", async () => {
    const visitor = new Browser(testApp.app);
    await visitor.get("/sign-in");
    const page = await visitor.post("/sign-in/development", { username: "ab\u0000123" });
    expect(page.status).toBe(400);
  });
});
