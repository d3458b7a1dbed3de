import express from "express";
import type { UserService } from "../users/userService";

/** Loads the signed-in person on each request; a disabled or deleted person is signed out. */
export function setUpCurrentUser(users: UserService) {
  const router = express.Router();
  router.use(async (req, res, next) => {
    res.locals.currentPath = req.path;
    const userId = req.session?.userId;
    if (!userId) return next();
    const user = await users.findActive(userId);
    if (!user) {
      await new Promise<void>((resolve, reject) => req.session.destroy((error) => (error ? reject(error) : resolve())));
      return res.redirect(303, "/sign-in");
    }
    res.locals.user = user;
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  return router;
}
