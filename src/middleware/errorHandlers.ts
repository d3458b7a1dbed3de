import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { ConflictError, ForbiddenError, GoneError, NotFoundError } from "../domain/errors";
import { pageNotFound } from "../routing/refusals";
import { clientRequestId } from "./requestIds";

export function notFound(_req: Request, res: Response) {
  pageNotFound(res);
}

function statusOf(error: unknown): number {
  const status =
    (error as { status?: unknown; statusCode?: unknown } | null)?.status ??
    (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 600 ? status : 500;
}

/**
 * The last handler. Whatever failed (Prisma, a template, a bug), the page shows a
 * neutral message and a reference id that matches the log line; never a stack trace,
 * SQL or Prisma text.
 */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = statusOf(error);
    const reference = typeof req.id === "string" ? req.id : "unknown";
    const traced = { reference, clientRequestId: clientRequestId(req), path: req.path };
    if (res.headersSent) {
      logger.error({ err: error, ...traced }, "request failed after the response began");
      return;
    }
    if (error instanceof NotFoundError) {
      pageNotFound(res);
      return;
    }
    if (error instanceof ForbiddenError) {
      res.status(403).render("errors/forbidden", {
        title: error.explanation ? "You cannot do this" : "You cannot view this page",
        explanation: error.explanation,
      });
      return;
    }
    if (error instanceof ConflictError) {
      res.status(409).render("errors/conflict", {
        title: "Someone else changed this case",
        changedBy: error.changedBy,
        changedAt: error.changedAt,
        returnUrl: error.returnUrl ?? req.originalUrl,
      });
      return;
    }
    if (error instanceof GoneError) {
      res.status(410).render("errors/gone", {
        title: error.explanation,
        explanation: error.explanation,
        returnUrl: error.returnUrl,
      });
      return;
    }
    if ((error as { code?: unknown } | null)?.code === "EBADCSRFTOKEN") {
      logger.warn(traced, "rejected a form without a valid token");
      res.status(403).render("errors/sessionExpired", { title: "Your session has expired" });
      return;
    }
    if (status === 413 || status === 400) {
      logger.warn({ ...traced, status }, "rejected a malformed request");
      res.status(status).render("errors/badRequest", { title: "There is a problem with your request", reference });
      return;
    }
    logger.error({ err: error, ...traced }, "request failed");
    res.status(500).render("errors/serverError", { title: "Sorry, there is a problem", reference });
  };
}
