import express from "express";
import type { UserService } from "../users/userService";

/** Loads the signed-in person on each request; a disabled or deleted person is signed out. */
export function setUpCurrentUser(users: UserService) {
  const router = express.Router();
  router.use(async (req, res, next) => {
    res.locals.currentPath = req.path;
    // Health checks run before the session middleware: they have no session at all.
    const userId = (req.session as typeof req.session | undefined)?.userId;
    if (!userId) {
      next();
      return;
    }
    const user = await users.findActive(userId);
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
