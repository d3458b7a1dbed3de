// Keeps the embedded database off a full or read-only disk. PGlite cannot survive either:
// once PostgreSQL fails to create a WAL segment it spins at 100% CPU inside WebAssembly,
// the event loop never returns, requests and /readyz hang and SIGTERM goes unheard. So
// changes are refused while the data directory's free space is below DATA_MIN_FREE_MB, or
// while the folder cannot be written, well before PostgreSQL would run out; reads go on.
//
// On PostgreSQL (and the in-memory database) there is no folder of ours to watch: the
// guard always says yes unless a probe is given (the tests give one).
import { statfs, unlink, writeFile } from "node:fs/promises";
import path from "node:path";

export interface StorageReading {
  /** Bytes this process may still write under the data directory. */
  freeBytes: number;
  /** Whether a file can be created there (false on a read-only mount or folder). */
  writable: boolean;
}

/** Reads the data directory's disk; injectable so tests can simulate a nearly full one. */
export type StorageProbe = () => Promise<StorageReading>;

export type StorageStatus =
  | { canSave: true; freeBytes?: number }
  | { canSave: false; reason: "low-space" | "read-only" | "unknown"; freeBytes?: number };

const stateOf = (status: StorageStatus) => (status.canSave ? "ok" : status.reason);

const unwritable = new Set(["EROFS", "EACCES", "EPERM"]);

/** The real probe: statfs for the space, and creating (then removing) a small file for writability. */
export function diskProbe(dataDir: string): StorageProbe {
  const probeFile = path.join(dataDir, ".spo-write-check");
  return async () => {
    const stats = await statfs(dataDir);
    let writable = true;
    try {
      await writeFile(probeFile, "");
      await unlink(probeFile);
    } catch (error) {
      if (unwritable.has((error as NodeJS.ErrnoException).code ?? "")) writable = false;
      else if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
    }
    return { freeBytes: stats.bavail * stats.bsize, writable };
  };
}

export interface StorageGuardOptions {
  probe?: StorageProbe;
  minFreeBytes: number;
  /** A reading younger than this is reused: at most one probe a second under load. */
  maxAgeMs?: number;
}

export function storageGuard(options: StorageGuardOptions) {
  const { probe, minFreeBytes, maxAgeMs = 1_000 } = options;
  let last: { at: number; status: StorageStatus } | undefined;
  let reading: Promise<StorageStatus> | undefined;
  const listeners: ((status: StorageStatus, previous: StorageStatus | undefined) => void)[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function measure(): Promise<StorageStatus> {
    if (!probe) return { canSave: true };
    let status: StorageStatus;
    try {
      const { freeBytes, writable } = await probe();
      status = !writable
        ? { canSave: false, reason: "read-only", freeBytes }
        : freeBytes < minFreeBytes
          ? { canSave: false, reason: "low-space", freeBytes }
          : { canSave: true, freeBytes };
    } catch {
      // The folder cannot even be examined (removed, unmounted): do not write into the unknown.
      status = { canSave: false, reason: "unknown" };
    }
    const previous = last?.status;
    last = { at: Date.now(), status };
    if (!previous || stateOf(previous) !== stateOf(status)) {
      for (const listener of listeners) listener(status, previous);
    }
    return status;
  }

  /** The current state, probed again if the last reading is older than maxAgeMs. */
  function status(): Promise<StorageStatus> {
    if (last && Date.now() - last.at < maxAgeMs) return Promise.resolve(last.status);
    reading ??= measure().finally(() => {
      reading = undefined;
    });
    return reading;
  }

  return {
    status,
    /** Probes now, whatever the age of the last reading. */
    check: () => {
      last = undefined;
      return status();
    },
    /** Called with the first reading, and then whenever saving becomes possible or impossible. */
    onChange(listener: (status: StorageStatus, previous: StorageStatus | undefined) => void) {
      listeners.push(listener);
    },
    /** Probes every intervalMs, so the state (and its log line) changes even when nobody writes. */
    watch(intervalMs: number) {
      if (!probe || timer) return;
      timer = setInterval(() => void status(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type StorageGuard = ReturnType<typeof storageGuard>;
