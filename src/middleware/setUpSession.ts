import express from "express";
import session from "express-session";
import type { Config } from "../config";
import type { PrismaSessionStore } from "../session/prismaSessionStore";

/** Sessions in the database; idle timeout by a rolling cookie, absolute timeout by sign-in time. */
export function setUpSession(config: Config, store: PrismaSessionStore) {
  const router = express.Router();
  router.use(
    session({
      name: config.session.cookieName,
      secret: config.session.secrets,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      unset: "destroy",
      cookie: {
        httpOnly: true,
        secure: config.session.secureCookie,
        sameSite: "lax",
        path: "/",
        maxAge: config.session.idleMs,
      },
    }),
  );
  router.use((req, res, next) => {
    const signedInAt = req.session.signedInAt;
    if (signedInAt && Date.now() - signedInAt > config.session.absoluteMs) {
      return req.session.destroy((error) => {
        if (error) return next(error);
        res.clearCookie(config.session.cookieName, { path: "/" });
        res.redirect(303, "/sign-in?expired=1");
      });
    }
    next();
  });
  return router;
}
