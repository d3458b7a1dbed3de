// The simulator's page: officers and admins replay cases against a reference data version
// (published or not), see the totals, the counts per route and the changed cases, and
// download them all as CSV. The page is sent in pieces, its "running" line first.
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import type { Prisma } from "../../src/generated/prisma/client";

const app = useTestApp();
const references: Record<string, { id: string; reference: string }> = {};

beforeAll(async () => {
  const { services } = app;
  references.hongKong = await submittedCase(services, "ab123", { partnerCountry: "HK" });
  references.france = await submittedCase(services, "ab123", {});
  const { version, ...data } = await services.reference.current();
  await services.prisma.referenceDataVersion.create({
    data: {
      version: version + 1,
      note: "Hong Kong out (test)",
      data: JSON.parse(
        JSON.stringify({ ...data, countryRestrictions: data.countryRestrictions.filter((e) => e.country !== "HK") }),
      ) as Prisma.InputJsonObject,
    },
  });
}, 60_000);

describe(`the simulator's page (${databaseLabel})`, () => {
  it("shows the form, then 0 changed for the version the cases were decided on", async () => {
    const officer = await app.as("spo01");
    const form = await officer.get("/admin/reference/versions/1/simulate");
    expect(form.status).toBe(200);
    expect(form.$("form[method=get] input[name=scope]").length).toBe(3);
    const page = await officer.get("/admin/reference/versions/1/simulate?scope=all");
    expect(page.status).toBe(200);
    expect(page.$("#simulation-running").text()).toContain("Replaying the cases");
    expect(page.$(".govuk-summary-list").text()).toMatch(/Cases replayed\s+2/);
    expect(page.$(".govuk-summary-list").text()).toContain("0 changed");
    expect(page.text).toContain("No case would be decided otherwise with this version.");
  });

  it("lists the case that relied on Hong Kong, linked, with its reasons and the CSV", async () => {
    const admin = await app.as("adm01");
    const page = await admin.get("/admin/reference/versions/2/simulate?scope=all");
    expect(page.status).toBe(200);
    expect(page.$(".govuk-summary-list").text()).toContain("1 changed");
    const rows = page.$('ol[aria-label="Cases whose outcome changes"] > li');
    expect(rows.length).toBe(1);
    const link = rows.first().find("a");
    expect(link.text()).toBe(references.hongKong!.reference);
    expect(link.attr("href")).toBe(`/cases/${references.hongKong!.id}`);
    expect(rows.first().text()).toContain("due diligence (mandatory)");
    expect(rows.first().text()).toContain("due_diligence.sanctioned_country");
    const routeTable = page.$("table").first().text().replace(/\s+/g, " ");
    expect(routeTable).toContain("Research Office due diligence 1 0 -1");

    const href = page.$('a[href*="simulate.csv"]').attr("href")!;
    expect(href).toBe("/admin/reference/versions/2/simulate.csv?scope=all");
    const csv = await admin.agent.get(href);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    const csvRows: Record<string, string>[] = parse(csv.text.replace(/^\uFEFF/, ""), { columns: true });
    expect(csvRows.map((row) => row.Reference)).toEqual([references.hongKong!.reference]);
  });

  it("replays only open cases, or a date range, when asked", async () => {
    const officer = await app.as("spo01");
    await app.services.prisma.proposal.update({
      where: { id: references.hongKong!.id },
      data: { status: "DECIDED", submittedAt: new Date("2025-06-15T10:00:00Z") },
    });
    const open = await officer.get("/admin/reference/versions/2/simulate?scope=open");
    expect(open.$(".govuk-summary-list").text()).toMatch(/Cases replayed\s+1\s/);
    expect(open.$(".govuk-summary-list").text()).toContain("0 changed");
    const range = await officer.get(
      "/admin/reference/versions/2/simulate?scope=range&since=2025-06-01&until=2025-06-30",
    );
    expect(range.$(".govuk-summary-list").text()).toMatch(/Cases replayed\s+1\s/);
    expect(range.$(".govuk-summary-list").text()).toContain("1 changed");
    expect(range.$("h1").text()).toContain("from 2025-06-01 to 2025-06-30");
  });

  it("asks again for a date range it cannot read, and 404s a version that does not exist", async () => {
    const officer = await app.as("spo01");
    const noDates = await officer.get("/admin/reference/versions/2/simulate?scope=range&since=&until=");
    expect(noDates.status).toBe(400);
    expect(noDates.$(".govuk-error-summary").text()).toContain("Enter a start date, an end date or both");
    const backwards = await officer.get(
      "/admin/reference/versions/2/simulate?scope=range&since=2026-02-01&until=2026-01-01",
    );
    expect(backwards.status).toBe(400);
    expect(backwards.$(".govuk-error-summary").text()).toContain("on or after the start date");
    expect((await officer.get("/admin/reference/versions/99/simulate")).status).toBe(404);
    expect((await officer.get("/admin/reference/versions/x/simulate")).status).toBe(404);
  });

  it("turns away people who are neither officers nor admins", async () => {
    const staff = await app.as("cd456");
    expect((await staff.get("/admin/reference/versions/1/simulate?scope=all")).status).toBe(403);
    expect((await staff.get("/admin/reference/versions/1/simulate.csv?scope=all")).status).toBe(403);
  });
});
