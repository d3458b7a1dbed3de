// Configuration is read from the environment once, validated here, and passed on as a
// typed object. Nothing else in src/ reads process.env.
import path from "node:path";
import { z } from "zod";
import { StartupError } from "../startup/startupError";
import { resolveSamlSettings, samlRequested } from "./saml";
import { parseTrustProxy, trustProxyHelp } from "./trustProxy";

const developmentSecret = "development-only-session-secret-do-not-use-in-production";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

/** A flag that is on unless set to false (or 0). */
const onUnlessFalse = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value !== "false" && value !== "0");

/** Unset or empty (as an .env file leaves it): undefined. */
const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => value || undefined);

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Worker processes serving HTTP on PostgreSQL (node:cluster); the embedded database allows one. */
    WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    DATABASE_URL: z.string().startsWith("postgres").optional(),
    /**
     * The owner role that runs migrations, when the app's DATABASE_URL is a role that may
     * not change the schema (docs: "A least-privilege database").
     */
    MIGRATION_DATABASE_URL: optionalText.pipe(z.string().startsWith("postgres").optional()),
    /** Named statements on PostgreSQL; false for a connection pooler that cannot keep them. */
    DATABASE_PREPARED_STATEMENTS: onUnlessFalse,
    /** The embedded database's folder; ":memory:" keeps it in memory (tests). */
    DATA_DIR: z.string().default("./data"),
    /** Below this much free space under DATA_DIR, changes are refused (503) before the disk fills. */
    DATA_MIN_FREE_MB: z.coerce.number().int().min(0).default(200),
    /** Compiled templates are kept (production speed); `npm run dev` turns this off to reload edited views. */
    VIEW_CACHE: onUnlessFalse,
    /** Comma-separated: the first signs new cookies, the rest are still accepted (rotation). */
    SESSION_SECRET: z.string().optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(10),
    /** The proxies in front of the app: a hop count or their addresses (src/config/trustProxy.ts). */
    TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, context) => {
        const parsed = parseTrustProxy(value);
        if (parsed === undefined) context.addIssue({ code: "custom", message: trustProxyHelp });
        return parsed ?? false;
      }),
    SEED_DEMO_DATA: booleanFlag,
    QUEUE_AGE_HIGHLIGHT_DAYS: z.coerce.number().int().positive().default(10),
    /** Per minute: sign-in attempts per address, submits per person. */
    SIGN_IN_RATE_LIMIT: z.coerce.number().int().positive().default(30),
    SUBMIT_RATE_LIMIT: z.coerce.number().int().positive().default(20),
    /** University single sign-on (SAML 2.0): see src/config/saml.ts and the README. */
    SAML_IDP_METADATA_FILE: optionalText,
    SAML_IDP_METADATA_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    SAML_IDP_METADATA_CERT: optionalText,
    SAML_IDP_METADATA_REFRESH_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
    SAML_IDP_CERT: optionalText,
    SAML_IDP_SSO_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    SAML_IDP_ISSUER: optionalText.pipe(z.string().max(1024).optional()),
    SAML_SP_ENTITY_ID: optionalText.pipe(z.string().max(1024).optional()),
    SAML_SP_PRIVATE_KEY: optionalText,
    SAML_SP_CERT: optionalText,
    SAML_SP_ENCRYPTION_KEY: optionalText,
    SAML_SP_ENCRYPTION_CERT: optionalText,
    SAML_USERNAME_SCOPE: optionalText.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9.-]{1,253}$/, "must be a domain such as cam.ac.uk")
        .optional(),
    ),
    SAML_ATTRIBUTE_PERSON_ID: optionalText,
    SAML_ATTRIBUTE_SCOPED_PERSON_ID: optionalText,
    SAML_ATTRIBUTE_DISPLAY_NAME: optionalText,
    SAML_ATTRIBUTE_EMAIL: optionalText,
    SAML_ATTRIBUTE_DEPARTMENT: optionalText,
    SAML_ATTRIBUTE_AFFILIATION: optionalText,
    SAML_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
    SAML_REQUEST_TTL_MINUTES: z.coerce.number().int().positive().max(1440).default(15),
    /** Sanctions screening: hits are shown from this score and flagged from the next. */
    SCREENING_SHOW_THRESHOLD: z.coerce.number().min(0).max(1).default(0.5),
    SCREENING_FLAG_THRESHOLD: z.coerce.number().min(0).max(1).default(0.7),
    /** OpenSanctions data needs a licence for institutional use: set only when the University holds one. */
    SCREENING_OPENSANCTIONS_LICENSED: booleanFlag,
    SCREENING_UPLOAD_MAX_MB: z.coerce.number().int().positive().max(1024).default(100),
    /** The largest attachment a proposal or case takes, in bytes (20 MB by default). */
    ATTACHMENT_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(200 * 1024 * 1024)
      .default(20 * 1024 * 1024),
    /** Outgoing mail: smtp://user:pass@host:587 (STARTTLS when the server offers it) or smtps://. Unset: mail is kept for admins at /admin/outbox. */
    SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
    MAIL_FROM: z.string().trim().min(3).max(320).default("SPO Partnerships <no-reply@localhost>"),
    /** Working days before a task is due (a reminder then; an escalation when overdue by as many again). */
    DUE_WORKING_DAYS_SIGN_OFF: z.coerce.number().int().min(1).max(60).default(5),
    DUE_WORKING_DAYS_REVIEW: z.coerce.number().int().min(1).max(60).default(10),
    DUE_WORKING_DAYS_INFORMATION: z.coerce.number().int().min(1).max(60).default(10),
    /** The mail worker: off only for a process that must not send (it still queues). */
    NOTIFY_WORKER: onUnlessFalse,
    /** The outbox is drained into the job queue, and the job queue polled, this often (polls at least every 0.5 s). */
    NOTIFY_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(2_000),
    /** Sending is tried this many times, the wait doubling from the base (capped at 30 minutes). */
    NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
    NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
    /** A delivery job not finished within this time (its process died) is run again by pg-boss. */
    NOTIFY_LOCK_SECONDS: z.coerce.number().int().min(1).max(3_600).default(120),
  })
  .superRefine((env, context) => {
    if (env.MIGRATION_DATABASE_URL && !env.DATABASE_URL) {
      context.addIssue({
        code: "custom",
        path: ["MIGRATION_DATABASE_URL"],
        message: "needs DATABASE_URL too (the app's own connection)",
      });
    }
    if (env.SCREENING_SHOW_THRESHOLD > env.SCREENING_FLAG_THRESHOLD) {
      context.addIssue({
        code: "custom",
        path: ["SCREENING_SHOW_THRESHOLD"],
        message: "must not be above SCREENING_FLAG_THRESHOLD",
      });
    }
    if (env.NODE_ENV !== "production") return;
    const secrets = (env.SESSION_SECRET ?? "").split(",").filter(Boolean);
    if (secrets.length === 0 || secrets.some((secret) => secret.length < 32)) {
      context.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message: "is required in production (32 characters or more each)",
      });
    }
    if (env.TRUST_PROXY === true) {
      context.addIssue({
        code: "custom",
        path: ["TRUST_PROXY"],
        message:
          "true trusts every hop, so any client could choose its own address by sending X-Forwarded-For (and so dodge the per-address sign-in limit): give the number of proxies in front of the app (e.g. 1) or their addresses",
      });
    }
    if (!env.BASE_URL?.startsWith("https://")) {
      context.addIssue({ code: "custom", path: ["BASE_URL"], message: "must be an https URL in production" });
    }
    if (!samlRequested(env)) {
      context.addIssue({
        code: "custom",
        path: ["SAML_IDP_METADATA_FILE"],
        message:
          "or SAML_IDP_METADATA_URL, or SAML_IDP_CERT, SAML_IDP_SSO_URL and SAML_IDP_ISSUER are required in production (University single sign-on)",
      });
    }
  });

export type Config = ReturnType<typeof loadConfig>;

/** A PostgreSQL server: the app's connection, and the owner's for migrations when they differ. */
export interface PostgresSettings {
  kind: "postgres";
  url: string;
  migrationUrl?: string | undefined;
  /**
   * Named (prepared) statements, kept per connection (src/db/statementNames.ts): on unless
   * DATABASE_PREPARED_STATEMENTS=false, for a connection pooler that cannot keep them.
   */
  preparedStatements?: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new StartupError(`invalid configuration: ${problems.join("; ")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  const baseUrl = e.BASE_URL ?? `http://localhost:${e.PORT}`;
  const samlProblems: { path: string; message: string }[] = [];
  const saml = resolveSamlSettings(e, baseUrl, samlProblems);
  if (samlProblems.length > 0) {
    throw new StartupError(
      `invalid configuration: ${samlProblems.map((problem) => `${problem.path}: ${problem.message}`).join("; ")}`,
    );
  }
  return {
    environment: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    webConcurrency: e.WEB_CONCURRENCY,
    baseUrl,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    viewCache: e.VIEW_CACHE,
    trustProxy: e.TRUST_PROXY,
    database: e.DATABASE_URL
      ? ({
          kind: "postgres",
          url: e.DATABASE_URL,
          migrationUrl: e.MIGRATION_DATABASE_URL,
          preparedStatements: e.DATABASE_PREPARED_STATEMENTS,
        } as PostgresSettings)
      : ({ kind: "pglite", dataDir: e.DATA_DIR === ":memory:" ? undefined : path.resolve(e.DATA_DIR) } as const),
    /** Free space kept under the embedded database's folder (see src/storage/). */
    storage: { minFreeBytes: e.DATA_MIN_FREE_MB * 1_048_576 },
    session: {
      secrets: (e.SESSION_SECRET ?? developmentSecret).split(",").filter(Boolean),
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
      /** `__Host-` needs Secure, which browsers only honour over https (or localhost). */
      cookieName: production ? "__Host-spo.sid" : "spo.sid",
      secureCookie: production,
    },
    /** Demo people and the development sign-in page: never in production. */
    demoMode: !production,
    /** University single sign-on; undefined when not configured (always set in production). */
    saml,
    /** The demo people's sign-in page: only outside production, and only without single sign-on. */
    developmentSignIn: !production && !saml,
    seedDemoData: !production && (e.SEED_DEMO_DATA || e.NODE_ENV === "development"),
    queueAgeHighlightDays: e.QUEUE_AGE_HIGHLIGHT_DAYS,
    rateLimits: { signInPerMinute: e.SIGN_IN_RATE_LIMIT, submitPerMinute: e.SUBMIT_RATE_LIMIT },
    notifications: {
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      dueWorkingDays: {
        signOff: e.DUE_WORKING_DAYS_SIGN_OFF,
        review: e.DUE_WORKING_DAYS_REVIEW,
        information: e.DUE_WORKING_DAYS_INFORMATION,
      },
      worker: e.NOTIFY_WORKER,
      pollMs: e.NOTIFY_POLL_MS,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      retryBaseMs: e.NOTIFY_RETRY_BASE_MS,
      lockMs: e.NOTIFY_LOCK_SECONDS * 1_000,
    },
    screening: {
      showThreshold: e.SCREENING_SHOW_THRESHOLD,
      flagThreshold: e.SCREENING_FLAG_THRESHOLD,
      openSanctionsLicensed: e.SCREENING_OPENSANCTIONS_LICENSED,
      uploadMaxBytes: e.SCREENING_UPLOAD_MAX_MB * 1024 * 1024,
    },
    attachments: { maxBytes: e.ATTACHMENT_MAX_BYTES },
  };
}

/** Settings the tests use: in-memory database, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  // Tests sign in and submit far faster than people do; the rate-limit tests set their own.
  return loadConfig({
    NODE_ENV: "test",
    DATA_DIR: ":memory:",
    SIGN_IN_RATE_LIMIT: "10000",
    SUBMIT_RATE_LIMIT: "10000",
    ...overrides,
  });
}
