// The embedded database belongs to one process. PGlite keeps its pages in memory and
// writes them back on its own schedule, so a second process on the same data directory
// (a second `npm start`, `npm run seed:bulk` or `db:migrate` beside the app) would work on
// a stale copy and the two would overwrite each other's acknowledged writes. Whoever opens
// the directory first holds a lock file in it; anyone else is refused with the holder's
// pid, host, command and start time.
//
// The lock file is created whole and atomically (written to a private file, then hard
// linked into place, which fails if the lock exists). A lock left by a process that died
// without releasing it (kill -9, a power cut) is stale: its pid is gone from this host,
// or belongs to another process since (the start time differs), or the host has rebooted
// since. A stale lock is taken over under a short-lived guard folder, so two processes
// starting at once cannot both take it.
import { randomUUID } from "node:crypto";
import { constants, readFileSync, unlinkSync } from "node:fs";
import { access, link, mkdir, open, readFile, rmdir, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import path from "node:path";
import { z } from "zod";
import { StartupError } from "../startup/startupError";

export const lockFileName = "spo.lock";

const holderSchema = z.object({
  token: z.string(),
  pid: z.number().int().positive(),
  host: z.string(),
  command: z.string(),
  since: z.string(),
  /** Linux: changes at every boot, so a lock from before a reboot is stale whatever its pid. */
  bootId: z.string().optional(),
  /** Linux: the holder's start time in clock ticks since boot, so a reused pid is told apart. */
  processStart: z.string().optional(),
});
type Holder = z.infer<typeof holderSchema>;

export interface DataDirLock {
  readonly lockPath: string;
  release(): Promise<void>;
}

/** Locks held by this process: a second open of the same directory here is refused too. */
const heldHere = new Set<string>();

function readProc(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Field 22 of /proc/<pid>/stat; the command name (field 2) may hold spaces, so count after its ")". */
function processStartOf(pid: number): string | undefined {
  const stat = readProc(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  return stat
    .slice(stat.lastIndexOf(")") + 2)
    .split(" ")
    .at(22 - 3);
}

/** What started this process, shortened for a message: "node dist/server.js", "tsx scripts/seed-bulk.ts 1000". */
function describeCommand(): string {
  const [runtime = "node", script, ...rest] = process.argv;
  const parts = [path.basename(runtime)];
  if (script) parts.push(path.isAbsolute(script) ? path.relative(process.cwd(), script) || script : script);
  return [...parts, ...rest].join(" ").slice(0, 200);
}

function thisProcess(): Holder {
  return {
    token: randomUUID(),
    pid: process.pid,
    host: hostname(),
    command: describeCommand(),
    since: new Date().toISOString(),
    bootId: readProc("/proc/sys/kernel/random/boot_id"),
    processStart: processStartOf(process.pid),
  };
}

type Reading = { kind: "missing" } | { kind: "unreadable" } | { kind: "held"; holder: Holder };

async function readHolder(lockPath: string): Promise<Reading> {
  let text: string;
  try {
    text = await readFile(lockPath, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    throw error;
  }
  try {
    return { kind: "held", holder: holderSchema.parse(JSON.parse(text)) };
  } catch {
    return { kind: "unreadable" };
  }
}

/** Whether the holder may still be running. Another host's process cannot be checked: assume it is. */
function holderMayBeAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  const bootId = readProc("/proc/sys/kernel/random/boot_id");
  if (holder.bootId && bootId && holder.bootId !== bootId) return false;
  // Our own pid, but not our lock (we would have it in heldHere): an earlier process that
  // had the same pid, as a container's first process always does.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    // EPERM: alive, under another user.
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  const start = processStartOf(holder.pid);
  if (holder.processStart && start && start !== holder.processStart) return false;
  return true;
}

function describeHolder(dataDir: string, lockPath: string, holder: Holder): string {
  const where = holder.host === hostname() ? `on this host (${holder.host})` : `on host ${holder.host}`;
  const elsewhere =
    holder.host === hostname()
      ? ""
      : ` If that process is no longer running there, delete ${lockPath} and start again.`;
  return (
    `the data directory ${dataDir} is in use by process ${holder.pid} ${where}, ` +
    `"${holder.command}", since ${holder.since}. The embedded database belongs to one process: ` +
    `stop that one first (or use PostgreSQL, DATABASE_URL, to run several).${elsewhere}`
  );
}

function cannotWrite(dataDir: string, error: unknown): StartupError {
  const code = (error as NodeJS.ErrnoException).code ?? "error";
  const reason =
    code === "ENOSPC"
      ? "its disk is full"
      : code === "EROFS"
        ? "it is on a read-only file system"
        : code === "EACCES" || code === "EPERM"
          ? "this user may not write there"
          : (error as Error).message.replace(/^[A-Z]+: /, "");
  return new StartupError(
    `the data directory ${dataDir} cannot be written (${code}: ${reason}). ` +
      `The embedded database needs a writable folder: fix the mount or permissions, or set DATA_DIR.`,
  );
}

/**
 * A recursive mkdir under a read-only mount fails with ENOENT; the nearest folder that
 * exists says why (EROFS, EACCES).
 */
async function whyNotCreated(dataDir: string, error: unknown): Promise<unknown> {
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") return error;
  let folder = path.dirname(dataDir);
  while (
    !(await access(folder).then(
      () => true,
      () => false,
    )) &&
    path.dirname(folder) !== folder
  ) {
    folder = path.dirname(folder);
  }
  return access(folder, constants.W_OK).then(
    () => error,
    (reason: unknown) => reason,
  );
}

/** Creates the lock file whole: false if another one is there. */
async function tryCreate(dataDir: string, lockPath: string, me: Holder): Promise<boolean> {
  const privatePath = `${lockPath}.${me.token}`;
  try {
    const file = await open(privatePath, "wx", 0o644);
    try {
      await file.writeFile(`${JSON.stringify(me)}\n`);
      await file.sync();
    } finally {
      await file.close();
    }
  } catch (error) {
    await unlink(privatePath).catch(() => {});
    throw cannotWrite(dataDir, error);
  }
  try {
    await link(privatePath, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw cannotWrite(dataDir, error);
  } finally {
    await unlink(privatePath).catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Removes a stale lock, if it is still the one judged stale, under a guard only one process can hold. */
async function takeOver(lockPath: string, stale: Reading): Promise<void> {
  const guard = `${lockPath}.takeover`;
  try {
    await mkdir(guard);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    // Another process is taking over. A guard this old belongs to one that died doing it.
    const age = await stat(guard).then(
      (info) => Date.now() - info.mtimeMs,
      () => 0,
    );
    if (age > 10_000) await rmdir(guard).catch(() => {});
    else await sleep(25);
    return;
  }
  try {
    const now = await readHolder(lockPath);
    const same =
      (now.kind === "unreadable" && stale.kind === "unreadable") ||
      (now.kind === "held" && stale.kind === "held" && now.holder.token === stale.holder.token);
    if (same) await unlink(lockPath);
  } finally {
    await rmdir(guard).catch(() => {});
  }
}

/**
 * Takes the data directory for this process (creating it if need be), or throws a
 * StartupError naming the process that has it, or saying why the folder cannot be written.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const lockPath = path.join(dataDir, lockFileName);
  if (heldHere.has(lockPath)) {
    throw new StartupError(`the data directory ${dataDir} is already open in this process.`);
  }
  try {
    await mkdir(dataDir, { recursive: true });
  } catch (error) {
    throw cannotWrite(dataDir, await whyNotCreated(dataDir, error));
  }
  const me = thisProcess();
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await tryCreate(dataDir, lockPath, me)) return held(lockPath, me);
    const reading = await readHolder(lockPath);
    if (reading.kind === "missing") continue;
    if (reading.kind === "held" && holderMayBeAlive(reading.holder)) {
      throw new StartupError(describeHolder(dataDir, lockPath, reading.holder));
    }
    await takeOver(lockPath, reading);
  }
  throw new StartupError(`could not lock the data directory ${dataDir}: other processes kept taking it.`);
}

function held(lockPath: string, me: Holder): DataDirLock {
  heldHere.add(lockPath);
  // A process that exits without closing the database (process.exit, an uncaught error)
  // still leaves no lock behind; only kill -9 or a crash does, and that one is stale.
  const releaseOnExit = () => {
    try {
      const { token } = holderSchema.pick({ token: true }).parse(JSON.parse(readFileSync(lockPath, "utf8")));
      if (token === me.token) unlinkSync(lockPath);
    } catch {
      // gone already, or not ours
    }
  };
  process.on("exit", releaseOnExit);
  let released = false;
  return {
    lockPath,
    release: async () => {
      if (released) return;
      released = true;
      process.off("exit", releaseOnExit);
      heldHere.delete(lockPath);
      const reading = await readHolder(lockPath).catch((): Reading => ({ kind: "missing" }));
      if (reading.kind === "held" && reading.holder.token === me.token) await unlink(lockPath).catch(() => {});
    },
  };
}
