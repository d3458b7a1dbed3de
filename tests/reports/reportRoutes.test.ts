// The reports through the real app on a real database: who sees what (heads their own
// unit only), the filters carried in the URL, the charts' SVG and the tables beneath them
// agreeing, and the CSV exports.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parse } from "csv-parse/sync";
import type { CheerioAPI } from "cheerio";
import { personNamed, signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { monthLabel, ukToday } from "../../src/reports/periods";

/** A table of the page by its dataset: header and rows, as text. */
function tableOf($: CheerioAPI, dataset: string): string[][] {
  return $(`table[data-dataset="${dataset}"] tr`)
    .toArray()
    .map((row) =>
      $(row)
        .find("th, td")
        .toArray()
        .map((cell) => $(cell).text().trim()),
    );
}

/** The numbers written on a chart's bars (or "none"), in order. */
function barTexts($: CheerioAPI, dataset: string): string[] {
  return $(`svg[data-chart="${dataset}"] text[data-value]`)
    .toArray()
    .map((text) => $(text).text().trim());
}

async function download(browser: Browser, url: string): Promise<{ status: number; bytes: Buffer }> {
  const response = await browser.agent
    .get(url)
    .buffer(true)
    .parse((stream, done) => {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        done(null, Buffer.concat(chunks));
      });
    });
  return { status: response.status, bytes: response.body as Buffer };
}

const csvRows = (bytes: Buffer): string[][] => parse(bytes.toString("utf8"), { bom: true });

describe(`reports (${databaseLabel})`, () => {
  let testApp: TestApp;
  let decidedReference: string;
  const browsers = new Map<string, Promise<Browser>>();
  const as = (username: string) => {
    let browser = browsers.get(username);
    if (!browser) browsers.set(username, (browser = signInAs(testApp.app, username)));
    return browser;
  };
  const thisMonth = monthLabel(ukToday().slice(0, 7));

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    // One case submitted at 23:30 UTC on 31 July 2025: 00:30 on 1 August in London (last academic year).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-07-31T23:30:00Z"));
    await submittedCase(services, "cd456", { department: "PHYS", partnerCountry: "JP" });
    vi.useRealTimers();
    // Engineering (Technology): two cases, one decided. Chemistry (Physical Sciences): one,
    // withdrawn. Computer Science (Technology): one, open.
    const officer = await personNamed(services, "spo01");
    const decided = await submittedCase(services, "ab123", {
      department: "ENG",
      partnerCountry: "DE",
      partnerName: "=Technische Universität München",
    });
    decidedReference = decided.reference;
    await submittedCase(services, "ab123", { department: "ENG", partnerCountry: "RU" });
    const withdrawn = await submittedCase(services, "cd456", { department: "CHEM", partnerCountry: "US" });
    await submittedCase(services, "cd456", { department: "CST", partnerCountry: "US" });
    await completeSignOffs(services, decided.id);
    await services.prisma.caseTask.updateMany({
      where: { proposalId: decided.id, state: "open" },
      data: { state: "done", outcome: "cleared", completedAt: new Date() },
    });
    await services.workflow.decide(decided.id, await currentVersion(services, decided.id), officer, "approved", "Fine");
    const proposer = await personNamed(services, "cd456");
    await services.workflow.withdraw(withdrawn.id, await currentVersion(services, withdrawn.id), proposer);
  });
  afterAll(() => testApp.close());

  it("shows an officer every unit, each chart an image with a title and a description", async () => {
    const page = await (await as("spo01")).get("/reports");
    expect(page.status).toBe(200);
    const { $ } = page;
    const charts = $("svg.app-chart").toArray();
    expect(charts).toHaveLength(10);
    for (const chart of charts) {
      const svg = $(chart);
      expect(svg.attr("role")).toBe("img");
      const [titleId, descId] = (svg.attr("aria-labelledby") ?? "").split(" ");
      expect(svg.children("title").attr("id")).toBe(titleId);
      expect(svg.children("title").text().trim()).not.toBe("");
      expect(svg.children("desc").attr("id")).toBe(descId);
      expect(svg.children("desc").text().trim()).not.toBe("");
      // The description is also on the page, in words, for everyone.
      expect(svg.closest("figure").find("figcaption").text().trim()).toBe(svg.children("desc").text().trim());
    }
    expect(tableOf($, "outcomes")).toEqual([
      ["Outcome", "Cases"],
      ["Approved", "1"],
      ["Approved with conditions", "0"],
      ["Declined", "0"],
      ["Withdrawn", "1"],
    ]);
    expect(tableOf($, "countries")).toEqual([
      ["Partner country", "Submitted", "Decided", "Open now"],
      ["United States of America", "2", "0", "1"],
      ["Germany", "1", "1", "0"],
      ["Russian Federation", "1", "0", "1"],
    ]);
    const month = tableOf($, "monthly").find((row) => row[0] === thisMonth);
    expect(month).toEqual([thisMonth, "4", "1", "1"]);
    expect($("a[href^='/reports/outcomes.csv?']").length).toBe(1);
    expect($(".app-nav a[href='/reports']").length).toBe(1);
  });

  it("writes on each chart the numbers its table holds", async () => {
    const { $ } = await (await as("spo01")).get("/reports");
    for (const dataset of ["outcomes", "open-by-route", "open-by-age", "countries", "schools", "departments"]) {
      const firstColumn = tableOf($, dataset)
        .slice(1)
        .map((row) => row[1]);
      expect(barTexts($, dataset), dataset).toEqual(firstColumn);
    }
    // Two series (median, 90th percentile): each bar names its series; no decision measured says "none".
    const turnaround = tableOf($, "turnaround-by-route").slice(1);
    const expected = turnaround.flatMap((row) => [
      row[1] === "–" ? "none" : `${row[1] ?? ""} (median)`,
      row[2] === "–" ? "none" : `${row[2] ?? ""} (90th percentile)`,
    ]);
    expect(barTexts($, "turnaround-by-route")).toEqual(expected);
    expect(turnaround.find((row) => row[0] === "All decided cases")).toEqual(["All decided cases", "0", "0", "1"]);
  });

  it("shows a head of department their department only, without the exports", async () => {
    const head = await as("hod01");
    const { $, status } = await head.get("/reports");
    expect(status).toBe(200);
    expect(tableOf($, "departments").slice(1)).toEqual([["Department of Engineering", "2", "1", "1"]]);
    expect(tableOf($, "countries").map((row) => row[0])).not.toContain("United States of America");
    expect(
      $("#department option")
        .toArray()
        .map((option) => $(option).attr("value")),
    ).toEqual(["", "ENG"]);
    expect($("a[href*='.csv']").length).toBe(0);
    expect((await download(head, "/reports/outcomes.csv")).status).toBe(403);
    expect((await download(head, "/reports/annual-return.csv")).status).toBe(403);
    // Naming another unit in the URL finds nothing of it.
    const other = await head.get("/reports?department=CHEM");
    expect(
      tableOf(other.$, "outcomes")
        .slice(1)
        .map((row) => row[1]),
    ).toEqual(["0", "0", "0", "0"]);
  });

  it("shows a head of school every department of their school", async () => {
    const { $ } = await (await as("hos01")).get("/reports");
    expect(tableOf($, "departments").slice(1)).toEqual([
      ["Department of Engineering", "2", "1", "1"],
      ["Department of Computer Science and Technology", "1", "0", "1"],
    ]);
    expect(tableOf($, "schools").slice(1)).toEqual([["Technology", "3", "1", "2"]]);
  });

  it("carries the filters in the URL: the form, the links and the exports keep them", async () => {
    const officer = await as("spo01");
    const url = "/reports?from=2026-01-01&to=2027-07-31&school=PS&country=US";
    const { $ } = await officer.get(url);
    expect($("#from").val()).toBe("2026-01-01");
    expect($("#to").val()).toBe("2027-07-31");
    expect($("#school").val()).toBe("PS");
    expect($("#route").val()).toBe("");
    expect($("#country").val()).toBe("US");
    const csvLink = $("a[href^='/reports/outcomes.csv?']").attr("href") ?? "";
    expect(new URLSearchParams(csvLink.split("?")[1]).toString()).toBe(
      "from=2026-01-01&to=2027-07-31&school=PS&country=US",
    );
    // The Chemistry case to the US was withdrawn.
    expect(
      tableOf($, "outcomes")
        .slice(1)
        .map((row) => row[1]),
    ).toEqual(["0", "0", "0", "1"]);
    const csv = await download(officer, csvLink);
    expect(csv.status).toBe(200);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csvRows(csv.bytes)).toEqual(tableOf($, "outcomes"));
    // A review route no case here has: nothing counted, and the route kept in the form and links.
    const none = await officer.get("/reports?route=export_control&country=US");
    expect(none.$("#route").val()).toBe("export_control");
    expect(none.$("a[href^='/reports/countries.csv?']").attr("href")).toContain("route=export_control");
    expect(tableOf(none.$, "countries").slice(1)).toEqual([]);
  });

  it("counts a case by its date in London: 23:30 UTC on 31 July is August", async () => {
    const officer = await as("spo01");
    const august = await officer.get("/reports?from=2025-08-01&to=2025-08-31&department=PHYS");
    expect(tableOf(august.$, "monthly").slice(1)).toEqual([["Aug 2025", "1", "0", "0"]]);
    const july = await officer.get("/reports?from=2025-07-01&to=2025-07-31&department=PHYS");
    expect(tableOf(july.$, "monthly").slice(1)).toEqual([["Jul 2025", "0", "0", "0"]]);
    expect(august.$(".govuk-caption-l").text()).not.toContain("Academic year");
  });

  it("explains filters it cannot use, and shows the academic year instead", async () => {
    const page = await (await as("spo01")).get("/reports?from=2026-02-30&route=nonsense");
    expect(page.status).toBe(200);
    expect(page.$("title").text()).toMatch(/^Error: Reports/);
    const summary = page
      .$(".govuk-error-summary a")
      .toArray()
      .map((link) => page.$(link).attr("href"));
    expect(summary).toEqual(["#from", "#route"]);
    expect(page.$(".govuk-caption-l").text()).toContain("Academic year");
  });

  it("exports the annual return: one row per case decided in the period", async () => {
    const lead = await as("spl01");
    const page = await lead.get("/reports");
    expect(page.status).toBe(200);
    const link = page.$("a[href^='/reports/annual-return.csv?']").attr("href") ?? "";
    const csv = await download(lead, link);
    expect(csv.status).toBe(200);
    const [header, ...rows] = csvRows(csv.bytes);
    expect(header).toEqual([
      "Reference",
      "Title",
      "Department",
      "School",
      "Partner",
      "Partner country",
      "Engagement type",
      "Value (GBP)",
      "Review routes",
      "Outcome",
      "Submitted",
      "Decided",
      "Working days taken",
    ]);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? [];
    expect(row[0]).toBe(decidedReference);
    expect(row[2]).toBe("Department of Engineering");
    expect(row[3]).toBe("Technology");
    // A spreadsheet would run a cell starting with "=": it is written as text.
    expect(row[4]).toBe("'=Technische Universität München");
    expect(row[5]).toBe("Germany");
    expect(row[9]).toBe("Approved");
    expect(row[10]).toBe(ukToday());
    expect(row[11]).toBe(ukToday());
    expect(row[12]).toBe("0");
  });

  it("lets an admin grant the SPO lead role on the people page, which opens the reports and exports", async () => {
    const admin = await as("adm01");
    const person = await personNamed(testApp.services, "exc01");
    const form = await admin.get(`/admin/people/${person.id}`);
    expect(form.$("select[name='role'] option[value='SPO_LEAD']").text().trim()).toBe("SPO lead");
    const granted = await admin.post(`/admin/people/${person.id}/roles`, {
      role: "SPO_LEAD",
      departmentId: "",
      schoolId: "",
    });
    expect(granted.status).toBe(303);
    const lead = await signInAs(testApp.app, "exc01");
    expect((await lead.get("/reports")).status).toBe(200);
    expect((await download(lead, "/reports/annual-return.csv")).status).toBe(200);
  });

  it("is not offered to staff or reviewers", async () => {
    const staff = await as("ab123");
    expect((await staff.get("/reports")).status).toBe(403);
    const home = await staff.get("/");
    expect(home.$(".app-nav a[href='/reports']").length).toBe(0);
    expect((await (await as("ddr01")).get("/reports")).status).toBe(403);
  });
});
