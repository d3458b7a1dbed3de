// Administration of people: find someone, grant and remove roles, disable and enable.
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageContext, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { roleLabels, roles } from "../domain/roles";
import { NotFoundError } from "../domain/errors";
import type { Response } from "express";
import { flash } from "../middleware/setUpFlash";
import { LastAdministratorError, RoleScopeError, UsernameTakenError } from "./peopleService";

const adminOnly = rolesOnly("ADMIN");
type Context = PageContext<typeof adminOnly>;

const grantForm = z.strictObject({
  role: z.enum(roles, { error: "Select a role" }),
  departmentId: z.union([z.literal(""), z.uuid()]).optional(),
  schoolId: z.union([z.literal(""), z.uuid()]).optional(),
});
const emptyForm = z.strictObject({});
/** The confirmation from a check page: nothing more than that, as the action's address names the rest. */
const confirmedForm = z.strictObject({ confirm: z.literal("yes") });
const departmentChoice = z.union([z.literal(""), z.uuid({ error: "Select a department from the list" })]);
const newPersonForm = z.strictObject({
  // As single sign-on reads it (src/signIn/saml/identity.ts): lower case.
  username: z
    .string()
    .trim()
    .toLowerCase()
    .min(1, { error: "Enter their username", abort: true })
    .regex(/^[a-z0-9][a-z0-9._@-]{0,99}$/, "Username must be letters, digits, dots, hyphens or @, as they sign in"),
  displayName: z.string().trim().min(1, "Enter their name").max(200, "Name must be 200 characters or fewer"),
  email: z.email({ error: "Enter an e-mail address, like name@example.ac.uk" }).max(320),
  departmentId: departmentChoice,
});
const departmentForm = z.strictObject({ departmentId: departmentChoice });

export function peopleRoutes(services: Services): PageRoute[] {
  const { people, organisation } = services;
  const personOr404 = async ({ req }: Context) => {
    const person = await people.find(String(req.params.id));
    if (!person) throw new NotFoundError();
    return person;
  };

  async function renderPerson(
    context: Context,
    options: { errors?: FormErrors; values?: Record<string, unknown>; status?: number; notice?: string } = {},
  ) {
    const { req, res } = context;
    const person = await personOr404(context);
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("admin/person", {
      title: `${errors.list.length > 0 ? "Error: " : ""}${person.displayName}`,
      backLink: "/admin/people",
      person,
      roleLabels,
      departments: await organisation.departments(),
      schools: await organisation.schools(),
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

  type Person = NonNullable<Awaited<ReturnType<typeof people.find>>>;
  type Grant = Person["roles"][number];
  const unitOf = (grant: Grant) => grant.department?.name ?? grant.school?.name ?? "The whole University";

  /** The check page before disabling someone: who they are, what they hold, what will happen. */
  function renderDisableCheck({ res }: Context, person: Person) {
    res.render("admin/checkDisable", {
      title: `Check before you disable ${person.displayName}`,
      backLink: `/admin/people/${person.id}`,
      person,
      roles: person.roles.map((grant) => `${roleLabels[grant.role]} (${unitOf(grant)})`),
    });
  }

  /** The check page before removing one of someone's roles: which role, for which unit. */
  function renderRevokeCheck({ res }: Context, person: Person, grant: Grant) {
    res.render("admin/checkRevokeRole", {
      title: `Check before you remove ${person.displayName}'s role`,
      backLink: `/admin/people/${person.id}`,
      person,
      grant: { id: grant.id, role: roleLabels[grant.role], unit: unitOf(grant) },
    });
  }

  /** The check page for the role named in the address; back to the person once it has been removed. */
  async function checkRevoke(context: Context) {
    const person = await personOr404(context);
    const grant = person.roles.find((held) => held.id === String(context.req.params.grantId));
    if (grant) renderRevokeCheck(context, person, grant);
    else context.res.redirect(303, `/admin/people/${person.id}`);
  }

  async function renderNewPerson(res: Response, errors: FormErrors, values: Record<string, unknown>, status = 200) {
    res.status(status).render("admin/newPerson", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Add a person`,
      backLink: "/admin/people",
      departments: await organisation.departments(),
      errors,
      values,
    });
  }

  return [
    getRoute({
      path: "/admin",
      name: "admin.index",
      access: adminOnly,
      handler: ({ res }) => res.render("admin/index", { title: "Administration" }),
    }),
    getRoute({
      path: "/admin/people",
      name: "admin.people",
      access: adminOnly,
      handler: async ({ req, res }) => {
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
      path: "/admin/people/new",
      name: "admin.newPerson",
      access: adminOnly,
      handler: async ({ res }) => renderNewPerson(res, noErrors, {}),
    }),
    postRoute({
      path: "/admin/people/new",
      name: "admin.createPerson",
      access: adminOnly,
      body: newPersonForm,
      handler: async (context, form) => {
        if (form.departmentId && !(await organisation.departments()).some((d) => d.id === form.departmentId))
          return renderNewPerson(
            context.res,
            fromMessages({ departmentId: "Select a department from the list" }),
            form,
            400,
          );
        try {
          const person = await people.create({ ...form, departmentId: form.departmentId || null }, context.user);
          flash(
            context.req,
            `${person.displayName} was added. They can sign in with the University sign-in as ${person.username}.`,
          );
          context.res.redirect(303, `/admin/people/${person.id}`);
        } catch (error) {
          if (!(error instanceof UsernameTakenError)) throw error;
          return renderNewPerson(context.res, fromMessages({ username: error.message }), form, 400);
        }
      },
      invalid: ({ res }, { errors, raw }) => renderNewPerson(res, errors, raw, 400),
    }),
    postRoute({
      path: "/admin/people/:id/department",
      name: "admin.setDepartment",
      access: adminOnly,
      body: departmentForm,
      handler: async (context, form) => {
        const person = await personOr404(context);
        if (form.departmentId && !(await organisation.departments()).some((d) => d.id === form.departmentId))
          return renderPerson(context, {
            errors: fromMessages({ departmentId: "Select a department from the list" }),
            status: 400,
          });
        await people.setDepartment(person.id, form.departmentId || null, context.user);
        flash(context.req, `${person.displayName}'s department was changed.`);
        context.res.redirect(303, `/admin/people/${person.id}`);
      },
      invalid: (context, { errors, raw }) => renderPerson(context, { errors, values: raw, status: 400 }),
    }),
    getRoute({
      path: "/admin/people/:id",
      name: "admin.person",
      access: adminOnly,
      handler: (context) => renderPerson(context),
    }),
    postRoute({
      path: "/admin/people/:id/roles",
      name: "admin.grantRole",
      access: adminOnly,
      body: grantForm,
      handler: async (context, form) => {
        const person = await personOr404(context);
        try {
          await people.grant(
            person.id,
            form.role,
            { departmentId: form.departmentId || undefined, schoolId: form.schoolId || undefined },
            context.user,
          );
        } catch (error) {
          if (!(error instanceof RoleScopeError)) throw error;
          const field =
            form.role === "HEAD_OF_SCHOOL" ? "schoolId" : form.role === "HEAD_OF_DEPARTMENT" ? "departmentId" : "role";
          return renderPerson(context, { errors: fromMessages({ [field]: error.message }), values: form, status: 400 });
        }
        context.res.redirect(303, `/admin/people/${person.id}?done=saved`);
      },
      invalid: (context, { errors, raw }) => renderPerson(context, { errors, values: raw, status: 400 }),
    }),
    postRoute({
      path: "/admin/people/:id/roles/:grantId/remove/check",
      name: "admin.checkRevokeRole",
      access: adminOnly,
      body: emptyForm,
      handler: checkRevoke,
      invalid: (context) => renderPerson(context, { status: 400 }),
    }),
    postRoute({
      path: "/admin/people/:id/roles/:grantId/remove",
      name: "admin.revokeRole",
      access: adminOnly,
      body: confirmedForm,
      handler: async (context) => {
        const person = await personOr404(context);
        try {
          await people.revoke(person.id, String(context.req.params.grantId), context.user);
        } catch (error) {
          if (error instanceof LastAdministratorError) {
            return renderPerson(context, { errors: fromMessages({ roles: error.message }), status: 400 });
          }
          if (!(error instanceof RoleScopeError)) throw error;
        }
        context.res.redirect(303, `/admin/people/${person.id}?done=saved`);
      },
      // Posted without its check page's confirmation: the check page, and nothing removed.
      invalid: checkRevoke,
    }),
    postRoute({
      path: "/admin/people/:id/disable/check",
      name: "admin.checkDisable",
      access: adminOnly,
      body: emptyForm,
      handler: async (context) => {
        const person = await personOr404(context);
        if (person.disabled) {
          context.res.redirect(303, `/admin/people/${person.id}`);
          return;
        }
        if (person.id === context.user.id)
          return renderPerson(context, {
            errors: fromMessages({ disable: "You cannot disable yourself" }),
            status: 400,
          });
        renderDisableCheck(context, person);
      },
      invalid: (context) => renderPerson(context, { status: 400 }),
    }),
    ...(["disable", "enable"] as const).map((action) =>
      postRoute({
        path: `/admin/people/:id/${action}`,
        name: `admin.${action}`,
        access: adminOnly,
        body: action === "disable" ? confirmedForm : emptyForm,
        handler: async (context) => {
          const person = await personOr404(context);
          try {
            await people.setDisabled(person.id, action === "disable", context.user);
          } catch (error) {
            if (!(error instanceof RoleScopeError)) throw error;
            return renderPerson(context, { errors: fromMessages({ disable: error.message }), status: 400 });
          }
          context.res.redirect(303, `/admin/people/${person.id}?done=${action === "disable" ? "disabled" : "saved"}`);
        },
        // Disabling posted without its check page's confirmation: the check page, and nothing changed.
        invalid: async (context) =>
          action === "disable"
            ? renderDisableCheck(context, await personOr404(context))
            : renderPerson(context, { status: 400 }),
      }),
    ),
  ];
}
