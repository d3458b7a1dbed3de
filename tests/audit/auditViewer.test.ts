// The admins' audit log viewer: filters by case reference, person, action and dates,
// newest first a page at a time, the filtered entries as CSV, and admins only.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

const app = useTestApp();
let first: { id: string; reference: string };
let second: { id: string; reference: string };

const cells = (page: Awaited<ReturnType<Awaited<ReturnType<typeof app.as>>["get"]>>) =>
  page
    .$("table tbody tr")
    .toArray()
    .map((row) =>
      page
        .$(row)
        .find("td")
        .toArray()
        .map((cell) => page.$(cell).text().trim().replace(/\s+/g, " ")),
    );

beforeAll(async () => {
  const { services } = app;
  first = await submittedCase(services, "ab123", {});
  second = await submittedCase(services, "ab123", { partnerCountry: "HK" });
  const officer = await services.prisma.user.findUniqueOrThrow({ where: { username: "spo01" } });
  // Sixty old entries about one person, over two days of March 2025, for the pages and dates.
  await services.prisma.auditEntry.createMany({
    data: Array.from({ length: 60 }, (_, index) => ({
      at: new Date(Date.UTC(2025, 2, index < 30 ? 10 : 11, 9, index)),
      actorId: officer.id,
      action: "user.updated",
      entityType: "user",
      entityId: officer.id,
      details: { field: `change ${String(index)}` },
    })),
  });
}, 60_000);

describe(`the audit log viewer (${databaseLabel})`, () => {
  it("filters by case reference, newest first, actions in words, the case linked", async () => {
    const admin = await app.as("adm01");
    const page = await admin.get(`/admin/audit?reference=${second.reference.toLowerCase()}`);
    expect(page.status).toBe(200);
    const rows = cells(page);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row[1] === second.reference)).toBe(true);
    expect(rows.some((row) => row[2]!.startsWith("Proposal submitted by Alex Brown (ab123)"))).toBe(true);
    expect(page.$(`table a[href="/cases/${second.id}"]`).length).toBe(rows.length);
    const none = await admin.get("/admin/audit?reference=SPO-1999-00001");
    expect(cells(none)).toEqual([["No entries match these filters."]]);
  });

  it("filters by person, action and dates, and pages through older entries", async () => {
    const admin = await app.as("adm01");
    const bySubmitter = cells(await admin.get("/admin/audit?person=ab123&action=proposal.submitted"));
    expect(bySubmitter.map((row) => row[1]).sort()).toEqual([first.reference, second.reference].sort());
    expect(bySubmitter.every((row) => row[2]!.startsWith("Proposal submitted by Alex Brown (ab123)"))).toBe(true);

    const march = await admin.get("/admin/audit?person=spo01&from=2025-03-01&to=2025-03-31");
    const firstPage = cells(march);
    expect(firstPage).toHaveLength(50);
    expect(firstPage[0]![0]).toBe("11 March 2025 at 09:59");
    const older = march.$('a[rel="next"]').attr("href")!;
    expect(older).toContain("before=");
    const next = await admin.get(older);
    const secondPage = cells(next);
    expect(secondPage).toHaveLength(10);
    expect(secondPage.at(-1)![0]).toBe("10 March 2025 at 09:00");
    expect(next.$('a[rel="next"]').length).toBe(0);
    expect(next.$('a[rel="prev"]').attr("href")).toBe("/admin/audit?person=spo01&from=2025-03-01&to=2025-03-31");

    const oneDay = cells(await admin.get("/admin/audit?action=user.updated&from=2025-03-10&to=2025-03-10"));
    expect(oneDay).toHaveLength(30);
    expect(
      oneDay.every(
        (row) =>
          row[0]!.startsWith("10 March 2025 at") && row[2]!.startsWith("Person's details updated by Priya Raman"),
      ),
    ).toBe(true);
  });

  it("shows UK time and filters by UK dates; the CSV keeps UTC", async () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    await app.services.prisma.auditEntry.create({
      data: {
        at: new Date("2025-06-30T23:30:00Z"),
        actorId: null,
        action: "reference.seeded",
        entityType: "reference_data_version",
        entityId: "summer",
      },
    });
    const admin = await app.as("adm01");
    const filter = "action=reference.seeded&from=2025-07-01&to=2025-07-01";
    const page = await admin.get(`/admin/audit?${filter}`);
    expect(page.$("table thead th").first().text().trim()).toBe("When");
    expect(cells(page).map((row) => row[0])).toEqual(["1 July 2025 at 00:30"]);
    expect(cells(await admin.get("/admin/audit?action=reference.seeded&from=2025-06-30&to=2025-06-30"))).toEqual([
      ["No entries match these filters."],
    ]);
    const rows: Record<string, string>[] = parse(
      (await admin.agent.get(`/admin/audit.csv?${filter}`)).text.replace(/^\uFEFF/, ""),
      { columns: true },
    );
    expect(rows.map((row) => row["When (UTC)"])).toEqual(["2025-06-30 23:30:00"]);
  });

  it("downloads the filtered entries as CSV, all of them", async () => {
    const admin = await app.as("adm01");
    const csv = await admin.agent.get("/admin/audit.csv?person=spo01&action=user.updated");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const rows: Record<string, string>[] = parse(csv.text.replace(/^\uFEFF/, ""), { columns: true });
    expect(rows).toHaveLength(60);
    expect(rows[0]).toMatchObject({ "When (UTC)": "2025-03-11 09:59:00", Action: "Person's details updated" });
    expect(rows[0]!.Details).toBe("field: change 59");
    const byCase: Record<string, string>[] = parse(
      (await admin.agent.get(`/admin/audit.csv?reference=${first.reference}`)).text.replace(/^\uFEFF/, ""),
      { columns: true },
    );
    expect(byCase.length).toBeGreaterThan(0);
    expect(byCase.every((row) => row.Case === first.reference)).toBe(true);
  });

  it("asks again for dates it cannot read", async () => {
    const admin = await app.as("adm01");
    const page = await admin.get("/admin/audit?from=2025-13-45");
    expect(page.status).toBe(400);
    expect(page.$(".govuk-error-summary").text()).toContain("Enter a real date");
    const backwards = await admin.get("/admin/audit?from=2025-03-10&to=2025-03-01");
    expect(backwards.status).toBe(400);
    expect(backwards.$(".govuk-error-summary").text()).toContain("on or after the start date");
  });

  it("is for admins only", async () => {
    const officer = await app.as("spo01");
    expect((await officer.get("/admin/audit")).status).toBe(403);
    expect((await officer.get("/admin/audit.csv")).status).toBe(403);
  });
});
