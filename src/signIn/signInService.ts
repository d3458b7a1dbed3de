import type { PrismaClient } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";

export function signInService(prisma: PrismaClient) {
  return {
    async recordSignIn(userId: string, method: "development" | "saml", details: Record<string, string> = {}) {
      await recordAudit(prisma, {
        actorId: userId,
        action: "user.signed_in",
        entityType: "user",
        entityId: userId,
        details: { method, ...details },
      });
    },
    async recordSignOut(userId: string) {
      await recordAudit(prisma, { actorId: userId, action: "user.signed_out", entityType: "user", entityId: userId });
    },
  };
}
