// A least-privilege PostgreSQL set-up: an owner role that owns the schema and runs the
// migrations (MIGRATION_DATABASE_URL), and the app's role (DATABASE_URL) that may read
// and write rows but owns nothing. A role that owns nothing cannot ALTER, DROP or
// TRUNCATE a table, nor DISABLE TRIGGER the triggers that keep records unchanged, and a
// role that is not a superuser cannot switch triggers off with session_replication_role.
// `npm run db:roles` prints these statements as a psql script.

export interface RoleNames {
  database: string;
  owner: string;
  app: string;
}

export const defaultRoleNames: RoleNames = { database: "spo", owner: "spo_owner", app: "spo_app" };

const identifier = /^[a-z_][a-z0-9_]{0,62}$/;

/** The job queue's schema (src/notifications/jobQueue.ts; a constant there, kept here to import nothing). */
const jobQueueSchema = "pgboss";

/** A double-quoted identifier; names are checked first, so nothing can be injected. */
function quoted(name: string): string {
  if (!identifier.test(name)) {
    throw new Error(`"${name}" is not a plain PostgreSQL name: use lower-case letters, digits and _`);
  }
  return `"${name}"`;
}

function createRole(name: string): string {
  // Idempotent: a second run changes nothing. No password here: set one with \password.
  return `DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${name}') THEN
    CREATE ROLE ${quoted(name)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
  END IF;
END $$`;
}

/**
 * Statements run as a superuser on any database of the server: the two roles, and the
 * database owned by the owner role (`existingDatabase`: hand an existing one over instead).
 */
export function serverStatements(names: RoleNames, options: { existingDatabase?: boolean } = {}): string[] {
  const database = quoted(names.database);
  return [
    createRole(names.owner),
    createRole(names.app),
    options.existingDatabase
      ? `ALTER DATABASE ${database} OWNER TO ${quoted(names.owner)}`
      : `CREATE DATABASE ${database} OWNER ${quoted(names.owner)}`,
  ];
}

/**
 * A PL/pgSQL loop (inside a DO block) giving the owner role every table, type and function
 * of `schema` that another role made (an earlier migration run as someone else).
 */
function handOverObjects(schema: string, owner: string): string {
  return `  FOR item IN SELECT format('ALTER TABLE ${schema}.%I OWNER TO %I', tablename, '${owner}') AS statement
                FROM pg_tables WHERE schemaname = '${schema}' AND tableowner <> '${owner}'
  UNION ALL SELECT format('ALTER TYPE ${schema}.%I OWNER TO %I', t.typname, '${owner}')
                FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
               WHERE n.nspname = '${schema}' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0
                 AND pg_get_userbyid(t.typowner) <> '${owner}'
  UNION ALL SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, '${owner}')
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = '${schema}' AND pg_get_userbyid(p.proowner) <> '${owner}'
  LOOP
    EXECUTE item.statement;
  END LOOP;`;
}

/**
 * Statements run as a superuser connected to the database itself. Safe to run before the
 * first migration (default privileges cover the tables migrations create later) and on a
 * database already migrated as someone else (its objects are handed to the owner).
 */
export function databaseStatements(names: RoleNames): string[] {
  const { owner, app } = { owner: quoted(names.owner), app: quoted(names.app) };
  const database = quoted(names.database);
  return [
    `REVOKE ALL ON DATABASE ${database} FROM PUBLIC`,
    `GRANT CONNECT ON DATABASE ${database} TO ${app}`,
    `ALTER SCHEMA public OWNER TO ${owner}`,
    `REVOKE ALL ON SCHEMA public FROM PUBLIC`,
    `GRANT USAGE ON SCHEMA public TO ${app}`,
    // Tables, sequences, types and functions made by an earlier migration as another role.
    `DO $$
DECLARE
  item record;
BEGIN
${handOverObjects("public", names.owner)}
END $$`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    // The job queue's schema (pgboss), made by a migration as the owner: the app's role uses
    // it and reads and writes its rows, as in public. For every schema the owner makes later,
    // and for one a migration already made (--existing on a database migrated as another role).
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} GRANT USAGE ON SCHEMAS TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`,
    `ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    `DO $$
DECLARE
  item record;
BEGIN
  IF EXISTS (SELECT FROM pg_namespace WHERE nspname = '${jobQueueSchema}') THEN
    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', '${jobQueueSchema}', '${names.owner}');
${handOverObjects(jobQueueSchema, names.owner)}
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', '${jobQueueSchema}', '${names.app}');
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', '${jobQueueSchema}', '${names.app}');
  END IF;
END $$`,
  ];
}

/** The whole set-up as one psql script (`psql -v ON_ERROR_STOP=1 -f ...` as a superuser). */
export function psqlScript(names: RoleNames, options: { existingDatabase?: boolean } = {}): string {
  const statement = (sql: string) => `${sql};\n`;
  return [
    "-- A least-privilege set-up for the International partnerships app (npm run db:roles).",
    `-- ${names.owner} owns the schema and runs migrations: MIGRATION_DATABASE_URL.`,
    `-- ${names.app} is the app's own connection: DATABASE_URL. It may read and write rows`,
    "-- but cannot TRUNCATE, ALTER, DROP or DISABLE TRIGGER. Set passwords afterwards with",
    `-- \\password ${names.owner} and \\password ${names.app} (nothing secret is written here).`,
    "",
    ...serverStatements(names, options).map(statement),
    `\\connect ${names.database}`,
    ...databaseStatements(names).map(statement),
  ].join("\n");
}
