// A possible sanctions match on the case page, in Chromium: explained, judged, remembered.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newPage, screenshotDir, signIn, startJourney, visit, type Journey } from "./browser";
import { submittedCase } from "../helpers/cases";

const csvText = readFileSync(path.resolve(import.meta.dirname, "../screening/fixtures/uk-sanctions-list.csv"), "utf8");

describe("a possible sanctions match on the case page, in Chromium", () => {
  let journey: Journey;
  beforeAll(async () => {
    journey = await startJourney();
    const { screeningLists, prisma } = journey.testApp.services;
    const admin = await prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    const imported = await screeningLists.importFile(
      "uk-sanctions-list",
      { name: "list.csv", bytes: Buffer.from(csvText) },
      admin,
    );
    await screeningLists.decideHeld(imported.version.id, "accept", admin);
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  for (const javaScript of [true, false]) {
    it(`explains the hit and records the officer's verdict (JavaScript ${javaScript ? "on" : "off"})`, async () => {
      const { id } = await submittedCase(journey.testApp.services, "ab123", {
        partnerName: "Zenith Orbital Technologies LLC",
        partnerCountry: "DE",
      });
      const page = await newPage(journey.browser, { javaScript });
      await signIn(page, journey.baseUrl, "Priya Raman");
      await page.goto(`${journey.baseUrl}/cases/${id}#screening`);
      const match = page.locator(".app-screening-match");
      expect(await match.locator("h3").textContent()).toBe("Partner: Zenith Orbital Technologies LLC");
      await match.getByText("How the score was reached").click();
      expect(await match.locator("details").getAttribute("open")).not.toBeNull();
      const suffix = javaScript ? "" : "-no-js";
      await visit(page, `screening-01-case-with-hit${suffix}`, { javaScript });
      // The page is long: the match on its own, to look at.
      await match.screenshot({ path: path.join(screenshotDir, `screening-01-match${suffix}.png`) });

      await match.getByLabel("Not a match").check();
      await match.getByLabel("Note").fill("A different company: registered in Munich in 1998, makes bicycle parts.");
      await match.getByRole("button", { name: "Record verdict" }).click();
      expect(new URL(page.url()).pathname).toBe(`/cases/${id}`);
      expect(await page.locator(".app-screening-match .govuk-tag").textContent()).toContain("Not a match");
      expect(await page.locator(".app-screening-match").textContent()).toContain("by Priya Raman");
      await visit(page, `screening-02-verdict-recorded${suffix}`, { javaScript });
      await page.context().close();
    });
  }

  it("shows an admin the re-screening after an import, waiting and then done", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Sian Morgan");
    await page.goto(`${journey.baseUrl}/admin/screening`);
    expect(await page.locator("#rescreens").textContent()).toContain("waiting to start");
    await visit(page, "screening-03-admin-rescreen-waiting");
    await journey.testApp.services.screening.rescreens.runPending();
    await page.reload();
    expect(await page.locator("#rescreens").textContent()).toMatch(/re-screened \d+ open and approved cases/);
    await visit(page, "screening-04-admin-rescreen-done");
    await page.context().close();
  });
});
