import express from "express";

const unsafeMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * A second line behind the CSRF token: browsers say where a request comes from. A
 * state-changing request that a browser marks as cross-site, or whose Origin is not this
 * site, is refused before it reaches any form handler. (The SAML callback, a legitimate
 * cross-site POST, is mounted before this.)
 */
export function setUpRequestOrigin() {
  const router = express.Router();
  router.use((req, res, next) => {
    if (!unsafeMethods.has(req.method)) {
      next();
      return;
    }
    const fetchSite = req.get("sec-fetch-site");
    const origin = req.get("origin");
    const ownOrigin = `${req.protocol}://${req.get("host")}`;
    if (fetchSite === "cross-site" || (origin && origin !== "null" && origin !== ownOrigin) || origin === "null") {
      res.status(403).render("errors/sessionExpired", { title: "Your session has expired" });
      return;
    }
    next();
  });
  return router;
}
