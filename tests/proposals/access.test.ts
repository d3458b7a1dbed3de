// Who may see and change a proposal (docs/quality.md, "Access control"): only its owner; anyone
// else gets the same "not found" page as for a proposal that does not exist; anonymous
// visitors are sent to sign in; a submitted proposal's form pages are closed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Browser, signInAs, startTestApp, type Page, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { steps } from "../../src/proposals/form/steps";
import { russianCollaboration } from "./formAnswers";
import { completeDraft, draftAt, stepUrl, stored } from "./drafts";

type Request = { method: "GET" | "POST"; path: (id: string) => string; fields?: Record<string, string | string[]> };

/** Every page of one proposal, with a form that would change it where it has one. */
const proposalRequests: Request[] = [
  { method: "GET", path: (id) => `/proposals/${id}` },
  ...steps.flatMap((step): Request[] => [
    { method: "GET", path: (id) => stepUrl(id, step.slug) },
    { method: "POST", path: (id) => stepUrl(id, step.slug), fields: russianCollaboration[step.slug]! },
    { method: "POST", path: (id) => `${stepUrl(id, step.slug)}?change=1`, fields: russianCollaboration[step.slug]! },
  ]),
  { method: "GET", path: (id) => `/proposals/${id}/check-answers` },
  { method: "POST", path: (id) => `/proposals/${id}/submit`, fields: { declaration: "confirmed" } },
  { method: "GET", path: (id) => `/proposals/${id}/confirmation` },
];

const describeRequest = (request: Request) => `${request.method} ${request.path(":id")}`;

function send(browser: Browser, request: Request, id: string): Promise<Page> {
  return request.method === "GET" ? browser.get(request.path(id)) : browser.post(request.path(id), request.fields);
}

describe(`access to a proposal (${databaseLabel})`, () => {
  let testApp: TestApp;
  let alex: Browser;
  let chen: Browser;
  let draft: string;
  let submitted: string;
  beforeAll(async () => {
    testApp = await startTestApp();
    alex = await signInAs(testApp.app, "ab123");
    chen = await signInAs(testApp.app, "cd456");
    draft = await draftAt(alex, "funding");
    submitted = await completeDraft(alex);
    expect((await alex.post(`/proposals/${submitted}/submit`, { declaration: "confirmed" })).status).toBe(303);
  });
  afterAll(() => testApp.close());

  const missing = "9b2f6c1e-3d4a-4b5c-8d7e-0f1a2b3c4d5e";
  const malformed = [
    "not-a-uuid",
    "12345",
    "9b2f6c1e-3d4a-4b5c-8d7e-0f1a2b3c4d5",
    "9b2f6c1e3d4a4b5c8d7e0f1a2b3c4d5e",
    "%27%20OR%201%3D1--",
  ];

  it.each(proposalRequests.map((request) => [describeRequest(request), request] as const))(
    "%s: another person's proposal is not found, exactly as a missing or malformed id, and is not changed",
    async (_name, request) => {
      for (const id of [draft, submitted]) {
        const before = await stored(testApp.services, id);
        const page = await send(chen, request, id);
        expect(page.status, `${request.method} ${request.path(id)}`).toBe(404);
        expect(page.$("h1").text().trim()).toBe("Page not found");
        expect(page.text).not.toContain(id);
        const asMissing = await send(chen, request, missing);
        expect(asMissing.status).toBe(404);
        expect(page.text.replaceAll(id, "ID")).toBe(asMissing.text.replaceAll(missing, "ID"));
        for (const bad of malformed) {
          const asMalformed = await send(chen, request, bad);
          expect(asMalformed.status, bad).toBe(404);
          expect(asMalformed.text, bad).toBe(asMissing.text);
        }
        expect(await stored(testApp.services, id), "not changed").toEqual(before);
      }
    },
  );

  it("sends an anonymous visitor to sign in, returning to the page asked for", async () => {
    const anonymous = new Browser(testApp.app);
    for (const request of proposalRequests.filter((candidate) => candidate.method === "GET")) {
      const path = request.path(draft);
      const page = await anonymous.get(path);
      expect(page.status, path).toBe(303);
      expect(page.location).toBe(`/sign-in?returnTo=${encodeURIComponent(path)}`);
    }
    expect((await anonymous.get("/")).location).toBe("/sign-in?returnTo=%2F");
  });

  it("refuses an anonymous visitor's forms and changes nothing", async () => {
    const before = await stored(testApp.services, draft);
    const drafts = await testApp.services.prisma.proposal.count();
    const started = await new Browser(testApp.app).post("/proposals", {}, { csrf: null });
    expect(started.status, "no session, no token").toBe(403);
    const anonymous = new Browser(testApp.app);
    await anonymous.get("/sign-in");
    expect((await anonymous.post("/proposals")).status).toBe(401);
    for (const request of proposalRequests.filter((candidate) => candidate.method === "POST")) {
      const page = await send(anonymous, request, draft);
      expect(page.status, describeRequest(request)).toBe(401);
      expect(page.$("h1").text().trim()).toBe("You are signed out");
    }
    expect(await stored(testApp.services, draft)).toEqual(before);
    expect(await testApp.services.prisma.proposal.count()).toBe(drafts);
  });

  it("lets the owner see their own pages", async () => {
    expect((await alex.get(`/proposals/${draft}`)).status).toBe(200);
    expect((await alex.get(stepUrl(draft, "funding"))).status).toBe(200);
    expect((await alex.get(`/proposals/${submitted}`)).status).toBe(200);
    expect((await alex.get(`/proposals/${submitted}/confirmation`)).status).toBe(200);
  });

  describe("a submitted proposal", () => {
    it("sends its form pages and check answers to its page", async () => {
      for (const path of [
        ...steps.map((step) => stepUrl(submitted, step.slug)),
        `/proposals/${submitted}/check-answers`,
      ]) {
        const page = await alex.get(path);
        expect([page.status, page.location], path).toEqual([303, `/proposals/${submitted}`]);
      }
    });

    it("changes nothing when a page is saved after submission", async () => {
      const before = await stored(testApp.services, submitted);
      const submission = await testApp.services.prisma.proposalSubmission.findFirstOrThrow({
        where: { proposalId: submitted },
      });
      expect(before.status).toBe("IN_REVIEW");
      for (const step of steps) {
        const changed =
          step.slug === "title"
            ? { title: "Changed after submission", summary: "Changed." }
            : russianCollaboration[step.slug]!;
        for (const path of [stepUrl(submitted, step.slug), `${stepUrl(submitted, step.slug)}?change=1`]) {
          const page = await alex.post(path, changed);
          expect([page.status, page.location], path).toEqual([303, `/proposals/${submitted}`]);
        }
      }
      expect(await stored(testApp.services, submitted)).toEqual(before);
      expect(
        await testApp.services.prisma.proposalSubmission.findFirstOrThrow({ where: { proposalId: submitted } }),
      ).toEqual(submission);
      const view = await alex.get(`/proposals/${submitted}`);
      expect(view.text).not.toContain("Changed after submission");
    });
  });
});
