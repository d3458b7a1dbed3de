import type { CurrentUser } from "./domain/roles";
import type { LazyCsrfToken } from "./middleware/setUpCsrf";

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
      /** Printed into forms; made (with the session) when first printed. */
      csrfToken?: LazyCsrfToken;
      routeName?: string;
      currentPath: string;
    }
  }
}

export {};
