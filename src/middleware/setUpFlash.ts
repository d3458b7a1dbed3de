import express from "express";

/**
 * A success message for the page after an action: the action's handler calls flash() before
 * its 303 redirect, and the next page the person opens shows it once (views/layout/head.ejs,
 * a GOV.UK success banner, role=alert). Kept in the session, so it survives the redirect and
 * shows nowhere else.
 */
export function flash(req: express.Request, text: string): void {
  req.session.flash = text;
}

/** Moves a waiting message into the page being shown (a GET), and out of the session. */
export function setUpFlash() {
  const router = express.Router();
  router.use((req, res, next) => {
    const session = req.session as typeof req.session | undefined;
    if (req.method === "GET" && session?.flash) {
      res.locals.flash = session.flash;
      delete session.flash;
    }
    next();
  });
  return router;
}
