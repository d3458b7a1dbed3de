// The case page's view model: what the handler passes to cases/show, built from the
// loaded case and the person looking. The template holds no rules: it reads `allowed`.
import { allowedActions, isOpen, stateTag, type Actor } from "../domain/caseStates";
import { hasRole, type CurrentUser } from "../domain/roles";
import {
  decisionOutcomeLabels,
  isTaskKind,
  reviewOutcomeLabels,
  routeLabels,
  routeNames,
  routeOfReview,
  routesReviewedBy,
  taskLabels,
  type RouteName,
} from "../domain/reviews";
import { countryName } from "../domain/countries";
import { answerChanges, answerSections } from "../proposals/display";
import { noErrors, type FormErrors } from "../routing/formErrors";
import type { LoadedCase } from "./caseService";
import type { CaseFormName } from "./caseForms";
import { describeOutcome, outcomeOf } from "../simulator/outcomes";

export interface CasePageOptions {
  form?: CaseFormName;
  errors?: FormErrors;
  values?: Record<string, unknown>;
  message?: string;
}

/** Who the viewer is for this case, as the transition table's actors; on their own case only its proposer. */
function actorsOf(user: CurrentUser, loaded: LoadedCase): Actor[] {
  if (loaded.proposal.ownerId === user.id) return ["owner"];
  const reviews = routesReviewedBy(user).some((route) => loaded.proposal.routes.includes(route));
  return [...user.roles.map((grant) => grant.role), ...(reviews ? (["routeReviewer"] as const) : [])];
}

export function casePageModel(
  user: CurrentUser,
  loaded: LoadedCase,
  context: {
    departmentNames: ReadonlyMap<string, string>;
    missing: string[];
    officers: { id: string; displayName: string }[];
  },
  options: CasePageOptions,
) {
  const { proposal, decision, decisions, answers, previousAnswers, names, timeline } = loaded;
  const isOfficer = hasRole(user, "SPO_OFFICER");
  // The SPO lead reads what officers read (the notes too), without their actions.
  const readsAsOfficer = isOfficer || hasRole(user, "SPO_LEAD");
  const ownCase = proposal.ownerId === user.id;
  const allowed = allowedActions(proposal.status, actorsOf(user, loaded));
  const myRoutes = routesReviewedBy(user);
  const openReviews = allowed.recordReview
    ? proposal.tasks.flatMap((task) => {
        const route = routeOfReview(task.kind);
        return task.state === "open" && route && myRoutes.includes(route)
          ? [{ route, label: taskLabels[task.kind as keyof typeof taskLabels] }]
          : [];
      })
    : [];
  const errors = options.errors ?? noErrors;
  return {
    title: `${errors.list.length > 0 || options.message ? "Error: " : ""}${proposal.reference ?? ""} ${proposal.title}`,
    backLink: readsAsOfficer ? "/queue" : "/reviews",
    proposal,
    status: stateTag(proposal.status),
    partnerCountry: proposal.partnerCountry ? countryName(proposal.partnerCountry) : "",
    decision,
    /** Earlier decisions of the same answers, newest first: the rules were re-run since. */
    earlierDecisions: decisions.slice(0, -1).reverse(),
    /** The history of decisions, when there is more than one (a re-run), for the page's list. */
    decisionHistory:
      decisions.length > 1
        ? decisions.map((entry) => ({
            ruleSetVersion: entry.decision.ruleSetVersion,
            at: entry.at,
            by: entry.by,
            rerun: entry.rerun,
            outcome: describeOutcome(outcomeOf(entry.decision)),
          }))
        : [],
    mayRerunRules: isOfficer && isOpen(proposal.status),
    routeLabels,
    activeRoutes: proposal.routes,
    addableRoutes: routeNames.filter((route: RouteName) => !proposal.routes.includes(route)),
    tasks: proposal.tasks.map((task) => ({
      ...task,
      label: isTaskKind(task.kind) ? taskLabels[task.kind] : task.kind,
      outcomeLabel: task.outcome
        ? ((reviewOutcomeLabels as Record<string, string>)[task.outcome] ?? task.outcome.replace(/_/g, " "))
        : "",
      completedBy: task.completedById ? (names.get(task.completedById) ?? "") : "",
      // Officers may sign where the head cannot, and read every record.
      href:
        !isOfficer || !task.kind.endsWith("_sign_off") || task.state === "cancelled"
          ? undefined
          : task.state === "open"
            ? `/sign-off/${task.id}`
            : `/sign-off/${task.id}/record`,
    })),
    missing: context.missing,
    notes: readsAsOfficer ? proposal.notes.map((note) => ({ ...note, author: names.get(note.authorId) ?? "" })) : [],
    informationRequests: proposal.informationRequests.map((request) => ({
      ...request,
      requestedBy: names.get(request.requestedById) ?? "",
    })),
    timeline: timeline.map((entry) => ({
      ...entry,
      actor: entry.actorId ? (names.get(entry.actorId) ?? "") : "System",
    })),
    changes: answerChanges(previousAnswers, answers, context.departmentNames),
    sections: answerSections(answers, context.departmentNames),
    officers: context.officers,
    isOfficer,
    readsAsOfficer,
    ownCase,
    allowed,
    openReviews,
    decisionOutcomeLabels,
    reviewOutcomeLabels,
    form: options.form,
    errors,
    values: options.values ?? {},
    message: options.message,
  };
}
