// A re-run whose new decision needs the head of school's sign-off opens it: a lower school
// threshold published after submission brings a case above it. The school's heads are told
// once the department has approved (at once if it already has), never twice.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, submittedCase } from "../helpers/cases";
import type { Prisma } from "../../src/generated/prisma/client";
import { filledChecklist } from "../signOff/helpers";

const app = useTestApp();
let departmentApproved: { id: string };
let departmentWaiting: { id: string };

beforeAll(async () => {
  const { services } = app;
  departmentApproved = await submittedCase(services, "ab123", { department: "ENG", valueGbp: 300_000 });
  departmentWaiting = await submittedCase(services, "ab123", { department: "ENG", valueGbp: 300_000 });
  await completeSignOffs(services, departmentApproved.id);
  const { version, ...data } = await services.reference.current();
  await services.prisma.referenceDataVersion.create({
    data: {
      version: version + 1,
      note: "test",
      status: "published",
      reason: "School threshold lowered to £250,000 (test)",
      publishedAt: new Date(),
      data: JSON.parse(
        JSON.stringify({ ...data, thresholds: { ...data.thresholds, schoolThresholdGbp: 250_000 } }),
      ) as Prisma.InputJsonObject,
    },
  });
}, 60_000);

const rerun = async (id: string) => {
  const officer = await app.as("spo01");
  const check = await officer.get(`/cases/${id}/rules-rerun`);
  const version = check.$('input[name="version"]').val() as string;
  const done = await officer.post(`/cases/${id}/rules-rerun`, { version });
  expect(done.status).toBe(303);
  return check;
};

describe(`re-running the rules opens a school sign-off the new decision needs (${databaseLabel})`, () => {
  it("says so first, opens it, audits it and tells the head of school when the department has approved", async () => {
    const { prisma } = app.services;
    const headOfSchool = await prisma.user.findUniqueOrThrow({ where: { username: "hos01" } });
    expect(await prisma.caseTask.count({ where: { proposalId: departmentApproved.id, kind: "school_sign_off" } })).toBe(
      0,
    );

    const check = await rerun(departmentApproved.id);
    expect(check.$("h2:contains('New sign-off') + p").text()).toContain("head of school's sign-off");

    const school = await prisma.caseTask.findMany({
      where: { proposalId: departmentApproved.id, kind: "school_sign_off" },
    });
    expect(school).toHaveLength(1);
    expect(school[0]!.state).toBe("open");
    expect(school[0]!.openedBecause).toContain("reference data version 2");
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { entityId: departmentApproved.id, action: "case.rules_rerun" },
    });
    expect((audit.details as Record<string, unknown>).signOffsOpened).toEqual(["school_sign_off"]);
    const told = await prisma.notification.findMany({
      where: { proposalId: departmentApproved.id, recipientId: headOfSchool.id, kind: "sign_off_needed" },
    });
    expect(told).toHaveLength(1);
    expect(told[0]!.text).toContain("head of school sign-off");

    // Nothing more to open: the check page no longer offers a new sign-off.
    const again = await (await app.as("spo01")).get(`/cases/${departmentApproved.id}/rules-rerun`);
    expect(again.$("h2:contains('New sign-off')").length).toBe(0);
  });

  it("opens it while the department is still to sign, and the head of school is told only after it approves", async () => {
    const { prisma } = app.services;
    const headOfSchool = await prisma.user.findUniqueOrThrow({ where: { username: "hos01" } });
    await rerun(departmentWaiting.id);
    expect(
      await prisma.caseTask.count({
        where: { proposalId: departmentWaiting.id, kind: "school_sign_off", state: "open" },
      }),
    ).toBe(1);
    expect(
      await prisma.notification.count({
        where: { proposalId: departmentWaiting.id, recipientId: headOfSchool.id, kind: "sign_off_needed" },
      }),
    ).toBe(0);

    // The head of department signs through the checklist, as on any case.
    const head = await app.as("hod01");
    const task = await prisma.caseTask.findFirstOrThrow({
      where: { proposalId: departmentWaiting.id, kind: "department_sign_off", state: "open" },
    });
    const checklist = await head.get(`/sign-off/${task.id}`);
    expect(checklist.status).toBe(200);
    const signed = await head.post(`/sign-off/${task.id}`, filledChecklist(checklist));
    expect(signed.status).toBe(303);
    expect(
      await prisma.notification.count({
        where: { proposalId: departmentWaiting.id, recipientId: headOfSchool.id, kind: "sign_off_needed" },
      }),
    ).toBe(1);
  });
});
