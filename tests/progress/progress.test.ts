// Progress for everyone: the proposer's page names who each review and sign-off waits with,
// what each concluded and when, and the decision (who, when, conditions); the head's
// checklist shows the reviews so far; the case page names people, not offices.
import { describe, expect, it } from "vitest";
import type { Page } from "../helpers/testApp";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";

/** The progress section's rows: task label → its lines. */
function progressRows(page: Page): Record<string, string[]> {
  const rows: Record<string, string[]> = {};
  page.$("section.app-progress .govuk-summary-list__row").each((_, row) => {
    const key = page.$(row).find(".govuk-summary-list__key").text().trim();
    rows[key] = page
      .$(row)
      .find(".govuk-summary-list__value")
      .text()
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean);
  });
  return rows;
}

describe(`progress (${databaseLabel})`, () => {
  const testApp = useTestApp();

  it("names who each task waits with, then each outcome, who and when, then the decision with its conditions", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const proposer = await testApp.as("ab123");
    const before = progressRows(await proposer.get(`/proposals/${id}`));
    expect(before["Strategic Partnerships Office"]).toEqual([
      "Reviewing",
      "With the SPO officers: Priya Raman or Tom Fielding. Not yet assigned.",
    ]);
    expect(before["Head of department sign-off"]).toEqual(["Waiting", "With Dr Helen Okafor."]);
    expect(before["Head of school sign-off"]).toEqual([
      "Not started",
      "Starts once the head of department has approved.",
      "With Prof. Hamid Shah.",
    ]);
    expect(before["Due diligence check"]).toEqual(["Waiting", "With Owen Pryce."]);
    expect(before["CBELA referral"]).toEqual(["Waiting", "With Fatima Khan."]);

    // The case page names the same people where a task waits.
    const casePage = await (await testApp.as("spo01")).get(`/cases/${id}`);
    const taskTable = casePage
      .$("table")
      .filter((_, table) => casePage.$(table).text().includes("Due diligence check"));
    expect(taskTable.text()).toContain("Owen Pryce");
    expect(taskTable.text()).toContain("Dr Helen Okafor");
    expect(taskTable.text()).not.toContain("Head of unit");

    // Reviews done, sign-offs done, a decision with conditions.
    const { workflow } = testApp.services;
    const reviewer = await testApp.person("ddr01");
    await workflow.recordReview(
      id,
      await currentVersion(testApp.services, id),
      reviewer,
      "due_diligence",
      "cleared_with_conditions",
      "Annual check of the partner's ownership.",
    );
    const secretary = await testApp.person("acb01");
    await workflow.recordReview(id, await currentVersion(testApp.services, id), secretary, "acbela", "cleared", "");
    await completeSignOffs(testApp.services, id);
    const officer = await testApp.person("spo01");
    await workflow.assign(id, await currentVersion(testApp.services, id), officer, officer.id);
    const during = progressRows(await proposer.get(`/proposals/${id}`));
    expect(during["Strategic Partnerships Office"]).toEqual(["Reviewing", "With Priya Raman (the case officer)."]);
    expect(during["Due diligence check"]![0]).toBe("Cleared with conditions");
    expect(during["Due diligence check"]![1]).toMatch(/^By Owen Pryce on .+\.$/);
    expect(during["Due diligence check"]![2]).toBe("Conditions: Annual check of the partner's ownership.");
    expect(during["CBELA referral"]![0]).toBe("Cleared");
    expect(during["CBELA referral"]![1]).toMatch(/^By Fatima Khan on /);

    await workflow.decide(
      id,
      await currentVersion(testApp.services, id),
      officer,
      "approved_with_conditions",
      "Report on data sharing each year.",
    );
    const after = await proposer.get(`/proposals/${id}`);
    const decision = after.$("#progress-decision").text();
    expect(decision).toContain("Decision: Approved with conditions");
    expect(decision).toMatch(/Decided by Priya Raman on /);
    expect(decision).toContain("Conditions: Report on data sharing each year.");
  });

  it("shows the head the rules' reasons and the reviewers' outcomes so far on the checklist page", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const reviewer = await testApp.person("ddr01");
    await testApp.services.workflow.recordReview(
      id,
      await currentVersion(testApp.services, id),
      reviewer,
      "due_diligence",
      "not_cleared",
      "Owner is on a watch list.",
    );
    const task = await testApp.services.prisma.caseTask.findFirstOrThrow({
      where: { proposalId: id, kind: "department_sign_off" },
    });
    const page = await (await testApp.as("hod01")).get(`/sign-off/${task.id}`);
    expect(page.status).toBe(200);
    expect(page.$("#progress").text()).toBe("Reviews and sign-offs so far");
    const rows = progressRows(page);
    expect(rows["Due diligence check"]![0]).toBe("Not cleared");
    expect(rows["Due diligence check"]).toContain("Comment: Owner is on a watch list.");
    expect(rows["CBELA referral"]).toEqual(["Waiting", "With Fatima Khan."]);
    // The rules' reasons for the case are on the same page.
    expect(page.text).toContain("Research Office due diligence");
  });

  it("never names the proposer as the person a task waits with on their own case", async () => {
    // Owen Pryce (the due-diligence reviewer) proposes: his own review waits with nobody named.
    const { id } = await submittedCase(testApp.services, "ddr01", {
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const rows = progressRows(await (await testApp.as("ddr01")).get(`/proposals/${id}`));
    expect(rows["Due diligence check"]).toEqual(["Waiting", "Nobody holds this role yet: the SPO will find who does."]);
  });
});
