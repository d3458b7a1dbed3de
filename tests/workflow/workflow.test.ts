import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { workflowService } from "../../src/workflow/workflowService";
import { ConflictError, ActionNotAllowedError as TransitionError } from "../../src/domain/errors";
import type { CurrentUser } from "../../src/domain/roles";

describe(`the case workflow (${databaseLabel})`, () => {
  const testApp = useTestApp();
  let officer: CurrentUser;
  let otherOfficer: CurrentUser;
  beforeAll(async () => {
    officer = await testApp.person("spo01");
    otherOfficer = await testApp.person("spo02");
  });

  it("opens a sign-off and one review per route at submission", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      partnerCountry: "RU",
      relationship: "new",
      militaryUse: "yes",
    });
    const tasks = await testApp.services.prisma.caseTask.findMany({ where: { proposalId: id } });
    expect(tasks.map((task) => task.kind).sort()).toEqual(
      [
        "department_sign_off",
        "review_acbela",
        "review_due_diligence",
        "review_export_control",
        "school_sign_off",
      ].sort(),
    );
    const proposal = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.routes.sort()).toEqual(["acbela", "due_diligence", "export_control"]);
    expect(proposal.risk).toBe("high");
  });

  it("goes round a request for information: the proposer sees the message, resubmits, and a new route opens a new review", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const officerBrowser = await testApp.fresh("spo01");
    const casePage = await officerBrowser.get(`/cases/${id}`);
    expect(casePage.status).toBe(200);
    await officerBrowser.post(`/cases/${id}/notes`, { body: "Internal: partner known to us from 2019" });
    const version = casePage.$('input[name="version"]').first().val() as string;
    const requested = await officerBrowser.post(`/cases/${id}/request-information`, {
      version,
      message: "Please tell us about the funder",
    });
    expect(requested.status).toBe(303);

    const proposer = await testApp.fresh("ab123");
    const view = await proposer.get(`/proposals/${id}`);
    expect(view.text).toContain("Please tell us about the funder");
    expect(view.text).not.toContain("partner known to us from 2019");
    expect(view.$(".govuk-tag").text()).toContain("Information requested");

    const check = await proposer.get(`/proposals/${id}/check-answers`);
    expect(check.status).toBe(200);
    const changed = await proposer.post(`/proposals/${id}/export-control?change=1`, {
      controlListed: "yes",
      militaryUse: "no",
      wmdConcern: "no",
    });
    expect(changed.location).toBe(`/proposals/${id}/check-answers`);
    // Resubmitting answers the request: the declaration goes with a reply, on the reply page.
    const viaCheckAnswers = await proposer.post(`/proposals/${id}/submit`, { declaration: "confirmed" });
    expect(viaCheckAnswers.location).toBe(`/proposals/${id}/reply`);
    const resubmitted = await proposer.post(`/proposals/${id}/reply`, {
      reply: "The funder is a UK charity; I have marked the sensors as control-listed.",
      declaration: "confirmed",
    });
    expect(resubmitted.location).toBe(`/proposals/${id}/confirmation`);

    const { prisma } = testApp.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({
      where: { id },
      include: { tasks: true, submissions: true, informationRequests: true },
    });
    expect(proposal.status).toBe("IN_REVIEW");
    expect(proposal.submissions).toHaveLength(2);
    expect(proposal.routes).toContain("export_control");
    expect(
      proposal.tasks.filter((task) => task.kind === "review_export_control" && task.state === "open"),
    ).toHaveLength(1);
    expect(proposal.tasks.filter((task) => task.kind === "department_sign_off")).toHaveLength(1);
    expect(proposal.informationRequests[0]!.answeredAt).not.toBeNull();

    const after = await officerBrowser.get(`/cases/${id}`);
    expect(after.text).toContain("Changed in the last resubmission");
    expect(after.text).toContain("UK strategic export control lists");
  });

  it("refuses a decision while reviews or sign-offs are missing, and says which", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", { relationship: "new" });
    const browser = await testApp.fresh("spo01");
    const page = await browser.get(`/cases/${id}`);
    expect(page.text).toContain("Head of department sign-off");
    expect(page.text).toContain("Due diligence check");
    expect(page.$('form[action$="/decision/check"]').length).toBe(0);
    const forced = await browser.post(`/cases/${id}/decision`, {
      version: String(await currentVersion(testApp.services, id)),
      outcome: "approved",
      note: "",
      confirm: "yes",
    });
    expect(forced.status).toBe(409);
    expect(forced.text).toContain("Still needed");
    expect((await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("IN_REVIEW");
  });

  it("records reviews and then the decision; a decided case cannot be changed", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", { relationship: "new" });
    await completeSignOffs(testApp.services, id);
    const reviewer = await testApp.fresh("ddr01");
    const list = await reviewer.get("/reviews");
    expect(list.text).toContain("Joint workshop series");
    const casePage = await reviewer.get(`/cases/${id}`);
    const version = casePage.$('input[name="version"]').first().val() as string;
    const missingNote = await reviewer.post(`/cases/${id}/reviews/due_diligence`, {
      version,
      outcome: "cleared_with_conditions",
      note: "",
    });
    expect(missingNote.status).toBe(400);
    expect(missingNote.$(".govuk-error-summary").text()).toContain("Enter the conditions or the reasons");
    const reviewed = await reviewer.post(`/cases/${id}/reviews/due_diligence`, {
      version,
      outcome: "cleared",
      note: "",
    });
    expect(reviewed.status).toBe(303);
    expect(
      (await reviewer.post(`/cases/${id}/reviews/export_control`, { version, outcome: "cleared", note: "" })).status,
    ).toBe(403);

    const officerBrowser = await testApp.fresh("spo01");
    const decisionPage = await officerBrowser.get(`/cases/${id}`);
    expect(decisionPage.$('form[action$="/decision/check"]').length).toBe(1);
    const current = decisionPage.$('form[action$="/decision/check"] input[name="version"]').val() as string;
    const decided = await officerBrowser.post(`/cases/${id}/decision`, {
      version: current,
      outcome: "approved_with_conditions",
      note: "Annual report to the SPO",
      confirm: "yes",
    });
    expect(decided.status).toBe(303);
    const { prisma } = testApp.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.status).toBe("DECIDED");
    expect(proposal.outcome).toBe("approved_with_conditions");
    await expect(prisma.proposal.update({ where: { id }, data: { outcome: "declined" } })).rejects.toThrow();

    const proposer = await testApp.fresh("ab123");
    const view = await proposer.get(`/proposals/${id}`);
    expect(view.text).toContain("Approved with conditions");
    expect(view.text).toContain("Annual report to the SPO");
  });

  it("two officers saving the same version: one wins, the other sees who changed the case", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const first = await testApp.fresh("spo01");
    const second = await testApp.fresh("spo02");
    const version = (await first.get(`/cases/${id}`)).$('input[name="version"]').first().val() as string;
    await second.get(`/cases/${id}`);
    const winner = await first.post(`/cases/${id}/assign`, { version, assignee: officer.id });
    const loser = await second.post(`/cases/${id}/assign`, { version, assignee: otherOfficer.id });
    expect(winner.status).toBe(303);
    expect(loser.status).toBe(409);
    expect(loser.$("h1").text()).toBe("Someone else changed this case");
    expect(loser.text).toContain("Priya Raman");
    const proposal = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.assigneeId).toBe(officer.id);
  });

  it("approve and decline fired together: exactly one transition and one audit entry", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    await completeSignOffs(testApp.services, id);
    const version = await currentVersion(testApp.services, id);
    const results = await Promise.allSettled([
      testApp.services.workflow.decide(id, version, officer, "approved", ""),
      testApp.services.workflow.decide(id, version, otherOfficer, "declined", "No"),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    expect(await testApp.services.prisma.auditEntry.count({ where: { entityId: id, action: "case.decided" } })).toBe(1);
  });

  it("a failure between the state change and the audit entry leaves neither", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const failing = workflowService(testApp.services.prisma, {
      audit: () => Promise.reject(new Error("injected failure")),
    });
    const before = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    await expect(failing.requestInformation(id, before.version, officer, "Anything")).rejects.toThrow(
      "injected failure",
    );
    const after = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe("IN_REVIEW");
    expect(after.version).toBe(before.version);
    expect(await testApp.services.prisma.informationRequest.count({ where: { proposalId: id } })).toBe(0);
    expect(
      await testApp.services.prisma.auditEntry.count({ where: { entityId: id, action: "case.information_requested" } }),
    ).toBe(0);
  });

  it("an impossible transition gets a clear message, not a 500", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const version = await currentVersion(testApp.services, id);
    await testApp.services.workflow.requestInformation(id, version, officer, "First");
    await expect(
      testApp.services.workflow.requestInformation(id, version + 1, officer, "Second"),
    ).rejects.toBeInstanceOf(TransitionError);
    const browser = await testApp.fresh("spo01");
    const page = await browser.post(`/cases/${id}/request-information`, {
      version: String(version + 1),
      message: "Again",
    });
    expect(page.status).toBe(409);
    expect(page.text).toContain(
      "You cannot ask the proposer for more information while the case is information requested.",
    );
  });

  it("lets officers add and remove routes with a reason, opening and cancelling reviews", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const browser = await testApp.fresh("spo01");
    let version = (await browser.get(`/cases/${id}`)).$('input[name="version"]').first().val() as string;
    const noReason = await browser.post(`/cases/${id}/routes/add`, { version, route: "acbela", reason: "" });
    expect(noReason.status).toBe(400);
    expect(noReason.$("#addRoute-reason-error").text()).toContain("Enter why the route is added");
    expect(
      (await browser.post(`/cases/${id}/routes/add`, { version, route: "acbela", reason: "Press interest" })).status,
    ).toBe(303);
    version = (await browser.get(`/cases/${id}`)).$('input[name="version"]').first().val() as string;
    expect(
      (await browser.post(`/cases/${id}/routes/remove`, { version, route: "acbela", reason: "Added in error" })).status,
    ).toBe(303);
    const tasks = await testApp.services.prisma.caseTask.findMany({ where: { proposalId: id, kind: "review_acbela" } });
    expect(tasks.map((task) => task.state)).toEqual(["cancelled"]);
    expect(tasks[0]!.openedBecause).toBe("Press interest");
  });

  it("lets the proposer withdraw before a decision, closing open tasks", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const proposer = await testApp.fresh("ab123");
    const confirm = await proposer.get(`/proposals/${id}/withdraw`);
    expect(confirm.$("h1").text()).toBe("Withdraw this proposal?");
    const withdrawn = await proposer.post(`/proposals/${id}/withdraw`, {
      version: confirm.$('input[name="version"]').val() as string,
    });
    expect(withdrawn.status).toBe(303);
    const proposal = await testApp.services.prisma.proposal.findUniqueOrThrow({
      where: { id },
      include: { tasks: true },
    });
    expect(proposal.status).toBe("WITHDRAWN");
    expect(proposal.tasks.every((task) => task.state === "cancelled")).toBe(true);
    // The reports count withdrawals by the case's withdrawn_at: the moment of its audit entry.
    const entry = await testApp.services.prisma.auditEntry.findFirstOrThrow({
      where: { entityType: "proposal", entityId: id, action: "case.withdrawn" },
    });
    expect(proposal.withdrawnAt).toEqual(entry.at);
    const other = await testApp.fresh("cd456");
    expect((await other.get(`/proposals/${id}/withdraw`)).status).toBe(404);
  });

  it("keeps staff off officer pages and actions", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    const staff = await testApp.fresh("ab123");
    expect((await staff.get("/queue")).status).toBe(403);
    expect((await staff.get(`/cases/${id}`)).status).toBe(403);
    expect((await staff.post(`/cases/${id}/assign`, { version: "1", assignee: "" })).status).toBe(403);
    const reviewer = await testApp.fresh("exc01");
    expect((await reviewer.get(`/cases/${id}`)).status).toBe(403);
  });

  it("shows officers and reviewers what waits for them on the home page", async () => {
    await submittedCase(testApp.services, "ab123", { relationship: "new" });
    const reviewer = await testApp.fresh("ddr01");
    const home = await reviewer.get("/");
    const count = Number(/(\d+) cases? (?:is|are) waiting for your review/.exec(home.$("main").text())?.[1]);
    const open = await testApp.services.prisma.caseTask.count({
      where: {
        kind: "review_due_diligence",
        state: "open",
        proposal: { status: { in: ["IN_REVIEW", "INFORMATION_REQUESTED"] } },
      },
    });
    expect(open).toBeGreaterThan(0);
    expect(count).toBe(open);
    const officerHome = await (await testApp.fresh("spo01")).get("/");
    expect(officerHome.$('a[href="/queue?route=due_diligence"]').text()).toMatch(
      /^\d+ open with a Research Office due diligence check$/,
    );
  });
});
