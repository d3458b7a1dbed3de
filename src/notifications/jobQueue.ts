// The job queue: pg-boss 12 on the app's own database (PostgreSQL, or the embedded PGlite
// through pg-boss's PGlite adapter). Its schema is made by a Prisma migration
// (prisma/migrations/20261202040000_job_queue), as the owner role, because the app's role
// may not CREATE SCHEMA: so pg-boss starts with its own migration and schema creation off.
// Its queues are rows (not partitions, which would be tables the app's role cannot create),
// so the app creates them itself at start when they are missing.
import type { PgBoss } from "pg-boss";
import type { Database } from "../db/database";

export const jobQueueSchema = "pgboss";

/**
 * The queues: a delivery job that died (its retries spent: the database or the app failed,
 * not the mail server), which fails its message for admins; one delivery attempt of one
 * outbox message; the minute's reminders; the 08:00 digest. Made in this order, so the
 * dead-letter queue exists before the queue that names it.
 */
export const jobNames = {
  deliverDied: "notification-deliver-died",
  deliver: "notification-deliver",
  reminders: "notification-reminders",
  digest: "notification-digest",
} as const;

export interface JobQueueSettings {
  /** How long a delivery job may run before pg-boss takes it for dead (a killed process) and runs it again. */
  lockSeconds: number;
  /** Whether this process runs the schedules and the supervision (expiring dead jobs). */
  background: boolean;
}

/**
 * pg-boss is loaded here, on first use, not with the app: a server starts its worker after
 * it listens, and scripts and services that only write outbox rows never load it (about a
 * tenth of a second of start-up).
 */
export async function createJobQueue(
  database: Pick<Database, "jobQueueSource">,
  settings: JobQueueSettings,
): Promise<PgBoss> {
  const pgBoss = await import("pg-boss");
  const common = {
    schema: jobQueueSchema,
    migrate: false,
    createSchema: false,
    supervise: settings.background,
    schedule: settings.background,
    // Expired jobs are found by supervision: as often as a claim may expire, so a dead
    // process's messages wait no longer than before.
    superviseIntervalSeconds: Math.max(1, Math.min(60, settings.lockSeconds)),
    // The app's role owns no index, so it could not rebuild one.
    reindex: false,
    monitorVacuum: false,
  };
  const source = database.jobQueueSource;
  return source.kind === "pglite"
    ? new pgBoss.PgBoss({ ...common, backend: "pglite", db: pgBoss.fromPglite(source.pglite) })
    : new pgBoss.PgBoss({ ...common, connectionString: source.url, max: 3, application_name: "spo-jobs" });
}
