// The proposer's own pages: the confirmation after submitting and a proposal's page.
import type { Request, Response } from "express";
import type { Services } from "../services";
import type { Decision } from "../rules";
import { getRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { applicableSteps } from "./form/steps";
import { firstIncompleteStep } from "./form/formRoutes";
import { answerSections, routeLabels, statusLabels } from "./display";
import { isDeletableDraft, type StoredAnswers } from "./proposalService";
import { proposalUrls } from "./urls";
import { decisionOutcomeLabels, type DecisionOutcome } from "../workflow/tasks";
import { isAllowedIn, type CaseState } from "../workflow/transitions";
import { ConflictError, TransitionError } from "../workflow/workflowService";
import { z } from "zod";
import { postRoute } from "../routing/pageRoute";
import { pageNotFound } from "../routing/refusals";

/** What happens next, and who holds it, in the proposer's words. */
export function nextAction(status: string): { text: string; holder: string } {
  switch (status) {
    case "DRAFT":
      return { text: "Finish the form and submit it", holder: "You" };
    case "IN_REVIEW":
      return {
        text: "The SPO is reviewing the proposal; sign-off and reviews run alongside",
        holder: "Strategic Partnerships Office",
      };
    case "INFORMATION_REQUESTED":
      return { text: "Answer the SPO's request for more information", holder: "You" };
    case "DECIDED":
      return { text: "A decision has been recorded", holder: "No one" };
    default:
      return { text: "Withdrawn", holder: "No one" };
  }
}

export function proposalRoutes(services: Services): PageRoute[] {
  const { proposals, organisation, workflow } = services;
  /** The signed-in person's own proposal, or the not-found page (anyone else's looks missing). */
  const ownProposal = async (req: Request, res: Response) => {
    const proposal = await proposals.findOwned(String(req.params.id), res.locals.user!.id);
    if (!proposal) pageNotFound(res);
    return proposal;
  };
  const withRequesterName = async <T extends { requestedById: string }>(request: T | undefined) =>
    request
      ? {
          ...request,
          requestedBy:
            (
              await services.prisma.user.findUnique({
                where: { id: request.requestedById },
                select: { displayName: true },
              })
            )?.displayName ?? "",
        }
      : null;

  return [
    getRoute({
      path: "/proposals/:id/confirmation",
      name: "proposal.confirmation",
      access: signedIn,
      handler: async (req, res) => {
        const proposal = await ownProposal(req, res);
        if (!proposal) return;
        const latest = (await proposals.submissions(proposal.id)).at(-1);
        if (!latest) return res.redirect(303, proposalUrls.view(proposal.id));
        res.render("proposals/confirmation", {
          title: "Proposal submitted",
          proposal,
          decision: latest.decision as unknown as Decision,
          routeLabels,
          viewUrl: proposalUrls.view(proposal.id),
        });
      },
    }),
    getRoute({
      path: "/proposals/:id/withdraw",
      name: "proposal.withdrawConfirm",
      access: signedIn,
      handler: async (req, res) => {
        const proposal = await ownProposal(req, res);
        if (!proposal) return;
        if (!isAllowedIn("withdraw", proposal.status as CaseState))
          return res.redirect(303, proposalUrls.view(proposal.id));
        res.render("proposals/withdraw", {
          title: "Withdraw this proposal?",
          proposal,
          backLink: proposalUrls.view(proposal.id),
        });
      },
    }),
    postRoute({
      path: "/proposals/:id/withdraw",
      name: "proposal.withdraw",
      access: signedIn,
      body: z.strictObject({ version: z.coerce.number().int().min(1) }),
      handler: async (req, res, input) => {
        const proposal = await ownProposal(req, res);
        if (!proposal) return;
        if (!input.ok) return res.redirect(303, proposalUrls.withdraw(proposal.id));
        try {
          await workflow.withdraw(proposal.id, input.value.version, res.locals.user!);
        } catch (error) {
          if (error instanceof ConflictError || error instanceof TransitionError) {
            return res.status(409).render("proposals/withdraw", {
              title: "Error: Withdraw this proposal?",
              proposal,
              backLink: proposalUrls.view(proposal.id),
              message:
                error instanceof ConflictError
                  ? "The proposal changed since you opened this page. Check it and try again."
                  : error.message,
            });
          }
          throw error;
        }
        res.redirect(303, proposalUrls.view(proposal.id));
      },
    }),
    getRoute({
      path: "/proposals/:id",
      name: "proposal.view",
      access: signedIn,
      handler: async (req, res) => {
        const proposal = await ownProposal(req, res);
        if (!proposal) return;
        const submissions = await proposals.submissions(proposal.id);
        const latest = submissions.at(-1);
        const answers = (latest?.answers ?? proposal.answers) as StoredAnswers;
        const incomplete = proposal.status === "DRAFT" ? firstIncompleteStep(answers) : undefined;
        const requests = await proposals.informationRequests(proposal.id);
        res.render("proposals/view", {
          title: proposal.title || "Untitled proposal",
          backLink: "/",
          proposal,
          status: statusLabels[proposal.status],
          next: nextAction(proposal.status),
          sections: answerSections(answers, await organisation.departmentNames()),
          decision: latest ? (latest.decision as unknown as Decision) : null,
          routeLabels,
          continueUrl:
            proposal.status === "DRAFT"
              ? incomplete
                ? proposalUrls.step(proposal.id, incomplete.slug)
                : proposalUrls.checkAnswers(proposal.id)
              : proposal.status === "INFORMATION_REQUESTED"
                ? proposalUrls.checkAnswers(proposal.id)
                : null,
          openRequest: await withRequesterName(requests.find((request) => !request.answeredAt)),
          outcome: proposal.outcome
            ? { text: decisionOutcomeLabels[proposal.outcome as DecisionOutcome], note: proposal.outcomeNote }
            : null,
          withdrawUrl: isAllowedIn("withdraw", proposal.status as CaseState)
            ? proposalUrls.withdraw(proposal.id)
            : null,
          deleteUrl: isDeletableDraft(proposal) ? proposalUrls.deleteDraft(proposal.id) : null,
        });
      },
    }),
  ];
}
