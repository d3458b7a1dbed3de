// The proposal form: one page per step (each its own route, so each is in the route table
// with its access rule and schema), check your answers, declaration and submit.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Services } from "../../services";
import { getRoute, postRoute, signedIn, type FormInput, type PageRoute } from "../../routing/pageRoute";
import { fromMessages, noErrors, type FormErrors } from "../../routing/formErrors";
import { allCountries } from "../../reference/countries";
import { answerSections } from "../display";
import { isEditable, type StoredAnswers } from "../proposalService";
import { proposalUrls } from "../urls";
import { presentationOf } from "./presentation";
import { answersToRemove, formValuesFromAnswers, isStepComplete, stepForms } from "./stepForms";
import { applicableSteps, nextStep, previousStep, steps, type Step } from "./steps";
import { pageNotFound } from "../../routing/refusals";

const emptyForm = z.strictObject({});
const declarationForm = z.strictObject({
  declaration: z.literal("confirmed", { error: "Confirm the declaration to submit the proposal" }),
});

export function firstIncompleteStep(answers: StoredAnswers): Step | undefined {
  return applicableSteps(answers).find((step) => !isStepComplete(step, answers));
}

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

  async function ownedEditable(req: Request, res: Response) {
    const user = res.locals.user!;
    const proposal = await proposals.findOwned(String(req.params.id), user.id);
    if (!proposal) {
      pageNotFound(res);
      return null;
    }
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
      id: string;
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
      questions: step.questions.map((question) => ({ id: question, presentation: presentationOf(question) })),
      values,
      errors,
      action: proposalUrls.step(id, step.slug, { change }),
      backLink: change ? proposalUrls.checkAnswers(id) : previous ? proposalUrls.step(id, previous.slug) : "/",
      departments: needsDepartments ? await organisation.departments() : [],
      countries: needsCountries ? allCountries() : [],
    });
  }

  const stepRoutes = steps.flatMap((step): PageRoute[] => {
    const form = stepForms.get(step.slug)!;
    return [
      getRoute({
        path: `/proposals/:id/${step.slug}`,
        name: `proposal.step.${step.slug}`,
        access: signedIn,
        handler: async (req, res) => {
          const proposal = await ownedEditable(req, res);
          if (!proposal) return;
          const answers = proposal.answers as StoredAnswers;
          if (redirectIfSkippingAhead(res, proposal.id, step, answers)) return;
          await renderStep(res, {
            id: proposal.id,
            step,
            answers,
            values: formValuesFromAnswers(step, answers),
            errors: noErrors,
            change: req.query.change === "1",
          });
        },
      }),
      postRoute({
        path: `/proposals/:id/${step.slug}`,
        name: `proposal.save.${step.slug}`,
        access: signedIn,
        body: form.schema,
        handler: async (req, res, input: FormInput<StoredAnswers>) => {
          const proposal = await ownedEditable(req, res);
          if (!proposal) return;
          const answers = proposal.answers as StoredAnswers;
          const change = req.query.change === "1";
          if (redirectIfSkippingAhead(res, proposal.id, step, answers)) return;
          let errors = input.ok ? undefined : orderedErrors(input.errors, step);
          if (
            input.ok &&
            typeof input.value.department === "string" &&
            !(await organisation.departmentByCode(input.value.department))
          ) {
            errors = orderedErrors(fromMessages({ department: "Select a department from the list" }), step);
          }
          if (!input.ok || errors) {
            return renderStep(res, {
              id: proposal.id,
              step,
              answers,
              values: input.raw,
              errors: errors!,
              change,
              status: 400,
            });
          }
          const remove = answersToRemove(input.value);
          const saved = await proposals.saveAnswers(proposal.id, proposal.ownerId, input.value, remove);
          if (!saved) return res.redirect(303, proposalUrls.view(proposal.id));
          const updated: StoredAnswers = { ...answers, ...input.value };
          for (const key of remove) delete updated[key];
          if (change) {
            const incomplete = firstIncompleteStep(updated);
            return res.redirect(
              303,
              incomplete
                ? proposalUrls.step(proposal.id, incomplete.slug, { change: true })
                : proposalUrls.checkAnswers(proposal.id),
            );
          }
          const next = nextStep(step, updated);
          res.redirect(303, next ? proposalUrls.step(proposal.id, next.slug) : proposalUrls.checkAnswers(proposal.id));
        },
      }),
    ];
  });

  async function renderCheckAnswers(
    res: Response,
    id: string,
    answers: StoredAnswers,
    errors: FormErrors,
    status = 200,
  ) {
    const sections = answerSections(answers, await organisation.departmentNames(), (step, question) =>
      proposalUrls.step(id, step.slug, {
        change: true,
        field: presentationOf(question).kind === "date" ? `${question}-day` : question,
      }),
    );
    const lastStep = applicableSteps(answers).at(-1);
    res.status(status).render("proposals/checkAnswers", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Check your answers before submitting`,
      sections,
      errors,
      action: proposalUrls.submit(id),
      // Back to the last page of the form, the one people come from.
      backLink: lastStep ? proposalUrls.step(id, lastStep.slug) : "/",
    });
  }

  return [
    postRoute({
      path: proposalUrls.start,
      name: "proposal.start",
      access: signedIn,
      body: emptyForm,
      handler: async (_req, res) => {
        const draft = await proposals.createDraft(res.locals.user!.id);
        res.redirect(303, proposalUrls.step(draft.id, steps[0]!.slug));
      },
    }),
    ...stepRoutes,
    getRoute({
      path: "/proposals/:id/check-answers",
      name: "proposal.checkAnswers",
      access: signedIn,
      handler: async (req, res) => {
        const proposal = await ownedEditable(req, res);
        if (!proposal) return;
        const answers = proposal.answers as StoredAnswers;
        const incomplete = firstIncompleteStep(answers);
        if (incomplete) return res.redirect(303, proposalUrls.step(proposal.id, incomplete.slug));
        await renderCheckAnswers(res, proposal.id, answers, noErrors);
      },
    }),
    postRoute({
      path: "/proposals/:id/submit",
      name: "proposal.submit",
      access: signedIn,
      body: declarationForm,
      handler: async (req, res, input) => {
        const user = res.locals.user!;
        const proposal = await proposals.findOwned(String(req.params.id), user.id);
        if (!proposal) return pageNotFound(res);
        if (!isEditable(proposal.status)) return res.redirect(303, proposalUrls.confirmation(proposal.id));
        const answers = proposal.answers as StoredAnswers;
        const incomplete = firstIncompleteStep(answers);
        if (incomplete) return res.redirect(303, proposalUrls.step(proposal.id, incomplete.slug));
        if (!input.ok) {
          return renderCheckAnswers(
            res,
            proposal.id,
            answers,
            fromMessages({ declaration: "Confirm the declaration to submit the proposal" }),
            400,
          );
        }
        const result = await submissions.submit(proposal.id, user.id);
        if (result.outcome === "notFound") return pageNotFound(res);
        if (result.outcome === "incomplete") {
          const step = firstIncompleteStep(answers) ?? steps[0]!;
          return res.redirect(303, proposalUrls.step(proposal.id, step.slug));
        }
        res.redirect(303, proposalUrls.confirmation(proposal.id));
      },
    }),
  ];
}
