// The job queue (pg-boss) under the outbox: a rolled-back action queues nothing; messages
// committed and queued by a process that then stops before sending are sent once by
// another; two processes working one queue send each message once; the reminders and
// the 08:00 digest are pg-boss schedules, and a reminders job writes the reminders due.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { startSmtpServer, type TestSmtpServer } from "../helpers/smtpServer";
import { currentVersion, submittedCase } from "../helpers/cases";
import { createServices, type Services } from "../../src/services";
import { testConfig } from "../../src/config";
import { jobNames } from "../../src/notifications/jobQueue";
import { jobDiedReason } from "../../src/notifications/delivery";

let smtp: TestSmtpServer;
const config: Record<string, string> = {
  BASE_URL: "https://spo.example.ac.uk",
  NOTIFY_RETRY_BASE_MS: "20",
  NOTIFY_POLL_MS: "100",
};
beforeAll(async () => {
  smtp = await startSmtpServer();
  config.SMTP_URL = smtp.url;
});
const testApp = useTestApp({ config });
/** Other "processes": services of their own (their own pg-boss) on the same database. */
const others: Services[] = [];
function anotherProcess(): Services {
  const services = createServices(testApp.services.database, testConfig(config));
  others.push(services);
  return services;
}
afterAll(async () => {
  for (const services of others) await services.notifications.stopWorker();
  await testApp.services.notifications.stopWorker();
  await smtp.stop();
});

async function deliveryJobs(services: Services): Promise<{ state: string; count: number }[]> {
  const rows = await services.prisma.$queryRaw<{ state: string; count: bigint }[]>`
    SELECT "state"::text AS "state", count(*) AS "count" FROM "pgboss"."job"
     WHERE "name" = ${jobNames.deliver} GROUP BY "state" ORDER BY "state"`;
  return rows.map((row) => ({ state: row.state, count: Number(row.count) }));
}

const countOf = (jobs: { state: string; count: number }[], state: string) =>
  jobs.find((job) => job.state === state)?.count ?? 0;

async function until(condition: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe(`the job queue under the outbox (${databaseLabel})`, () => {
  it("queues nothing for an action that rolls back", async () => {
    const { services } = testApp;
    const officer = await testApp.person("spo01");
    const colleague = await testApp.person("spo02");
    const submitted = await submittedCase(services, "ab123", { department: "ENG" });
    await services.notifications.delivery.deliverAll();
    smtp.clear();
    const jobsBefore = await deliveryJobs(services);
    await expect(
      services.prisma.$transaction(async (tx) => {
        await services.notifications.raise(tx, {
          actorId: officer.id,
          action: "case.assigned",
          entityType: "proposal",
          entityId: submitted.id,
          details: { to: colleague.id },
        });
        throw new Error("the change failed after its message was written");
      }),
    ).rejects.toThrow("the change failed");
    expect(await services.notifications.delivery.drain(new Date())).toBe(0);
    expect(await deliveryJobs(services)).toEqual(jobsBefore);
    await services.notifications.delivery.deliverAll();
    expect(smtp.received).toEqual([]);
  });

  it("sends once what a process committed and queued but stopped before sending", async () => {
    const { services } = testApp;
    smtp.clear();
    const submitted = await submittedCase(services, "ab123", { department: "ENG", title: "Queued then stopped" });
    const written = await services.prisma.notification.count({ where: { proposalId: submitted.id } });
    expect(written).toBeGreaterThan(0);
    // The first process moves the messages into delivery jobs, then stops without working them.
    const first = anotherProcess();
    expect(await first.notifications.delivery.drain(new Date())).toBe(written);
    await first.notifications.stopWorker();
    const queued = await services.prisma.notification.findMany({ where: { proposalId: submitted.id } });
    expect(queued.every((message) => message.status === "queued")).toBe(true);
    expect(smtp.received).toEqual([]);

    // Another process finds the jobs: each message once, and nothing left to queue.
    const second = anotherProcess();
    await second.notifications.delivery.deliverAll();
    await second.notifications.delivery.deliverAll();
    const keys = smtp.received.map((message) => message.key).sort();
    expect(keys).toEqual(queued.map((message) => message.idempotencyKey).sort());
    const sent = await services.prisma.notification.findMany({ where: { proposalId: submitted.id } });
    expect(sent.every((message) => message.status === "sent")).toBe(true);
    expect(countOf(await deliveryJobs(services), "created")).toBe(0);
    await second.notifications.stopWorker();
  });

  it("sends each message once when two processes' workers share the queue", async () => {
    const { services } = testApp;
    smtp.clear();
    const officers = [await testApp.person("spo01"), await testApp.person("spo02")];
    const cases = await Promise.all([1, 2, 3].map(() => submittedCase(services, "ab123", { department: "ENG" })));
    await services.notifications.delivery.deliverAll();
    smtp.clear();
    const before = await services.prisma.notification.count();
    const [first, second] = [anotherProcess(), anotherProcess()];
    await Promise.all([first.notifications.startWorker(), second.notifications.startWorker()]);
    for (let round = 0; round < 10; round += 1) {
      for (const [index, submitted] of cases.entries()) {
        const by = officers[(round + index) % 2]!;
        const to = officers[(round + index + 1) % 2]!;
        await services.workflow.assign(submitted.id, await currentVersion(services, submitted.id), by, to.id);
      }
    }
    const total = (await services.prisma.notification.count()) - before;
    expect(total).toBe(30);
    await until(() => smtp.received.length >= total, 60_000, "every message");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const keys = smtp.received.map((message) => message.key);
    expect(keys).toHaveLength(total);
    expect(new Set(keys).size).toBe(total);
    await Promise.all([first.notifications.stopWorker(), second.notifications.stopWorker()]);
  }, 120_000);

  it("runs the reminders every minute and the digest at 08:00 London time as pg-boss schedules", async () => {
    const worker = anotherProcess();
    await worker.notifications.startWorker();
    const schedules = await testApp.services.prisma.$queryRaw<{ name: string; cron: string; timezone: string }[]>`
      SELECT "name", "cron", "timezone" FROM "pgboss"."schedule" ORDER BY "name"`;
    expect(schedules).toEqual([
      { name: jobNames.digest, cron: "0 8 * * *", timezone: "Europe/London" },
      { name: jobNames.reminders, cron: "* * * * *", timezone: "UTC" },
    ]);

    // A sign-off opened long ago: the next reminders job (sent now rather than waiting for
    // the minute) writes its reminder, once.
    const { services } = testApp;
    const submitted = await submittedCase(services, "ab123", { department: "ENG" });
    await services.prisma.caseTask.updateMany({
      where: { proposalId: submitted.id },
      data: { createdAt: new Date(Date.now() - 30 * 86_400_000) },
    });
    const reminders = () =>
      services.prisma.notification.count({ where: { proposalId: submitted.id, kind: "reminder" } });
    expect(await reminders()).toBe(0);
    const boss = await worker.notifications.jobQueue();
    await boss.send(jobNames.reminders);
    await until(async () => (await reminders()) > 0, 30_000, "the reminders job");
    const written = await reminders();
    await boss.send(jobNames.reminders);
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(await reminders()).toBe(written);
    await worker.notifications.stopWorker();
  }, 60_000);

  it("fails a message for admins when its delivery job dies (its retries spent), and an admin's retry sends it once", async () => {
    const { services } = testApp;
    smtp.clear();
    const submitted = await submittedCase(services, "ab123", { department: "ENG", title: "A job that died" });
    const worker = anotherProcess();
    expect(await worker.notifications.delivery.drain(new Date())).toBeGreaterThan(0);
    const [message] = await services.prisma.notification.findMany({
      where: { proposalId: submitted.id },
      orderBy: { id: "asc" },
      take: 1,
    });
    expect(message?.status).toBe("queued");
    // Its job fails once more with every retry already spent, as a handler that kept failing
    // (the database, not the mail server) would leave it.
    const [job] = await services.prisma.$queryRaw<{ id: string }[]>`
      SELECT "id"::text AS "id" FROM "pgboss"."job" WHERE "name" = ${jobNames.deliver} AND "data"->>'id' = ${message!.id}`;
    await services.prisma.$executeRaw`
      UPDATE "pgboss"."job" SET "retry_count" = "retry_limit" WHERE "id" = ${job!.id}::uuid`;
    const boss = await worker.notifications.jobQueue();
    await boss.fail(jobNames.deliver, job!.id, { message: "the database went away" });

    // The worker of the dead-letter queue fails the message, with a reason admins can act on.
    await worker.notifications.startWorker();
    const stored = () => services.prisma.notification.findUniqueOrThrow({ where: { id: message!.id } });
    await until(async () => (await stored()).status === "failed", 30_000, "the dead job's message to be failed");
    expect((await stored()).lastError).toBe(jobDiedReason);
    expect(smtp.received.map((received) => received.key)).not.toContain(message!.idempotencyKey);
    const outbox = await services.notifications.outbox({ status: "failed", page: 1 });
    expect(outbox.rows.map((row) => row.id)).toContain(message!.id);

    // The admin's retry sends it, once.
    expect(await services.notifications.delivery.retry(message!.id)).toBe(true);
    await until(async () => (await stored()).status === "sent", 30_000, "the retried message to be sent");
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(smtp.received.filter((received) => received.key === message!.idempotencyKey)).toHaveLength(1);
    await worker.notifications.stopWorker();
  }, 90_000);
});
