// Notifications, put together: the case-event hook services call inside their
// transactions, the worker that sends (and sweeps for reminders and digests) inside the
// app process, each person's choice, the attention list, and the admin outbox.
import type { Logger } from "pino";
import type { PrismaClient } from "../generated/prisma/client";
import type { Config } from "../config";
import { NotFoundError } from "../domain/errors";
import { caseNotifier } from "./caseEvents";
import { delivery, keepInDatabase, smtpSender, type MailSender } from "./delivery";
import { reminderSweep } from "./reminders";
import type { DueSettings } from "./dueDates";
import { recordAudit } from "../audit/auditLog";
import { attentionList } from "./attention";
import type { ReviewService } from "../reviews/reviewService";
import type { SignOffService } from "../signOff/signOffService";

export const deliveryChoices = ["immediate", "digest"] as const;
export type DeliveryChoice = (typeof deliveryChoices)[number];

export const outboxStatuses = ["pending", "held", "sending", "sent", "kept", "failed", "digested"] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export interface Preferences {
  delivery: DeliveryChoice;
  updates: boolean;
}

export interface NotificationOptions {
  /** A sender other than the configured one (tests). */
  sender?: MailSender;
  sources: {
    signOff: Pick<SignOffService, "listAwaiting" | "countAwaiting">;
    reviews: Pick<ReviewService, "listAwaiting" | "countAwaiting">;
  };
}

export function notificationService(prisma: PrismaClient, config: Config, options: NotificationOptions) {
  const settings = config.notifications;
  const notifier = caseNotifier({ baseUrl: config.baseUrl });
  const sender =
    options.sender ?? (settings.smtpUrl ? smtpSender(settings.smtpUrl, settings.mailFrom) : keepInDatabase());
  const deliver = delivery(prisma, sender, {
    maxAttempts: settings.maxAttempts,
    retryBaseMs: settings.retryBaseMs,
    lockMs: settings.lockMs,
  });
  /** The working days each kind of task has: an admin's setting, or the configured defaults. */
  async function dueWorkingDays(): Promise<DueSettings> {
    const stored = await prisma.notificationSetting.findUnique({ where: { id: 1 } });
    return stored
      ? { signOff: stored.signOffDays, review: stored.reviewDays, information: stored.informationDays }
      : settings.dueWorkingDays;
  }
  const sweep = reminderSweep(prisma, { baseUrl: config.baseUrl, due: dueWorkingDays });
  const attention = attentionList(prisma, options.sources, dueWorkingDays);

  let timers: NodeJS.Timeout[] = [];
  let running: Promise<unknown> = Promise.resolve();
  let busy = { deliver: false, sweep: false };

  /** Runs a job unless the same one is still running (a slow SMTP server must not pile up sends). */
  function tick(job: "deliver" | "sweep", run: () => Promise<unknown>, logger?: Logger) {
    if (busy[job]) return;
    busy[job] = true;
    running = run()
      .catch((error: unknown) => logger?.warn({ err: error, job }, "notifications: a background run failed"))
      .finally(() => (busy = { ...busy, [job]: false }));
  }

  return {
    /** The hook: the messages a case's audit entry calls for, written in its transaction. */
    raise: notifier.raise,
    delivery: deliver,
    reminders: sweep,
    attention,
    sender,

    /** Sends and sweeps in the background of this process (the embedded database has only one). */
    startWorker(logger?: Logger) {
      if (timers.length > 0) return;
      const deliverNow = () => tick("deliver", () => deliver.deliverAll(), logger);
      const sweepNow = () => tick("sweep", () => sweep.sweep(), logger);
      // The first runs wait a period too, so that a start-up serves its first pages first.
      timers = [setInterval(deliverNow, settings.pollMs), setInterval(sweepNow, settings.sweepMs)];
      for (const timer of timers) timer.unref();
    },

    async stopWorker() {
      for (const timer of timers) clearInterval(timer);
      timers = [];
      await running;
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
    },
  };
}

export type NotificationService = ReturnType<typeof notificationService>;
