// Typed work survives the end of a session: a form people type into, posted after the
// session ended, is not saved, but kept; once the same person signs in again in that
// browser it comes back filled in, to be checked and saved. Nobody else gets it, it comes
// back once, and not after 30 minutes.
import { afterEach, describe, expect, it, vi } from "vitest";
import { Browser, useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

const keptFormSignIn = "/sign-in?expired=1&returnTo=%2Fkept-form";
const longSummary = "A joint programme on low-carbon cement. ".repeat(27).trim(); // 1,079 characters

describe(`forms sent after the session ended (${databaseLabel})`, () => {
  const test = useTestApp();
  afterEach(() => {
    vi.useRealTimers();
  });

  /** The session ends on the server, as after the idle limit; the browser still has its cookies. */
  async function endSessionsOf(username: string) {
    const person = await test.services.prisma.user.findUniqueOrThrow({ where: { username } });
    await test.services.prisma.session.deleteMany({ where: { userId: person.id } });
  }

  async function signInAgain(browser: Browser, username: string) {
    await browser.get(keptFormSignIn);
    const signedIn = await browser.post("/sign-in/development", { username, returnTo: "/kept-form" });
    expect(signedIn.location).toBe("/kept-form");
    return browser.follow(signedIn);
  }

  async function draftOf(browser: Browser): Promise<string> {
    const started = await browser.post("/proposals", { title: "A new proposal", summary: "Its summary." });
    const id = /\/proposals\/([0-9a-f-]{36})\//.exec(started.location ?? "")?.[1];
    if (!id) throw new Error(`no draft: ${started.status} ${started.location}`);
    await browser.get(`/proposals/${id}/title`);
    return id;
  }

  const storedAnswers = async (id: string) =>
    (await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).answers as Record<string, unknown>;

  it("keeps a form step, sends the person to sign in, and shows it again filled in, unsaved", async () => {
    const proposer = await test.fresh("ab123");
    const id = await draftOf(proposer);
    await endSessionsOf("ab123");

    const sent = await proposer.post(`/proposals/${id}/title`, { title: "Low-carbon cement", summary: longSummary });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(keptFormSignIn);
    // The draft was created with its first page saved; what was typed after the session ended is not.
    expect((await storedAnswers(id)).title).toBe("A new proposal");

    const signInPage = await proposer.get(keptFormSignIn);
    expect(signInPage.$(".govuk-inset-text").text()).toContain("the form will come back with what you typed");

    const page = await signInAgain(proposer, "ab123");
    expect(page.status).toBe(200);
    expect(page.$(".govuk-notification-banner").text()).toContain("You were signed out before this was saved");
    expect(page.$(".govuk-error-summary")).toHaveLength(0);
    expect(page.$('input[name="title"]').val()).toBe("Low-carbon cement");
    expect(page.$('textarea[name="summary"]').text()).toBe(longSummary);
    expect(page.$("main form").attr("action")).toBe(`/proposals/${id}/title`);
    // Shown, not saved: the person saves it.
    // The draft was created with its first page saved; what was typed after the session ended is not.
    expect((await storedAnswers(id)).title).toBe("A new proposal");

    const saved = await proposer.post(`/proposals/${id}/title`, { title: "Low-carbon cement", summary: longSummary });
    expect(saved.status).toBe(303);
    expect(await storedAnswers(id)).toMatchObject({ title: "Low-carbon cement", summary: longSummary });
  });

  it("comes back once only", async () => {
    const proposer = await test.fresh("ab123");
    const id = await draftOf(proposer);
    await endSessionsOf("ab123");
    await proposer.post(`/proposals/${id}/title`, { title: "Once", summary: "Only once" });
    const first = await signInAgain(proposer, "ab123");
    expect(first.$('input[name="title"]').val()).toBe("Once");
    const again = await proposer.get("/kept-form");
    expect(again.$("h1").text()).toBe("Nothing to bring back");
    expect(again.$('input[name="title"]')).toHaveLength(0);
  });

  it("is not given to someone else who signs in on that browser, and is gone for its author too", async () => {
    const proposer = await test.fresh("ab123");
    const id = await draftOf(proposer);
    await endSessionsOf("ab123");
    await proposer.post(`/proposals/${id}/title`, { title: "Private plans", summary: "Not for the next person" });

    const someoneElse = await signInAgain(proposer, "hod01");
    expect(someoneElse.$("h1").text()).toBe("Nothing to bring back");
    expect(someoneElse.text).not.toContain("Private plans");
    expect(await test.services.prisma.keptForm.count({ where: { postPath: `/proposals/${id}/title` } })).toBe(0);
  });

  it("keeps nothing for a browser whose person signed out on purpose", async () => {
    const proposer = await test.fresh("ab123");
    const id = await draftOf(proposer);
    const before = await test.services.prisma.keptForm.count();
    const signedOut = await proposer.post("/sign-out");
    expect(signedOut.status).toBe(303);
    const sent = await proposer.post(`/proposals/${id}/title`, { title: "After sign-out", summary: "x" });
    expect(sent.status).toBe(403);
    expect(sent.$("h1").text()).toBe("Your session has expired");
    expect(await test.services.prisma.keptForm.count()).toBe(before);
  });

  it("keeps nothing from a browser that was never signed in", async () => {
    const stranger = new Browser(test.app);
    const before = await test.services.prisma.keptForm.count();
    const sent = await stranger.post("/cases/00000000-0000-4000-8000-000000000000/notes", { body: "hello" });
    expect(sent.status).toBe(401);
    expect(sent.$("h1").text()).toBe("You are signed out");
    expect(await test.services.prisma.keptForm.count()).toBe(before);
  });

  it("brings back an officer's note on the case page", async () => {
    const { id } = await submittedCase(test.services, "ab123", { title: "Case with a note" });
    const officer = await test.fresh("spo01");
    await officer.get(`/cases/${id}`);
    await endSessionsOf("spo01");
    const sent = await officer.post(`/cases/${id}/notes`, { body: "Called the partner: they confirm the address." });
    expect(sent.location).toBe(keptFormSignIn);
    expect(await test.services.prisma.caseNote.count({ where: { proposalId: id } })).toBe(0);

    const page = await signInAgain(officer, "spo01");
    expect(page.$("h1").text()).toContain("Case with a note");
    expect(page.$("textarea[name=body]").text()).toBe("Called the partner: they confirm the address.");
    expect(await test.services.prisma.caseNote.count({ where: { proposalId: id } })).toBe(0);
  });

  it("does not bring a form back after 30 minutes", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const proposer = await test.fresh("ab123");
    const id = await draftOf(proposer);
    await endSessionsOf("ab123");
    await proposer.post(`/proposals/${id}/title`, { title: "Too late", summary: "x" });
    vi.setSystemTime(start + 31 * 60_000);
    const page = await signInAgain(proposer, "ab123");
    expect(page.$("h1").text()).toBe("Nothing to bring back");
  });

  it("sends a form back to the person already signed in again in another tab, without a sign-in", async () => {
    const proposer = await test.fresh("ab123");
    const id = await draftOf(proposer);
    const staleToken = proposer.token;
    await endSessionsOf("ab123");
    // Another tab signs in again; this tab's page (and its form token) is from before.
    await proposer.get("/sign-in");
    await proposer.post("/sign-in/development", { username: "ab123" });
    const sent = await proposer.post(
      `/proposals/${id}/title`,
      { title: "Old tab", summary: "x" },
      { csrf: staleToken },
    );
    expect(sent.location).toBe("/kept-form");
    const page = await proposer.follow(sent);
    expect(page.$('input[name="title"]').val()).toBe("Old tab");
  });

  it("answers the timeout warning's keep-alive: still signed in, and for how long; no session for strangers", async () => {
    const proposer = await test.fresh("ab123");
    const alive = await proposer.agent.get("/session/keep-alive");
    expect(alive.body).toEqual({ signedIn: true, idleMs: test.services.config.session.idleMs });
    const stranger = await new Browser(test.app).agent.get("/session/keep-alive");
    expect(stranger.body).toEqual({ signedIn: false });
    expect(stranger.headers["set-cookie"]).toBeUndefined();
  });
});
