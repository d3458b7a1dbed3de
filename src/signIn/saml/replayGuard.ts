// Each assertion signs someone in once. Its id goes into a table whose primary key refuses
// a second copy (INSERT … ON CONFLICT DO NOTHING): of ten simultaneous posts of one
// response, exactly one inserts the row; the database decides, not the process.
import type { Prisma, PrismaClient } from "../../generated/prisma/client";

/** Kept at least this long, whatever the assertion says about its own lifetime. */
const minimumRetentionMs = 60 * 60_000;

/** True if this is the first use of the assertion id; false for a replay. */
export async function recordAssertionOnce(
  db: Pick<Prisma.TransactionClient, "samlAssertion">,
  assertion: { id: string; notOnOrAfter: Date },
): Promise<boolean> {
  const expiresAt = new Date(Math.max(assertion.notOnOrAfter.getTime(), Date.now() + minimumRetentionMs));
  const { count } = await db.samlAssertion.createMany({
    data: [{ id: assertion.id, expiresAt }],
    skipDuplicates: true,
  });
  return count === 1;
}

/** Ids of assertions that could no longer be accepted anyway. */
export async function sweepUsedAssertions(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.samlAssertion.deleteMany({ where: { expiresAt: { lte: now } } });
  return count;
}
