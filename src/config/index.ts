// Configuration is read from the environment once, validated here, and passed on as a
// typed object. Nothing else in src/ reads process.env.
import path from "node:path";
import { z } from "zod";

const developmentSecret = "development-only-session-secret-do-not-use-in-production";

const booleanFlag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const environmentSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    HOST: z.string().default("127.0.0.1"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
    DATABASE_URL: z.string().startsWith("postgres").optional(),
    /** The embedded database's folder; ":memory:" keeps it in memory (tests). */
    DATA_DIR: z.string().default("./data"),
    /** Comma-separated: the first signs new cookies, the rest are still accepted (rotation). */
    SESSION_SECRET: z.string().optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(10),
    TRUST_PROXY: booleanFlag,
    SEED_DEMO_DATA: booleanFlag,
    QUEUE_AGE_HIGHLIGHT_DAYS: z.coerce.number().int().positive().default(10),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== "production") return;
    const secrets = (env.SESSION_SECRET ?? "").split(",").filter(Boolean);
    if (secrets.length === 0 || secrets.some((secret) => secret.length < 32)) {
      context.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production (32 characters or more each)" });
    }
    if (!env.BASE_URL?.startsWith("https://")) {
      context.addIssue({ code: "custom", path: ["BASE_URL"], message: "must be an https URL in production" });
    }
  });

export type Config = ReturnType<typeof loadConfig>;

export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const parsed = environmentSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${problems.join("\n")}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  return {
    environment: e.NODE_ENV,
    production,
    host: e.HOST,
    port: e.PORT,
    baseUrl: e.BASE_URL ?? `http://localhost:${e.PORT}`,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === "test" ? "silent" : "info"),
    trustProxy: e.TRUST_PROXY,
    database: e.DATABASE_URL
      ? ({ kind: "postgres", url: e.DATABASE_URL } as const)
      : ({ kind: "pglite", dataDir: e.DATA_DIR === ":memory:" ? undefined : path.resolve(e.DATA_DIR) } as const),
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
    seedDemoData: !production && (e.SEED_DEMO_DATA || e.NODE_ENV === "development"),
    queueAgeHighlightDays: e.QUEUE_AGE_HIGHLIGHT_DAYS,
  };
}

/** Settings the tests use: in-memory database, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({ NODE_ENV: "test", DATA_DIR: ":memory:", ...overrides });
}
