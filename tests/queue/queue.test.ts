import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import { spreadsheetSafe } from "../../src/queue/csv";

const references = (page: { $: import("cheerio").CheerioAPI }) =>
  page
    .$(".govuk-table__body .govuk-table__row")
    .map((_, row) => page.$(row).find("a").first().text().trim().slice(0, 14))
    .get();

describe(`the SPO queue (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  const made: { id: string; reference: string }[] = [];

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    // 52 quiet cases in Engineering, then a few distinctive ones.
    for (let index = 0; index < 52; index++)
      made.push(await submittedCase(services, "ab123", { department: "ENG", title: `Quiet case ${index}` }));
    made.push(
      await submittedCase(services, "ab123", {
        title: "Kazakh mining data",
        partnerName: "Almaty Institute",
        partnerCountry: "KZ",
        relationship: "new",
        department: "EARTH",
      }),
    );
    made.push(
      await submittedCase(services, "cd456", {
        title: '=HYPERLINK("http://evil.example","x")',
        partnerName: "+cmd|' /C calc'!A0",
        department: "CHEM",
      }),
    );
    made.push(
      await submittedCase(services, "cd456", {
        title: "Drone swarms",
        militaryUse: "yes",
        partnerName: "Defence Labs",
        department: "CHEM",
      }),
    );
    // Submission times spread out, oldest first in creation order, so sorting is testable.
    const base = Date.now() - 60 * 86_400_000;
    for (const [index, item] of made.entries()) {
      await services.prisma
        .$executeRaw`UPDATE "proposal" SET "submitted_at" = ${new Date(base + index * 86_400_000)} WHERE "id" = ${item.id}::uuid`;
    }
    officer = await signInAs(testApp.app, "spo01");
  }, 120_000);
  afterAll(() => testApp.close());

  it("lists open cases oldest first, 50 a page, with keyset pages both ways", async () => {
    const first = await officer.get("/queue");
    expect(first.status).toBe(200);
    expect(references(first)).toHaveLength(50);
    expect(references(first)[0]).toBe(made[0]!.reference);
    const nextHref = first.$(".govuk-pagination__next a").attr("href")!;
    expect(first.$(".govuk-pagination__prev").length).toBe(0);
    const second = await officer.get(nextHref);
    expect(references(second)).toEqual(made.slice(50).map((item) => item.reference));
    expect(second.$(".govuk-pagination__next").length).toBe(0);
    const back = await officer.get(second.$(".govuk-pagination__prev a").attr("href")!);
    expect(references(back)).toEqual(references(first));
  });

  it("sorts newest first", async () => {
    const page = await officer.get("/queue?sort=newest");
    expect(references(page)[0]).toBe(made.at(-1)!.reference);
  });

  it("filters by route, country, department, risk and search, and counts open cases per route", async () => {
    const acbela = await officer.get("/queue?route=acbela");
    expect(references(acbela)).toEqual([made[52]!.reference]);
    expect((await officer.get("/queue?country=KZ")).text).toContain("Kazakh mining data");
    expect(references(await officer.get("/queue?department=CHEM"))).toEqual([made[53]!.reference, made[54]!.reference]);
    expect(references(await officer.get("/queue?risk=high"))).toEqual([made[52]!.reference, made[54]!.reference]);
    expect(references(await officer.get("/queue?q=almaty"))).toEqual([made[52]!.reference]);
    expect(references(await officer.get(`/queue?q=${made[10]!.reference.toLowerCase()}`))).toEqual([
      made[10]!.reference,
    ]);
    const counts = acbela
      .$(".app-counts__item")
      .map((_, item) => acbela.$(item).text().replace(/\s+/g, " ").trim())
      .get();
    expect(counts).toContain("1 CBELA referral");
    expect(counts).toContain("1 Export control review");
  });

  it("filters by assignee and by status", async () => {
    const me = await testApp.services.users.findByUsername("spo01");
    const officerUser = (await testApp.services.users.findActive(me!.id))!;
    const target = made[5]!;
    const version = (await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: target.id } })).version;
    await testApp.services.workflow.assign(target.id, version, officerUser, officerUser.id);
    expect(references(await officer.get("/queue?assignee=me"))).toEqual([target.reference]);
    await testApp.services.workflow.requestInformation(target.id, version + 1, officerUser, "More please");
    expect(references(await officer.get("/queue?status=information_requested"))).toEqual([target.reference]);
    expect(references(await officer.get("/queue?status=decided"))).toEqual([]);
  });

  it("ignores nonsense in the query string instead of failing", async () => {
    const page = await officer.get("/queue?status=__proto__&route=<script>&country=zz&after=not-a-cursor&risk[]=x");
    expect(page.status).toBe(200);
    expect(references(page)).toHaveLength(50);
  });

  it("exports exactly what is filtered as CSV, with formulas neutralised", async () => {
    const response = await officer.agent.get("/queue/export.csv?department=CHEM");
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/csv/);
    expect(response.headers["content-disposition"]).toMatch(/attachment; filename="spo-queue-\d{4}-\d{2}-\d{2}\.csv"/);
    const rows = parse<Record<string, string>>(response.text, { columns: true, bom: true });
    expect(rows.map((row) => row.Reference)).toEqual([made[53]!.reference, made[54]!.reference]);
    expect(rows[0]!.Title).toBe('\'=HYPERLINK("http://evil.example","x")');
    expect(rows[0]!.Partner).toBe("'+cmd|' /C calc'!A0");
    const all: unknown[] = parse((await officer.agent.get("/queue/export.csv")).text, { columns: true, bom: true });
    expect(all).toHaveLength(made.length);
  });

  it("neutralises every formula prefix", () => {
    for (const value of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"])
      expect(spreadsheetSafe(value).startsWith("'")).toBe(true);
    expect(spreadsheetSafe("Plain title")).toBe("Plain title");
  });

  it("escapes what people typed on the queue page", async () => {
    const page = await officer.get("/queue?department=CHEM");
    expect(page.$("table").text()).toContain('=HYPERLINK("http://evil.example","x")');
    expect(page.text).toContain("=HYPERLINK(&#34;http://evil.example&#34;,&#34;x&#34;)");
  });
});
