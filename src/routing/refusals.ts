import type { Response } from "express";

/** Not there, or not yours: the same page either way, so nobody learns which. */
export function pageNotFound(res: Response): void {
  res.status(404).render("errors/notFound", { title: "Page not found" });
}

/** Signed in, but without the role or the unit this needs. */
export function forbidden(res: Response): void {
  res.status(403).render("errors/forbidden", { title: "You cannot view this page" });
}
