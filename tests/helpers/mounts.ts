// Real file systems for the storage tests: a read-only folder (a read-only bind mount, as
// root; chmod does not stop root) and a small tmpfs that can really fill up. Each returns
// undefined, with the reason, where this machine cannot make one.
import { execFileSync } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Mounted {
  path: string;
  remove(): Promise<void>;
}

export type MountResult = { ok: true; mounted: Mounted } | { ok: false; reason: string };

function mount(args: string[]): string | undefined {
  try {
    execFileSync("mount", args, { stdio: "pipe" });
    return undefined;
  } catch (error) {
    return ((error as { stderr?: Buffer }).stderr?.toString() ?? String(error)).trim();
  }
}

const unmount = (folder: string) => execFileSync("umount", [folder], { stdio: "pipe" });

/** A folder nothing can be written to: the given content is copied in first (a data directory, say). */
export async function readOnlyFolder(prepare?: (folder: string) => Promise<void>): Promise<MountResult> {
  const base = await mkdtemp(path.join(tmpdir(), "spo-readonly-"));
  const source = path.join(base, "source");
  const target = path.join(base, "readonly");
  execFileSync("mkdir", ["-p", source, target]);
  await prepare?.(source);
  const removeBase = () => rm(base, { recursive: true, force: true });
  if (process.getuid?.() !== 0) {
    // Not root: permissions are enough.
    await chmod(source, 0o555);
    return {
      ok: true,
      mounted: {
        path: source,
        remove: async () => {
          await chmod(source, 0o755);
          await removeBase();
        },
      },
    };
  }
  const failure = mount(["--bind", "-o", "ro", source, target]);
  if (failure) {
    await removeBase();
    return { ok: false, reason: `running as root, and a read-only bind mount is not allowed here: ${failure}` };
  }
  return {
    ok: true,
    mounted: {
      path: target,
      remove: async () => {
        unmount(target);
        await removeBase();
      },
    },
  };
}

/** A tmpfs of the given size in MB: a disk that really fills. Root only. */
export async function smallDisk(sizeMb: number): Promise<MountResult> {
  const folder = await mkdtemp(path.join(tmpdir(), "spo-smalldisk-"));
  if (process.getuid?.() !== 0) {
    await rm(folder, { recursive: true, force: true });
    return { ok: false, reason: "mounting a tmpfs needs root" };
  }
  const failure = mount(["-t", "tmpfs", "-o", `size=${sizeMb}m`, "tmpfs", folder]);
  if (failure) {
    await rm(folder, { recursive: true, force: true });
    return { ok: false, reason: `mounting a tmpfs is not allowed here: ${failure}` };
  }
  return {
    ok: true,
    mounted: {
      path: folder,
      remove: async () => {
        unmount(folder);
        await rm(folder, { recursive: true, force: true });
      },
    },
  };
}
