import type { Router } from "express";
import { isUuid } from "../db/uuid";
import { pageNotFound } from "./refusals";

/**
 * Route parameters that name a row by its UUID, in every route of the table. A value that
 * is not a UUID names nothing: 404 before any handler, rather than a database error.
 * A route that needs a non-UUID parameter gives it another name (as `:route` does).
 */
const uuidParams = ["id", "taskId", "grantId", "matchId", "attachmentId"] as const;

export function refuseMalformedIds(router: Router): void {
  for (const name of uuidParams) {
    router.param(name, (_req, res, next, value: unknown) => {
      if (typeof value === "string" && isUuid(value)) {
        next();
        return;
      }
      pageNotFound(res);
    });
  }
}
