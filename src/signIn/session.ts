// Starting a signed-in session.
import type { Request } from "express";
import type { SessionData } from "express-session";

function regenerate(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error) => (error ? reject(error) : resolve())));
}

function save(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error) => (error ? reject(error) : resolve())));
}

/**
 * A new session id at sign-in: the id an attacker may have planted before is dead.
 * `extra` keeps what single sign-on needs for single logout (the IdP's NameID and session index).
 */
export async function startSession(
  req: Request,
  userId: string,
  extra: Pick<SessionData, "samlSubject"> = {},
): Promise<void> {
  await regenerate(req);
  Object.assign(req.session, extra);
  req.session.userId = userId;
  req.session.signedInAt = Date.now();
  await save(req);
}
