// express-session's store in our own database (the same on PGlite and PostgreSQL), so
// sessions survive a restart and sign-out or disabling a person really ends them.
import session from "express-session";
import type { SessionData } from "express-session";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import type { CurrentUser } from "../domain/roles";
import { currentUserColumns, currentUserFrom, currentUserJoins, type CurrentUserRow } from "../users/userService";

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * The idle timeout is exact: a session ends exactly the idle limit after its last request,
 * whichever instance served it. Writing the new end on every request would cost a write
 * (and a commit) per page view, so a touch is written behind, batched with every other
 * session's touches: one UPDATE per `writeBehindMs` per process. That is safe only while
 * the stored end is comfortably ahead, so a request is never refused for a touch not yet
 * written: a touch is written behind only when the stored end is more than half the idle
 * limit away, and at once otherwise (a person back after a pause: rare).
 */
export class PrismaSessionStore extends session.Store {
  /** Each session's end as last read from or written to the database by this process. */
  private readonly storedEnds = new Map<string, number>();
  /** Touches not yet written: the latest end per session. */
  private readonly pending = new Map<string, number>();
  private writeTimer: NodeJS.Timeout | undefined;
  /** The person each session read loaded, until setUpCurrentUser takes them. */
  private readonly users = new Map<string, { userId: string; user: CurrentUser | null }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly idleMs: number,
    private readonly writeBehindMs = 1_000,
  ) {
    super();
  }

  private expiry(data: SessionData): Date {
    // The cookie's end, as express-session set it for this response (rolling).
    const { expires } = data.cookie as { expires?: Date | string | null };
    return expires ? new Date(expires) : new Date(Date.now() + this.idleMs);
  }

  private remember(sid: string, end: number): void {
    // Bounded: forgetting only means the next touch of that session is written at once.
    if (this.storedEnds.size > 100_000) this.storedEnds.clear();
    this.storedEnds.set(sid, end);
  }

  override get(sid: string, callback: Callback<SessionData | null>): void {
    // The session and its person (with their roles) in one round trip: every signed-in
    // request needs both, and setUpCurrentUser takes the person from here (takeUser).
    this.prisma.$queryRaw<(CurrentUserRow & { data: unknown; expires_at: Date; session_user_id: string | null })[]>`
      SELECT s."data", s."expires_at", s."user_id" AS "session_user_id", ${currentUserColumns}
        FROM "session" s
        LEFT JOIN "app_user" u ON u."id" = s."user_id" ${currentUserJoins}
       WHERE s."sid" = ${sid}
       ORDER BY r."created_at"`
      .then((rows) => {
        const row = rows[0];
        const stored = row?.expires_at.getTime() ?? 0;
        // A touch this process has not yet written is as true as the stored end.
        if (!row || Math.max(stored, this.pending.get(sid) ?? 0) <= Date.now()) {
          callback(undefined, null);
          return;
        }
        this.remember(sid, stored);
        if (row.session_user_id) {
          // Bounded: a request that ends before it looks up its person (a refused form) leaves its entry.
          if (this.users.size > 10_000) this.users.clear();
          this.users.set(sid, { userId: row.session_user_id, user: currentUserFrom(rows) });
        }
        callback(undefined, row.data as SessionData);
      })
      .catch(callback);
  }

  /**
   * The person of the session `sid` as its read in this request loaded them: the active
   * user with their roles, null if they are disabled or gone, or undefined if the read
   * did not load `userId` (then the caller looks them up itself).
   */
  takeUser(sid: string, userId: string): CurrentUser | null | undefined {
    const entry = this.users.get(sid);
    this.users.delete(sid);
    return entry?.userId === userId ? entry.user : undefined;
  }

  override set(sid: string, data: SessionData, callback: Callback = () => {}): void {
    const expiresAt = this.expiry(data);
    const userId = data.userId ?? null;
    const json = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonObject;
    this.prisma.session
      .upsert({
        where: { sid },
        create: { sid, data: json, userId, expiresAt },
        update: { data: json, userId, expiresAt },
      })
      .then(() => {
        this.remember(sid, expiresAt.getTime());
        callback();
      })
      .catch(callback);
  }

  override destroy(sid: string, callback: Callback = () => {}): void {
    this.storedEnds.delete(sid);
    this.pending.delete(sid);
    this.prisma.session
      .deleteMany({ where: { sid } })
      .then(() => callback())
      .catch(callback);
  }

  override touch(sid: string, data: SessionData, callback: Callback = () => {}): void {
    const end = this.expiry(data).getTime();
    const stored = this.storedEnds.get(sid);
    if (stored !== undefined && stored - Date.now() > this.idleMs / 2) {
      this.pending.set(sid, Math.max(end, this.pending.get(sid) ?? 0));
      this.writeTimer ??= setTimeout(() => void this.flush(), this.writeBehindMs).unref();
      callback();
      return;
    }
    this.writeEnds([[sid, end]])
      .then(() => callback())
      .catch(callback);
  }

  /** Writes every touch not yet written (on a timer, and at shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    if (this.pending.size === 0) return;
    const batch = [...this.pending];
    this.pending.clear();
    try {
      await this.writeEnds(batch);
    } catch (error) {
      // Those sessions keep their earlier stored end; a later request writes a new one.
      this.emit("writeFailed", error);
    }
  }

  /** Moves each session's end to the given time, never back (instances race). */
  private async writeEnds(ends: [string, number][]): Promise<void> {
    const sids = ends.map(([sid]) => sid);
    const times = ends.map(([, end]) => new Date(end).toISOString());
    await this.prisma.$executeRaw`
      UPDATE "session" AS s SET "expires_at" = GREATEST(s."expires_at", v."expires_at"::timestamptz)
        FROM unnest(${sids}::text[], ${times}::text[]) AS v("sid", "expires_at")
       WHERE s."sid" = v."sid"`;
    for (const [sid, end] of ends) this.remember(sid, Math.max(end, this.storedEnds.get(sid) ?? 0));
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
