// What a valid assertion changes in the database, as one transaction: the assertion id is
// used up (a replay stops here), and the person is created on first sign-in or their name,
// e-mail and department brought up to date from the IdP. Roles stay managed in the app.
import type { Prisma, PrismaClient } from "../../generated/prisma/client";
import { recordAudit } from "../../audit/auditLog";
import { recordAssertionOnce, sweepUsedAssertions } from "./replayGuard";
import type { SamlIdentity } from "./checks";

export type SamlSignInOutcome =
  { kind: "signedIn"; userId: string; created: boolean } | { kind: "replayed" } | { kind: "disabled"; userId: string };

const sweepIntervalMs = 60_000;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

export function samlSignInService(prisma: PrismaClient) {
  let lastSweep = 0;

  async function upsertPerson(tx: Prisma.TransactionClient, identity: SamlIdentity) {
    const department = identity.departmentCode
      ? await tx.department.findUnique({ where: { code: identity.departmentCode }, select: { id: true } })
      : null;
    const existing = await tx.user.findUnique({ where: { username: identity.username } });
    if (!existing) {
      const user = await tx.user.create({
        data: {
          username: identity.username,
          displayName: identity.displayName,
          email: identity.email,
          departmentId: department?.id ?? null,
        },
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.created",
        entityType: "user",
        entityId: user.id,
        details: { source: "saml", department: department ? identity.departmentCode : null },
      });
      return { user, created: true };
    }
    const changes: Prisma.UserUpdateInput = {};
    if (existing.displayName !== identity.displayName) changes.displayName = identity.displayName;
    if (identity.email && existing.email !== identity.email) changes.email = identity.email;
    // An unknown department code leaves the department as it was.
    if (department && existing.departmentId !== department.id) changes.department = { connect: { id: department.id } };
    const fields = Object.keys(changes);
    if (fields.length === 0) return { user: existing, created: false };
    const user = await tx.user.update({ where: { id: existing.id }, data: changes });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.updated",
      entityType: "user",
      entityId: user.id,
      details: { source: "saml", fields },
    });
    return { user, created: false };
  }

  async function attempt(
    assertion: { id: string; notOnOrAfter: Date },
    identity: SamlIdentity,
  ): Promise<SamlSignInOutcome> {
    return prisma.$transaction(async (tx) => {
      if (!(await recordAssertionOnce(tx, assertion))) return { kind: "replayed" } as const;
      const { user, created } = await upsertPerson(tx, identity);
      if (user.disabled) return { kind: "disabled", userId: user.id } as const;
      return { kind: "signedIn", userId: user.id, created } as const;
    });
  }

  return {
    /**
     * Uses up the assertion and brings the person's record up to date. Two first sign-ins
     * of one new person at the same moment (two different assertions) collide on the
     * username: the loser's transaction is rolled back whole and tried once more.
     */
    async acceptAssertion(
      assertion: { id: string; notOnOrAfter: Date },
      identity: SamlIdentity,
    ): Promise<SamlSignInOutcome> {
      await this.sweep();
      try {
        return await attempt(assertion, identity);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return attempt(assertion, identity);
      }
    },

    async sweep(now = Date.now()): Promise<void> {
      if (now - lastSweep < sweepIntervalMs) return;
      lastSweep = now;
      await sweepUsedAssertions(prisma, new Date(now));
    },
  };
}

export type SamlSignInService = ReturnType<typeof samlSignInService>;
