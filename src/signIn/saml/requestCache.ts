// node-saml's request cache in our database: the id of every AuthnRequest we send is
// kept until its response comes back (or the request lifetime passes), so
// `validateInResponseTo: "always"` holds on any instance of the app, after a restart too.
import type { CacheItem, CacheProvider } from "@node-saml/node-saml";
import type { PrismaClient } from "../../generated/prisma/client";

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

  async saveAsync(key: string, _value: string): Promise<CacheItem | null> {
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

  async removeAsync(key: string | null): Promise<string | null> {
    if (!key) return null;
    const { count } = await this.prisma.samlRequest.deleteMany({ where: { id: key } });
    return count > 0 ? key : null;
  }

  async sweep(now = Date.now()): Promise<void> {
    if (now - this.lastSweep < sweepIntervalMs) return;
    this.lastSweep = now;
    await this.prisma.samlRequest.deleteMany({ where: { createdAt: { lte: this.oldestValid() } } });
  }
}
