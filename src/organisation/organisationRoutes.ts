// Administration of schools and departments: add, rename, move, retire. Admins only.
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageContext, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { OrganisationChangeRefused } from "./organisationAdmin";
import {
  departmentForm,
  moveForm,
  renameDepartmentForm,
  renameSchoolForm,
  retireForm,
  schoolForm,
} from "./organisationForms";
import { organisationUrls } from "./urls";

const adminOnly = rolesOnly("ADMIN");
type Context = PageContext<typeof adminOnly>;

interface PageOptions {
  status?: number;
  errors?: FormErrors;
  values?: Record<string, unknown>;
  /** Which form the values and errors belong to, on a page with several. */
  form?: string;
}

export function organisationRoutes(services: Services): PageRoute[] {
  const { organisationAdmin } = services;
  const idOf = (context: Context) => String(context.req.params.id);
  const titled = (title: string, errors: FormErrors) => `${errors.list.length > 0 ? "Error: " : ""}${title}`;

  async function renderIndex({ req, res }: Context, options: PageOptions = {}) {
    const given = options.errors ?? noErrors;
    // The add-a-school form's fields have ids of their own (the department form has a code and a name too).
    const errors =
      options.form === "school"
        ? { ...given, list: given.list.map((error) => ({ ...error, href: `#school-${error.field}` })) }
        : given;
    const schools = await organisationAdmin.overview();
    res.status(options.status ?? 200).render("organisation/index", {
      title: titled("Schools and departments", errors),
      backLink: "/admin",
      schools,
      activeSchools: schools.filter((school) => !school.retiredAt),
      errors,
      form: options.form,
      values: options.values ?? {},
      notice: typeof req.query.done === "string" ? "Saved." : undefined,
      urls: organisationUrls,
    });
  }

  async function renderSchool(context: Context, options: PageOptions = {}) {
    const errors = options.errors ?? noErrors;
    const school = await organisationAdmin.school(idOf(context));
    context.res.status(options.status ?? 200).render("organisation/school", {
      title: titled(school.name, errors),
      backLink: organisationUrls.index,
      school,
      errors,
      values: options.values ?? { name: school.name },
      urls: organisationUrls,
    });
  }

  async function renderDepartment(context: Context, options: PageOptions = {}) {
    const errors = options.errors ?? noErrors;
    const department = await organisationAdmin.department(idOf(context));
    const schools = (await organisationAdmin.overview()).filter(
      (school) => !school.retiredAt && school.id !== department.schoolId,
    );
    context.res.status(options.status ?? 200).render("organisation/department", {
      title: titled(department.name, errors),
      backLink: organisationUrls.index,
      department,
      schools,
      errors,
      form: options.form,
      values: options.values ?? { name: department.name },
      urls: organisationUrls,
    });
  }

  /** Runs a change; a refused one shows its page again with the message beside its field. */
  async function change(
    context: Context,
    work: () => Promise<unknown>,
    done: string,
    again: (options: PageOptions) => Promise<void>,
    values: Record<string, unknown>,
  ) {
    try {
      await work();
      context.res.redirect(303, done);
    } catch (error) {
      if (!(error instanceof OrganisationChangeRefused)) throw error;
      return again({ status: 400, values, errors: fromMessages({ [error.field]: error.message }) });
    }
  }

  return [
    getRoute({
      path: organisationUrls.index,
      name: "admin.organisation",
      access: adminOnly,
      handler: (context) => renderIndex(context),
    }),
    postRoute({
      path: organisationUrls.addSchool,
      name: "admin.organisation.addSchool",
      access: adminOnly,
      body: schoolForm,
      invalid: (context, { errors, raw }) =>
        renderIndex(context, {
          status: 400,
          errors: fromMessages(errors.byField, ["code", "name"]),
          values: raw,
          form: "school",
        }),
      handler: (context, form) =>
        change(
          context,
          () => organisationAdmin.addSchool(context.user, form),
          `${organisationUrls.index}?done=school`,
          (options) => renderIndex(context, { ...options, form: "school" }),
          form,
        ),
    }),
    postRoute({
      path: organisationUrls.addDepartment,
      name: "admin.organisation.addDepartment",
      access: adminOnly,
      body: departmentForm,
      invalid: (context, { errors, raw }) =>
        renderIndex(context, {
          status: 400,
          errors: fromMessages(errors.byField, ["schoolId", "code", "name"]),
          values: raw,
          form: "department",
        }),
      handler: (context, form) =>
        change(
          context,
          () => organisationAdmin.addDepartment(context.user, form),
          `${organisationUrls.index}?done=department`,
          (options) => renderIndex(context, { ...options, form: "department" }),
          form,
        ),
    }),
    getRoute({
      path: organisationUrls.school(":id"),
      name: "admin.organisation.school",
      access: adminOnly,
      handler: (context) => renderSchool(context),
    }),
    postRoute({
      path: organisationUrls.school(":id"),
      name: "admin.organisation.renameSchool",
      access: adminOnly,
      body: renameSchoolForm,
      invalid: (context, { errors, raw }) => renderSchool(context, { status: 400, errors, values: raw }),
      handler: (context, form) =>
        change(
          context,
          () => organisationAdmin.renameSchool(context.user, idOf(context), form.name),
          `${organisationUrls.index}?done=renamed`,
          (options) => renderSchool(context, options),
          form,
        ),
    }),
    postRoute({
      path: organisationUrls.retireSchool(":id"),
      name: "admin.organisation.retireSchool",
      access: adminOnly,
      body: retireForm,
      invalid: (context, { errors }) => renderSchool(context, { status: 400, errors }),
      handler: async (context) => {
        await organisationAdmin.retireSchool(context.user, idOf(context));
        context.res.redirect(303, `${organisationUrls.index}?done=retired`);
      },
    }),
    getRoute({
      path: organisationUrls.department(":id"),
      name: "admin.organisation.department",
      access: adminOnly,
      handler: (context) => renderDepartment(context),
    }),
    postRoute({
      path: organisationUrls.department(":id"),
      name: "admin.organisation.renameDepartment",
      access: adminOnly,
      body: renameDepartmentForm,
      invalid: (context, { errors, raw }) =>
        renderDepartment(context, { status: 400, errors, values: raw, form: "rename" }),
      handler: (context, form) =>
        change(
          context,
          () => organisationAdmin.renameDepartment(context.user, idOf(context), form.name),
          `${organisationUrls.index}?done=renamed`,
          (options) => renderDepartment(context, { ...options, form: "rename" }),
          form,
        ),
    }),
    postRoute({
      path: organisationUrls.moveDepartment(":id"),
      name: "admin.organisation.moveDepartment",
      access: adminOnly,
      body: moveForm,
      invalid: (context, { errors, raw }) =>
        renderDepartment(context, { status: 400, errors, values: raw, form: "move" }),
      handler: (context, form) =>
        change(
          context,
          () => organisationAdmin.moveDepartment(context.user, idOf(context), form.schoolId),
          `${organisationUrls.index}?done=moved`,
          (options) => renderDepartment(context, { ...options, form: "move" }),
          form,
        ),
    }),
    postRoute({
      path: organisationUrls.retireDepartment(":id"),
      name: "admin.organisation.retireDepartment",
      access: adminOnly,
      body: retireForm,
      invalid: (context, { errors }) => renderDepartment(context, { status: 400, errors }),
      handler: async (context) => {
        await organisationAdmin.retireDepartment(context.user, idOf(context));
        context.res.redirect(303, `${organisationUrls.index}?done=retired`);
      },
    }),
  ];
}
