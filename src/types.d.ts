import type { CurrentUser } from "./domain/roles";

declare module "express-session" {
  interface SessionData {
    userId?: string;
    /** When the person signed in: the absolute timeout counts from here. */
    signedInAt?: number;
  }
}

declare global {
  namespace Express {
    interface Locals {
      user?: CurrentUser;
      cspNonce: string;
      csrfToken?: string;
      routeName?: string;
      currentPath: string;
    }
  }
}

export {};
