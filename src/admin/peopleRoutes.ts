import type { Request, Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { roleLabels, type Role } from "../users/roles";
import { LastAdministratorError, RoleScopeError } from "./peopleService";
import { pageNotFound } from "../routing/refusals";

const adminOnly = rolesOnly("ADMIN");
const roles = Object.keys(roleLabels) as [Role, ...Role[]];

const grantForm = z.strictObject({
  role: z.enum(roles, { error: "Select a role" }),
  departmentId: z.union([z.literal(""), z.uuid()]).optional(),
  schoolId: z.union([z.literal(""), z.uuid()]).optional(),
});
const emptyForm = z.strictObject({});

export function peopleRoutes(services: Services): PageRoute[] {
  const { people, organisation, prisma } = services;
  const personOr404 = async (req: Request, res: Response) => {
    const person = await people.find(String(req.params.id));
    if (!person) pageNotFound(res);
    return person;
  };

  async function renderPerson(
    req: Request,
    res: Response,
    options: { errors?: FormErrors; values?: Record<string, unknown>; status?: number; notice?: string } = {},
  ) {
    const person = await personOr404(req, res);
    if (!person) return;
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("admin/person", {
      title: `${errors.list.length > 0 ? "Error: " : ""}${person.displayName}`,
      backLink: "/admin/people",
      person,
      roleLabels,
      departments: await organisation.departments(),
      schools: await prisma.school.findMany({ orderBy: { name: "asc" } }),
      errors,
      values: options.values ?? {},
      notice:
        options.notice ??
        (req.query.done === "disabled"
          ? "Disabled. Their sessions have ended."
          : req.query.done === "saved"
            ? "Saved."
            : undefined),
    });
  }

  return [
    getRoute({
      path: "/admin",
      name: "admin.index",
      access: adminOnly,
      handler: (_req, res) => res.render("admin/index", { title: "Administration" }),
    }),
    getRoute({
      path: "/admin/people",
      name: "admin.people",
      access: adminOnly,
      handler: async (req, res) => {
        const search =
          typeof req.query.q === "string" && req.query.q.trim() ? req.query.q.trim().slice(0, 100) : undefined;
        res.render("admin/people", {
          title: "People and roles",
          backLink: "/admin",
          people: await people.list(search),
          search: search ?? "",
          roleLabels,
        });
      },
    }),
    getRoute({
      path: "/admin/people/:id",
      name: "admin.person",
      access: adminOnly,
      handler: (req, res) => renderPerson(req, res),
    }),
    postRoute({
      path: "/admin/people/:id/roles",
      name: "admin.grantRole",
      access: adminOnly,
      body: grantForm,
      handler: async (req, res, input) => {
        if (!input.ok) return renderPerson(req, res, { errors: input.errors, values: input.raw, status: 400 });
        const person = await personOr404(req, res);
        if (!person) return;
        try {
          await people.grant(
            person.id,
            input.value.role,
            { departmentId: input.value.departmentId || undefined, schoolId: input.value.schoolId || undefined },
            res.locals.user!,
          );
        } catch (error) {
          if (!(error instanceof RoleScopeError)) throw error;
          const field =
            input.value.role === "HEAD_OF_SCHOOL"
              ? "schoolId"
              : input.value.role === "HEAD_OF_DEPARTMENT"
                ? "departmentId"
                : "role";
          return renderPerson(req, res, {
            errors: fromMessages({ [field]: error.message }),
            values: input.raw,
            status: 400,
          });
        }
        res.redirect(303, `/admin/people/${person.id}?done=saved`);
      },
    }),
    postRoute({
      path: "/admin/people/:id/roles/:grantId/remove",
      name: "admin.revokeRole",
      access: adminOnly,
      body: emptyForm,
      handler: async (req, res) => {
        const person = await personOr404(req, res);
        if (!person) return;
        try {
          await people.revoke(person.id, String(req.params.grantId), res.locals.user!);
        } catch (error) {
          if (error instanceof LastAdministratorError) {
            return renderPerson(req, res, { errors: fromMessages({ roles: error.message }), status: 400 });
          }
          if (!(error instanceof RoleScopeError)) throw error;
        }
        res.redirect(303, `/admin/people/${person.id}?done=saved`);
      },
    }),
    ...(["disable", "enable"] as const).map((action) =>
      postRoute({
        path: `/admin/people/:id/${action}`,
        name: `admin.${action}`,
        access: adminOnly,
        body: emptyForm,
        handler: async (req, res) => {
          const person = await personOr404(req, res);
          if (!person) return;
          try {
            await people.setDisabled(person.id, action === "disable", res.locals.user!);
          } catch (error) {
            if (!(error instanceof RoleScopeError)) throw error;
            return renderPerson(req, res, { errors: fromMessages({ disable: error.message }), status: 400 });
          }
          res.redirect(303, `/admin/people/${person.id}?done=${action === "disable" ? "disabled" : "saved"}`);
        },
      }),
    ),
  ];
}
