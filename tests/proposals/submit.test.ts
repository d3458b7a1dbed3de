// Nothing lost, nothing doubled (docs/quality.md, "Integrity"): however often and however fast a
// proposal is submitted, it becomes one case with one submission, one reference and one
// audit entry; references are issued in order and never twice; drafts never mix.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { russianCollaboration } from "./formAnswers";
import { completeDraft, startDraft, stepUrl, stored } from "./drafts";

const submitUrl = (id: string) => `/proposals/${id}/submit`;
const confirmationUrl = (id: string) => `/proposals/${id}/confirmation`;
const referencePattern = /^SPO-(\d{4})-(\d{5})$/;

function referenceNumber(reference: string | null): number {
  const match = referencePattern.exec(reference ?? "");
  expect(match, `reference ${reference}`).not.toBeNull();
  expect(Number(match![1])).toBe(new Date().getUTCFullYear());
  return Number(match![2]);
}

describe(`submitting a proposal (${databaseLabel})`, () => {
  let testApp: TestApp;
  let alex: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    alex = await signInAs(testApp.app, "ab123");
  });
  afterAll(() => testApp.close());

  // Submitting is rate-limited per person (20 a minute), so the tests that submit many
  // times share the work out between demo people; each still submits its own drafts.
  const proposers = ["cd456", "hod01", "hod02", "hos01", "hos02"];

  /** One case: one submission, a reference, one submitted audit entry, in review. */
  async function expectOneCase(id: string) {
    const now = await stored(testApp.services, id);
    expect(now.status).toBe("IN_REVIEW");
    expect(now.submissions).toBe(1);
    expect(now.audit.filter((action) => action === "proposal.submitted")).toHaveLength(1);
    expect(
      now.audit.filter(
        (action) =>
          action.startsWith("proposal.") && action !== "proposal.draft_created" && action !== "proposal.submitted",
      ),
    ).toEqual([]);
    const withReference = await testApp.services.prisma.proposal.count({ where: { reference: now.reference } });
    expect(withReference).toBe(1);
    referenceNumber(now.reference);
    return now;
  }

  it("makes one case of a double submit, and both clicks land on the same confirmation", async () => {
    const id = await completeDraft(alex);
    const first = await alex.post(submitUrl(id), { declaration: "confirmed" });
    const second = await alex.post(submitUrl(id), { declaration: "confirmed" });
    for (const response of [first, second])
      expect([response.status, response.location]).toEqual([303, confirmationUrl(id)]);
    const { reference } = await expectOneCase(id);
    const confirmation = await alex.follow(second);
    expect(confirmation.status).toBe(200);
    expect(confirmation.$(".govuk-panel__body").text()).toContain(reference!);
  });

  it("makes one case when the back button is used and the proposal is submitted again", async () => {
    const id = await completeDraft(alex);
    const checkAnswers = await alex.get(`/proposals/${id}/check-answers`);
    expect(checkAnswers.status).toBe(200);
    const action = checkAnswers.$("main form[method=post]").attr("action")!;
    expect(action).toBe(submitUrl(id));
    expect((await alex.post(action, { declaration: "confirmed" })).location).toBe(confirmationUrl(id));
    const after = await expectOneCase(id);

    // Back: the page asked for again now goes to the proposal; the old form posted again
    // (a cached page) lands on the same confirmation and changes nothing.
    const back = await alex.get(`/proposals/${id}/check-answers`);
    expect([back.status, back.location]).toEqual([303, `/proposals/${id}`]);
    const again = await alex.post(action, { declaration: "confirmed" });
    expect([again.status, again.location]).toEqual([303, confirmationUrl(id)]);
    const reputation = await alex.post(stepUrl(id, "reputation"), russianCollaboration.reputation);
    expect(reputation.location).toBe(`/proposals/${id}`);
    expect(await stored(testApp.services, id)).toEqual(after);
  });

  it("makes one case of five parallel submits, all sent to the same confirmation", async () => {
    const id = await completeDraft(alex);
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => alex.post(submitUrl(id), { declaration: "confirmed" })),
    );
    for (const response of responses) expect([response.status, response.location]).toEqual([303, confirmationUrl(id)]);
    await expectOneCase(id);
  });

  it("makes one case each of five drafts submitted in parallel five times each, with five different references", async () => {
    const drafts: { id: string; browser: Browser }[] = [];
    for (const username of proposers) {
      const browser = await signInAs(testApp.app, username);
      drafts.push({ id: await completeDraft(browser), browser });
    }
    const ids = drafts.map((draft) => draft.id);
    const responses = await Promise.all(
      drafts.flatMap(({ id, browser }) =>
        Array.from({ length: 5 }, async () => ({
          id,
          response: await browser.post(submitUrl(id), { declaration: "confirmed" }),
        })),
      ),
    );
    for (const { id, response } of responses)
      expect([response.status, response.location]).toEqual([303, confirmationUrl(id)]);
    const references = [];
    for (const id of ids) references.push((await expectOneCase(id)).reference);
    expect(new Set(references).size).toBe(5);
    const numbers = references.map(referenceNumber).sort((a, b) => a - b);
    // Issued without gaps: a claim that lost the race gave no number away.
    expect(numbers.at(-1)! - numbers[0]!).toBe(4);
  });

  it("issues references as SPO-<year>-<5 digits>, unique and in the order proposals are submitted", async () => {
    const references: string[] = [];
    const owen = await signInAs(testApp.app, "ddr01");
    for (let index = 0; index < 4; index++) {
      const id = await completeDraft(owen);
      expect((await owen.post(submitUrl(id), { declaration: "confirmed" })).status).toBe(303);
      references.push((await stored(testApp.services, id)).reference!);
    }
    for (const reference of references) expect(reference).toMatch(referencePattern);
    const numbers = references.map(referenceNumber);
    expect(numbers).toEqual(numbers.map((_, index) => numbers[0]! + index));
    const all = await testApp.services.prisma.proposal.findMany({
      where: { reference: { not: null } },
      select: { reference: true },
    });
    expect(new Set(all.map((proposal) => proposal.reference)).size).toBe(all.length);
    // Every number issued so far is in use: none skipped, none given twice.
    expect(all.map((proposal) => referenceNumber(proposal.reference)).sort((a, b) => a - b)).toEqual(
      all.map((_, index) => index + 1),
    );
    const counter = await testApp.services.prisma.referenceCounter.findUniqueOrThrow({
      where: { year: new Date().getUTCFullYear() },
    });
    expect(counter.last).toBe(all.length);
  });

  it("keeps two drafts open at once independent of each other", async () => {
    const one = await startDraft(alex);
    const two = await startDraft(alex);
    const titles = { [one]: "First collaboration", [two]: "Second collaboration" };
    // Fill both, a page at a time, alternating as two tabs would.
    for (const [slug, fields] of Object.entries(russianCollaboration)) {
      for (const id of [one, two]) {
        const own =
          slug === "title"
            ? { title: titles[id]!, summary: `Summary of ${titles[id]}` }
            : slug === "partner"
              ? { ...fields, partnerName: `Partner of ${titles[id]}` }
              : fields;
        expect((await alex.post(stepUrl(id, slug), own)).status, `${id} ${slug}`).toBe(303);
      }
    }
    expect((await alex.post(submitUrl(one), { declaration: "confirmed" })).location).toBe(confirmationUrl(one));
    const first = await stored(testApp.services, one);
    const second = await stored(testApp.services, two);
    expect(first).toMatchObject({
      status: "IN_REVIEW",
      title: "First collaboration",
      partnerName: "Partner of First collaboration",
    });
    expect(second).toMatchObject({
      status: "DRAFT",
      reference: null,
      submissions: 0,
      title: "Second collaboration",
      partnerName: "Partner of Second collaboration",
    });
    expect(second.answers).toMatchObject({
      summary: "Summary of Second collaboration",
      partnerName: "Partner of Second collaboration",
    });
    expect((await alex.get(`/proposals/${two}/check-answers`)).status).toBe(200);
  });

  it("keeps both pages' answers when two pages of one draft are saved at the same time", async () => {
    const id = await completeDraft(alex);
    for (let round = 1; round <= 5; round++) {
      const saves = await Promise.all([
        alex.post(stepUrl(id, "title"), { title: `Title ${round}`, summary: `Summary ${round}` }),
        alex.post(stepUrl(id, "partner"), { ...russianCollaboration.partner!, partnerName: `Partner ${round}` }),
        alex.post(stepUrl(id, "value"), { valueGbp: String(round * 1000) }),
        alex.post(stepUrl(id, "reputation"), { publicInterest: round % 2 ? "yes" : "no", academicFreedom: "no" }),
      ]);
      for (const save of saves) expect(save.status).toBe(303);
      const { answers, title, partnerName, version } = await stored(testApp.services, id);
      expect(answers).toMatchObject({
        title: `Title ${round}`,
        summary: `Summary ${round}`,
        partnerName: `Partner ${round}`,
        valueGbp: round * 1000,
        publicInterest: round % 2 ? "yes" : "no",
        partnerType: "university",
        hasFunding: "yes",
        funderName: "Arctic Instruments GmbH",
      });
      expect({ title, partnerName }).toEqual({ title: `Title ${round}`, partnerName: `Partner ${round}` });
      // Created at version 1, 24 pages saved to complete it, then four saves a round.
      expect(version).toBe(1 + 24 + 4 * round);
    }
  });
});
