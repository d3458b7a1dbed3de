// The transition table's actors are enforced by the workflow service itself, not only by
// the pages' access rules: each action is tried through the real service as people who
// may and may not take it. And nobody acts in an office on their own proposal.
import { describe, expect, it } from "vitest";
import { personNamed as currentUser, useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { ForbiddenError, NotFoundError } from "../../src/domain/errors";
import type { Services } from "../../src/services";
import type { CurrentUser } from "../../src/domain/roles";

/** A case with every review route, so each reviewer has one to act on. */
const everyRoute = { partnerCountry: "RU", relationship: "new", militaryUse: "yes" } as const;

type Attempt = (services: Services, id: string, version: number, user: CurrentUser) => Promise<unknown>;

const attempts: Record<string, Attempt> = {
  assign: (s, id, v, user) => s.workflow.assign(id, v, user, null),
  requestInformation: (s, id, v, user) => s.workflow.requestInformation(id, v, user, "Tell me more"),
  addRoute: async (s, id, v, user) => {
    await s.workflow.removeRoute(id, v, await currentUser(s, "spo02"), "due_diligence", "set-up");
    return s.workflow.addRoute(id, await currentVersion(s, id), user, "due_diligence", "Because");
  },
  removeRoute: (s, id, v, user) => s.workflow.removeRoute(id, v, user, "due_diligence", "Because"),
  recordReview: (s, id, v, user) => s.workflow.recordReview(id, v, user, "export_control", "cleared", ""),
  decide: async (s, id, _v, user) => {
    await completeSignOffs(s, id);
    for (const route of ["acbela", "export_control", "due_diligence"] as const) {
      const reviewer = await currentUser(
        s,
        { acbela: "acb01", export_control: "exc01", due_diligence: "ddr01" }[route],
      );
      await s.workflow.recordReview(id, await currentVersion(s, id), reviewer, route, "cleared", "");
    }
    return s.workflow.decide(id, await currentVersion(s, id), user, "approved", "");
  },
  addNote: (s, id, _v, user) => s.workflow.addNote(id, user, "A note"),
  withdraw: (s, id, v, user) => s.workflow.withdraw(id, v, user),
};

/** The audit entry each action writes when it happens. */
const auditAction: Record<keyof typeof attempts, string> = {
  assign: "case.assigned",
  requestInformation: "case.information_requested",
  addRoute: "case.route_added",
  removeRoute: "case.route_removed",
  recordReview: "case.review_recorded",
  decide: "case.decided",
  addNote: "case.note_added",
  withdraw: "case.withdrawn",
};

/** Who may take each action (besides the proposer, for withdraw), by username. */
const expected: Record<keyof typeof attempts, { may: string[]; mayNot: string[] }> = {
  assign: { may: ["spo01"], mayNot: ["hod01", "exc01", "adm01", "ab123"] },
  requestInformation: { may: ["spo01"], mayNot: ["hod01", "ddr01", "adm01"] },
  addRoute: { may: ["spo01"], mayNot: ["hos01", "acb01", "adm01"] },
  removeRoute: { may: ["spo01"], mayNot: ["hod01", "ddr01"] },
  recordReview: { may: ["exc01"], mayNot: ["ddr01", "acb01", "spo01", "hod01"] },
  decide: { may: ["spo01"], mayNot: ["hod01", "exc01", "adm01"] },
  addNote: { may: ["spo01"], mayNot: ["hod01", "exc01", "ab123"] },
  withdraw: { may: [], mayNot: ["spo01", "hod01"] },
};

describe(`who may act on a case, enforced by the workflow service (${databaseLabel})`, () => {
  const testApp = useTestApp();
  const services = () => testApp.services;

  for (const [action, { may, mayNot }] of Object.entries(expected)) {
    const attempt = attempts[action]!;
    for (const username of mayNot) {
      it(`refuses ${action} by ${username}, and changes nothing`, async () => {
        const { id } = await submittedCase(services(), "ab123", { ...everyRoute, department: "ENG" });
        const version = await currentVersion(services(), id);
        // Someone else's proposal is not even there for them to withdraw.
        await expect(attempt(services(), id, version, await currentUser(services(), username))).rejects.toBeInstanceOf(
          action === "withdraw" ? NotFoundError : ForbiddenError,
        );
        const written = await services().prisma.auditEntry.count({
          where: { entityId: id, action: auditAction[action] },
        });
        expect(written).toBe(0);
      });
    }
    for (const username of may) {
      it(`lets ${username} ${action}`, async () => {
        const { id } = await submittedCase(services(), "ab123", { ...everyRoute, department: "ENG" });
        const version = await currentVersion(services(), id);
        await expect(attempt(services(), id, version, await currentUser(services(), username))).resolves.not.toThrow();
      });
    }
  }

  it("lets the proposer withdraw, and nobody else", async () => {
    const { id } = await submittedCase(services(), "ab123", everyRoute);
    await services().workflow.withdraw(
      id,
      await currentVersion(services(), id),
      await currentUser(services(), "ab123"),
    );
    expect((await services().prisma.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("WITHDRAWN");
  });

  describe("on one's own proposal", () => {
    for (const action of ["assign", "requestInformation", "addRoute", "removeRoute", "decide", "addNote"] as const) {
      it(`refuses an officer who proposed the case: ${action}, saying another officer must act`, async () => {
        const { id } = await submittedCase(services(), "spo01", { ...everyRoute, department: "ENG" });
        const version = await currentVersion(services(), id);
        const error = await attempts[action]!(services(), id, version, await currentUser(services(), "spo01")).catch(
          (caught: unknown) => caught,
        );
        expect(error).toBeInstanceOf(ForbiddenError);
        expect((error as ForbiddenError).explanation).toMatch(/You proposed this case.*another SPO officer/);
      });
    }

    it("refuses a reviewer who proposed the case", async () => {
      const { id } = await submittedCase(services(), "exc01", { ...everyRoute, department: "ENG" });
      const error = await attempts.recordReview!(
        services(),
        id,
        await currentVersion(services(), id),
        await currentUser(services(), "exc01"),
      ).catch((caught: unknown) => caught);
      expect((error as ForbiddenError).explanation).toMatch(/another reviewer of that route/);
    });

    it("shows the officer their own case without actions, and refuses a forged post with a page saying who must act", async () => {
      const { id } = await submittedCase(services(), "spo01", { ...everyRoute, department: "ENG" });
      const officer = await testApp.fresh("spo01");
      const page = await officer.get(`/cases/${id}`);
      expect(page.status).toBe(200);
      expect(page.$("main").text()).toContain("You proposed this case, so another SPO officer must act on it.");
      expect(page.$('form[action$="/decision/check"], form[action$="/assign"], form[action$="/notes"]').length).toBe(0);

      const other = await testApp.fresh("spo02");
      const otherPage = await other.get(`/cases/${id}`);
      expect(otherPage.$('form[action$="/assign"]').length).toBe(1);

      const forged = await officer.post(`/cases/${id}/assign`, {
        version: String(await currentVersion(services(), id)),
        assignee: "",
      });
      expect(forged.status).toBe(403);
      expect(forged.$("main").text()).toContain("another SPO officer must assign it");
      const proposal = await services().prisma.proposal.findUniqueOrThrow({ where: { id } });
      expect(proposal.version).toBe(await currentVersion(services(), id));
      expect(await services().prisma.auditEntry.count({ where: { entityId: id, action: "case.assigned" } })).toBe(0);
    });

    it("refuses an officer signing off their own proposal", async () => {
      const { id } = await submittedCase(services(), "spo01", { ...everyRoute, department: "ENG" });
      const task = await services().prisma.caseTask.findFirstOrThrow({
        where: { proposalId: id, kind: "department_sign_off" },
      });
      const officer = await testApp.fresh("spo01");
      const page = await officer.get(`/sign-off/${task.id}`);
      expect(page.$("[data-refusal]").attr("data-refusal")).toBe("ownCase");
      const posted = await officer.post(`/sign-off/${task.id}`, { decision: "approve" });
      expect(posted.status).toBe(403);
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");
    });
  });
});
