// Administration of the checklist items: the two lists as text, saved into the reference
// data draft (published with the rest of it).
import type { Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../routing/formErrors";
import { ReferenceDataChanged } from "../reference/draftService";
import { revisionPattern } from "../reference/referenceForms";
import { referenceUrls } from "../reference/urls";
import { checklistToText, parseChecklistText } from "./checklistAdmin";
import { signOffUrls } from "./urls";

const adminOnly = rolesOnly("ADMIN");
const listField = z.string({ error: "Enter the items as text" }).max(40_000, "Enter no more than 40,000 characters");

export const checklistsForm = z.strictObject({
  version: z.string().regex(revisionPattern, "The form was out of date. Reload the page and try again."),
  department: listField,
  school: listField,
});

const fieldOrder = ["form", "version", "department", "school"];

function withHrefs(errors: FormErrors): FormErrors {
  const ordered = fromMessages(errors.byField, fieldOrder);
  return {
    ...ordered,
    list: ordered.list.map((error) => ({
      ...error,
      href: ["department", "school"].includes(error.field) ? `#${error.field}` : "#main-content",
    })),
  };
}

export function checklistAdminRoutes(services: Services): PageRoute[] {
  const { referenceDrafts, checklistAdmin } = services;

  async function render(
    res: Response,
    options: { status?: number; values?: Record<string, unknown>; errors?: FormErrors; saved?: number | null } = {},
  ) {
    const state = await referenceDrafts.state();
    const shown = state.data;
    const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("signOff/adminChecklists", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Checklist items`,
      backLink: referenceUrls.overview,
      published: state.published,
      draft: state.draft,
      draftUrl: referenceUrls.draft,
      values: {
        version: text(options.values?.version, state.revision),
        department: text(options.values?.department, checklistToText(shown.checklists.department)),
        school: text(options.values?.school, checklistToText(shown.checklists.school)),
      },
      errors,
      saved: options.saved ?? null,
      action: signOffUrls.adminChecklists,
    });
  }

  return [
    getRoute({
      path: signOffUrls.adminChecklists,
      name: "admin.checklists",
      access: adminOnly,
      handler: async ({ req, res }) => {
        const saved =
          typeof req.query.saved === "string" && /^\d{1,9}$/.test(req.query.saved) ? Number(req.query.saved) : null;
        await render(res, { saved });
      },
    }),
    postRoute({
      path: signOffUrls.adminChecklists,
      name: "admin.checklists.save",
      access: adminOnly,
      body: checklistsForm,
      keepsTyping: true,
      invalid: ({ res }, { errors, raw }) => render(res, { status: 400, values: raw, errors: withHrefs(errors) }),
      handler: async ({ res, user }, form) => {
        const { data: current } = await referenceDrafts.state();
        const department = parseChecklistText(form.department, current.checklists.department);
        const school = parseChecklistText(form.school, current.checklists.school);
        if (!department.ok || !school.ok) {
          const byField: Record<string, string> = {};
          if (!department.ok) byField.department = `Head of department checklist: ${department.error}`;
          if (!school.ok) byField.school = `Head of school checklist: ${school.error}`;
          return render(res, { status: 400, values: form, errors: withHrefs(fromMessages(byField)) });
        }
        try {
          const version = await checklistAdmin.save(user, form.version, {
            department: department.items,
            school: school.items,
          });
          res.redirect(303, `${signOffUrls.adminChecklists}?saved=${version}`);
        } catch (error) {
          if (!(error instanceof ReferenceDataChanged)) throw error;
          return render(res, {
            status: 409,
            values: { ...form, version: (await referenceDrafts.state()).revision },
            errors: withHrefs(
              fromMessages({
                form: `Someone else changed the reference data (it is now version ${error.currentVersion}) since you opened this page, so nothing was saved. Check the lists below against the current checklists and save again.`,
              }),
            ),
          });
        }
      },
    }),
  ];
}
