// The reports dashboard in Chromium over a year of cases made through the services (each
// submitted, decided or returned at its own date): axe-clean, screenshots of the dashboard
// and of a chart as printed, and the same page with JavaScript off.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { newPage, screenshotDir, signIn, startJourney, visit, type Journey } from "./browser";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { personNamed } from "../helpers/testApp";
import { decisionOutcomes } from "../../src/domain/reviews";
import { ukToday } from "../../src/reports/periods";

const dayMs = 86_400_000;
const departments = ["ENG", "CST", "CHEM", "PHYS", "MED", "GEN", "POLIS"];
const countries = ["US", "CN", "DE", "FR", "IN", "JP", "RU", "GE", "BR", "ZA", "SG", "AU"];

describe("the reports dashboard in Chromium", () => {
  let journey: Journey;
  let query: string;

  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    const officer = await personNamed(services, "spo01");
    const now = Date.now();
    const from = ukToday(new Date(now - 365 * dayMs));
    query = `from=${from}&to=${ukToday(new Date(now))}`;
    // A year of cases, one every five days, each moved on at its own (faked) date.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      for (let index = 0; index < 72; index++) {
        const submittedAt = now - (360 - index * 5) * dayMs + 10 * 3_600_000;
        vi.setSystemTime(submittedAt);
        const made = await submittedCase(services, index % 3 === 0 ? "cd456" : "ab123", {
          title: `Partnership ${String(index + 1)}`,
          department: departments[index % departments.length],
          // Uneven, as real partners are: a ranked chart with a clear top.
          partnerCountry: countries[(index % 4 === 0 ? 0 : index % 3 === 0 ? 1 : index) % countries.length],
          relationship: index % 4 === 0 ? "new" : "existing_with_agreement",
          valueGbp: (index % 5) * 250_000,
        });
        const decideAt = submittedAt + (4 + ((index * 11) % 45)) * dayMs;
        if (index % 9 === 4 || decideAt > now - dayMs) continue; // left open
        vi.setSystemTime(decideAt);
        if (index % 13 === 5) {
          // Withdrawn by its proposer (the withdrawal is dated by the database: today).
          const owner = await personNamed(services, index % 3 === 0 ? "cd456" : "ab123");
          await services.workflow.withdraw(made.id, await currentVersion(services, made.id), owner);
          continue;
        }
        if (index % 11 === 7) {
          await services.workflow.requestInformation(
            made.id,
            await currentVersion(services, made.id),
            officer,
            "Please attach the draft agreement.",
          );
          continue;
        }
        await completeSignOffs(services, made.id);
        await services.prisma.caseTask.updateMany({
          where: { proposalId: made.id, state: "open" },
          data: { state: "done", outcome: "cleared", completedAt: new Date() },
        });
        const outcome = decisionOutcomes[index % 7 === 0 ? 2 : index % 3 === 0 ? 1 : 0];
        await services.workflow.decide(made.id, await currentVersion(services, made.id), officer, outcome, "Decided");
      }
    } finally {
      vi.useRealTimers();
    }
  }, 300_000);
  afterAll(() => journey.close());

  it("shows an officer a year of figures, axe-clean, and prints a chart with its table", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.getByRole("link", { name: "Reports" }).click();
    expect(await page.locator("h1").textContent()).toBe("Reports");
    await page.goto(`${journey.baseUrl}/reports?${query}`);
    await expect.poll(() => page.locator("svg.app-chart[role=img]").count()).toBe(10);
    const submitted = await page
      .locator('table[data-dataset="monthly"] tbody tr')
      .evaluateAll((rows) => rows.reduce((sum, row) => sum + Number(row.children[1]?.textContent ?? 0), 0));
    expect(submitted).toBe(72);
    await visit(page, "reports-01-dashboard");
    for (const section of ["monthly", "waiting", "countries"])
      await page.locator(`#${section}`).screenshot({ path: path.join(screenshotDir, `reports-01-${section}.png`) });
    // Filter with the form: the URL carries the choice.
    await page.getByLabel("Department", { exact: true }).selectOption("ENG");
    await page.getByRole("button", { name: "Show reports" }).click();
    expect(new URL(page.url()).searchParams.get("department")).toBe("ENG");
    await visit(page, "reports-02-filtered");
    // Printed: no navigation or filters; the chart and its table.
    await page.goto(`${journey.baseUrl}/reports?${query}`);
    await page.emulateMedia({ media: "print" });
    expect(await page.locator("form.app-filters").isVisible()).toBe(false);
    await page
      .locator("#turnaround-by-route")
      .screenshot({ path: path.join(screenshotDir, "reports-03-printed-chart.png") });
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
    await page.context().close();
  }, 120_000);

  it("works with JavaScript off: the filters are a plain GET form", async () => {
    const page = await newPage(journey.browser, { javaScript: false });
    await signIn(page, journey.baseUrl, "Priya Raman");
    await page.goto(`${journey.baseUrl}/reports?${query}`);
    await page.getByLabel("Partner country", { exact: true }).selectOption("US");
    await page.getByRole("button", { name: "Show reports" }).click();
    // A click waits for the next page to start, not to finish: wait for it whole before reading it.
    await page.waitForURL((url) => url.searchParams.get("country") === "US");
    const countriesTable = await page.locator('table[data-dataset="countries"] tbody th').allTextContents();
    expect(countriesTable.map((text) => text.trim())).toEqual(["United States of America"]);
    await visit(page, "reports-04-no-javascript", { javaScript: false });
    await page.context().close();
  }, 120_000);
});
