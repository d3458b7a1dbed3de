// The case page for officers and reviewers, and every action taken on it. Each action
// posts the version the page showed; a stale one gets the conflict page, never an overwrite.
import type { Services } from "../services";
import {
  getRoute,
  postRoute,
  rolesOnly,
  type InvalidForm,
  type PageContext,
  type PageRoute,
} from "../routing/pageRoute";
import { isAllowedIn } from "../domain/caseStates";
import { ActionNotAllowedError, ForbiddenError, NotFoundError } from "../domain/errors";
import { isRouteName, reviewerRoleList, routesReviewedBy } from "../domain/reviews";
import { caseForms, type CaseFormName } from "./caseForms";
import { casePageModel, type CasePageOptions } from "./casePresenter";

const caseViewers = rolesOnly("SPO_OFFICER", ...reviewerRoleList);
const officers = rolesOnly("SPO_OFFICER");
const reviewers = rolesOnly(...reviewerRoleList);

type Context = PageContext<typeof caseViewers>;

export function caseRoutes(services: Services): PageRoute[] {
  const { cases, workflow, organisation } = services;
  const caseId = ({ req }: Context) => String(req.params.id);

  async function renderCase(context: Context, options: CasePageOptions & { status?: number } = {}) {
    const { res, user } = context;
    const loaded = await cases.load(caseId(context), user);
    const missing = isAllowedIn("decide", loaded.proposal.status) ? workflow.missingForDecisionOf(loaded.proposal) : [];
    const [departmentNames, officers] = await Promise.all([organisation.departmentNames(), organisation.officers()]);
    const model = casePageModel(user, loaded, { departmentNames, missing, officers }, options);
    res.status(options.status ?? 200).render("cases/show", model);
  }

  /** Shows the case again with the form's errors and what was typed. */
  const showForm =
    (form: CaseFormName) =>
    (context: Context, { errors, raw }: InvalidForm) =>
      renderCase(context, { form, errors, values: raw, status: 400 });

  /** Runs an action and goes back to the case; an action the case no longer allows is explained beside the form. */
  async function act(context: Context, form: CaseFormName, action: () => Promise<unknown>) {
    try {
      await action();
    } catch (error) {
      if (!(error instanceof ActionNotAllowedError)) throw error;
      return renderCase(context, {
        form,
        values: context.req.body as Record<string, unknown>,
        status: 409,
        message: error.message,
      });
    }
    context.res.redirect(303, `/cases/${caseId(context)}`);
  }

  return [
    getRoute({
      path: "/cases/:id",
      name: "case.view",
      access: caseViewers,
      handler: (context) => renderCase(context),
    }),
    postRoute({
      path: "/cases/:id/assign",
      name: "case.assign",
      access: officers,
      body: caseForms.assign,
      handler: (context, form) =>
        act(context, "assign", () =>
          workflow.assign(caseId(context), form.version, context.user, form.assignee || null),
        ),
      invalid: showForm("assign"),
    }),
    postRoute({
      path: "/cases/:id/request-information",
      name: "case.requestInformation",
      access: officers,
      body: caseForms.requestInformation,
      handler: (context, form) =>
        act(context, "requestInformation", () =>
          workflow.requestInformation(caseId(context), form.version, context.user, form.message),
        ),
      invalid: showForm("requestInformation"),
    }),
    postRoute({
      path: "/cases/:id/routes/add",
      name: "case.addRoute",
      access: officers,
      body: caseForms.addRoute,
      handler: (context, form) =>
        act(context, "addRoute", () =>
          workflow.addRoute(caseId(context), form.version, context.user, form.route, form.reason),
        ),
      invalid: showForm("addRoute"),
    }),
    postRoute({
      path: "/cases/:id/routes/remove",
      name: "case.removeRoute",
      access: officers,
      body: caseForms.removeRoute,
      handler: (context, form) =>
        act(context, "removeRoute", () =>
          workflow.removeRoute(caseId(context), form.version, context.user, form.route, form.reason),
        ),
      invalid: showForm("removeRoute"),
    }),
    postRoute({
      path: "/cases/:id/decision",
      name: "case.decide",
      access: officers,
      body: caseForms.decide,
      handler: (context, form) =>
        act(context, "decide", () =>
          workflow.decide(caseId(context), form.version, context.user, form.outcome, form.note),
        ),
      invalid: showForm("decide"),
    }),
    postRoute({
      path: "/cases/:id/notes",
      name: "case.addNote",
      access: officers,
      body: caseForms.addNote,
      handler: (context, form) =>
        act(context, "addNote", () => workflow.addNote(caseId(context), context.user, form.body)),
      invalid: showForm("addNote"),
    }),
    postRoute({
      path: "/cases/:id/reviews/:route",
      name: "case.recordReview",
      access: reviewers,
      body: caseForms.review,
      handler: (context, form) => {
        const route = reviewRouteOf(context);
        return act(context, "review", () =>
          workflow.recordReview(caseId(context), form.version, context.user, route, form.outcome, form.note),
        );
      },
      invalid: (context, form) => {
        reviewRouteOf(context);
        return showForm("review")(context, form);
      },
    }),
  ];
}

/** The review route named in the address, if this reviewer reviews it. */
function reviewRouteOf({ req, user }: Context) {
  const route = String(req.params.route);
  if (!isRouteName(route)) throw new NotFoundError();
  if (!routesReviewedBy(user).includes(route)) throw new ForbiddenError();
  return route;
}
