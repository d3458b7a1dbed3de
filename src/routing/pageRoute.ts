// Every page declares who may use it, what it is called in logs and the audit trail,
// and (for POSTs) the schema its form must match. `mountRoutes` applies all three, so a
// new route cannot forget its access check or its validation.
import type { NextFunction, Request, Response, Router } from "express";
import type { z } from "zod";
import type { Role } from "../users/roles";
import { hasAnyRole } from "../users/roles";
import { formErrors, type FormErrors } from "./formErrors";
import { forbidden } from "./refusals";
import { refuseUnstorableText } from "./unstorableText";

export type Access = { kind: "anyone" } | { kind: "signedIn" } | { kind: "roles"; roles: readonly Role[] };

export const anyone: Access = { kind: "anyone" };
export const signedIn: Access = { kind: "signedIn" };
export const rolesOnly = (...roles: Role[]): Access => ({ kind: "roles", roles });

/** What a POST handler receives: the parsed form, or the errors and what was typed. */
export type FormInput<T> =
  | { ok: true; value: T; raw: Record<string, unknown> }
  | { ok: false; errors: FormErrors; raw: Record<string, unknown> };

type Handler = (req: Request, res: Response, next: NextFunction) => unknown;

export type PageRoute =
  | { method: "get"; path: string; name: string; access: Access; handler: Handler }
  | {
      method: "post";
      path: string;
      name: string;
      access: Access;
      body: z.ZodType;
      handler: (req: Request, res: Response, input: FormInput<never>) => unknown;
    };

/** A typed POST route: the handler's input is inferred from the schema. */
export function postRoute<S extends z.ZodType>(route: {
  path: string;
  name: string;
  access: Access;
  body: S;
  handler: (req: Request, res: Response, input: FormInput<z.output<S>>) => unknown;
}): PageRoute {
  return { method: "post", ...route } as PageRoute;
}

export function getRoute(route: { path: string; name: string; access: Access; handler: Handler }): PageRoute {
  return { method: "get", ...route };
}

/** Fields every form carries that are not answers (the CSRF token). */
const transportFields = new Set(["_csrf"]);

function formBody(req: Request): Record<string, unknown> {
  const body: Record<string, unknown> = Object.create(null);
  const source = (req.body ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(source)) {
    if (!transportFields.has(key)) body[key] = source[key];
  }
  return body;
}

function checkAccess(access: Access) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (access.kind === "anyone") return next();
    const user = res.locals.user;
    if (!user) {
      if (req.method === "GET") return res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return res.status(401).render("errors/signedOut", { title: "You are signed out" });
    }
    if (access.kind === "roles" && !hasAnyRole(user, access.roles)) {
      return forbidden(res);
    }
    next();
  };
}

export function mountRoutes(router: Router, routes: readonly PageRoute[]): void {
  for (const route of routes) {
    const guard = checkAccess(route.access);
    const named = (req: Request, res: Response, next: NextFunction) => {
      res.locals.routeName = route.name;
      next();
    };
    if (route.method === "get") {
      router.get(route.path, named, guard, route.handler);
      continue;
    }
    if (!route.body) throw new Error(`Missing validation schema for POST route ${route.path}`);
    const schema = route.body;
    router.post(route.path, named, guard, (req, res) => {
      const raw = formBody(req);
      const parsed = schema.safeParse(raw);
      const input = parsed.success
        ? { ok: true as const, value: parsed.data as never, raw }
        : { ok: false as const, errors: formErrors(parsed.error), raw };
      return route.handler(req, res, refuseUnstorableText(input));
    });
  }
}
