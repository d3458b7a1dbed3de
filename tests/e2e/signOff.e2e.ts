import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { newPage, screenshotDir, signIn, startJourney, visit, type Journey } from "./browser";
import { submittedCase } from "../helpers/cases";
import { defaultChecklists } from "../../src/signOff/checklists";
import path from "node:path";

/** Answers every item of the checklist on the page yes. */
async function answerAllYes(page: Page) {
  const names = await page
    .locator('input[type="radio"][name^="item-"]')
    .evaluateAll((inputs) => [...new Set(inputs.map((input) => (input as HTMLInputElement).name))]);
  for (const name of names) await page.locator(`#${name}`).check();
  return names;
}

describe("department and school sign-off in Chromium", () => {
  let journey: Journey;
  let departmentCase: { id: string; reference: string };
  let schoolCase: { id: string; reference: string };
  beforeAll(async () => {
    journey = await startJourney();
    const { services } = journey.testApp;
    departmentCase = await submittedCase(services, "ab123", {
      title: "Sensor network with Grenoble",
      partnerName: "Université Grenoble Alpes",
      department: "ENG",
    });
    await submittedCase(services, "ab123", {
      title: "Visiting fellowship in fluid dynamics",
      department: "ENG",
      partnerName: "ETH Zürich",
      partnerCountry: "CH",
    });
    schoolCase = await submittedCase(services, "ab123", {
      title: "Seismic sensors with Tbilisi",
      partnerName: "Tbilisi State University",
      partnerCountry: "GE",
      relationship: "new",
      department: "ENG",
    });
    // The head of department has approved the Tbilisi case, so it waits for the head of school.
    const head = (await services.users.findActive((await services.users.findByUsername("hod01"))!.id))!;
    const task = await services.prisma.caseTask.findFirstOrThrow({
      where: { proposalId: schoolCase.id, kind: "department_sign_off" },
    });
    const version = (await services.prisma.proposal.findUniqueOrThrow({ where: { id: schoolCase.id } })).version;
    await services.signOff.sign(task.id, head, {
      version,
      checklistVersion: 1,
      decision: "approve",
      comment: "The department supports it; see item 3.",
      answers: Object.fromEntries(
        defaultChecklists.department.map((item, index) => [
          item.id,
          index === 2
            ? {
                answer: "no",
                comment: "The partner's links to the state geological service need the Research Office's check.",
              }
            : { answer: "yes", comment: "" },
        ]),
      ),
    });
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => journey?.close());

  it("a head of department signs off a case: the checklist with errors first, then valid, then its record", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Dr Helen Okafor");
    await page.getByRole("link", { name: /cases are waiting for your sign-off/ }).click();
    expect(new URL(page.url()).pathname).toBe("/sign-off");
    await expect.poll(() => page.locator("tbody tr").count()).toBe(2);
    await visit(page, "signoff-01-list");

    await page.getByRole("link", { name: departmentCase.reference }).click();
    expect(await page.locator("h1").textContent()).toBe("Sensor network with Grenoble");
    await visit(page, "signoff-02-checklist");

    const [first] = defaultChecklists.department;
    await page.locator(`#item-${first!.id}-2`).check(); // "No", with no comment
    await page.getByRole("button", { name: "Sign the checklist" }).click();
    await expect.poll(() => page.locator(".govuk-error-summary").isVisible()).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(await page.locator(".govuk-error-summary a").count()).toBe(defaultChecklists.department.length + 1); // item 1 needs a comment, the rest an answer, and the decision
    await visit(page, "signoff-03-checklist-errors");

    await answerAllYes(page);
    await page.locator(`#item-${first!.id}-3`).check(); // "Not applicable"
    await page
      .getByLabel("Comment on item 1", { exact: true })
      .fill("Covered by the School's existing agreement with Grenoble.");
    await page.getByLabel("Approve").check();
    await page.getByLabel("Comments", { exact: true }).fill("Supported by the department.");
    await page.getByRole("button", { name: "Sign the checklist" }).click();
    const recordPath = `/sign-off/${await taskId(departmentCase.id, "department_sign_off")}/record`;
    await page.waitForURL((url) => url.pathname === recordPath);
    expect(await page.locator(".govuk-notification-banner").textContent()).toContain("Your sign-off was recorded");
    expect(await page.locator("tbody tr").count()).toBe(defaultChecklists.department.length);
    await visit(page, "signoff-04-record");

    await page.emulateMedia({ media: "print" });
    await page.screenshot({ path: path.join(screenshotDir, "signoff-05-record-print.png"), fullPage: true });
    expect(await page.locator(".app-header").isVisible()).toBe(false);
    expect(await page.locator(".app-no-print").first().isVisible()).toBe(false);
    await page.context().close();
  });

  it("a head of school returns a case to the proposer with comments", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Prof. Hamid Shah");
    await page.goto(`${journey.baseUrl}/sign-off`);
    await expect.poll(() => page.locator("tbody tr").count()).toBe(1);
    await visit(page, "signoff-06-list-school");

    await page.getByRole("link", { name: schoolCase.reference }).click();
    expect(await page.locator("body").textContent()).toContain("The department supports it; see item 3.");
    expect(await page.locator("body").textContent()).toContain(
      "Item 3 (no): The partner's links to the state geological service",
    );
    await visit(page, "signoff-07-checklist-school");
    await answerAllYes(page);
    await page.getByLabel("Return to the proposer with comments").check();
    await page
      .getByLabel("Comments", { exact: true })
      .fill("Please say who at Tbilisi State University will see the sensor data, and how it is stored.");
    await page.getByRole("button", { name: "Sign the checklist" }).click();
    await expect
      .poll(() => page.locator(".govuk-notification-banner").textContent())
      .toContain("returned to the proposer");
    await visit(page, "signoff-08-returned-record");
    await page.context().close();

    const proposer = await newPage(journey.browser);
    await signIn(proposer, journey.baseUrl, "Alex Brown");
    await proposer.goto(`${journey.baseUrl}/proposals/${schoolCase.id}`);
    expect(await proposer.locator("body").textContent()).toContain(
      "Please say who at Tbilisi State University will see the sensor data",
    );
    await visit(proposer, "signoff-09-proposer-returned");
    await proposer.context().close();
  });

  it("an admin sees the checklist items", async () => {
    const page = await newPage(journey.browser);
    await signIn(page, journey.baseUrl, "Sian Morgan");
    await page.goto(`${journey.baseUrl}/admin/checklists`);
    await visit(page, "signoff-10-admin-checklists");
    await page.context().close();
  });

  async function taskId(caseId: string, kind: string) {
    return (await journey.testApp.services.prisma.caseTask.findFirstOrThrow({ where: { proposalId: caseId, kind } }))
      .id;
  }
});
