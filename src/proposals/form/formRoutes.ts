// The proposal form: one page per step (each its own route, so each is in the route table
// with its access rule and schema), check your answers, declaration and submit.
import { flash } from "../../middleware/setUpFlash";
import type { Response } from "express";
import { z } from "zod";
import type { Services } from "../../services";
import { getRoute, postRoute, signedIn, type PageContext, type PageRoute } from "../../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../../routing/formErrors";
import { countryList } from "../../domain/countries";
import { answerSections } from "../display";
import type { StoredAnswers } from "../proposalService";
import { isEditable } from "../../domain/caseStates";
import { NotFoundError } from "../../domain/errors";
import { proposalUrls } from "../urls";
import { presentationOf } from "../../domain/questionCatalogue";
import { answersSchema } from "../../domain/questions";
import { factsFrom, flagsFor } from "../../rules";
import { stepOfQuestion } from "./steps";
import { replyUrls } from "../../informationRequests/urls";
import { answersToRemove, firstIncompleteStep, formValuesFromAnswers, stepForms } from "./stepForms";
import { sectionCaption, sectionProgress, type SectionState } from "./sections";
import { applicableSteps, firstStep, nextStep, previousStep, steps, type Step } from "./steps";

const sectionStatus: Record<SectionState, { text: string; tag?: string }> = {
  completed: { text: "Completed" },
  inProgress: { text: "In progress", tag: "govuk-tag--light-blue" },
  notStarted: { text: "Not yet started", tag: "govuk-tag--blue" },
  cannotStart: { text: "Cannot start yet" },
};

const declarationForm = z.strictObject({
  declaration: z.literal("confirmed", { error: "Confirm the declaration to submit the proposal" }),
});

/** Where an error summary link should land: the first control of the question. */
function errorHref(field: string): string {
  if (field === "form") return "#main-content";
  return presentationOf(field).kind === "date" ? `#${field}-day` : `#${field}`;
}

function orderedErrors(errors: FormErrors, step: Step): FormErrors {
  const ordered = fromMessages(errors.byField, [...step.questions]);
  return { ...ordered, list: ordered.list.map((error) => ({ ...error, href: errorHref(error.field) })) };
}

export function formRoutes(services: Services): PageRoute[] {
  const { proposals, organisation, submissions } = services;

  /** The person's own proposal while it can be edited; anyone else's is not found, a submitted one is shown instead. */
  async function ownedEditable({ req, res, user }: PageContext<typeof signedIn>) {
    const proposal = await proposals.findOwned(String(req.params.id), user.id);
    if (!proposal) throw new NotFoundError();
    if (!isEditable(proposal.status)) {
      res.redirect(303, proposalUrls.view(proposal.id));
      return null;
    }
    return proposal;
  }

  /** Sends people back to the first page they have not finished, if it comes before this one. */
  function redirectIfSkippingAhead(res: Response, id: string, step: Step, answers: StoredAnswers): boolean {
    const applicable = applicableSteps(answers);
    const position = applicable.findIndex((candidate) => candidate.slug === step.slug);
    const incomplete = firstIncompleteStep(answers);
    if (position === -1) {
      res.redirect(303, incomplete ? proposalUrls.step(id, incomplete.slug) : proposalUrls.checkAnswers(id));
      return true;
    }
    if (incomplete && applicable.indexOf(incomplete) < position) {
      res.redirect(303, proposalUrls.step(id, incomplete.slug));
      return true;
    }
    return false;
  }

  async function renderStep(
    res: Response,
    options: {
      /** null for the first page of a proposal not yet started. */
      id: string | null;
      step: Step;
      answers: StoredAnswers;
      values: StoredAnswers;
      errors: FormErrors;
      change: boolean;
      status?: number;
    },
  ) {
    const { id, step, answers, values, errors, change } = options;
    const previous = previousStep(step, answers);
    const needsDepartments = step.questions.includes("department");
    const needsCountries = step.questions.some((question) =>
      ["country", "countryList"].includes(presentationOf(question).kind),
    );
    res.status(options.status ?? 200).render("proposals/step", {
      title: `${errors.list.length > 0 ? "Error: " : ""}${step.title}`,
      step,
      caption: sectionCaption(step, answers),
      sectionsUrl: id ? proposalUrls.sections(id) : null,
      questions: step.questions.map((question) => ({ id: question, presentation: presentationOf(question) })),
      values,
      errors,
      action: id ? proposalUrls.step(id, step.slug, { change }) : proposalUrls.start,
      backLink:
        id && change ? proposalUrls.checkAnswers(id) : id && previous ? proposalUrls.step(id, previous.slug) : "/",
      // A retired department is not offered for a new proposal.
      departments: needsDepartments ? await organisation.activeDepartments() : [],
      countries: needsCountries ? countryList() : [],
    });
  }

  const firstForm = stepForms.get(firstStep.slug);
  if (!firstForm) throw new Error(`No form for step ${firstStep.slug}`);

  const stepRoutes = steps.flatMap((step): PageRoute[] => {
    const form = stepForms.get(step.slug);
    if (!form) throw new Error(`No form for step ${step.slug}`);
    return [
      getRoute({
        path: `/proposals/:id/${step.slug}`,
        name: `proposal.step.${step.slug}`,
        access: signedIn,
        handler: async (context) => {
          const { req, res } = context;
          const proposal = await ownedEditable(context);
          if (!proposal) return;
          const answers = proposal.answers as StoredAnswers;
          if (redirectIfSkippingAhead(res, proposal.id, step, answers)) return;
          await renderStep(res, {
            id: proposal.id,
            step,
            answers,
            values: { ...(await ownDepartment(step, answers, context.user)), ...formValuesFromAnswers(step, answers) },
            errors: await retiredDepartmentError(step, answers),
            change: req.query.change === "1",
          });
        },
      }),
      postRoute({
        path: `/proposals/:id/${step.slug}`,
        name: `proposal.save.${step.slug}`,
        access: signedIn,
        body: form.schema,
        handler: (context, value: StoredAnswers) => saveStep(context, step, value),
        keepsTyping: true,
        invalid: (context, { errors, raw }) => showStepAgain(context, step, raw, orderedErrors(errors, step)),
      }),
    ];
  });

  /** The page again, with what was typed and what is wrong with it. */
  async function showStepAgain(
    context: PageContext<typeof signedIn>,
    step: Step,
    raw: StoredAnswers,
    errors: FormErrors,
  ) {
    const proposal = await ownedEditable(context);
    if (!proposal) return;
    const answers = proposal.answers as StoredAnswers;
    if (redirectIfSkippingAhead(context.res, proposal.id, step, answers)) return;
    const change = context.req.query.change === "1";
    await renderStep(context.res, { id: proposal.id, step, answers, values: raw, errors, change, status: 400 });
  }

  /** The department page starts at the person's own department (if not retired) until one is chosen. */
  async function ownDepartment(step: Step, answers: StoredAnswers, user: { departmentId: string | null }) {
    if (!step.questions.includes("department") || answers.department !== undefined || !user.departmentId) return {};
    const own = (await organisation.activeDepartments()).find((department) => department.id === user.departmentId);
    return own ? { department: own.code } : {};
  }

  /** A draft whose department was retired since it was chosen says so on that page. */
  async function retiredDepartmentError(step: Step, answers: StoredAnswers) {
    if (!step.questions.includes("department") || typeof answers.department !== "string") return noErrors;
    const department = await organisation.departmentByCode(answers.department);
    if (!department?.retired) return noErrors;
    const message = `${department.name} has been retired: select the department the proposal now belongs to`;
    return orderedErrors(fromMessages({ department: message }), step);
  }

  async function saveStep(context: PageContext<typeof signedIn>, step: Step, value: StoredAnswers) {
    const { req, res } = context;
    const department =
      typeof value.department === "string" ? await organisation.departmentByCode(value.department) : null;
    if (typeof value.department === "string" && (!department || department.retired)) {
      const errors = orderedErrors(fromMessages({ department: "Select a department from the list" }), step);
      return showStepAgain(context, step, value, errors);
    }
    const proposal = await ownedEditable(context);
    if (!proposal) return;
    const answers = proposal.answers as StoredAnswers;
    const change = req.query.change === "1";
    if (redirectIfSkippingAhead(res, proposal.id, step, answers)) return;
    const remove = answersToRemove(value);
    const saved = await proposals.saveAnswers(proposal.id, proposal.ownerId, value, remove);
    if (!saved) {
      res.redirect(303, proposalUrls.view(proposal.id));
      return;
    }
    const updated: StoredAnswers = Object.fromEntries(
      Object.entries({ ...answers, ...value }).filter(([key]) => !remove.includes(key)),
    );
    flash(req, `Your answers to "${step.title}" were saved.`);
    if (change) {
      const incomplete = firstIncompleteStep(updated);
      res.redirect(
        303,
        incomplete
          ? proposalUrls.step(proposal.id, incomplete.slug, { change: true })
          : proposalUrls.checkAnswers(proposal.id),
      );
      return;
    }
    const next = nextStep(step, updated);
    res.redirect(303, next ? proposalUrls.step(proposal.id, next.slug) : proposalUrls.checkAnswers(proposal.id));
  }

  async function renderCheckAnswers(
    res: Response,
    id: string,
    answers: StoredAnswers,
    errors: FormErrors,
    status = 200,
    /** Answering a request for information: the resubmission goes through the reply page. */
    replyUrl: string | null = null,
  ) {
    const sections = answerSections(answers, await organisation.departmentNames(), (step, question) =>
      proposalUrls.step(id, step.slug, {
        change: true,
        field: presentationOf(question).kind === "date" ? `${question}-day` : question,
      }),
    );
    const lastStep = applicableSteps(answers).at(-1);
    // Contradictions the rules can see are flagged here, while the proposer can still change them.
    const parsed = answersSchema.safeParse(answers);
    const flags = parsed.success
      ? flagsFor(factsFrom(parsed.data)).map((flag) => {
          const step = stepOfQuestion(flag.question);
          return {
            text: flag.text,
            href: step ? proposalUrls.step(id, step.slug, { change: true, field: flag.question }) : undefined,
          };
        })
      : [];
    res.status(status).render("proposals/checkAnswers", {
      flags,
      title: `${errors.list.length > 0 ? "Error: " : ""}Check your answers before submitting`,
      sections,
      errors,
      action: proposalUrls.submit(id),
      replyUrl,
      // Back to the last page of the form, the one people come from.
      backLink: lastStep ? proposalUrls.step(id, lastStep.slug) : "/",
    });
  }

  return [
    // A new proposal starts on its first page; its draft is created when that page is saved,
    // so following "Start a new proposal" again and again leaves nothing behind.
    getRoute({
      path: proposalUrls.new,
      name: "proposal.new",
      access: signedIn,
      handler: ({ res }) =>
        renderStep(res, { id: null, step: firstStep, answers: {}, values: {}, errors: noErrors, change: false }),
    }),
    postRoute({
      path: proposalUrls.start,
      name: "proposal.start",
      access: signedIn,
      body: firstForm.schema,
      keepsTyping: true,
      handler: async ({ req, res, user }, value: StoredAnswers) => {
        const draft = await proposals.createDraft(user.id, value);
        flash(req, `Your answers to "${firstStep.title}" were saved.`);
        const next = nextStep(firstStep, value);
        res.redirect(303, next ? proposalUrls.step(draft.id, next.slug) : proposalUrls.checkAnswers(draft.id));
      },
      invalid: ({ res }, { errors, raw }) =>
        renderStep(res, {
          id: null,
          step: firstStep,
          answers: {},
          values: raw,
          errors: orderedErrors(errors, firstStep),
          change: false,
          status: 400,
        }),
    }),
    ...stepRoutes,
    getRoute({
      path: "/proposals/:id/sections",
      name: "proposal.sections",
      access: signedIn,
      handler: async (context) => {
        const proposal = await ownedEditable(context);
        if (!proposal) return;
        const answers = proposal.answers as StoredAnswers;
        const sections = sectionProgress(answers).map((section, index) => ({
          id: `section-${index + 1}`,
          title: section.title,
          href: section.step ? proposalUrls.step(proposal.id, section.step.slug) : null,
          status: sectionStatus[section.state],
        }));
        const completed = sections.filter((section) => section.status === sectionStatus.completed).length;
        context.res.render("proposals/sections", {
          title: proposal.title || "Untitled draft",
          proposal,
          sections,
          completed,
          checkAnswersUrl: completed === sections.length ? proposalUrls.checkAnswers(proposal.id) : null,
          deleteUrl: proposal.status === "DRAFT" ? proposalUrls.deleteDraft(proposal.id) : null,
          backLink: "/",
        });
      },
    }),
    getRoute({
      path: "/proposals/:id/check-answers",
      name: "proposal.checkAnswers",
      access: signedIn,
      handler: async (context) => {
        const proposal = await ownedEditable(context);
        if (!proposal) return;
        const answers = proposal.answers as StoredAnswers;
        const incomplete = firstIncompleteStep(answers);
        if (incomplete) {
          context.res.redirect(303, proposalUrls.step(proposal.id, incomplete.slug));
          return;
        }
        await renderCheckAnswers(
          context.res,
          proposal.id,
          answers,
          noErrors,
          200,
          proposal.status === "INFORMATION_REQUESTED" ? replyUrls.reply(proposal.id) : null,
        );
      },
    }),
    postRoute({
      path: "/proposals/:id/submit",
      name: "proposal.submit",
      access: signedIn,
      body: declarationForm,
      handler: (context) => submit(context, true),
      invalid: (context) => submit(context, false),
    }),
  ];

  /** Submits with the declaration confirmed; without it, check your answers again with the message. */
  async function submit({ req, res, user }: PageContext<typeof signedIn>, declared: boolean) {
    const proposal = await proposals.findOwned(String(req.params.id), user.id);
    if (!proposal) throw new NotFoundError();
    if (!isEditable(proposal.status)) {
      res.redirect(303, proposalUrls.confirmation(proposal.id));
      return;
    }
    // A resubmission answers the request for information: it goes with the proposer's reply.
    if (proposal.status === "INFORMATION_REQUESTED") {
      res.redirect(303, replyUrls.reply(proposal.id));
      return;
    }
    const answers = proposal.answers as StoredAnswers;
    const incomplete = firstIncompleteStep(answers);
    if (incomplete) {
      res.redirect(303, proposalUrls.step(proposal.id, incomplete.slug));
      return;
    }
    if (!declared) {
      const errors = fromMessages({ declaration: "Confirm the declaration to submit the proposal" });
      return renderCheckAnswers(res, proposal.id, answers, errors, 400);
    }
    const result = await submissions.submit(proposal.id, user.id);
    if (result.outcome === "notFound") throw new NotFoundError();
    if (result.outcome === "incomplete") {
      const step = firstIncompleteStep(answers) ?? firstStep;
      res.redirect(303, proposalUrls.step(proposal.id, step.slug));
      return;
    }
    if (result.outcome === "departmentRetired") {
      // Retired while the draft was open: the department page no longer offers it, so
      // the proposer chooses again there (nothing else they typed is touched).
      res.redirect(303, proposalUrls.step(proposal.id, "department"));
      return;
    }
    flash(req, "Your proposal was submitted.");
    res.redirect(303, proposalUrls.confirmation(proposal.id));
  }
}
