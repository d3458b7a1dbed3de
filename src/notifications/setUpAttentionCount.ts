import type { NextFunction, Request, Response } from "express";
import type { NotificationService } from "./notificationService";

/** The number beside "Needs your attention" in the navigation, on every page a signed-in person gets. */
export function setUpAttentionCount(notifications: Pick<NotificationService, "attention">) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const { user } = res.locals;
    if (user && (req.method === "GET" || req.method === "HEAD")) {
      res.locals.attentionCount = await notifications.attention.count(user);
    }
    next();
  };
}
