// Every page declares who may use it, what it is called in logs and the audit trail,
// and (for POSTs) the schema its form must match and how to show the form again when the
// input is invalid. `mountRoutes` applies all of it, so a new route cannot forget its
// access check or its validation, and a handler sees only valid input and a signed-in
// person typed by its access.
import type { NextFunction, Request, Response, Router } from "express";
import type { z } from "zod";
import type { CurrentUser, Role } from "../domain/roles";
import { hasAnyRole } from "../domain/roles";
import { ForbiddenError } from "../domain/errors";
import { formErrors, type FormErrors } from "./formErrors";
import { refuseUnstorableText } from "./unstorableText";

export type Access = { kind: "anyone" } | { kind: "signedIn" } | { kind: "roles"; roles: readonly Role[] };

export const anyone = { kind: "anyone" } as const;
export const signedIn = { kind: "signedIn" } as const;
export const rolesOnly = (...roles: Role[]) => ({ kind: "roles", roles }) as const;

/** What every handler receives: the request, the response, and the person, if the access needs one. */
export interface PageContext<A extends Access = Access> {
  req: Request;
  res: Response;
  user: A extends { kind: "anyone" } ? CurrentUser | undefined : CurrentUser;
}

/** The form as typed, and what is wrong with it: enough to show it again. */
export interface InvalidForm {
  errors: FormErrors;
  raw: Record<string, unknown>;
}

type GetHandler<A extends Access> = (context: PageContext<A>) => unknown;
type PostHandler<A extends Access, T> = (context: PageContext<A>, input: T) => unknown;
type InvalidHandler<A extends Access> = (context: PageContext<A>, form: InvalidForm) => unknown;

export type PageRoute =
  | { method: "get"; path: string; name: string; access: Access; handler: GetHandler<Access> }
  | {
      method: "post";
      path: string;
      name: string;
      access: Access;
      body: z.ZodType;
      handler: PostHandler<Access, never>;
      invalid: InvalidHandler<Access>;
      keepsTyping?: boolean;
    };

export function getRoute<A extends Access>(route: {
  path: string;
  name: string;
  access: A;
  handler: GetHandler<A>;
}): PageRoute {
  return { method: "get", ...route } as unknown as PageRoute;
}

/** A POST route: the handler's input is inferred from the schema; `invalid` shows the form again. */
export function postRoute<A extends Access, S extends z.ZodType>(route: {
  path: string;
  name: string;
  access: A;
  body: S;
  handler: PostHandler<A, z.output<S>>;
  invalid: InvalidHandler<A>;
  /**
   * A form people type into: posted after the session ended, it is kept, and shown again
   * (through `invalid`, with no errors) once its author has signed in again (src/sessionEnd/).
   */
  keepsTyping?: boolean;
}): PageRoute {
  return { method: "post", ...route } as unknown as PageRoute;
}

/** Fields every form carries that are not answers (the CSRF token). */
const transportFields = new Set(["_csrf"]);

export function formBody(req: Request): Record<string, unknown> {
  const body: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const source = (req.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!transportFields.has(key)) body[key] = source[key];
  }
  return body;
}

/** The context for this request, or the refusal already sent. */
export function contextFor(access: Access, req: Request, res: Response): PageContext | undefined {
  const user = res.locals.user;
  if (access.kind === "anyone") return { req, res, user };
  if (!user) {
    if (req.method === "GET") res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
    else res.status(401).render("errors/signedOut", { title: "You are signed out" });
    return undefined;
  }
  if (access.kind === "roles" && !hasAnyRole(user, access.roles)) throw new ForbiddenError();
  return { req, res, user };
}

export function mountRoutes(router: Router, routes: readonly PageRoute[]): void {
  for (const route of routes) {
    const named = (_req: Request, res: Response, next: NextFunction) => {
      res.locals.routeName = route.name;
      next();
    };
    if (route.method === "get") {
      router.get(route.path, named, (req, res) => {
        const context = contextFor(route.access, req, res);
        return context && route.handler(context);
      });
      continue;
    }
    const { body: schema, handler, invalid } = route;
    router.post(route.path, named, (req, res) => {
      const context = contextFor(route.access, req, res);
      if (!context) return;
      const raw = formBody(req);
      const parsed = schema.safeParse(raw);
      const input = refuseUnstorableText(
        parsed.success
          ? { ok: true as const, value: parsed.data as never, raw }
          : { ok: false as const, errors: formErrors(parsed.error), raw },
      );
      if (input.ok) return handler(context, input.value);
      return invalid(context, { errors: input.errors, raw: input.raw });
    });
  }
}
