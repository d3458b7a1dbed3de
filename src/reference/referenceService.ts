// The reference data in force: the newest version in the database. Versions are never
// changed in place, so a version, once read, can be cached for good.
import type { PrismaClient } from "../generated/prisma/client";
import { referenceDataSchema, type ReferenceData } from "./defaults";

export function referenceService(prisma: PrismaClient) {
  const byVersion = new Map<number, ReferenceData>();
  return {
    async current(): Promise<ReferenceData> {
      const latest = await prisma.referenceDataVersion.findFirst({
        orderBy: { version: "desc" },
        select: { version: true },
      });
      if (!latest) throw new Error("No reference data: the database was not seeded");
      const cached = byVersion.get(latest.version);
      if (cached) return cached;
      const row = await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: latest.version } });
      const data = referenceDataSchema.parse({ ...(row.data as object), version: row.version });
      byVersion.set(row.version, data);
      return data;
    },
  };
}

export type ReferenceService = ReturnType<typeof referenceService>;
