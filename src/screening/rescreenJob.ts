// Re-screening after a list version comes into use, as background work. The import (or
// an admin's confirmation of a held version) records a `screening_rescreen` row in the
// transaction that puts the version in use; a worker in the app process claims it and
// screens every open and approved case against that version's added and changed entries.
//
// - One process at a time: the claim is an UPDATE of the oldest claimable row chosen with
//   FOR UPDATE SKIP LOCKED, and sets a lease (`locked_until`) renewed at every batch. A
//   process that dies leaves its lease to expire, and the next claim (this process after a
//   restart, or another one) resumes.
// - Resumable and idempotent: cases are taken in id order, in batches; each batch's new
//   matches (with their audit entries and the officer's notification, through the outbox)
//   and the job's cursor, counts and lease are written in one transaction, so a batch is
//   either done and counted or not done at all. A batch done twice (a lost lease) finds its
//   matches already there: they are not new, nobody is told twice.
// - Cases with nothing against the changed entries write nothing but the counts: the job's
//   row says they were screened, against which version.
//
// The shape a pg-boss job would have: claim, work in resumable steps, finish.
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Logger } from "pino";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import type { CaseMatch } from "./screeningService";

export type RescreenStatus = "pending" | "running" | "done" | "failed";

export interface RescreenProgress {
  id: string;
  versionId: string;
  status: RescreenStatus;
  /** Known once a worker has started. */
  casesTotal: number | null;
  casesDone: number;
  newHits: number;
  newFlaggedHits: number;
  casesWithNewHits: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** A case to screen again: its parties as of its latest submission. */
export interface RescreenCase {
  id: string;
  reference: string | null;
  assigneeId: string | null;
  answers: Record<string, unknown> | undefined;
}

/** What screening one batch of cases found (the cases with new matches only). */
export interface BatchOutcome {
  newHits: number;
  newFlaggedHits: number;
  cases: { caseId: string; reference: string | null; assigneeId: string | null; newHits: CaseMatch[] }[];
}

export interface RescreenWork {
  /** Whether the version can be screened against (accepted); a job for any other fails. */
  versionUsable(versionId: string): Promise<boolean>;
  /**
   * Screens the cases against the version's changed entries (outside any transaction), and
   * returns a writer that records what was found inside the batch's transaction.
   */
  screenBatch(
    versionId: string,
    cases: readonly RescreenCase[],
    actorId: string | null,
  ): Promise<(tx: Prisma.TransactionClient) => Promise<BatchOutcome>>;
}

export interface RescreenSettings {
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  pollMs: number;
}

export const defaultRescreenSettings: RescreenSettings = {
  batchSize: 100,
  leaseMs: 60_000,
  maxAttempts: 5,
  pollMs: 2_000,
};

const openStatuses = ["IN_REVIEW", "INFORMATION_REQUESTED"] as const;
const approvedOutcomes = ["approved", "approved_with_conditions"];
const casesToScreen: Prisma.ProposalWhereInput = {
  OR: [{ status: { in: [...openStatuses] } }, { status: "DECIDED", outcome: { in: approvedOutcomes } }],
};

class LostLeaseError extends Error {}

interface ClaimedRow {
  id: string;
  version_id: string;
  cursor: string | null;
  cases_total: number | null;
  attempts: number;
  actor_id: string | null;
}

function toProgress(row: Prisma.ScreeningRescreenGetPayload<object>): RescreenProgress {
  return {
    id: row.id,
    versionId: row.versionId,
    status: row.status as RescreenStatus,
    casesTotal: row.casesTotal,
    casesDone: row.casesDone,
    newHits: row.newHits,
    newFlaggedHits: row.newFlaggedHits,
    casesWithNewHits: row.casesWithNewHits,
    error: row.error,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

/** Records the re-screen of a version just put in use (inside that transaction); a second call does nothing. */
export async function queueRescreen(
  tx: Prisma.TransactionClient | PrismaClient,
  versionId: string,
  actorId: string | null,
): Promise<void> {
  await tx.screeningRescreen.createMany({
    data: [{ versionId, status: "pending", actorId }],
    skipDuplicates: true,
  });
}

export function rescreenJobs(prisma: PrismaClient, work: RescreenWork, settings: RescreenSettings) {
  const workerId = `${hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  let stopping = false;

  async function claim(versionId?: string): Promise<ClaimedRow | undefined> {
    const only = versionId ?? null;
    const [row] = await prisma.$queryRaw<ClaimedRow[]>`
      UPDATE screening_rescreen SET
        status = 'running', locked_by = ${workerId},
        locked_until = now() + make_interval(secs => ${settings.leaseMs / 1000}),
        attempts = attempts + 1, started_at = coalesce(started_at, now())
      WHERE id = (
        SELECT id FROM screening_rescreen
        WHERE status IN ('pending', 'running')
          AND (locked_until IS NULL OR locked_until < now())
          AND (${only}::uuid IS NULL OR version_id = ${only}::uuid)
        ORDER BY created_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, version_id, cursor, cases_total, attempts, actor_id`;
    return row;
  }

  async function finish(
    tx: Prisma.TransactionClient,
    job: ClaimedRow,
    status: "done" | "failed",
    error: string | null,
  ): Promise<void> {
    const updated = await tx.screeningRescreen.updateMany({
      where: { id: job.id, lockedBy: workerId },
      data: { status, error, finishedAt: new Date(), lockedBy: null, lockedUntil: null },
    });
    if (updated.count !== 1) throw new LostLeaseError();
    const row = await tx.screeningRescreen.findUniqueOrThrow({ where: { id: job.id } });
    await recordAudit(tx, {
      actorId: job.actor_id,
      action: status === "done" ? "screening.rescreen_finished" : "screening.rescreen_failed",
      entityType: "screening_list_version",
      entityId: job.version_id,
      toState: status,
      details: {
        rescreenId: job.id,
        casesTotal: row.casesTotal,
        casesDone: row.casesDone,
        newHits: row.newHits,
        newFlaggedHits: row.newFlaggedHits,
        casesWithNewHits: row.casesWithNewHits,
        error,
      },
    });
  }

  /** Works one claimed job to its end (or until the lease is lost or the process stops). */
  async function workOn(
    job: ClaimedRow,
    onProgress?: (progress: RescreenProgress) => void,
    collect?: BatchOutcome["cases"],
  ): Promise<void> {
    if (job.attempts > settings.maxAttempts || !(await work.versionUsable(job.version_id))) {
      const reason =
        job.attempts > settings.maxAttempts
          ? `Gave up after ${settings.maxAttempts} attempts.`
          : "The list version is not in use.";
      await prisma.$transaction((tx) => finish(tx, job, "failed", reason));
      return;
    }
    if (job.cases_total === null) {
      const total = await prisma.proposal.count({ where: { ...casesToScreen, submissions: { some: {} } } });
      await prisma.screeningRescreen.update({ where: { id: job.id }, data: { casesTotal: total } });
    }
    let cursor = job.cursor;
    for (;;) {
      if (stopping) {
        // Let a restart (or another process) resume at once rather than after the lease.
        await prisma.screeningRescreen.updateMany({
          where: { id: job.id, lockedBy: workerId },
          data: { lockedBy: null, lockedUntil: null },
        });
        return;
      }
      const batch = await prisma.proposal.findMany({
        where: { ...casesToScreen, submissions: { some: {} }, ...(cursor ? { id: { gt: cursor } } : {}) },
        orderBy: { id: "asc" },
        take: settings.batchSize,
        select: {
          id: true,
          reference: true,
          assigneeId: true,
          submissions: { orderBy: { number: "desc" }, take: 1, select: { answers: true } },
        },
      });
      if (batch.length === 0) break;
      const cases: RescreenCase[] = batch.map((proposal) => {
        const answers = proposal.submissions[0]?.answers;
        return {
          id: proposal.id,
          reference: proposal.reference,
          assigneeId: proposal.assigneeId,
          answers: answers && typeof answers === "object" && !Array.isArray(answers) ? answers : undefined,
        };
      });
      const write = await work.screenBatch(job.version_id, cases, job.actor_id);
      const last = batch[batch.length - 1]?.id ?? null;
      const progress = await prisma.$transaction(async (tx) => {
        const found = await write(tx);
        const updated = await tx.screeningRescreen.updateMany({
          where: { id: job.id, lockedBy: workerId },
          data: {
            cursor: last,
            casesDone: { increment: batch.length },
            newHits: { increment: found.newHits },
            newFlaggedHits: { increment: found.newFlaggedHits },
            casesWithNewHits: { increment: found.cases.length },
            lockedUntil: new Date(Date.now() + settings.leaseMs),
            error: null,
          },
        });
        // Another worker took the job over (this one stalled past its lease): undo this batch.
        if (updated.count !== 1) throw new LostLeaseError();
        collect?.push(...found.cases);
        return toProgress(await tx.screeningRescreen.findUniqueOrThrow({ where: { id: job.id } }));
      });
      cursor = last;
      onProgress?.(progress);
    }
    await prisma.$transaction((tx) => finish(tx, job, "done", null));
    onProgress?.(toProgress(await prisma.screeningRescreen.findUniqueOrThrow({ where: { id: job.id } })));
  }

  /** After a failure the job waits (the lease) and is claimed again, up to maxAttempts. */
  async function release(job: ClaimedRow, error: unknown): Promise<void> {
    await prisma.screeningRescreen.updateMany({
      where: { id: job.id, lockedBy: workerId },
      data: {
        error: error instanceof Error ? error.message.slice(0, 1000) : String(error),
        lockedBy: null,
        lockedUntil: new Date(Date.now() + Math.min(settings.leaseMs, 5_000 * 2 ** (job.attempts - 1))),
      },
    });
  }

  async function runClaimed(
    job: ClaimedRow,
    options: { onProgress?: (progress: RescreenProgress) => void; collect?: BatchOutcome["cases"]; logger?: Logger },
  ): Promise<void> {
    try {
      await workOn(job, options.onProgress, options.collect);
    } catch (error) {
      if (error instanceof LostLeaseError) {
        options.logger?.warn({ rescreenId: job.id }, "re-screening: another worker took the job over");
        return;
      }
      options.logger?.error({ err: error, rescreenId: job.id }, "re-screening failed; it will be tried again");
      await release(job, error).catch(() => {});
      throw error;
    }
  }

  /** Claims and works every claimable job, oldest first (the worker's tick; tests call it directly). */
  async function runPending(
    options: { onProgress?: (progress: RescreenProgress) => void; logger?: Logger } = {},
  ): Promise<number> {
    let worked = 0;
    for (;;) {
      if (stopping) return worked;
      const job = await claim();
      if (!job) return worked;
      await runClaimed(job, options);
      worked++;
    }
  }

  return {
    runPending,

    /**
     * Works the job of one version in this process (the command line's --wait, tests),
     * returning the cases with new hits that this process found. Undefined when no
     * worker may take it now (another process holds it: follow it with `progress`).
     */
    async runVersion(
      versionId: string,
      options: { onProgress?: (progress: RescreenProgress) => void; logger?: Logger } = {},
    ): Promise<BatchOutcome["cases"] | undefined> {
      const job = await claim(versionId);
      if (!job) return undefined;
      const collect: BatchOutcome["cases"] = [];
      await runClaimed(job, { ...options, collect });
      return collect;
    },

    async progress(versionId: string): Promise<RescreenProgress | undefined> {
      const row = await prisma.screeningRescreen.findUnique({ where: { versionId } });
      return row ? toProgress(row) : undefined;
    },

    /** The latest jobs, newest first (the admin page). */
    async recent(limit = 20): Promise<RescreenProgress[]> {
      const rows = await prisma.screeningRescreen.findMany({ orderBy: { createdAt: "desc" }, take: limit });
      return rows.map(toProgress);
    },

    /** Polls for jobs in the background; a job left by a process that died is resumed once its lease ends. */
    start(logger?: Logger): void {
      if (timer) return;
      stopping = false;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        running = runPending({ logger })
          .catch((error: unknown) => logger?.error({ err: error }, "re-screening worker"))
          .finally(() => {
            busy = false;
          });
      }, settings.pollMs);
      timer.unref();
    },

    /** Stops after the batch in hand and lets go of the job, for a restart or another process to resume. */
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type RescreenJobs = ReturnType<typeof rescreenJobs>;
