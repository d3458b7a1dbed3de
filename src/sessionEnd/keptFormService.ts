// Forms posted after their session had ended: kept for a short while, then shown again,
// filled in, to the same person once they have signed in again. Never submitted from here.
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";

/** How long a kept form waits for its author to sign in again. */
export const keptFormMinutes = 30;

export interface KeptForm {
  postPath: string;
  body: Record<string, string | string[]>;
}

const hashOf = (token: string) => createHash("sha256").update(token).digest("base64url");

export function keptFormService(prisma: PrismaClient) {
  return {
    /** Keeps the form; returns the token for the browser's cookie (only its hash is stored). */
    async keep(form: KeptForm & { personTag: string }, now = new Date()): Promise<string> {
      const token = randomBytes(32).toString("base64url");
      await prisma.$transaction([
        prisma.keptForm.deleteMany({ where: { expiresAt: { lte: now } } }),
        prisma.keptForm.create({
          data: {
            tokenHash: hashOf(token),
            personTag: form.personTag,
            postPath: form.postPath,
            body: form.body,
            expiresAt: new Date(now.getTime() + keptFormMinutes * 60_000),
          },
        }),
      ]);
      return token;
    },

    /**
     * The kept form, for its own author only, once: it is removed whoever asks, so a
     * token cannot be tried twice, and two tabs cannot both restore it.
     */
    async take(token: string, personTag: string, now = new Date()): Promise<KeptForm | undefined> {
      const tokenHash = hashOf(token);
      const row = await prisma.keptForm.findUnique({ where: { tokenHash } });
      if (!row) return undefined;
      const { count } = await prisma.keptForm.deleteMany({ where: { tokenHash } });
      if (count !== 1 || row.personTag !== personTag || row.expiresAt <= now) return undefined;
      return { postPath: row.postPath, body: row.body as KeptForm["body"] };
    },
  };
}

export type KeptFormService = ReturnType<typeof keptFormService>;
