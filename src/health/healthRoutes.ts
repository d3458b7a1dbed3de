import express from "express";
import type { PrismaClient } from "../generated/prisma/client";

/** Mounted before sessions and authentication: load balancers call these anonymously. */
export function setUpHealth(prisma: PrismaClient) {
  const router = express.Router();
  router.get("/healthz", (_req, res) => {
    res.type("text/plain").send("ok");
  });
  router.get("/readyz", async (_req, res) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.type("text/plain").send("ready");
    } catch {
      res.status(503).type("text/plain").send("database unavailable");
    }
  });
  return router;
}
