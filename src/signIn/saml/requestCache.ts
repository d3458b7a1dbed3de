// node-saml's request cache in our database: the id of every AuthnRequest we send is
// kept until a sign-in that answers it completes (or the request lifetime passes), so
// `validateInResponseTo: "always"` holds on any instance of the app, after a restart too.
//
// node-saml removes the id whenever a response naming it fails, for any reason. Then a
// forged post naming someone's pending request id (a bad signature, or a genuine response
// from another browser) would cancel their sign-in. So removeAsync does nothing here: the
// id is used up only by `consume`, in the transaction that signs the person in, after
// every check has passed (and the response has come from the browser that asked).
import type { CacheItem, CacheProvider } from "@node-saml/node-saml";
import type { Prisma, PrismaClient } from "../../generated/prisma/client";

/** Expired rows are swept at most this often, by whichever request comes along. */
const sweepIntervalMs = 60_000;

export class PrismaSamlRequestCache implements CacheProvider {
  private lastSweep = 0;

  constructor(
    private readonly prisma: PrismaClient,
    /** How long a request id stays valid: older ones are treated as unknown. */
    private readonly ttlMs: number,
  ) {}

  private oldestValid(): Date {
    return new Date(Date.now() - this.ttlMs);
  }

  /** node-saml also passes the request's instant; the row's own creation time is what counts. */
  async saveAsync(key: string): Promise<CacheItem | null> {
    await this.sweep();
    const row = await this.prisma.samlRequest.create({ data: { id: key } });
    return { value: row.createdAt.toISOString(), createdAt: row.createdAt.getTime() };
  }

  /** The request's creation time (node-saml reads it as a date), or null if unknown or expired. */
  async getAsync(key: string): Promise<string | null> {
    const row = await this.prisma.samlRequest.findUnique({ where: { id: key } });
    if (!row || row.createdAt <= this.oldestValid()) return null;
    return row.createdAt.toISOString();
  }

  /** Deliberately nothing: see the note at the top. */
  removeAsync(key: string | null): Promise<string | null> {
    return Promise.resolve(key);
  }

  /**
   * Uses up a pending request id inside the sign-in transaction: true for the one caller
   * that deletes the row (of ten simultaneous posts, exactly one), false if it was gone or
   * expired.
   */
  async consume(tx: Pick<Prisma.TransactionClient, "samlRequest">, key: string): Promise<boolean> {
    const { count } = await tx.samlRequest.deleteMany({ where: { id: key, createdAt: { gt: this.oldestValid() } } });
    return count === 1;
  }

  async sweep(now = Date.now()): Promise<void> {
    if (now - this.lastSweep < sweepIntervalMs) return;
    this.lastSweep = now;
    await this.prisma.samlRequest.deleteMany({ where: { createdAt: { lte: this.oldestValid() } } });
  }
}
