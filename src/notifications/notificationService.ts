// Notifications, put together: the case-event hook services call inside their
// transactions, the worker that sends (and sweeps for reminders and digests) inside the
// app process, each person's choice, the attention list, and the admin outbox.
import type { Logger } from "pino";
import type { PgBoss } from "pg-boss";
import type { Database } from "../db/database";
import type { Config } from "../config";
import { NotFoundError } from "../domain/errors";
import { caseNotifier } from "./caseEvents";
import { delivery, keepInDatabase, smtpSender, type DeliveryJob, type MailSender } from "./delivery";
import { digestHour, reminderSweep } from "./reminders";
import { createJobQueue, jobNames } from "./jobQueue";
import type { DueSettings } from "./dueDates";
import { recordAudit } from "../audit/auditLog";
import { recentCache } from "../audit/recentCache";
import { attentionList } from "./attention";
import type { ReviewService } from "../reviews/reviewService";
import type { SignOffService } from "../signOff/signOffService";

export const deliveryChoices = ["immediate", "digest"] as const;
export type DeliveryChoice = (typeof deliveryChoices)[number];

export const outboxStatuses = ["pending", "held", "queued", "sending", "sent", "kept", "failed", "digested"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface Preferences {
  delivery: DeliveryChoice;
  updates: boolean;
}

export interface NotificationOptions {
  /** A sender other than the configured one (tests). */
  sender?: MailSender;
  /** Where the job queue's errors are reported. */
  logger?: Logger;
  sources: {
    signOff: Pick<SignOffService, "listAwaiting" | "countAwaiting">;
    reviews: Pick<ReviewService, "listAwaiting" | "countAwaiting">;
  };
}

export function notificationService(
  database: Pick<Database, "prisma" | "jobQueueSource">,
  config: Config,
  options: NotificationOptions,
) {
  const { prisma } = database;
  const settings = config.notifications;
  const notifier = caseNotifier({ baseUrl: config.baseUrl });
  const sender =
    options.sender ?? (settings.smtpUrl ? smtpSender(settings.smtpUrl, settings.mailFrom) : keepInDatabase());

  // pg-boss, started on first use: by the worker (with the schedules and supervision), or by
  // a test or benchmark delivering at once. Services that only write outbox rows never start it.
  let boss: Promise<PgBoss> | undefined;
  let background = false;
  let log = options.logger;
  function jobQueue(): Promise<PgBoss> {
    boss ??= (async () => {
      const started = await createJobQueue(database, { lockSeconds: settings.lockMs / 1000, background });
      started.on("error", (error) => log?.warn({ err: error }, "notifications: job queue error"));
      await started.start();
      // Queues are rows the app's role may write: made here when missing (pg-boss's defaults;
      // another process making the same one at the same moment is no failure).
      for (const name of Object.values(jobNames)) {
        if (!(await started.getQueue(name))) await started.createQueue(name).catch(() => undefined);
      }
      return started;
    })().catch((error: unknown) => {
      // Not started (the database unreachable, say): the next use tries again.
      boss = undefined;
      throw error;
    });
    return boss;
  }

  const deliver = delivery(
    prisma,
    sender,
    { maxAttempts: settings.maxAttempts, retryBaseMs: settings.retryBaseMs, lockMs: settings.lockMs },
    jobQueue,
  );
  /** The working days each kind of task has: an admin's setting, or the configured defaults. */
  // Read on every queue page and by every reminder sweep, changed by an admin now and then:
  // kept a few seconds (another instance's change shows within them), forgotten here at once.
  const dueSettings = recentCache<DueSettings>({ maxAgeMs: 5_000, maxEntries: 1 });
  function dueWorkingDays(): Promise<DueSettings> {
    return dueSettings.get("due", async () => {
      const stored = await prisma.notificationSetting.findUnique({ where: { id: 1 } });
      return stored
        ? { signOff: stored.signOffDays, review: stored.reviewDays, information: stored.informationDays }
        : settings.dueWorkingDays;
    });
  }
  const sweep = reminderSweep(prisma, { baseUrl: config.baseUrl, due: dueWorkingDays });
  const attention = attentionList(prisma, options.sources, dueWorkingDays);

  let drainTimer: NodeJS.Timeout | undefined;
  let draining: Promise<unknown> = Promise.resolve();
  let drainBusy = false;

  return {
    /** The hook: the messages a case's audit entry calls for, written in its transaction. */
    raise: notifier.raise,
    delivery: deliver,
    /** This process's pg-boss, started on first use. */
    jobQueue,
    reminders: sweep,
    attention,
    sender,

    /**
     * Sends, reminds and digests in the background of this process (the embedded database has
     * only one): drains the outbox into pg-boss every NOTIFY_POLL_MS, works the delivery jobs,
     * and runs two pg-boss schedules, each tick given to one process of all that share the
     * database: the reminders and escalations every minute, and the digest at 08:00 London time.
     * Each minute's run also sends a digest the 08:00 run missed (every process down at 08:00):
     * digests are keyed by person and day, so that never sends one twice.
     */
    async startWorker(logger?: Logger) {
      if (boss) {
        if (background) return;
        // Started at once by deliverAll (a test, the benchmark): restart with the schedules.
        await (await boss).stop({ graceful: true, close: true });
        boss = undefined;
      }
      background = true;
      log = logger ?? log;
      const started = await jobQueue();
      const pollingIntervalSeconds = Math.max(0.5, settings.pollMs / 1000);
      const worker = await started.work<DeliveryJob>(
        jobNames.deliver,
        { batchSize: 20, pollingIntervalSeconds },
        async (jobs) => {
          await deliver.runJobs(
            jobs.map((job) => job.data),
            () => new Date(),
          );
        },
      );
      await started.work<DeliveryJob>(jobNames.deliverDied, { pollingIntervalSeconds: 5 }, async (jobs) => {
        for (const job of jobs) {
          if (await deliver.jobDied(job.data))
            log?.error({ notificationId: job.data.id }, "notifications: a delivery job died; its message is failed");
        }
      });
      await started.work(jobNames.reminders, { pollingIntervalSeconds: 5 }, async () => {
        await sweep.sweep(new Date());
      });
      await started.work(jobNames.digest, { pollingIntervalSeconds: 5 }, async () => {
        await sweep.digests(new Date());
      });
      await started.schedule(jobNames.reminders, "* * * * *");
      await started.schedule(jobNames.digest, `0 ${digestHour} * * *`, null, { tz: "Europe/London" });
      const drainNow = () => {
        if (drainBusy) return;
        drainBusy = true;
        draining = deliver
          .drain(new Date())
          // What this process queued, its own worker takes at once rather than at its next poll.
          .then((queued) => queued > 0 && started.notifyWorker(worker))
          .catch((error: unknown) => log?.warn({ err: error }, "notifications: draining the outbox failed"))
          .finally(() => (drainBusy = false));
      };
      // The first drain waits a period too, so that a start-up serves its first pages first.
      drainTimer = setInterval(drainNow, settings.pollMs);
      drainTimer.unref();
    },

    /** Stops the background work and pg-boss (letting jobs in hand finish), and closes the mail connection. */
    async stopWorker() {
      clearInterval(drainTimer);
      drainTimer = undefined;
      await draining;
      if (boss) {
        const stopping = boss;
        boss = undefined;
        background = false;
        await (await stopping).stop({ graceful: true, close: true, timeout: 10_000 });
      }
      sender.close();
    },

    async preferences(userId: string): Promise<Preferences> {
      const stored = await prisma.notificationPreference.findUnique({ where: { userId } });
      return {
        delivery: stored?.delivery === "digest" ? "digest" : "immediate",
        updates: stored?.updates ?? true,
      };
    },

    async savePreferences(userId: string, preferences: Preferences): Promise<void> {
      await prisma.$transaction(async (tx) => {
        await tx.notificationPreference.upsert({
          where: { userId },
          create: { userId, ...preferences },
          update: preferences,
        });
        // Switching to "at once" sends what was held for the digest now rather than tomorrow.
        if (preferences.delivery === "immediate") {
          await tx.notification.updateMany({
            where: { recipientId: userId, status: "held" },
            data: { status: "pending", nextAttemptAt: new Date() },
          });
        }
      });
    },

    /** The outbox for admins: newest first, optionally one status. */
    async outbox(filter: { status?: OutboxStatus; page: number }, pageSize = 50) {
      const where = filter.status ? { status: filter.status } : {};
      const [rows, total, failed] = await Promise.all([
        prisma.notification.findMany({
          where,
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          skip: (filter.page - 1) * pageSize,
          take: pageSize,
          select: {
            id: true,
            kind: true,
            toAddress: true,
            subject: true,
            status: true,
            attempts: true,
            lastError: true,
            createdAt: true,
            sentAt: true,
          },
        }),
        prisma.notification.count({ where }),
        prisma.notification.count({ where: { status: "failed" } }),
      ]);
      return { rows, total, failed, pageSize, smtp: sender.kind === "smtp" };
    },

    async message(id: string) {
      const found = await prisma.notification.findUnique({ where: { id } });
      if (!found) throw new NotFoundError();
      return found;
    },

    retry: (id: string) => deliver.retry(id),

    dueWorkingDays,

    /** An admin's change to the working days before each kind of task is due, with its audit entry. */
    async saveDueWorkingDays(due: DueSettings, actorId: string): Promise<void> {
      await prisma.$transaction(async (tx) => {
        const before = await tx.notificationSetting.findUnique({ where: { id: 1 } });
        const data = {
          signOffDays: due.signOff,
          reviewDays: due.review,
          informationDays: due.information,
          updatedById: actorId,
        };
        await tx.notificationSetting.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
        await recordAudit(tx, {
          actorId,
          action: "notifications.due_days_changed",
          entityType: "setting",
          entityId: "notification_due_days",
          details: {
            from: before
              ? { signOff: before.signOffDays, review: before.reviewDays, information: before.informationDays }
              : { ...settings.dueWorkingDays },
            to: { ...due },
          },
        });
      });
      dueSettings.clear();
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;
