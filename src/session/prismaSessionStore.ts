// express-session's store in our own database (the same on PGlite and PostgreSQL), so
// sessions survive a restart and sign-out or disabling a person really ends them.
import session from "express-session";
import type { SessionData } from "express-session";
import type { PrismaClient } from "../generated/prisma/client";

type Callback<T = void> = (error?: unknown, value?: T) => void;

/** Touches (expiry extensions) closer together than this are skipped: saves a write per request. */
const touchIntervalMs = 60_000;

export class PrismaSessionStore extends session.Store {
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly idleMs: number,
  ) {
    super();
  }

  private expiry(data: SessionData): Date {
    const expires = data.cookie?.expires;
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMs);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    this.prisma.session
      .findUnique({ where: { sid } })
      .then((row) => {
        if (!row || row.expiresAt.getTime() <= Date.now()) return callback(undefined, null);
        callback(undefined, row.data as unknown as SessionData);
      })
      .catch(callback);
  }

  override set(sid: string, data: SessionData, callback: Callback = () => {}): void {
    const expiresAt = this.expiry(data);
    const userId = data.userId ?? null;
    const json = JSON.parse(JSON.stringify(data));
    this.prisma.session
      .upsert({
        where: { sid },
        create: { sid, data: json, userId, expiresAt },
        update: { data: json, userId, expiresAt },
      })
      .then(() => {
        this.lastTouched.set(sid, Date.now());
        callback();
      })
      .catch(callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    this.lastTouched.delete(sid);
    this.prisma.session
      .deleteMany({ where: { sid } })
      .then(() => callback())
      .catch(callback);
  }

  override touch(sid: string, data: SessionData, callback: Callback = () => {}): void {
    const now = Date.now();
    if (now - (this.lastTouched.get(sid) ?? 0) < touchIntervalMs) return callback();
    if (this.lastTouched.size > 50_000) this.lastTouched.clear();
    this.lastTouched.set(sid, now);
    this.prisma.session
      .updateMany({ where: { sid }, data: { expiresAt: this.expiry(data) } })
      .then(() => callback())
      .catch(callback);
  }

  /** Ends every session of one person (sign-out everywhere, or a disabled account). */
  async destroyAllForUser(userId: string): Promise<number> {
    const { count } = await this.prisma.session.deleteMany({ where: { userId } });
    return count;
  }

  async deleteExpired(): Promise<number> {
    const { count } = await this.prisma.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
    return count;
  }
}
