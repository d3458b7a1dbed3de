// The case page for officers and reviewers, and every action taken on it. Each action
// posts the version the page showed; a stale one gets the conflict page, never an overwrite.
import type { z } from "zod";
import { flash } from "../middleware/setUpFlash";
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
import {
  decisionOutcomeLabels,
  isRouteName,
  reviewerRoleList,
  routesReviewedBy,
  signOffKinds,
  type DecisionOutcome,
} from "../domain/reviews";
import { caseFormFieldOrder, caseForms, type CaseFormName } from "./caseForms";
import { fromMessages } from "../routing/formErrors";
import { casePageModel, type CasePageOptions } from "./casePresenter";
import { ScreeningError } from "../screening/screeningService";
import { mayReadScreening, screeningPanel, screeningViewerRoles } from "../screening/casePanel";
import { isOpen } from "../domain/caseStates";
import { attachmentsPanel } from "../attachments/attachmentPresenter";
import { attachmentUrls } from "../attachments/urls";
import { attachmentList, mayAddTo } from "../attachments/attachmentService";
import { committeeRecordList } from "../committee/committeeService";
import { threadOf } from "../informationRequests/informationRequestService";
import { threadRounds } from "../informationRequests/threadPresenter";
import { waitingWithNames } from "../progress/progressPresenter";
import { committeeView } from "../committee/committeePresenter";
import { hasRole } from "../domain/roles";

// The SPO lead reads the case page (every POST below stays with its office).
const caseViewers = rolesOnly("SPO_OFFICER", "SPO_LEAD", ...reviewerRoleList);
const officers = rolesOnly("SPO_OFFICER");
const reviewers = rolesOnly(...reviewerRoleList);
const screeners = rolesOnly(...screeningViewerRoles);
const approvals: readonly string[] = ["approved", "approved_with_conditions"];

type Context = PageContext<typeof caseViewers>;
type DecisionForm = z.output<typeof caseForms.decide>;

export function caseRoutes(services: Services): PageRoute[] {
  const { cases, workflow, organisation, screening, progress, committee } = services;
  const caseId = ({ req }: Context) => String(req.params.id);

  async function renderCase(context: Context, options: CasePageOptions & { status?: number } = {}) {
    const { res, user } = context;
    const loaded = await cases.load(caseId(context), user);
    const missing = isAllowedIn("decide", loaded.proposal.status) ? workflow.missingForDecisionOf(loaded.proposal) : [];
    const id = loaded.proposal.id;
    // Once the case is known to exist and be theirs to see, the rest is read at once: each
    // read is its own round trip, and one after another they made the page's latency.
    // What the case was read with (its submission's answers, requests, tasks and the people
    // they name) is passed on rather than read again.
    const listsInUse = mayReadScreening(user) ? screening.listsInUseShown() : undefined;
    const [departmentNames, officers, screeningStatus, lists, progressOf] = await Promise.all([
      organisation.departmentNames(),
      organisation.officers(),
      listsInUse?.then((lists) => screening.caseStatus(id, { answers: loaded.answers, lists })),
      listsInUse,
      progress.ofLoaded(loaded.proposal, loaded.names),
    ]);
    const files = attachmentList(loaded.proposal.attachments, loaded.names);
    const records = loaded.proposal.routes.includes("acbela")
      ? committeeRecordList(loaded.proposal.committeeRecords, loaded.names)
      : undefined;
    const mayAdd = mayAddTo(loaded.proposal, user);
    const thread = threadOf(loaded.proposal.informationRequests, loaded.names);
    const model = casePageModel(user, loaded, { departmentNames, missing, officers }, options);
    const panel =
      screeningStatus && lists
        ? screeningPanel(user, screeningStatus, lists, loaded.names, isOpen(loaded.proposal.status))
        : undefined;
    res.status(options.status ?? 200).render("cases/show", {
      ...model,
      screening: panel,
      thread: threadRounds(thread),
      waitingWith: waitingWithNames(progressOf),
      committee: records
        ? committeeView(records, {
            mayRecord: hasRole(user, "ACBELA_SECRETARY") && loaded.proposal.ownerId !== user.id,
          })
        : null,
      attachments: attachmentsPanel(files, {
        href: attachmentUrls.forCase(id),
        text: mayAdd !== null ? "Add or replace files" : "All files on this case",
      }),
    });
  }

  /** Shows the case again with the form's errors and what was typed. */
  const showForm =
    (form: CaseFormName) =>
    (context: Context, { errors, raw }: InvalidForm) =>
      renderCase(context, {
        form,
        // The error summary lists errors in the order of the form's fields.
        errors: fromMessages(errors.byField, caseFormFieldOrder[form] ?? []),
        values: raw,
        status: 400,
      });

  /** What the case page says, once, after each action (a success banner). */
  const doneMessages: Record<CaseFormName, string> = {
    assign: "The case's assignment was saved.",
    requestInformation: "Your request for information was sent to the proposer.",
    addRoute: "The route was added to the case.",
    removeRoute: "The route was removed from the case.",
    decide: "The decision was recorded and the proposer told.",
    addNote: "Your note was added.",
    committee: "The committee's record was saved.",
    review: "Your review was recorded.",
    verdict: "Your verdict on the possible match was recorded.",
    screen: "The partner and funder were screened again.",
  };

  /** Refuses an approval while a possible sanctions match has no verdict. */
  async function refuseDecision(context: Context, outcome: DecisionOutcome) {
    if (approvals.includes(outcome) && (await screening.caseStatus(caseId(context))).blocksApproval)
      throw new ActionNotAllowedError(
        "The case cannot be approved while a possible sanctions match has no verdict. Record a verdict on each first.",
      );
  }

  /** The check step: the check page for a decision the case can take now, the case page saying why not otherwise. */
  async function checkDecision(context: Context, form: DecisionForm) {
    try {
      // What the case page offered may have changed since: the check page is for a decidable case only.
      const { proposal } = await cases.load(caseId(context), context.user);
      if (!isAllowedIn("decide", proposal.status))
        throw new ActionNotAllowedError("A decision can only be recorded on a case under review.");
      const missing = workflow.missingForDecisionOf(proposal);
      if (missing.length > 0)
        throw new ActionNotAllowedError(`The decision cannot be recorded yet. Still needed: ${missing.join("; ")}.`);
      await refuseDecision(context, form.outcome);
    } catch (error) {
      if (!(error instanceof ActionNotAllowedError)) throw error;
      return renderCase(context, { form: "decide", values: form, status: 409, message: error.message });
    }
    return renderDecisionCheck(context, form);
  }

  /** The check page: what will be recorded and who will be told, before anything is. */
  async function renderDecisionCheck(context: Context, form: DecisionForm) {
    const { proposal, names } = await cases.load(caseId(context), context.user);
    const signOffs: readonly string[] = [signOffKinds.department, signOffKinds.school];
    const heads = proposal.tasks
      .filter((task) => signOffs.includes(task.kind) && task.state === "done" && task.completedById)
      .map((task) => names.get(task.completedById ?? "") ?? "")
      .filter(Boolean);
    context.res.render("cases/checkDecision", {
      title: "Check the decision before you record it",
      backLink: `/cases/${proposal.id}`,
      proposal: { id: proposal.id, reference: proposal.reference ?? "", title: proposal.title },
      outcome: decisionOutcomeLabels[form.outcome],
      noteLines: form.note ? form.note.split(/\r?\n/) : [],
      told: [
        `${proposal.owner.displayName} (the proposer), by e-mail and on their proposal's page`,
        ...[...new Set(heads)].map((name) => `${name}, who signed the proposal off`),
      ],
      values: form,
    });
  }

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
    flash(context.req, doneMessages[form]);
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
      keepsTyping: true,
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
      keepsTyping: true,
      invalid: showForm("addRoute"),
    }),
    postRoute({
      path: "/cases/:id/routes/remove",
      name: "case.removeRoute",
      access: officers,
      body: caseForms.removeRoute,
      handler: (context, form) =>
        act(context, "removeRoute", async () => {
          if (form.route === "due_diligence" && (await screening.caseStatus(caseId(context))).reasons.length > 0)
            throw new ActionNotAllowedError(
              "Due diligence is mandatory while a possible sanctions match is unresolved or confirmed.",
            );
          await workflow.removeRoute(caseId(context), form.version, context.user, form.route, form.reason);
        }),
      keepsTyping: true,
      invalid: showForm("removeRoute"),
    }),
    postRoute({
      path: "/cases/:id/decision/check",
      name: "case.checkDecision",
      access: officers,
      body: caseForms.decide,
      handler: checkDecision,
      keepsTyping: true,
      invalid: showForm("decide"),
    }),
    postRoute({
      path: "/cases/:id/decision",
      name: "case.decide",
      access: officers,
      body: caseForms.decideConfirmed,
      handler: (context, form) =>
        act(context, "decide", async () => {
          await refuseDecision(context, form.outcome);
          await workflow.decide(caseId(context), form.version, context.user, form.outcome, form.note);
        }),
      keepsTyping: true,
      invalid: async (context, form) => {
        const { confirm, ...typed } = form.raw;
        // "Change the decision" on the check page, or a decision posted without its check page:
        // the form again with what was typed, or the check page. Nothing is recorded either way.
        if (confirm === "change") return renderCase(context, { form: "decide", values: typed });
        const unchecked = caseForms.decide.safeParse(typed);
        if (confirm === undefined && unchecked.success) return checkDecision(context, unchecked.data);
        return showForm("decide")(context, form);
      },
    }),
    postRoute({
      path: "/cases/:id/notes",
      name: "case.addNote",
      access: officers,
      body: caseForms.addNote,
      handler: (context, form) =>
        act(context, "addNote", () => workflow.addNote(caseId(context), context.user, form.body)),
      keepsTyping: true,
      invalid: showForm("addNote"),
    }),
    postRoute({
      path: "/cases/:id/screening",
      name: "case.screen",
      access: officers,
      body: caseForms.screen,
      handler: async (context) => {
        const loaded = await cases.load(caseId(context), context.user);
        return act(context, "screen", async () => {
          if (!isOpen(loaded.proposal.status))
            throw new ActionNotAllowedError("A decided or withdrawn case is screened again only after a list update.");
          if ((await screening.listsInUse()).length === 0)
            throw new ActionNotAllowedError("No sanctions list has been imported: an administrator imports one first.");
          await screening.screenCase(loaded.proposal.id, { trigger: "on_demand", actorId: context.user.id });
        });
      },
      invalid: showForm("screen"),
    }),
    postRoute({
      path: "/cases/:id/screening/:matchId/verdict",
      name: "case.screeningVerdict",
      access: screeners,
      body: caseForms.verdict,
      keepsTyping: true,
      handler: async (context, form) => {
        const loaded = await cases.load(caseId(context), context.user);
        return act(context, "verdict", async () => {
          try {
            await screening.recordVerdict({
              caseId: loaded.proposal.id,
              matchId: String(context.req.params.matchId),
              verdict: form.verdict,
              note: form.note,
              actorId: context.user.id,
            });
          } catch (error) {
            if (error instanceof ScreeningError) throw new ActionNotAllowedError(error.message);
            throw error;
          }
        });
      },
      invalid: (context, form) =>
        renderCase(context, {
          form: "verdict",
          errors: form.errors,
          values: { ...form.raw, matchId: String(context.req.params.matchId) },
          status: 400,
        }),
    }),
    postRoute({
      path: "/cases/:id/committee",
      name: "case.recordCommittee",
      access: rolesOnly("ACBELA_SECRETARY"),
      body: caseForms.committee,
      keepsTyping: true,
      handler: async (context, form) => {
        // Only for someone who may see the case (its route's secretary): 403 or 404 otherwise.
        await cases.load(caseId(context), context.user);
        return act(context, "committee", () => committee.record(caseId(context), context.user, form));
      },
      invalid: showForm("committee"),
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
      keepsTyping: true,
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
