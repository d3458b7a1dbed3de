// A signature covers the answers it saw. Found by the black-box run: an Engineering case
// approved by both heads, sent back to the proposer, moved to Chemistry and resubmitted,
// kept both approvals; Chemistry's heads never saw it and the officer could approve it.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";
import { filledChecklist } from "../signOff/helpers";

describe(`sign-offs and reviews at resubmission (${databaseLabel})`, () => {
  const testApp = useTestApp();
  const services = () => testApp.services;

  async function sign(username: string, taskId: string) {
    const head = await testApp.fresh(username);
    const page = await head.get(`/sign-off/${taskId}`);
    expect(page.status).toBe(200);
    const signed = await head.post(`/sign-off/${taskId}`, filledChecklist(page));
    expect(signed.status).toBe(303);
  }

  const openTask = (id: string, kind: string) =>
    services().prisma.caseTask.findFirstOrThrow({ where: { proposalId: id, kind, state: "open" } });

  /** An Engineering case that needs both sign-offs (MoU: institution-wide), signed by both heads. */
  async function signedEngineeringCase() {
    const { id } = await submittedCase(services(), "ab123", { department: "ENG", engagementType: "mou" });
    await sign("hod01", (await openTask(id, "department_sign_off")).id);
    await sign("hos01", (await openTask(id, "school_sign_off")).id);
    return id;
  }

  async function requestAndResubmit(
    id: string,
    change: (proposer: Awaited<ReturnType<typeof testApp.fresh>>) => Promise<void>,
  ) {
    const officer = await testApp.person("spo01");
    await services().workflow.requestInformation(
      id,
      await currentVersion(services(), id),
      officer,
      "Which department?",
    );
    const proposer = await testApp.fresh("ab123");
    await change(proposer);
    const resubmitted = await proposer.post(`/proposals/${id}/reply`, {
      reply: "Changed as asked.",
      declaration: "confirmed",
    });
    expect(resubmitted.status).toBe(303);
  }

  it("reopens both sign-offs for the new department's heads when the department changes, and blocks the decision", async () => {
    const id = await signedEngineeringCase();
    await requestAndResubmit(id, async (proposer) => {
      const saved = await proposer.post(`/proposals/${id}/department?change=1`, { department: "CHEM" });
      expect(saved.status).toBe(303);
    });

    const department = await openTask(id, "department_sign_off");
    expect(department.openedBecause).toContain("Department");
    // Engineering's head no longer signs it; Chemistry's does, and sees what changed.
    const hod01 = await testApp.fresh("hod01");
    expect((await hod01.get(`/sign-off/${department.id}`)).status).toBe(403);
    const hod02 = await testApp.fresh("hod02");
    const page = await hod02.get(`/sign-off/${department.id}`);
    expect(page.status).toBe(200);
    expect(page.$("[data-reopened]").text()).toContain(
      "Department of Engineering → Yusuf Hamied Department of Chemistry",
    );
    expect((await hod02.get("/sign-off")).text).toContain(department.id);

    const missing = await services().workflow.missingForDecision(id);
    expect(missing).toEqual(expect.arrayContaining(["Head of department sign-off", "Head of school sign-off"]));
    const officer = await testApp.person("spo01");
    await expect(
      services().workflow.decide(id, await currentVersion(services(), id), officer, "approved", ""),
    ).rejects.toThrow(/Still needed/);
  });

  it("keeps the completed sign-offs when the proposer resubmits without changing an answer", async () => {
    const id = await signedEngineeringCase();
    await requestAndResubmit(id, () => Promise.resolve());
    const open = await services().prisma.caseTask.count({
      where: { proposalId: id, kind: { in: ["department_sign_off", "school_sign_off"] }, state: "open" },
    });
    expect(open).toBe(0);
  });

  it("reopens a completed review when the answers change, naming what changed", async () => {
    const { id } = await submittedCase(services(), "ab123", { department: "ENG", relationship: "new" });
    const reviewer = await testApp.person("ddr01");
    await services().workflow.recordReview(
      id,
      await currentVersion(services(), id),
      reviewer,
      "due_diligence",
      "cleared",
      "",
    );
    await requestAndResubmit(id, async (proposer) => {
      const saved = await proposer.post(`/proposals/${id}/partner?change=1`, {
        partnerName: "A different partner",
        partnerType: "company",
        partnerWebsite: "",
      });
      expect(saved.status).toBe(303);
    });
    const review = await openTask(id, "review_due_diligence");
    expect(review.openedBecause).toMatch(/Partner/);
    expect(await services().workflow.missingForDecision(id)).toContain("Due diligence check");
  });
});
