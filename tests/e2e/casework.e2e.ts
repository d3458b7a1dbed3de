// Case work in Chromium, with JavaScript on and off, at 1280 and 375 px: an officer asks
// for information, the proposer sees the question, adds a file, replies and resubmits; the
// thread shows on the case page; the head's checklist shows the reviews so far; the
// proposer's page shows who each task waits with. Axe checks every page (JavaScript on).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { newPage, signIn, startJourney, visit, type Journey } from "./browser";
import { currentVersion, submittedCase } from "../helpers/cases";

const widths = [1280, 375] as const;

describe("case work in Chromium: a request for information as a conversation, files, progress", () => {
  let journey: Journey;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());
  beforeAll(async () => {
    journey = await startJourney();
  });

  /** Screenshots (and axe, with JavaScript on) at both widths. */
  async function look(page: Page, name: string, javaScript: boolean) {
    for (const width of widths) {
      await page.setViewportSize({ width, height: 900 });
      await visit(page, `${name}-${width}`, { javaScript });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  for (const javaScript of [true, false]) {
    const mode = javaScript ? "js" : "nojs";
    // Seven pages at two widths, each checked by axe with JavaScript on: about two minutes on two cores.
    it(
      `goes round a request for information with JavaScript ${javaScript ? "on" : "off"}`,
      { timeout: 300_000 },
      async () => {
        const { services } = journey.testApp;
        const made = await submittedCase(services, "ab123", {
          title: `Seismic sensors with Tbilisi (${mode})`,
          partnerName: "Tbilisi State University",
          partnerCountry: "GE",
          relationship: "new",
          department: "ENG",
        });
        const id = made.id;
        const reviewer = await services.users.findByUsername("ddr01");
        const ddr = reviewer && (await services.users.findActive(reviewer.id));
        if (!ddr) throw new Error("no due-diligence reviewer");
        await services.workflow.recordReview(
          id,
          await currentVersion(services, id),
          ddr,
          "due_diligence",
          "cleared_with_conditions",
          "Check the partner's ownership each year.",
        );

        const officer = await newPage(journey.browser, { javaScript });
        await signIn(officer, journey.baseUrl, "Priya Raman");
        await officer.goto(`${journey.baseUrl}/cases/${id}`);
        await officer
          .getByLabel("What do you need to know?")
          .fill(
            "Who else at Tbilisi State University will see the sensor data?\nPlease attach the data-sharing letter.",
          );
        await officer.getByRole("button", { name: "Send request" }).click();
        expect(await officer.locator(".govuk-tag").first().textContent()).toContain("Information requested");

        const proposer = await newPage(journey.browser, { javaScript });
        await signIn(proposer, journey.baseUrl, "Alex Brown");
        await proposer.goto(`${journey.baseUrl}/proposals/${id}`);
        expect(await proposer.locator(".govuk-notification-banner").textContent()).toContain(
          "Request for information from the Strategic Partnerships Office",
        );
        await look(proposer, `casework-${mode}-01-proposal-with-request`, javaScript);
        await proposer.getByRole("button", { name: "Reply and resubmit" }).click();
        expect(new URL(proposer.url()).pathname).toBe(`/proposals/${id}/reply`);
        expect(await proposer.locator("#round-1").textContent()).toContain("Who else at Tbilisi State University");
        await look(proposer, `casework-${mode}-02-reply`, javaScript);

        // A file, by the proposer, while answering.
        await proposer.getByRole("link", { name: "Add or replace files" }).click();
        await proposer.getByLabel("Upload a file").setInputFiles({
          name: "data-sharing.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("Only the two named researchers see the raw data.\n"),
        });
        await proposer.getByRole("button", { name: "Add file" }).click();
        expect(await proposer.locator(".govuk-notification-banner--success").textContent()).toContain(
          "The file has been added",
        );
        await look(proposer, `casework-${mode}-03-files`, javaScript);
        await proposer.goto(`${journey.baseUrl}/proposals/${id}/reply`);

        // The reply is required.
        await proposer.getByLabel(/To the best of my knowledge/).check();
        await proposer.getByRole("button", { name: "Send reply and resubmit" }).click();
        expect(await proposer.locator(".govuk-error-summary").textContent()).toContain("Enter your reply");
        await look(proposer, `casework-${mode}-04-reply-error`, javaScript);
        await proposer
          .getByLabel("Your reply")
          .fill("Only the two named researchers see the raw data. The letter is attached.");
        await proposer.getByLabel(/To the best of my knowledge/).check();
        await proposer.getByRole("button", { name: "Send reply and resubmit" }).click();
        expect(new URL(proposer.url()).pathname).toBe(`/proposals/${id}/confirmation`);

        await proposer.goto(`${journey.baseUrl}/proposals/${id}`);
        const progress = await proposer.locator("section.app-progress").textContent();
        expect(progress).toContain("With Dr Helen Okafor.");
        expect(progress).toContain("Cleared with conditions");
        expect(progress).toContain("By Owen Pryce on");
        await look(proposer, `casework-${mode}-05-proposal-progress`, javaScript);

        await officer.goto(`${journey.baseUrl}/cases/${id}`);
        const thread = await officer.locator("section.app-thread").textContent();
        expect(thread).toContain("Asked by Priya Raman");
        expect(thread).toContain("Reply from Alex Brown");
        expect(await officer.locator("#attachments").count()).toBe(1);
        await look(officer, `casework-${mode}-06-case-thread`, javaScript);

        const head = await newPage(journey.browser, { javaScript });
        await signIn(head, journey.baseUrl, "Dr Helen Okafor");
        const task = await services.prisma.caseTask.findFirstOrThrow({
          where: { proposalId: id, kind: "department_sign_off", state: "open" },
        });
        await head.goto(`${journey.baseUrl}/sign-off/${task.id}`);
        expect(await head.locator("section.app-progress").textContent()).toContain("Cleared with conditions");
        await look(head, `casework-${mode}-07-checklist-progress`, javaScript);

        for (const page of [officer, proposer, head]) await page.context().close();
      },
    );
  }
});
