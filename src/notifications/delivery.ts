// Sending what the outbox holds, through the job queue (pg-boss). The outbox row is written
// in the change's own transaction (outbox.ts) and stays the record of what was sent and
// the data of /admin/outbox. A drain moves due rows into pg-boss: in one transaction it
// locks them (FOR UPDATE SKIP LOCKED), inserts one delivery job each through pg-boss's
// Prisma adapter, and marks them queued; so a row becomes exactly one job however many
// processes drain at once, and a rolled-back change (no row) makes none.
//
// Why an outbox drained into pg-boss rather than pg-boss's send inside the change's
// transaction: every change already writes its outbox row in its transaction, and a send
// there would need a started pg-boss in every service, script and test that changes a
// case (and PGlite's one connection shared with it mid-transaction); the drain needs it
// only where mail is sent. The row's status change and the job commit together.
//
// A job is one attempt. pg-boss gives it to one worker of one process; a process killed
// mid-send leaves its job active until it expires (NOTIFY_LOCK_SECONDS), and pg-boss runs
// it again elsewhere: the attempt is resent (same Message-ID, so recognisably the same
// message). A failed send is tried again after a wait that doubles each time (the row
// waits as pending until then, and the drain queues the next attempt), up to a bound; then
// it is failed and listed for admins, who can retry it. pg-boss's own retries (whole
// seconds, with jitter) are kept for the job itself failing (the database, not the mail).
// Without an SMTP server the message is kept in the database for admins (status kept).
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import type { Transporter } from "nodemailer";
import type { PgBoss } from "pg-boss";
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { jobNames } from "./jobQueue";

export interface MailToSend {
  id: string;
  idempotencyKey: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailSender {
  /** "smtp" sends; "keep" keeps the message in the database (no SMTP server configured). */
  kind: "smtp" | "keep";
  send(mail: MailToSend): Promise<void>;
  close(): void;
}

export function keepInDatabase(): MailSender {
  return { kind: "keep", send: () => Promise.resolve(), close: () => {} };
}

/** Message-ID from the idempotency key: the same message always carries the same id, so a copy sent twice (a crash after the server accepted it) is recognisably one. */
export function messageIdOf(idempotencyKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? "localhost";
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}@${domain}>`;
}

export function smtpSender(smtpUrl: string, from: string): MailSender {
  // nodemailer is loaded with the first message: a process that never sends (the outbox is
  // drained by another, or nothing is due) does not hold its modules.
  let transport: Promise<Transporter> | undefined;
  const openTransport = () =>
    (transport ??= import("nodemailer").then(
      ({ createTransport }) =>
        // STARTTLS is used whenever the server offers it (nodemailer's default for smtp://).
        createTransport({
          url: smtpUrl,
          pool: true,
          maxConnections: 4,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 30_000,
        }),
      (error: unknown) => {
        // Not loaded: this send fails (and is retried as any failed send); the next one loads again.
        transport = undefined;
        throw error;
      },
    ));
  return {
    kind: "smtp",
    async send(mail) {
      const opened = await openTransport();
      await opened.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: messageIdOf(mail.idempotencyKey, from),
        // Which message, and which process sent it (several processes share the outbox).
        headers: { "X-SPO-Message-Key": mail.idempotencyKey, "X-SPO-Sender": `${hostname()}/${process.pid}` },
      });
    },
    close: () => {
      transport?.then((opened) => opened.close()).catch(() => undefined);
    },
  };
}

export interface DeliverySettings {
  maxAttempts: number;
  retryBaseMs: number;
  lockMs: number;
  batchSize?: number;
  /** Sends at once within a batch. */
  concurrency?: number;
}

/** The wait after the nth failed attempt: base × 2^(n−1), at most 30 minutes. */
export function retryDelayMs(attempt: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 30 * 60_000);
}

/** How long a message is tried for before it is failed: the sum of the waits. */
export function retryWindowMs(settings: Pick<DeliverySettings, "maxAttempts" | "retryBaseMs">): number {
  let total = 0;
  for (let attempt = 1; attempt < settings.maxAttempts; attempt += 1)
    total += retryDelayMs(attempt, settings.retryBaseMs);
  return total;
}

/** A delivery job's data: which message, and which attempt (so a stale job does nothing). */
export interface DeliveryJob {
  id: string;
  attempt: number;
}

interface ClaimedRow {
  id: string;
  idempotency_key: string;
  to_address: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
}

export interface DeliveryResult {
  claimed: number;
  sent: number;
  failed: number;
}

/**
 * pg-boss's retries of a job whose handler failed or whose process died: a few; then the
 * job is copied to the dead-letter queue, whose worker fails the message (`jobDied`).
 */
const jobRetries = {
  retryLimit: 5,
  retryDelay: 1,
  retryBackoff: true,
  retryDelayMax: 300,
  deadLetter: jobNames.deliverDied,
} as const;

/** What admins read on a message whose delivery job died. */
export const jobDiedReason =
  "The delivery job failed repeatedly (the app or its database, not the mail server). Retry it when the cause is fixed.";

export function delivery(
  prisma: PrismaClient,
  sender: MailSender,
  settings: DeliverySettings,
  jobQueue: () => Promise<PgBoss>,
) {
  const batchSize = settings.batchSize ?? 50;
  const concurrency = settings.concurrency ?? 4;
  const expireInSeconds = Math.max(1, Math.round(settings.lockMs / 1000));

  /** Moves due outbox rows into delivery jobs, in one transaction; returns how many. */
  async function drain(now: Date, limit = 500): Promise<number> {
    const boss = await jobQueue();
    const { fromPrisma } = await import("pg-boss"); // loaded by jobQueue() already
    return prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; attempts: number }[]>`
        SELECT "id", "attempts" FROM "notification"
         WHERE "status" = 'pending' AND "next_attempt_at" <= ${now}
         ORDER BY "next_attempt_at", "id"
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return 0;
      await boss.insert(
        jobNames.deliver,
        rows.map((row) => ({
          data: { id: row.id, attempt: row.attempts + 1 } satisfies DeliveryJob,
          expireInSeconds,
          ...jobRetries,
        })),
        { db: fromPrisma(tx) },
      );
      await tx.$executeRaw`
        UPDATE "notification" SET "status" = 'queued'
         WHERE "id" IN (${Prisma.join(rows.map((row) => Prisma.sql`${row.id}::uuid`))})`;
      return rows.length;
    });
  }

  /**
   * The message still waits on this job's attempt: queued for it, or being sent in it (by
   * this job, or by one whose process died and whose job came back).
   */
  const waitsOnAttempt = (job: DeliveryJob) => Prisma.sql`"id" = ${job.id}::uuid
         AND (("status" = 'queued' AND "attempts" = ${job.attempt - 1})
           OR ("status" = 'sending' AND "attempts" = ${job.attempt}))`;

  /**
   * Takes the job's attempt: a queued row whose attempt this is, or one being sent in this
   * attempt by a process that died (its job expired and came back). Anything else (sent
   * already, or retried by an admin since) is a stale job: nothing to do.
   */
  async function claim(job: DeliveryJob): Promise<ClaimedRow | undefined> {
    const [row] = await prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "notification" SET "status" = 'sending', "attempts" = ${job.attempt}
       WHERE ${waitsOnAttempt(job)}
      RETURNING "id", "idempotency_key", "to_address", "subject", "text", "html", "attempts"`;
    return row;
  }

  /** One delivery job: true if the message went (or was kept), false if the send failed. */
  async function deliverJob(job: DeliveryJob, now: () => Date = () => new Date()): Promise<boolean | undefined> {
    const row = await claim(job);
    if (!row) return undefined;
    try {
      await sender.send({
        id: row.id,
        idempotencyKey: row.idempotency_key,
        to: row.to_address,
        subject: row.subject,
        text: row.text,
        html: row.html,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const giveUp = row.attempts >= settings.maxAttempts;
      await prisma.notification.updateMany({
        where: { id: row.id, status: "sending" },
        data: {
          status: giveUp ? "failed" : "pending",
          lastError: reason.slice(0, 1_000),
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts, settings.retryBaseMs)),
        },
      });
      return false;
    }
    await prisma.notification.updateMany({
      where: { id: row.id, status: "sending" },
      data: { status: sender.kind === "keep" ? "kept" : "sent", sentAt: now(), lastError: null },
    });
    return true;
  }

  /** Runs jobs a few at a time; returns what happened. */
  async function runJobs(jobs: readonly DeliveryJob[], now: () => Date): Promise<DeliveryResult> {
    let sent = 0;
    let failed = 0;
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, jobs.length) }, async () => {
      for (let job = jobs[next++]; job !== undefined; job = jobs[next++]) {
        const outcome = await deliverJob(job, now);
        if (outcome === true) sent += 1;
        else if (outcome === false) failed += 1;
      }
    });
    await Promise.all(workers);
    return { claimed: sent + failed, sent, failed };
  }

  return {
    sender,
    drain,
    runJobs,

    /**
     * Drains and works the queue in this call until nothing due is left (or a round sends
     * nothing): what a worker does, at once (tests, benchmarks).
     */
    async deliverAll(now: () => Date = () => new Date()): Promise<DeliveryResult> {
      const boss = await jobQueue();
      const total: DeliveryResult = { claimed: 0, sent: 0, failed: 0 };
      for (;;) {
        await drain(now());
        const jobs = await boss.fetch<DeliveryJob>(jobNames.deliver, { batchSize });
        if (jobs.length === 0) return total;
        const result = await runJobs(
          jobs.map((job) => job.data),
          now,
        );
        await boss.complete(
          jobNames.deliver,
          jobs.map((job) => job.id),
        );
        total.claimed += result.claimed;
        total.sent += result.sent;
        total.failed += result.failed;
        if (result.sent === 0) return total;
      }
    },

    /**
     * A delivery job that died: its message, if still waiting on that very attempt (queued
     * for it, or being sent in it), is failed and listed for admins, instead of waiting for
     * a job that will never run. Returns whether it was.
     */
    async jobDied(job: DeliveryJob): Promise<boolean> {
      const count = await prisma.$executeRaw`
        UPDATE "notification" SET "status" = 'failed', "attempts" = ${job.attempt}, "last_error" = ${jobDiedReason}
         WHERE ${waitsOnAttempt(job)}`;
      return count === 1;
    },

    /** An admin's retry of a failed message: due again now, with its attempts reset. */
    async retry(id: string): Promise<boolean> {
      const { count } = await prisma.notification.updateMany({
        where: { id, status: "failed" },
        data: { status: "pending", attempts: 0, nextAttemptAt: new Date(), lastError: null },
      });
      return count === 1;
    },
  };
}

export type Delivery = ReturnType<typeof delivery>;
