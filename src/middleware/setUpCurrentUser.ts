import express from "express";
import type { UserService } from "../users/userService";
import type { PrismaSessionStore } from "../session/prismaSessionStore";

/** Loads the signed-in person on each request; a disabled or deleted person is signed out. */
export function setUpCurrentUser(users: UserService, sessions?: Pick<PrismaSessionStore, "takeUser">) {
  const router = express.Router();
  router.use(async (req, res, next) => {
    res.locals.currentPath = req.path;
    // Health checks run before the session middleware: they have no session at all.
    const userId = (req.session as typeof req.session | undefined)?.userId;
    if (!userId) {
      next();
      return;
    }
    // Usually loaded with the session, in the same query; otherwise looked up.
    const preloaded = sessions?.takeUser(req.sessionID, userId);
    const user = preloaded === undefined ? await users.findActive(userId) : preloaded;
    if (!user) {
      await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
      res.redirect(303, "/sign-in");
      return;
    }
    res.locals.user = user;
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  return router;
}
