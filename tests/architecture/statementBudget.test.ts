// The pages' statement budgets (docs/architecture.md, "What a page costs"): a statement is
// a round trip, the largest single cost of a page, so the pages people load most read in a
// fixed, small number of statements however many rows, tasks or timeline entries they
// show. A query added per row (an N+1) or a cache that stopped answering fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personNamed, signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";
import { startDraft, stepUrl } from "../proposals/drafts";
import { russianCollaboration } from "../proposals/formAnswers";

describe(`statements per page (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  let proposer: Browser;
  let caseId: string;
  let draftId: string;
  let recording: string[] | undefined;

  beforeAll(async () => {
    testApp = await startTestApp({ onQuery: (sql) => recording?.push(sql) });
    const { services } = testApp;
    // Enough rows that a statement per row would show; one case with a longer history.
    for (let index = 0; index < 12; index++)
      await submittedCase(services, "ab123", { department: "ENG", title: `Budget case ${index}` });
    caseId = (await submittedCase(services, "cd456", { department: "CHEM", title: "The case with a history" })).id;
    officer = await signInAs(testApp.app, "spo01");
    // The officer takes the case: another person and timeline entry on the page.
    await officer.get(`/cases/${caseId}`);
    const assignee = (await personNamed(services, "spo01")).id;
    const assigned = await officer.post(`/cases/${caseId}/assign`, {
      version: String(await currentVersion(services, caseId)),
      assignee,
    });
    expect(assigned.status).toBe(303);
    proposer = await signInAs(testApp.app, "ab123");
    draftId = await startDraft(proposer);
  }, 120_000);

  afterAll(() => testApp.close());

  /** The statements of one request, after one like it filled the short caches. */
  async function statementsOf(load: () => Promise<{ status: number }>): Promise<string[]> {
    expect((await load()).status).toBeLessThan(400);
    recording = [];
    const { status } = await load();
    const seen = recording;
    recording = undefined;
    expect(status).toBeLessThan(400);
    // A session's rolling expiry is written behind, batched by a timer, not by the request.
    return seen.filter((sql) => !/^\s*UPDATE "session" AS s SET "expires_at"/.test(sql));
  }

  const show = (statements: string[]) =>
    statements.map((sql) => sql.replace(/\s+/g, " ").trim().slice(0, 120)).join("\n");

  it("the queue: the session with its person, and the page's rows with what each waits for", async () => {
    const statements = await statementsOf(() => officer.get("/queue?status=open"));
    expect(statements.length, show(statements)).toBe(2);
  });

  it("the case page: the session, the case with its relations, its timeline with names, and screening", async () => {
    // (One more, for names, when someone the page names is not in the timeline.)
    const statements = await statementsOf(() => officer.get(`/cases/${caseId}`));
    expect(statements.length, show(statements)).toBe(4);
  });

  it("a form step saved and the page after it: the session is never written", async () => {
    // Its success message travels in a cookie (setUpFlash): in the session, it cost a write
    // of the session row on the POST and another on the GET that showed it.
    recording = [];
    const saved = await proposer.post(stepUrl(draftId, "title"), russianCollaboration.title);
    const next = await proposer.follow(saved);
    const seen = recording;
    recording = undefined;
    expect(next.$(".govuk-notification-banner--success").length).toBe(1);
    const sessionWrites = seen.filter((sql) =>
      /^\s*(INSERT INTO|UPDATE|DELETE FROM) "(public"\.")?session"/i.test(sql),
    );
    expect(
      sessionWrites.filter((sql) => !/SET "expires_at" = GREATEST/.test(sql)),
      show(sessionWrites),
    ).toEqual([]);
  });

  it("a form step saved: the session, and the draft read and written", async () => {
    const fields = russianCollaboration.title!;
    const statements = await statementsOf(() => proposer.post(stepUrl(draftId, "title"), fields));
    expect(statements.length, show(statements)).toBe(3);
  });
});
