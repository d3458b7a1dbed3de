// Sending what the outbox holds. Any number of processes run this against one database:
// a worker claims a batch with FOR UPDATE SKIP LOCKED (so two never take the same row),
// marks it sending with a lock that expires, sends, and marks it sent. A process that dies
// mid-send leaves its claim to expire, and the message is claimed again. A failed send is
// tried again after a wait that doubles each time, up to a bound; then it is failed and
// listed for admins, who can retry it. Without an SMTP server the message is kept in the
// database for admins to read (status kept).
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { createTransport } from "nodemailer";
import type { PrismaClient } from "../generated/prisma/client";

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
  // STARTTLS is used whenever the server offers it (nodemailer's default for smtp://).
  const transport = createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 4,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    kind: "smtp",
    async send(mail) {
      await transport.sendMail({
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
    close: () => transport.close(),
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

export function delivery(prisma: PrismaClient, sender: MailSender, settings: DeliverySettings) {
  const batchSize = settings.batchSize ?? 50;
  const concurrency = settings.concurrency ?? 4;

  async function claim(now: Date): Promise<ClaimedRow[]> {
    const lockedUntil = new Date(now.getTime() + settings.lockMs);
    return prisma.$queryRaw<ClaimedRow[]>`
      UPDATE "notification" SET "status" = 'sending', "attempts" = "attempts" + 1, "locked_until" = ${lockedUntil}
       WHERE "id" IN (
         SELECT "id" FROM "notification"
          WHERE ("status" = 'pending' AND "next_attempt_at" <= ${now})
             OR ("status" = 'sending' AND "locked_until" < ${now})
          ORDER BY "next_attempt_at", "id"
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
      RETURNING "id", "idempotency_key", "to_address", "subject", "text", "html", "attempts"`;
  }

  async function sendOne(row: ClaimedRow, now: () => Date): Promise<boolean> {
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
          lockedUntil: null,
          lastError: reason.slice(0, 1_000),
          nextAttemptAt: new Date(now().getTime() + retryDelayMs(row.attempts, settings.retryBaseMs)),
        },
      });
      return false;
    }
    await prisma.notification.updateMany({
      where: { id: row.id, status: "sending" },
      data: { status: sender.kind === "keep" ? "kept" : "sent", sentAt: now(), lockedUntil: null, lastError: null },
    });
    return true;
  }

  /** Claims and sends one batch of what is due; returns what happened. */
  async function deliverBatch(now: () => Date = () => new Date()): Promise<DeliveryResult> {
    const rows = await claim(now());
    let sent = 0;
    let next = 0;
    const workers = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      for (let row = rows[next++]; row !== undefined; row = rows[next++]) {
        if (await sendOne(row, now)) sent += 1;
      }
    });
    await Promise.all(workers);
    return { claimed: rows.length, sent, failed: rows.length - sent };
  }

  return {
    sender,
    deliverBatch,

    /** Sends batches until nothing due is left (or a batch sends nothing). */
    async deliverAll(now: () => Date = () => new Date()): Promise<DeliveryResult> {
      const total: DeliveryResult = { claimed: 0, sent: 0, failed: 0 };
      for (;;) {
        const result = await deliverBatch(now);
        total.claimed += result.claimed;
        total.sent += result.sent;
        total.failed += result.failed;
        if (result.claimed === 0 || result.sent === 0) return total;
      }
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
