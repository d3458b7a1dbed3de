export const sessionEndUrls = {
  /** Where a kept form is shown again, after signing in. */
  keptForm: "/kept-form",
  signInAgain: `/sign-in?expired=1&returnTo=${encodeURIComponent("/kept-form")}`,
  /** Asked by the timeout warning's "Stay signed in" button. */
  keepAlive: "/session/keep-alive",
} as const;
