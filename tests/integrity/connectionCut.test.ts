// docs/quality.md: "under load with the database connection cut, acknowledged writes are all
// there exactly once afterwards and the process recovers without a restart". The app's
// PostgreSQL connections are killed (pg_terminate_backend) again and again while people
// submit proposals and save form pages; afterwards every acknowledged write is there once,
// every refused one left nothing, and the same app instance serves requests again.
// PostgreSQL only: the embedded database has no connection to cut.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { testDatabaseUrl } from "../helpers/testDatabase";
import { answersWith } from "../fixtures/answers";

const onPostgres = Boolean(testDatabaseUrl);

describe.runIf(onPostgres)("cutting the database connections under load (postgres)", () => {
  let testApp: TestApp;
  let admin: pg.Client;
  let databaseName: string;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { LOG_LEVEL: "silent" } });
    const settings = testApp.testDatabase.settings;
    if (settings.kind !== "postgres") throw new Error("expected PostgreSQL");
    databaseName = new URL(settings.url).pathname.slice(1);
    admin = new pg.Client({ connectionString: testDatabaseUrl });
    await admin.connect();
  });
  // Either may be undefined when beforeAll failed.
  afterAll(async () => {
    await (admin as typeof admin | undefined)?.end();
    await (testApp as typeof testApp | undefined)?.close();
  });

  async function cutConnections(): Promise<number> {
    const result = await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [databaseName],
    );
    return result.rowCount ?? 0;
  }

  it("keeps every acknowledged submit and save exactly once, and recovers", async () => {
    const { services } = testApp;
    const people = ["ab123", "cd456", "hod01", "spo01", "exc01"];
    const browsers: Browser[] = [];
    for (const username of people) browsers.push(await signInAs(testApp.app, username));
    // Ready-to-submit drafts, made before the trouble starts.
    const drafts: { browser: Browser; id: string }[] = [];
    for (const [index, browser] of browsers.entries()) {
      const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: people[index]! } });
      for (let n = 0; n < 8; n++) {
        const draft = await services.proposals.createDraft(owner.id);
        await services.proposals.saveAnswers(draft.id, owner.id, {
          ...answersWith({ title: `Cut test ${index}-${n}` }),
        });
        drafts.push({ browser, id: draft.id });
      }
    }

    const submitAll = (batch: typeof drafts) =>
      Promise.all(
        batch.map(async ({ browser, id }) => ({
          id,
          status: (await browser.post(`/proposals/${id}/submit`, { declaration: "confirmed" })).status,
        })),
      );
    const saveAll = (batch: typeof drafts, offset: number) =>
      Promise.all(
        batch.map(async ({ browser, id }, index) => {
          const title = `Renamed while cut ${offset + index}`;
          const response = await browser.post(`/proposals/${id}/title`, { title, summary: "Saved under load" });
          return {
            id,
            title,
            status: response.status,
            // A 303 to the next page says "saved"; a 303 to sign in again says "kept, not saved"
            // (the session could not be read back: src/sessionEnd/).
            saved: response.status === 303 && (response.location ?? "").startsWith(`/proposals/${id}/`),
            kept: response.status === 303 && (response.location ?? "").startsWith("/sign-in"),
            location: response.location,
          };
        }),
      );
    const underCuts = drafts.slice(0, 30);
    const afterwards = drafts.slice(30);

    // First wave: the connections are cut every 100 ms while it runs.
    let cutting = true;
    let cuts = 0;
    const cutter = (async () => {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- the test clears it when the wave ends
      while (cutting) {
        cuts += await cutConnections();
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const firstSubmits = await submitAll(underCuts);
    const firstSaves = await saveAll(underCuts, 0);
    cutting = false;
    await cutter;
    // Give the pool a moment to notice the last cut connections closing, as it would in life.
    await new Promise((resolve) => setTimeout(resolve, 500));

    // Second wave, on the same app instance: the pool has reconnected, so all of it works.
    // People sign in again first: a session can be lost when its own read or write is cut
    // (a known gap, in the issue notes), but nothing acknowledged is.
    const again = new Map<Browser, Browser>();
    for (const [index, browser] of browsers.entries()) again.set(browser, await signInAs(testApp.app, people[index]!));
    const resumed = afterwards.map(({ browser, id }) => ({ browser: again.get(browser)!, id }));
    const laterSubmits = await submitAll(resumed);
    const laterSaves = await saveAll(resumed, 30);
    expect(laterSubmits.map((submit) => submit.status)).toEqual(afterwards.map(() => 303));
    expect(laterSaves.map((save) => save.status)).toEqual(afterwards.map(() => 303));
    const submits = [...firstSubmits, ...laterSubmits];
    const saves = [...firstSaves, ...laterSaves];

    expect(cuts).toBeGreaterThan(0);
    // Every answer was an acknowledgement (303), an honest failure (the error page, 500), or,
    // when the session itself could not be read back, the session-expired page (403) or, for
    // a form step, a 303 to sign in again with what was typed kept.
    for (const result of [...submits, ...saves]) expect([303, 403, 500, 503]).toContain(result.status);

    for (const submit of submits) {
      const proposal = await services.prisma.proposal.findUniqueOrThrow({
        where: { id: submit.id },
        include: { submissions: true },
      });
      const audits = await services.prisma.auditEntry.count({
        where: { entityId: submit.id, action: "proposal.submitted" },
      });
      if (submit.status === 303) {
        expect(proposal.submissions).toHaveLength(1);
        expect(proposal.reference).toMatch(/^SPO-\d{4}-\d{5}$/);
        expect(audits).toBe(1);
      } else {
        // Not acknowledged: all of it happened (the reply was lost) or none of it.
        expect(proposal.submissions.length === 1 ? audits : proposal.submissions.length + audits).toBe(
          proposal.submissions.length,
        );
        expect(proposal.status === "IN_REVIEW").toBe(proposal.submissions.length === 1);
      }
    }
    const references = (
      await services.prisma.proposal.findMany({ where: { reference: { not: null } }, select: { reference: true } })
    ).map((row) => row.reference);
    expect(new Set(references).size).toBe(references.length);
    // A save acknowledged with a redirect to the next page is stored; a submitted case is never renamed.
    for (const save of saves) {
      const proposal = await services.prisma.proposal.findUniqueOrThrow({ where: { id: save.id } });
      // A 303 is one of: saved (the next page), kept (sign in again), or the proposal's own
      // page because it was submitted meanwhile (nothing to save into).
      const submittedMeanwhile = save.location === `/proposals/${save.id}` && proposal.status !== "DRAFT";
      expect(
        save.status !== 303 || save.saved || save.kept || submittedMeanwhile,
        `303 to ${save.location ?? ""}`,
      ).toBe(true);
      if (save.saved && proposal.status === "DRAFT") expect(proposal.title).toBe(save.title);
      if (save.kept) expect(proposal.title).not.toBe(save.title);
      if (proposal.status === "IN_REVIEW") expect(proposal.title).not.toBe(save.title);
    }

    // The same process carries on: the pool reconnects.
    const signedIn = again.get(browsers[0]!)!;
    expect((await signedIn.get("/")).status).toBe(200);
    expect((await signedIn.agent.get("/readyz")).status).toBe(200);
    expect(
      (await again.get(browsers[1]!)!.post("/proposals", { title: "A new proposal", summary: "Its summary." })).status,
    ).toBe(303);
  }, 120_000);
});
