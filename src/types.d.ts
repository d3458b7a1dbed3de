import type { CurrentUser } from "./domain/roles";
import type { LazyCsrfToken } from "./middleware/setUpCsrf";
import type { SamlSubject } from "./signIn/saml/identity";

declare module "express-session" {
  interface SessionData {
    userId?: string;
    /** When the person signed in: the absolute timeout counts from here. */
    signedInAt?: number;
    /** Who the IdP said signed in (NameID, session index): for single logout. */
    samlSubject?: SamlSubject;
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
      /** What waits for the signed-in person (src/notifications/setUpAttentionCount.ts). */
      attentionCount?: number;
      /** A success message from the last action, shown once (src/middleware/setUpFlash.ts). */
      flash?: string;
    }
  }
}

export {};
