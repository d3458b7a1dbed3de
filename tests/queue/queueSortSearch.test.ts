// The queue as a case-working screen: a total, columns sorted on the server both ways (with
// keyset pages in each order), search without accents or case and by reference fragment,
// and the export's added columns.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { signInAs, startTestApp, type Browser, type Page, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { quietFunding } from "../fixtures/answers";

const references = (page: Page) =>
  page
    .$(".govuk-table__body .govuk-table__row")
    .map((_, row) => page.$(row).find("a").first().text().trim())
    .get();

describe(`the queue's sorting, search and total (${databaseLabel})`, () => {
  let testApp: TestApp;
  let officer: Browser;
  const made: { id: string; reference: string; partner: string; department: string; day: number }[] = [];
  const departmentName = new Map<string, string>();

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    for (const department of await services.organisation.departments())
      departmentName.set(department.code, department.name);
    const distinct = [
      { title: "Quantum sensors", partnerName: "Universität Wien", department: "ENG" },
      { title: "Ångström detectors", partnerName: "Angstrom Laboratory", department: "CHEM" },
      { title: "Soil carbon", partnerName: "acme Ltd", department: "EARTH" },
      { title: "Funded study", partnerName: "Zeta Corp", department: "ENG", ...quietFunding, valueGbp: 1234 },
    ] as const;
    for (const [index, changes] of distinct.entries()) {
      const owner = changes.department === "CHEM" ? "cd456" : "ab123";
      const item = await submittedCase(services, owner, changes);
      made.push({ ...item, partner: changes.partnerName, department: changes.department, day: index });
    }
    // Enough cases for two pages in every order.
    for (let index = 0; index < 48; index++) {
      const partner = `Filler partner ${String(index).padStart(2, "0")}`;
      const item = await submittedCase(services, "ab123", {
        title: `Filler ${index}`,
        partnerName: partner,
        department: "ENG",
      });
      made.push({ ...item, partner, department: "ENG", day: 4 + index });
    }
    // Submission times in a different order from the references: newest reference, oldest case.
    const base = Date.now() - 100 * 86_400_000;
    for (const item of made) {
      const day = (item.day * 7) % made.length;
      item.day = day;
      await services.prisma
        .$executeRaw`UPDATE "proposal" SET "submitted_at" = ${new Date(base + day * 86_400_000)} WHERE "id" = ${item.id}::uuid`;
    }
    // The funded case is decided: it leaves the open queue and the export gives its outcome.
    const officerUser = (await services.users.findActive((await services.users.findByUsername("spo01"))!.id))!;
    const funded = made[3]!;
    await completeSignOffs(services, funded.id);
    await services.workflow.decide(funded.id, await currentVersion(services, funded.id), officerUser, "approved", "");
    officer = await signInAs(testApp.app, "spo01");
  }, 180_000);
  afterAll(() => testApp.close());

  /** Every reference in the queue's order for this query, following the Next page links. */
  async function allPages(query: string): Promise<string[]> {
    const seen: string[] = [];
    let page = await officer.get(`/queue?${query}`);
    for (;;) {
      expect(page.status).toBe(200);
      seen.push(...references(page));
      const next = page.$(".govuk-pagination__next a").attr("href");
      if (!next) return seen;
      page = await officer.get(next);
    }
  }

  const byText =
    (key: (item: (typeof made)[number]) => string) => (a: (typeof made)[number], b: (typeof made)[number]) =>
      key(a).toLowerCase() < key(b).toLowerCase()
        ? -1
        : key(a).toLowerCase() > key(b).toLowerCase()
          ? 1
          : a.id < b.id
            ? -1
            : 1;
  const orders = {
    reference: byText((item) => item.reference),
    partner: byText((item) => item.partner),
    department: byText((item) => departmentName.get(item.department)!),
    submitted: (a: (typeof made)[number], b: (typeof made)[number]) => a.day - b.day,
  };

  it("shows how many cases the filters match, not only this page's", async () => {
    const page = await officer.get("/queue");
    expect(page.$("#queue-total").text().trim()).toBe("51 cases");
    expect(references(page)).toHaveLength(50);
    expect((await officer.get("/queue?status=all")).$("#queue-total").text().trim()).toBe("52 cases");
    expect((await officer.get("/queue?q=Wien")).$("#queue-total").text().trim()).toBe("1 case");
  });

  it.each([
    ["reference", "ascending", orders.reference],
    ["partner", "ascending", orders.partner],
    ["department", "ascending", orders.department],
    ["submitted", "ascending", orders.submitted],
    ["age", "descending", orders.submitted],
  ] as const)("sorts by %s both ways, across pages", async (sort, order, compare) => {
    // The department sort compares names the same way in every collation only within these.
    const expected = [...made].sort(compare).map((item) => item.reference);
    expect(await allPages(`status=all&sort=${sort}&order=${order}`)).toEqual(expected);
    const other = order === "ascending" ? "descending" : "ascending";
    const reversed = [...made].sort((a, b) => compare(b, a)).map((item) => item.reference);
    expect(await allPages(`status=all&sort=${sort}&order=${other}`)).toEqual(reversed);
  });

  it("goes back a page in a text sort to exactly the first page", async () => {
    const first = await officer.get("/queue?status=all&sort=partner&order=descending");
    const second = await officer.get(first.$(".govuk-pagination__next a").attr("href")!);
    expect(references(second)).toHaveLength(2);
    const back = await officer.get(second.$(".govuk-pagination__prev a").attr("href")!);
    expect(references(back)).toEqual(references(first));
  });

  it("marks the sorted column with aria-sort, and its link sorts the other way", async () => {
    const page = await officer.get("/queue?sort=partner&order=ascending");
    const header = (name: string) => page.$("thead th").filter((_, th) => page.$(th).text().trim().startsWith(name));
    expect(header("Partner").attr("aria-sort")).toBe("ascending");
    expect(header("Partner").find("a").attr("href")).toContain("sort=partner&order=descending");
    expect(header("Case").attr("aria-sort")).toBe("none");
    expect(header("Age").find("a").attr("href")).toContain("sort=age&order=descending");
    // The default is the oldest first: age, descending.
    const plain = await officer.get("/queue");
    const age = plain.$("thead th").filter((_, th) => plain.$(th).text().trim() === "Age");
    expect(age.attr("aria-sort")).toBe("descending");
    // The filter form keeps the sort.
    expect(page.$('form[role="search"] input[name="sort"]').val()).toBe("partner");
    expect(page.$('form[role="search"] input[name="order"]').val()).toBe("ascending");
  });

  it("keeps the old sort=oldest and sort=newest links working", async () => {
    const newest = [...made]
      .filter((item) => item !== made[3])
      .sort((a, b) => b.day - a.day)
      .slice(0, 50)
      .map((item) => item.reference);
    expect(references(await officer.get("/queue?sort=newest"))).toEqual(newest);
  });

  it("searches without accents or capitals, and by a fragment of a reference", async () => {
    const [wien, angstrom, acme] = made;
    expect(references(await officer.get("/queue?q=Universitat"))).toEqual([wien!.reference]);
    expect(references(await officer.get("/queue?q=UNIVERSITÄT+wien"))).toEqual([wien!.reference]);
    expect(references(await officer.get("/queue?q=angstrom+detectors"))).toEqual([angstrom!.reference]);
    expect(references(await officer.get("/queue?q=%C3%85NGSTR%C3%96M"))).toEqual([angstrom!.reference]);
    expect(references(await officer.get(`/queue?q=${acme!.reference.slice(-5)}`))).toEqual([acme!.reference]);
    expect(references(await officer.get(`/queue?q=${acme!.reference.toLowerCase()}`))).toEqual([acme!.reference]);
    // LIKE's wildcards are searched for as themselves.
    expect(references(await officer.get("/queue?q=%25"))).toEqual([]);
    expect(references(await officer.get("/queue?q=_"))).toEqual([]);
  });

  it("finds a case whose title changed after submission under its new title", async () => {
    const target = made[5]!;
    await testApp.services.prisma
      .$executeRaw`UPDATE "proposal" SET "title" = 'Çelik köprü' WHERE "id" = ${target.id}::uuid`;
    expect(references(await officer.get("/queue?q=celik+kopru"))).toEqual([target.reference]);
  });

  it("exports value, funder, dates and outcome", async () => {
    const response = await officer.agent.get("/queue/export.csv?status=all&sort=reference&order=ascending");
    const rows = parse<Record<string, string>>(response.text, { columns: true, bom: true });
    expect(Object.keys(rows[0]!)).toEqual([
      "Reference",
      "Title",
      "Partner",
      "Country",
      "Department",
      "Status",
      "Routes",
      "Risk",
      "Value (GBP)",
      "Funder",
      "Start date",
      "End date",
      "Assigned to",
      "Submitted",
      "Age (days)",
      "Next due",
      "Due",
      "Due status",
      "Outcome",
      "Decided",
    ]);
    expect(rows.map((row) => row.Reference)).toEqual([...made].sort(orders.reference).map((item) => item.reference));
    const funded = rows.find((row) => row.Reference === made[3]!.reference)!;
    expect(funded["Value (GBP)"]).toBe("1234");
    expect(funded.Funder).toBe("UK Research and Innovation");
    expect(funded["Start date"]).toBe("1 January 2027");
    expect(funded["End date"]).toBe("31 December 2027");
    expect(funded.Outcome).toBe("Approved");
    expect(funded.Decided).toMatch(/^\d{1,2} \w+ \d{4}$/);
    expect(funded.Risk).toMatch(/^(High|Medium|Low)$/);
    const open = rows.find((row) => row.Reference === made[0]!.reference)!;
    expect(open.Funder).toBe("");
    expect(open.Outcome).toBe("");
    expect(open.Decided).toBe("");
  });
});
