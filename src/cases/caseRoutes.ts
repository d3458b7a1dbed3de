// The case page for officers and reviewers, and every action taken on it. Each action
// posts the version the page showed; a stale one gets the conflict page, never an overwrite.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, type FormInput, type PageRoute } from "../routing/pageRoute";
import { noErrors, type FormErrors } from "../routing/formErrors";
import { routeNames, type RouteName } from "../rules";
import { hasRole, type CurrentUser, type Role } from "../users/roles";
import { answerSections, displayAnswer, routeLabels, statusLabels } from "../proposals/display";
import { presentationOf, summaryLabelOf } from "../proposals/form/presentation";
import { questionIds } from "../proposals/questions";
import { countryName } from "../reference/countries";
import { ConflictError, TransitionError, CaseNotFoundError } from "../workflow/workflowService";
import {
  decisionOutcomeLabels,
  decisionOutcomes,
  reviewKinds,
  reviewOutcomeLabels,
  reviewOutcomes,
  routeOfReview,
  taskLabels,
  type TaskKind,
} from "../workflow/tasks";
import type { LoadedCase } from "./caseService";
import { pageNotFound, forbidden } from "../routing/refusals";

/** Which route each reviewer role reviews. */
export const reviewerRoutes: Partial<Record<Role, RouteName>> = {
  ACBELA_SECRETARY: "acbela",
  REVIEWER_EXPORT_CONTROL: "export_control",
  REVIEWER_DUE_DILIGENCE: "due_diligence",
};

export function routesReviewedBy(user: CurrentUser): RouteName[] {
  return user.roles.flatMap((grant) => (reviewerRoutes[grant.role] ? [reviewerRoutes[grant.role]!] : []));
}

const caseViewers = rolesOnly("SPO_OFFICER", "ACBELA_SECRETARY", "REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE");
const officers = rolesOnly("SPO_OFFICER");

const version = z.coerce.number({ error: "Reload the page and try again" }).int().min(1);
const text = (message: string, max: number) =>
  z
    .string({ error: message })
    .trim()
    .min(1, message)
    .max(max, `Must be ${max.toLocaleString("en-GB")} characters or fewer`);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .optional()
    .default("");

const forms = {
  assign: z.strictObject({ version, assignee: z.union([z.literal(""), z.uuid()], { error: "Select an officer" }) }),
  requestInformation: z.strictObject({ version, message: text("Enter what the proposer needs to tell you", 5_000) }),
  addRoute: z.strictObject({
    version,
    route: z.enum(routeNames, { error: "Select a route" }),
    reason: text("Enter why the route is added", 2_000),
  }),
  removeRoute: z.strictObject({
    version,
    route: z.enum(routeNames, { error: "Select a route" }),
    reason: text("Enter why the route is removed", 2_000),
  }),
  decide: z
    .strictObject({
      version,
      outcome: z.enum(decisionOutcomes, { error: "Select the decision" }),
      note: optionalText(5_000),
    })
    .refine((form) => form.outcome === "approved" || form.note.length > 0, {
      path: ["note"],
      message: "Enter the conditions or the reasons for the decision",
    }),
  addNote: z.strictObject({ body: text("Enter the note", 5_000) }),
  review: z
    .strictObject({
      version,
      outcome: z.enum(reviewOutcomes, { error: "Select the outcome of the review" }),
      note: optionalText(5_000),
    })
    .refine((form) => form.outcome === "cleared" || form.note.length > 0, {
      path: ["note"],
      message: "Enter the conditions or the reasons",
    }),
};

type FormName = keyof typeof forms | "review";

function changedAnswers(
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  departmentNames: ReadonlyMap<string, string>,
) {
  if (!before) return [];
  return questionIds
    .filter((id) => JSON.stringify(before[id] ?? null) !== JSON.stringify(after[id] ?? null))
    .map((id) => ({
      label: summaryLabelOf(id),
      before: displayAnswer(id, before[id], departmentNames).join(", "),
      after: displayAnswer(id, after[id], departmentNames).join(", "),
    }));
}

export function caseRoutes(services: Services): PageRoute[] {
  const { cases, workflow, organisation } = services;

  function mayView(user: CurrentUser, loaded: LoadedCase): boolean {
    if (hasRole(user, "SPO_OFFICER")) return true;
    return routesReviewedBy(user).some(
      (route) =>
        loaded.proposal.routes.includes(route) ||
        loaded.proposal.tasks.some((task) => task.kind === reviewKinds[route]),
    );
  }

  async function renderCase(
    req: Request,
    res: Response,
    options: {
      form?: FormName;
      errors?: FormErrors;
      values?: Record<string, unknown>;
      status?: number;
      message?: string;
    } = {},
  ) {
    const user = res.locals.user!;
    const loaded = await cases.load(String(req.params.id));
    if (!loaded) return pageNotFound(res);
    if (!mayView(user, loaded)) return forbidden(res);
    const { proposal, decision, answers, previousAnswers, names, timeline } = loaded;
    const departmentNames = await organisation.departmentNames();
    const isOfficer = hasRole(user, "SPO_OFFICER");
    const myRoutes = routesReviewedBy(user);
    const openReviews = proposal.tasks.filter(
      (task) => task.state === "open" && myRoutes.includes(routeOfReview(task.kind)!),
    );
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("cases/show", {
      title: `${errors.list.length > 0 || options.message ? "Error: " : ""}${proposal.reference} ${proposal.title}`,
      backLink: isOfficer ? "/queue" : "/reviews",
      proposal,
      status: statusLabels[proposal.status],
      partnerCountry: proposal.partnerCountry ? countryName(proposal.partnerCountry) : "",
      decision,
      routeLabels,
      activeRoutes: proposal.routes,
      addableRoutes: routeNames.filter((route) => !proposal.routes.includes(route)),
      tasks: proposal.tasks.map((task) => ({
        ...task,
        label: taskLabels[task.kind as TaskKind] ?? task.kind,
        outcomeLabel: task.outcome
          ? ((reviewOutcomeLabels as Record<string, string>)[task.outcome] ?? task.outcome.replace(/_/g, " "))
          : "",
        completedBy: task.completedById ? (names.get(task.completedById) ?? "") : "",
        // Officers may sign where the head cannot (their own case), and read every record.
        href:
          !isOfficer || !task.kind.endsWith("_sign_off") || task.state === "cancelled"
            ? undefined
            : task.state === "open"
              ? `/sign-off/${task.id}`
              : `/sign-off/${task.id}/record`,
      })),
      missing: proposal.status === "IN_REVIEW" ? await workflow.missingForDecision(proposal.id) : [],
      notes: isOfficer ? proposal.notes.map((note) => ({ ...note, author: names.get(note.authorId) ?? "" })) : [],
      informationRequests: proposal.informationRequests.map((request) => ({
        ...request,
        requestedBy: names.get(request.requestedById) ?? "",
      })),
      timeline: timeline.map((entry) => ({
        ...entry,
        actor: entry.actorId ? (names.get(entry.actorId) ?? "") : "System",
      })),
      changes: changedAnswers(previousAnswers, answers, departmentNames),
      sections: answerSections(answers, departmentNames),
      officers: await organisation.officers(),
      isOfficer,
      openReviews: openReviews.map((task) => ({
        route: routeOfReview(task.kind)!,
        label: taskLabels[task.kind as TaskKind],
      })),
      decisionOutcomeLabels,
      reviewOutcomeLabels,
      form: options.form,
      errors,
      values: options.values ?? {},
      message: options.message,
    });
  }

  /** Runs an action; the outcomes people see for stale pages and impossible actions. */
  async function act(
    req: Request,
    res: Response,
    form: FormName,
    input: FormInput<unknown>,
    action: () => Promise<unknown>,
  ) {
    if (!input.ok) return renderCase(req, res, { form, errors: input.errors, values: input.raw, status: 400 });
    try {
      await action();
    } catch (error) {
      if (error instanceof ConflictError) {
        return res.status(409).render("cases/conflict", {
          title: "Someone else changed this case",
          changedBy: error.changedBy,
          changedAt: error.changedAt,
          caseUrl: `/cases/${String(req.params.id)}`,
        });
      }
      if (error instanceof TransitionError)
        return renderCase(req, res, { form, values: input.raw, status: 409, message: error.message });
      if (error instanceof CaseNotFoundError) return pageNotFound(res);
      throw error;
    }
    res.redirect(303, `/cases/${String(req.params.id)}`);
  }

  const id = (req: Request) => String(req.params.id);

  return [
    getRoute({
      path: "/cases/:id",
      name: "case.view",
      access: caseViewers,
      handler: (req, res) => renderCase(req, res),
    }),
    postRoute({
      path: "/cases/:id/assign",
      name: "case.assign",
      access: officers,
      body: forms.assign,
      handler: (req, res, input) =>
        act(req, res, "assign", input, () =>
          workflow.assign(
            id(req),
            input.ok ? input.value.version : 0,
            res.locals.user!,
            input.ok && input.value.assignee ? input.value.assignee : null,
          ),
        ),
    }),
    postRoute({
      path: "/cases/:id/request-information",
      name: "case.requestInformation",
      access: officers,
      body: forms.requestInformation,
      handler: (req, res, input) =>
        act(req, res, "requestInformation", input, () =>
          workflow.requestInformation(
            id(req),
            input.ok ? input.value.version : 0,
            res.locals.user!,
            input.ok ? input.value.message : "",
          ),
        ),
    }),
    postRoute({
      path: "/cases/:id/routes/add",
      name: "case.addRoute",
      access: officers,
      body: forms.addRoute,
      handler: (req, res, input) =>
        act(req, res, "addRoute", input, () =>
          workflow.addRoute(
            id(req),
            input.ok ? input.value.version : 0,
            res.locals.user!,
            input.ok ? input.value.route : "acbela",
            input.ok ? input.value.reason : "",
          ),
        ),
    }),
    postRoute({
      path: "/cases/:id/routes/remove",
      name: "case.removeRoute",
      access: officers,
      body: forms.removeRoute,
      handler: (req, res, input) =>
        act(req, res, "removeRoute", input, () =>
          workflow.removeRoute(
            id(req),
            input.ok ? input.value.version : 0,
            res.locals.user!,
            input.ok ? input.value.route : "acbela",
            input.ok ? input.value.reason : "",
          ),
        ),
    }),
    postRoute({
      path: "/cases/:id/decision",
      name: "case.decide",
      access: officers,
      body: forms.decide,
      handler: (req, res, input) =>
        act(req, res, "decide", input, () =>
          workflow.decide(
            id(req),
            input.ok ? input.value.version : 0,
            res.locals.user!,
            input.ok ? input.value.outcome : "declined",
            input.ok ? input.value.note : "",
          ),
        ),
    }),
    postRoute({
      path: "/cases/:id/notes",
      name: "case.addNote",
      access: officers,
      body: forms.addNote,
      handler: (req, res, input) =>
        act(req, res, "addNote", input, () =>
          workflow.addNote(id(req), res.locals.user!, input.ok ? input.value.body : ""),
        ),
    }),
    postRoute({
      path: "/cases/:id/reviews/:route",
      name: "case.recordReview",
      access: rolesOnly("ACBELA_SECRETARY", "REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE"),
      body: forms.review,
      handler: async (req, res, input) => {
        const route = String(req.params.route) as RouteName;
        if (!routeNames.includes(route)) return pageNotFound(res);
        if (!routesReviewedBy(res.locals.user!).includes(route)) return forbidden(res);
        return act(req, res, "review", input, () =>
          workflow.recordReview(
            id(req),
            input.ok ? input.value.version : 0,
            res.locals.user!,
            route,
            input.ok ? input.value.outcome : "cleared",
            input.ok ? input.value.note : "",
          ),
        );
      },
    }),
  ];
}
