// What a valid assertion changes in the database, as one transaction: the request id and
// the assertion id are used up (a replay stops here), and the person is found (by their
// persistent NameID when the IdP sends one, else by username), created on first sign-in,
// or their name, e-mail, department and affiliations brought up to date from the IdP.
// Roles stay managed in the app.
import type { Prisma, PrismaClient, User } from "../../generated/prisma/client";
import { recordAudit } from "../../audit/auditLog";
import { recordAssertionOnce, sweepUsedAssertions } from "./replayGuard";
import type { SamlIdentity } from "./identity";

export type SamlSignInOutcome =
  | { kind: "signedIn"; userId: string; created: boolean }
  | { kind: "in-response-to" }
  | { kind: "replayed" }
  | { kind: "identity-conflict" }
  | { kind: "disabled"; userId: string };

export interface AcceptedAssertion {
  id: string;
  inResponseTo: string;
  notOnOrAfter: Date;
}

/** Uses up the request id inside the transaction: false if it is gone (used or expired). */
export type ConsumeRequest = (tx: Prisma.TransactionClient, requestId: string) => Promise<boolean>;

const sweepIntervalMs = 60_000;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

type Found = { user: User | null } | { conflict: true };

/**
 * The person this identity names. A persistent NameID we know wins (their username may
 * have changed); a username already tied to another persistent NameID from the same IdP
 * is someone else's (a reassigned username): neither is guessed at, both are refused.
 */
async function findPerson(tx: Prisma.TransactionClient, identity: SamlIdentity): Promise<Found> {
  const persistent = identity.persistentId;
  if (persistent) {
    const link = await tx.samlIdentity.findUnique({
      where: { issuer_nameId: { issuer: persistent.issuer, nameId: persistent.value } },
      include: { user: true },
    });
    if (link) {
      if (link.user.username !== identity.username) {
        const holder = await tx.user.findUnique({ where: { username: identity.username }, select: { id: true } });
        if (holder) return { conflict: true };
      }
      await tx.samlIdentity.update({ where: { id: link.id }, data: { lastSeenAt: new Date() } });
      return { user: link.user };
    }
  }
  const user = await tx.user.findUnique({ where: { username: identity.username } });
  if (user && persistent) {
    const other = await tx.samlIdentity.findUnique({
      where: { userId_issuer: { userId: user.id, issuer: persistent.issuer } },
      select: { id: true },
    });
    if (other) return { conflict: true };
    await tx.samlIdentity.create({ data: { userId: user.id, issuer: persistent.issuer, nameId: persistent.value } });
  }
  return { user };
}

export function samlSignInService(prisma: PrismaClient) {
  let lastSweep = 0;

  async function upsertPerson(tx: Prisma.TransactionClient, identity: SamlIdentity, existing: User | null) {
    const department = identity.departmentCode
      ? await tx.department.findUnique({ where: { code: identity.departmentCode }, select: { id: true } })
      : null;
    if (!existing) {
      const user = await tx.user.create({
        data: {
          username: identity.username,
          displayName: identity.displayName,
          email: identity.email,
          departmentId: department?.id ?? null,
          affiliations: identity.affiliations,
        },
      });
      if (identity.persistentId) {
        await tx.samlIdentity.create({
          data: { userId: user.id, issuer: identity.persistentId.issuer, nameId: identity.persistentId.value },
        });
      }
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
    if (existing.username !== identity.username) changes.username = identity.username;
    if (existing.displayName !== identity.displayName) changes.displayName = identity.displayName;
    if (identity.email && existing.email !== identity.email) changes.email = identity.email;
    // An unknown department code leaves the department as it was.
    if (department && existing.departmentId !== department.id) changes.department = { connect: { id: department.id } };
    if (!sameList(existing.affiliations, identity.affiliations)) changes.affiliations = identity.affiliations;
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
    assertion: AcceptedAssertion,
    identity: SamlIdentity,
    consumeRequest: ConsumeRequest,
  ): Promise<SamlSignInOutcome> {
    return prisma.$transaction(async (tx) => {
      if (!(await consumeRequest(tx, assertion.inResponseTo))) return { kind: "in-response-to" } as const;
      if (!(await recordAssertionOnce(tx, assertion))) return { kind: "replayed" } as const;
      const found = await findPerson(tx, identity);
      if ("conflict" in found) return { kind: "identity-conflict" } as const;
      const { user, created } = await upsertPerson(tx, identity, found.user);
      if (user.disabled) return { kind: "disabled", userId: user.id } as const;
      return { kind: "signedIn", userId: user.id, created } as const;
    });
  }

  return {
    /**
     * Uses up the request and the assertion and brings the person's record up to date.
     * Two first sign-ins of one new person at the same moment (two different assertions)
     * collide on the username: the loser's transaction is rolled back whole and tried once more.
     */
    async acceptAssertion(
      assertion: AcceptedAssertion,
      identity: SamlIdentity,
      consumeRequest: ConsumeRequest,
    ): Promise<SamlSignInOutcome> {
      await this.sweep();
      try {
        return await attempt(assertion, identity, consumeRequest);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        return attempt(assertion, identity, consumeRequest);
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
