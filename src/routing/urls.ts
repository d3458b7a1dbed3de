// Every URL the app links to, built in one place.
export const urls = {
  home: "/",
  signIn: "/sign-in",
  signInDevelopment: "/sign-in/development",
  signOut: "/sign-out",
  /** Only local paths: an absolute or protocol-relative URL could send people off-site. */
  safeReturnTo(candidate: unknown): string {
    if (typeof candidate !== "string") return "/";
    if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\")) return "/";
    return candidate;
  },
} as const;
