// Sending through a real SMTP server that goes down and comes back, retries that run out
// (listed for admins, retried from the outbox page), daily digests, reminders and
// escalations on working days, each person's choice, and the attention list.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtpServer";
import { currentVersion, submittedCase } from "../helpers/cases";
import { retryDelayMs, retryWindowMs } from "../../src/notifications/delivery";
import { testConfig } from "../../src/config";
import { addWorkingDays } from "../../src/notifications/workingDays";

let smtp: TestSmtpServer;
const config: Record<string, string> = { NOTIFY_RETRY_BASE_MS: "30", NOTIFY_MAX_ATTEMPTS: "4" };
beforeAll(async () => {
  smtp = await startSmtpServer();
  config.SMTP_URL = smtp.url;
});
const testApp = useTestApp({ config });
afterAll(async () => {
  await testApp.services.notifications.stopWorker();
  await smtp.stop();
});

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(`sending, retrying, digests and reminders (${databaseLabel})`, () => {
  it("loses nothing while the SMTP server is down, and sends each message once when it is back", async () => {
    const { services } = testApp;
    smtp.clear();
    await smtp.stop();
    const submitted = await submittedCase(services, "ab123", { department: "ENG" });
    const first = await services.notifications.delivery.deliverAll();
    expect(first.sent).toBe(0);
    expect(first.failed).toBeGreaterThan(0);
    await wait(40);
    await services.notifications.delivery.deliverAll();
    const waiting = await services.prisma.notification.findMany({ where: { proposalId: submitted.id } });
    expect(waiting.every((message) => message.status === "pending" && message.attempts === 2)).toBe(true);
    expect(waiting[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);

    await smtp.start();
    await wait(150);
    await services.notifications.delivery.deliverAll();
    const sent = await services.prisma.notification.findMany({ where: { proposalId: submitted.id } });
    expect(sent.every((message) => message.status === "sent")).toBe(true);
    expect(smtp.received.map((message) => message.key).sort()).toEqual(
      sent.map((message) => message.idempotencyKey).sort(),
    );
  });

  it("tries for longer than a 10-minute outage with the default settings, waiting longer each time", () => {
    const defaults = testConfig().notifications;
    expect(retryWindowMs(defaults)).toBeGreaterThan(10 * 60_000);
    expect(retryDelayMs(1, 30_000)).toBe(30_000);
    expect(retryDelayMs(3, 30_000)).toBe(120_000);
    expect(retryDelayMs(20, 30_000)).toBe(30 * 60_000);
  });

  it("fails a message after its last attempt, lists it for admins, and sends it when an admin retries", async () => {
    const { services, app } = testApp;
    smtp.clear();
    await smtp.stop();
    const submitted = await submittedCase(services, "ab123", { department: "ENG", title: "Doomed <i>mail</i>" });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await services.notifications.delivery.deliverAll();
      await wait(300);
    }
    const failed = await services.prisma.notification.findFirstOrThrow({
      where: { proposalId: submitted.id, kind: "sign_off_needed" },
    });
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(4);
    await smtp.start();

    const admin = await testApp.as("adm01");
    const outbox = await admin.get("/admin/outbox?status=failed");
    expect(outbox.status).toBe(200);
    expect(outbox.$("main").text()).toContain("could not be sent after every retry");
    expect(outbox.$(`a[href="/admin/outbox/${failed.id}"]`).text()).toContain("Doomed <i>mail</i>");
    const page = await admin.get(`/admin/outbox/${failed.id}`);
    expect(page.$("h1").text()).toContain("Doomed <i>mail</i>");
    const retried = await admin.post(`/admin/outbox/${failed.id}/retry`);
    expect(retried.status).toBe(303);
    await services.notifications.delivery.deliverAll();
    expect((await services.prisma.notification.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("sent");
    expect(smtp.received.filter((message) => message.key === failed.idempotencyKey)).toHaveLength(1);
    expect(app).toBeDefined();
  });

  it("holds a digest reader's messages and sends them as one e-mail from 08:00 UK time, once a day", async () => {
    const { services } = testApp;
    const head = await testApp.as("hod01");
    const saved = await head.post("/settings/notifications", { delivery: "digest", updates: "yes" });
    expect(saved.status).toBe(303);
    expect(
      (await head.get("/settings/notifications")).$('input[name="delivery"][value="digest"]').attr("checked"),
    ).toBe("checked");
    await services.notifications.delivery.deliverAll();
    smtp.clear();
    const first = await submittedCase(services, "ab123", { department: "ENG", title: "First for the digest" });
    const second = await submittedCase(services, "ab123", { department: "ENG", title: "Second for the digest" });
    await services.notifications.delivery.deliverAll();
    expect(smtp.to("hod01@cam.ac.uk")).toEqual([]);

    // 07:59 in London (GMT in December) is too early; 08:00 sends; a second sweep that day sends nothing more.
    expect((await services.notifications.reminders.sweep(new Date("2026-12-01T07:59:00Z"))).digests).toBe(0);
    expect((await services.notifications.reminders.sweep(new Date("2026-12-01T08:00:00Z"))).digests).toBe(1);
    expect((await services.notifications.reminders.sweep(new Date("2026-12-01T09:00:00Z"))).digests).toBe(0);
    await services.notifications.delivery.deliverAll();
    const digests = smtp.to("hod01@cam.ac.uk");
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe("Daily digest for 2026-12-01: 2 messages");
    expect(digests[0]!.text).toContain(`[${first.reference}] Sign-off needed: First for the digest`);
    expect(digests[0]!.text).toContain(`[${second.reference}] Sign-off needed: Second for the digest`);
    // Others were told at once as usual.
    expect(smtp.to("spo01@cam.ac.uk").length).toBeGreaterThanOrEqual(2);

    await head.post("/settings/notifications", { delivery: "immediate", updates: "yes" });
  });

  it("lets people switch off updates, never messages that ask them to act", async () => {
    const { services } = testApp;
    const proposer = await testApp.as("ab123");
    const page = await proposer.get("/settings/notifications");
    expect(page.$("h1").text()).toBe("How you are told");
    expect(page.text).toContain("You cannot switch these off");
    expect((await proposer.post("/settings/notifications", { delivery: "sometimes" })).status).toBe(400);
    await proposer.post("/settings/notifications", { delivery: "immediate" });
    smtp.clear();
    const officer = await testApp.person("spo01");
    const submitted = await submittedCase(services, "ab123", { department: "ENG" });
    await services.workflow.requestInformation(
      submitted.id,
      await currentVersion(services, submitted.id),
      officer,
      "?",
    );
    await services.workflow.withdraw(
      submitted.id,
      await currentVersion(services, submitted.id),
      await testApp.person("ab123"),
    );
    const other = await submittedCase(services, "ab123", { department: "ENG" });
    await services.workflow.withdraw(other.id, await currentVersion(services, other.id), await testApp.person("ab123"));
    await services.notifications.delivery.deliverAll();
    // The request (it asks them to act) arrives; nothing else does.
    expect(smtp.to("ab123@cam.ac.uk").map((message) => message.subject)).toEqual([
      `[${submitted.reference}] More information needed: Joint workshop series`,
    ]);
    await proposer.post("/settings/notifications", { delivery: "immediate", updates: "yes" });
  });

  it("reminds the holder when a task is due and escalates when it is overdue by as many working days again", async () => {
    const { services } = testApp;
    await services.notifications.delivery.deliverAll();
    smtp.clear();
    const submitted = await submittedCase(services, "ab123", {
      department: "ENG",
      title: "Slow sign-off",
      relationship: "new",
    });
    // Opened on Thursday 24 December 2026: Christmas, a weekend and the Boxing Day substitute follow.
    const opened = new Date("2026-12-24T10:00:00Z");
    await services.prisma.caseTask.updateMany({ where: { proposalId: submitted.id }, data: { createdAt: opened } });
    await services.notifications.delivery.deliverAll();
    smtp.clear();
    const signOffDue = addWorkingDays(opened, 5);
    expect(signOffDue.toISOString()).toBe("2027-01-05T10:00:00.000Z");

    await services.notifications.reminders.sweep(new Date("2027-01-05T09:59:00Z"));
    await services.notifications.delivery.deliverAll();
    expect(smtp.received.filter((message) => message.subject.includes("Slow sign-off"))).toEqual([]);

    await services.notifications.reminders.sweep(signOffDue);
    await services.notifications.reminders.sweep(signOffDue);
    await services.notifications.delivery.deliverAll();
    const reminders = smtp.received.filter((message) => message.subject.includes("Slow sign-off"));
    expect(reminders.map((message) => `${message.to.join()} ${message.subject}`)).toEqual([
      `hod01@cam.ac.uk [${submitted.reference}] Reminder: task due: Slow sign-off`,
    ]);
    smtp.clear();

    // Ten working days after opening the review (due) and the sign-off is five more overdue: 12 January.
    const escalation = addWorkingDays(signOffDue, 5);
    expect(escalation.toISOString()).toBe("2027-01-12T10:00:00.000Z");
    await services.notifications.reminders.sweep(escalation);
    await services.notifications.delivery.deliverAll();
    const lines = smtp.received
      .filter((message) => message.subject.includes("Slow sign-off"))
      .map((message) => `${message.to.join().replace("@cam.ac.uk", "")} ${message.subject.replace(/^\[[^\]]+\] /, "")}`)
      .sort();
    expect(lines).toEqual(
      [
        // The sign-off is overdue: the officers (nobody is assigned) and the school's head.
        "hos01 Overdue task: Slow sign-off",
        "spo01 Overdue task: Slow sign-off",
        "spo02 Overdue task: Slow sign-off",
        // The review (10 working days) is due now: its reviewer is reminded.
        "ddr01 Reminder: task due: Slow sign-off",
      ].sort(),
    );
  });

  it("lists what needs each person on the home page, due and overdue, with its count in the navigation", async () => {
    const { services } = testApp;
    const submitted = await submittedCase(services, "ab123", { department: "ENG", title: "Attention please" });
    const head = await testApp.as("hod01");
    const home = await head.get("/");
    const row = home
      .$("#attention ~ * table tbody tr, #attention ~ table tbody tr")
      .filter((_index, element) => home.$(element).text().includes("Attention please"));
    expect(row.text()).toContain("Head of department sign-off");
    expect(row.find("a").attr("href")).toMatch(/^\/sign-off\/[0-9a-f-]{36}$/);
    const count = Number(/Needs your attention \((\d+)\)/.exec(home.$("nav").text())?.[1]);
    expect(count).toBe(home.$("#attention ~ * table tbody tr, #attention ~ table tbody tr").length);

    await services.prisma.caseTask.updateMany({
      where: { proposalId: submitted.id },
      data: { createdAt: new Date("2026-01-02T10:00:00Z") },
    });
    const later = await head.get("/");
    const overdue = later
      .$("#attention ~ * table tbody tr, #attention ~ table tbody tr")
      .filter((_index, element) => later.$(element).text().includes("Attention please"));
    expect(overdue.text()).toContain("Overdue since");

    const proposer = await testApp.as("ab123");
    await services.workflow.requestInformation(
      submitted.id,
      await currentVersion(services, submitted.id),
      await testApp.person("spo01"),
      "More, please.",
    );
    const mine = await proposer.get("/");
    expect(mine.$("#attention ~ * table, #attention ~ table").text()).toContain("Answer a request for information");
    expect(mine.$("nav").text()).toMatch(/Needs your attention \([1-9]\d*\)/);
  });

  it("lets an admin change when tasks are due, audited, and reminders follow it", async () => {
    const { services } = testApp;
    const admin = await testApp.as("adm01");
    const page = await admin.get("/admin/due-dates");
    expect(page.$("#signOff").val()).toBe("5");
    const refused = await admin.post("/admin/due-dates", { signOff: "0", review: "x", information: "10" });
    expect(refused.status).toBe(400);
    expect(refused.$(".govuk-error-summary").text()).toContain("a sign-off must be 1 or more");
    expect(refused.$("#review").val()).toBe("x");
    expect((await admin.post("/admin/due-dates", { signOff: "2", review: "10", information: "10" })).status).toBe(303);
    expect(await services.notifications.dueWorkingDays()).toEqual({ signOff: 2, review: 10, information: 10 });
    const audit = await services.prisma.auditEntry.findFirstOrThrow({
      where: { action: "notifications.due_days_changed" },
    });
    expect(audit.details).toMatchObject({ from: { signOff: 5 }, to: { signOff: 2 } });

    await services.notifications.delivery.deliverAll();
    smtp.clear();
    const submitted = await submittedCase(services, "ab123", { department: "ENG", title: "Two-day sign-off" });
    const opened = new Date("2027-02-01T10:00:00Z"); // a Monday
    await services.prisma.caseTask.updateMany({ where: { proposalId: submitted.id }, data: { createdAt: opened } });
    await services.notifications.delivery.deliverAll();
    smtp.clear();
    await services.notifications.reminders.sweep(new Date("2027-02-03T10:00:00Z"));
    await services.notifications.delivery.deliverAll();
    expect(
      smtp.received
        .filter((message) => message.subject.includes("Two-day sign-off"))
        .map((message) => message.to.join()),
    ).toEqual(["hod01@cam.ac.uk"]);
    await admin.post("/admin/due-dates", { signOff: "5", review: "10", information: "10" });
  });
});
