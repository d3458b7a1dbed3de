// Failures that mean something to the person who hit them. Services throw these; the
// central error handler turns each into its page and status, so routes never map errors
// themselves (they catch only to show a form again).

/** Not there, or not theirs to see: the same answer either way, so nobody learns which. */
export class NotFoundError extends Error {
  readonly status = 404;
  constructor(message = "Not found") {
    super(message);
  }
}

/** Signed in, but not allowed. `explanation` says why and who can act instead. */
export class ForbiddenError extends Error {
  readonly status = 403;
  constructor(readonly explanation?: string) {
    super(explanation ?? "Forbidden");
  }
}

/** Someone else changed the record since the page was loaded; nothing was saved. */
export class ConflictError extends Error {
  readonly status = 409;
  constructor(
    readonly changedBy: string | null,
    readonly changedAt: Date | null,
    /** Where to look at the record as it is now. */
    readonly returnUrl?: string,
  ) {
    super("The record was changed by someone else");
  }
}

/** It existed once and is closed now (a sign-off already signed, a case withdrawn). */
export class GoneError extends Error {
  readonly status = 410;
  constructor(
    readonly explanation: string,
    readonly returnUrl?: string,
  ) {
    super(explanation);
  }
}

/** The action does not fit the record as it stands; the message says why, in plain words. */
export class ActionNotAllowedError extends Error {
  readonly status = 409;
}
