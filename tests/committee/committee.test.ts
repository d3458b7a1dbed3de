// The CBELA committee secretary's record of a meeting: validated, audited, never changed,
// shown on the case page and in the proposer's progress.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

describe(`the committee secretary's record (${databaseLabel})`, () => {
  const testApp = useTestApp();
  const referred = () =>
    submittedCase(testApp.services, "ab123", { department: "ENG", partnerCountry: "GE", relationship: "new" });

  it("records the meeting date, minute reference and outcome, audits it, and shows it on the case and to the proposer", async () => {
    const { id } = await referred();
    const secretary = await testApp.fresh("acb01");
    const page = await secretary.get(`/cases/${id}`);
    expect(page.$("#committee-form").text()).toBe("Record the committee’s meeting");
    expect(page.$("#committee").text()).toBe("CBELA committee");

    const recorded = await secretary.post(`/cases/${id}/committee`, {
      "meetingDate-day": "3",
      "meetingDate-month": "11",
      "meetingDate-year": "2026",
      minuteReference: "CBELA/2026/14",
      outcome: "deferred",
      conditions: "",
    });
    expect(recorded.status).toBe(303);
    await secretary.post(`/cases/${id}/committee`, {
      "meetingDate-day": "24",
      "meetingDate-month": "11",
      "meetingDate-year": "2026",
      minuteReference: "CBELA/2026/19",
      outcome: "approved_with_conditions",
      conditions: "No transfer of the sensor firmware.",
    });

    const { prisma } = testApp.services;
    const records = await prisma.committeeRecord.findMany({
      where: { proposalId: id },
      orderBy: { meetingDate: "asc" },
    });
    expect(
      records.map((record) => [record.meetingDate.toISOString().slice(0, 10), record.minuteReference, record.outcome]),
    ).toEqual([
      ["2026-11-03", "CBELA/2026/14", "deferred"],
      ["2026-11-24", "CBELA/2026/19", "approved_with_conditions"],
    ]);
    const audit = await prisma.auditEntry.findMany({ where: { entityId: id, action: "committee.recorded" } });
    expect(audit.map((entry) => entry.details)).toEqual([
      expect.objectContaining({ meetingDate: "2026-11-03", minuteReference: "CBELA/2026/14", outcome: "deferred" }),
      expect.objectContaining({
        outcome: "approved_with_conditions",
        conditions: "No transfer of the sensor firmware.",
      }),
    ]);
    await expect(prisma.committeeRecord.delete({ where: { id: records[0]!.id } })).rejects.toThrow();

    const officerPage = await (await testApp.as("spo01")).get(`/cases/${id}`);
    const shown = officerPage.$("section[aria-labelledby=committee]").text();
    expect(shown).toContain("3 November 2026");
    expect(shown).toContain("CBELA/2026/19");
    expect(shown).toContain("Approved with conditions");
    expect(shown).toContain("Fatima Khan");
    // Only the secretary has the form.
    expect(officerPage.$("#committee-form").length).toBe(0);

    const proposerPage = await (await testApp.as("ab123")).get(`/proposals/${id}`);
    const progress = proposerPage.$("section.app-progress").text();
    expect(progress).toContain("CBELA committee, 3 November 2026 (minute CBELA/2026/14): Deferred to a later meeting.");
    expect(progress).toContain(
      "CBELA committee, 24 November 2026 (minute CBELA/2026/19): Approved with conditions. No transfer of the sensor firmware.",
    );
  });

  it("validates the form: a real date not in the future, a minute reference, an outcome, conditions when approved with them", async () => {
    const { id } = await referred();
    const secretary = await testApp.as("acb01");
    const cases: [Record<string, string>, string, string][] = [
      [
        { "meetingDate-day": "31", "meetingDate-month": "2", "meetingDate-year": "2026" },
        "meetingDate-day",
        "must be a real date",
      ],
      [
        { "meetingDate-day": "", "meetingDate-month": "", "meetingDate-year": "" },
        "meetingDate-day",
        "Enter the date of the meeting",
      ],
      [
        { "meetingDate-day": "1", "meetingDate-month": "1", "meetingDate-year": "2999" },
        "meetingDate-day",
        "today or in the past",
      ],
      [{ minuteReference: "  " }, "minuteReference", "Enter the minute reference"],
      [{ outcome: "maybe" }, "outcome", "Select the committee's outcome"],
      [{ outcome: "approved_with_conditions", conditions: "" }, "conditions", "Enter the committee's conditions"],
    ];
    for (const [change, field, message] of cases) {
      const page = await secretary.post(`/cases/${id}/committee`, {
        "meetingDate-day": "2",
        "meetingDate-month": "11",
        "meetingDate-year": "2026",
        minuteReference: "CBELA/2026/20",
        outcome: "approved",
        conditions: "",
        ...change,
      });
      expect(page.status, field).toBe(400);
      expect(page.$(`.govuk-error-summary a[href="#committee-${field}"]`).text(), field).toContain(message);
      // The summary's link leads to the field.
      expect(page.$(`#committee-${field}`).length, field).toBe(1);
    }
    // Everything left empty: every error at once, not one group after another.
    const empty = await secretary.post(`/cases/${id}/committee`, {
      "meetingDate-day": "",
      "meetingDate-month": "",
      "meetingDate-year": "",
      minuteReference: "",
      conditions: "",
    });
    expect(empty.status).toBe(400);
    expect(
      empty
        .$(".govuk-error-summary a")
        .map((_i, a) => empty.$(a).attr("href"))
        .get(),
    ).toEqual(["#committee-meetingDate-day", "#committee-minuteReference", "#committee-outcome"]);
    expect(await testApp.services.prisma.committeeRecord.count({ where: { proposalId: id } })).toBe(0);
  });

  it("is the secretary's alone, and only for a case referred to the committee", async () => {
    const { id } = await referred();
    const form = {
      "meetingDate-day": "2",
      "meetingDate-month": "11",
      "meetingDate-year": "2026",
      minuteReference: "CBELA/2026/21",
      outcome: "approved",
    };
    expect((await (await testApp.as("spo01")).post(`/cases/${id}/committee`, form)).status).toBe(403);
    expect((await (await testApp.as("ddr01")).post(`/cases/${id}/committee`, form)).status).toBe(403);
    const { id: notReferred } = await submittedCase(testApp.services, "ab123", { department: "ENG" });
    expect((await (await testApp.as("acb01")).post(`/cases/${notReferred}/committee`, form)).status).toBe(403);
    expect(
      await testApp.services.prisma.committeeRecord.count({ where: { proposalId: { in: [id, notReferred] } } }),
    ).toBe(0);
  });
});
