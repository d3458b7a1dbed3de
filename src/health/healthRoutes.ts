import express from "express";
import type { PrismaClient } from "../generated/prisma/client";
import type { StorageGuard } from "../storage/storageGuard";

/** Mounted before sessions and authentication: load balancers call these anonymously. */
export function setUpHealth(prisma: PrismaClient, storage: StorageGuard) {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  router.get("/readyz", async (_req, res) => {
    // Not ready while changes cannot be saved: a load balancer sends people elsewhere, and
    // the embedded database is never asked to write to a full disk.
    const storageStatus = await storage.status();
    if (!storageStatus.canSave) {
      res.status(503).type("text/plain").send(`storage: cannot save changes (${storageStatus.reason})`);
      return;
    }
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.type("text/plain").send("ready");
    } catch {
      res.status(503).type("text/plain").send("database unavailable");
    }
  });
  return router;
}
