// Who gets what, through a real SMTP server: one case's whole life, submitted to decided,
// and a withdrawal; nobody told of their own action; a rolled-back action sends nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtpServer";
import { currentVersion, submittedCase } from "../helpers/cases";
import type { Services } from "../../src/services";
import type { CurrentUser } from "../../src/domain/roles";

let smtp: TestSmtpServer;
const config: Record<string, string> = { BASE_URL: "https://spo.example.ac.uk", NOTIFY_RETRY_BASE_MS: "20" };
beforeAll(async () => {
  smtp = await startSmtpServer();
  config.SMTP_URL = smtp.url;
});
const testApp = useTestApp({ config });
afterAll(async () => {
  await testApp.services.notifications.stopWorker();
  await smtp.stop();
});

const mail = (username: string) => `${username}@cam.ac.uk`;

async function deliver(services: Services) {
  await services.notifications.delivery.deliverAll();
}

/** What arrived since the last call, as "recipient: subject" lines, sorted. */
function arrived(): string[] {
  const lines = smtp.received.map((message) => `${message.to.join(",").replace("@cam.ac.uk", "")}: ${message.subject}`);
  smtp.clear();
  return lines.sort();
}

async function sign(services: Services, head: CurrentUser, proposalId: string, kind: "department" | "school") {
  const task = await services.prisma.caseTask.findFirstOrThrow({
    where: { proposalId, kind: `${kind}_sign_off`, state: "open" },
  });
  const checklist = await services.signOff.checklist(`${kind}_sign_off`);
  await services.signOff.sign(task.id, head, {
    version: await currentVersion(services, proposalId),
    checklistVersion: checklist.version,
    decision: "approve",
    comment: "",
    answers: Object.fromEntries(checklist.items.map((item) => [item.id, { answer: "yes" as const, comment: "" }])),
  });
}

describe(`who is told what, by e-mail (${databaseLabel})`, () => {
  it("tells each person what a case needs of them, once, from submission to decision", async () => {
    const { services } = testApp;
    const officer = await testApp.person("spo01");
    const otherOfficer = await testApp.person("spo02");
    const reviewer = await testApp.person("ddr01");
    const secretary = await testApp.person("acb01");
    const head = await testApp.person("hod01");
    const schoolHead = await testApp.person("hos01");
    const life: string[] = [];
    const step = async (name: string) => {
      await deliver(services);
      const lines = arrived();
      life.push(`— ${name}`, ...lines.map((line) => `  ${line}`));
      return lines;
    };

    const submitted = await submittedCase(services, "ab123", {
      title: "Seismic sensors with <b>Tbilisi</b> & partners",
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const ref = submitted.reference;
    expect(await step("submitted by the proposer (ab123)")).toEqual(
      [
        `acb01: [${ref}] Review needed: Seismic sensors with <b>Tbilisi</b> & partners`,
        `ddr01: [${ref}] Review needed: Seismic sensors with <b>Tbilisi</b> & partners`,
        `hod01: [${ref}] Sign-off needed: Seismic sensors with <b>Tbilisi</b> & partners`,
        `spo01: [${ref}] New case submitted: Seismic sensors with <b>Tbilisi</b> & partners`,
        `spo02: [${ref}] New case submitted: Seismic sensors with <b>Tbilisi</b> & partners`,
      ].sort(),
    );

    // Assigning to oneself tells nobody; assigning to a colleague tells the colleague.
    await services.workflow.assign(submitted.id, await currentVersion(services, submitted.id), officer, officer.id);
    expect(await step("spo01 assigns it to themself")).toEqual([]);
    await services.workflow.assign(
      submitted.id,
      await currentVersion(services, submitted.id),
      officer,
      otherOfficer.id,
    );
    expect(await step("spo01 assigns it to spo02")).toEqual([
      `spo02: [${ref}] Case assigned to you: Seismic sensors with <b>Tbilisi</b> & partners`,
    ]);

    await services.workflow.recordReview(
      submitted.id,
      await currentVersion(services, submitted.id),
      reviewer,
      "due_diligence",
      "cleared",
      "Fine.",
    );
    expect(await step("ddr01 records the due diligence review")).toEqual([]);

    await services.workflow.requestInformation(
      submitted.id,
      await currentVersion(services, submitted.id),
      otherOfficer,
      "Please name the partner's funder.",
    );
    expect(await step("spo02 requests information")).toEqual([
      `ab123: [${ref}] More information needed: Seismic sensors with <b>Tbilisi</b> & partners`,
    ]);

    const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    await services.proposals.saveAnswers(submitted.id, owner.id, { summary: "Now with the funder named." });
    expect((await services.submissions.submit(submitted.id, owner.id)).outcome).toBe("submitted");
    expect(await step("the proposer changes an answer and resubmits")).toEqual(
      [
        `ddr01: [${ref}] Case resubmitted: your task is open again: Seismic sensors with <b>Tbilisi</b> & partners`,
        `spo02: [${ref}] Case resubmitted: Seismic sensors with <b>Tbilisi</b> & partners`,
      ].sort(),
    );

    await sign(services, head, submitted.id, "department");
    expect(await step("hod01 signs off for the department")).toEqual([
      `hos01: [${ref}] Sign-off needed: Seismic sensors with <b>Tbilisi</b> & partners`,
    ]);
    await sign(services, schoolHead, submitted.id, "school");
    expect(await step("hos01 signs off for the school")).toEqual([]);

    for (const [route, by] of [
      ["due_diligence", reviewer],
      ["acbela", secretary],
    ] as const) {
      await services.workflow.recordReview(
        submitted.id,
        await currentVersion(services, submitted.id),
        by,
        route,
        "cleared",
        "Fine.",
      );
    }
    expect(await step("ddr01 and acb01 record their reviews")).toEqual([]);

    await services.workflow.decide(
      submitted.id,
      await currentVersion(services, submitted.id),
      otherOfficer,
      "approved",
      "",
    );
    expect(await step("spo02 records the decision")).toEqual(
      [
        `ab123: [${ref}] Decision recorded: Seismic sensors with <b>Tbilisi</b> & partners`,
        `hod01: [${ref}] Decision recorded: Seismic sensors with <b>Tbilisi</b> & partners`,
        `hos01: [${ref}] Decision recorded: Seismic sensors with <b>Tbilisi</b> & partners`,
      ].sort(),
    );
    // The whole life, as the SMTP server received it (printed for the record).
    console.log(`Messages received for ${ref}:\n${life.join("\n")}`);

    // Each (event, recipient) once: the keys the server saw never repeat.
    const keys = await services.prisma.notification.findMany({ where: { proposalId: submitted.id } });
    expect(new Set(keys.map((key) => key.idempotencyKey)).size).toBe(keys.length);
    expect(keys.every((key) => key.status === "sent")).toBe(true);
  });

  it("says what is needed with a link, carries no answers beyond the title, and escapes what people typed", async () => {
    const { services } = testApp;
    smtp.clear();
    const submitted = await submittedCase(services, "ab123", {
      title: `<script>alert("x")</script> & "quotes"`,
      partnerName: "Secret Partner Ltd",
      department: "ENG",
    });
    await deliver(services);
    const message = smtp.to(mail("hod01"))[0]!;
    expect(message.subject).toBe(`[${submitted.reference}] Sign-off needed: <script>alert("x")</script> & "quotes"`);
    expect(message.raw).not.toContain("Secret Partner");
    const stored = await services.prisma.notification.findFirstOrThrow({
      where: { proposalId: submitted.id, recipientId: (await testApp.person("hod01")).id },
    });
    expect(stored.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;");
    expect(stored.html).not.toContain("<script>");
    expect(stored.text).toContain("Please answer the checklist");
    expect(stored.text).toMatch(/Open it: https:\/\/spo\.example\.ac\.uk\/sign-off\/[0-9a-f-]{36}/);
    expect(message.text).toContain(`Case: ${submitted.reference}`);
  });

  it("tells the assigned officer of a withdrawal, and the proposer nothing of their own action", async () => {
    const { services } = testApp;
    const officer = await testApp.person("spo01");
    const submitted = await submittedCase(services, "ab123", { department: "ENG" });
    await services.workflow.assign(submitted.id, await currentVersion(services, submitted.id), officer, officer.id);
    await deliver(services);
    smtp.clear();
    await services.workflow.withdraw(
      submitted.id,
      await currentVersion(services, submitted.id),
      await testApp.person("ab123"),
    );
    await deliver(services);
    expect(arrived()).toEqual([`spo01: [${submitted.reference}] Case withdrawn: Joint workshop series`]);
  });

  it("sends nothing for an action that rolls back", async () => {
    const { services } = testApp;
    const officer = await testApp.person("spo01");
    const submitted = await submittedCase(services, "ab123", { department: "ENG" });
    await deliver(services);
    smtp.clear();
    const before = await services.prisma.notification.count();
    const colleague = await testApp.person("spo02");
    // The assignment's transaction writes its message, then fails on its way out.
    await expect(
      services.prisma.$transaction(async (tx) => {
        await services.notifications.raise(tx, {
          actorId: officer.id,
          action: "case.assigned",
          entityType: "proposal",
          entityId: submitted.id,
          details: { to: colleague.id },
        });
        expect(await tx.notification.count()).toBe(before + 1);
        throw new Error("the change failed after its message was written");
      }),
    ).rejects.toThrow("the change failed");
    // A real action refused part-way (a stale version) rolls back the same way.
    await expect(services.workflow.assign(submitted.id, 1, officer, colleague.id)).rejects.toThrow();
    await deliver(services);
    expect(await services.prisma.notification.count()).toBe(before);
    expect(smtp.received).toEqual([]);
  });
});
