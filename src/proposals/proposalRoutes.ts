// The proposer's own pages: the confirmation after submitting, a proposal's page, and
// withdrawing it. Anyone else's proposal is not found, as a missing one is.
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, signedIn, type PageContext, type PageRoute } from "../routing/pageRoute";
import { firstIncompleteStep } from "./form/stepForms";
import { answerSections } from "./display";
import { isDeletableDraft, type StoredAnswers } from "./proposalService";
import { proposalUrls } from "./urls";
import { decisionOutcomeLabels, reviewKinds, routeLabels, type DecisionOutcome } from "../domain/reviews";
import { isAllowedIn, isEditable, nextAction, stateTag } from "../domain/caseStates";
import { ActionNotAllowedError, ConflictError } from "../domain/errors";
import { readDecision } from "../rules/stored";
import { attachmentsPanel } from "../attachments/attachmentPresenter";
import { attachmentUrls } from "../attachments/urls";
import { threadRounds } from "../informationRequests/threadPresenter";
import { replyUrls } from "../informationRequests/urls";
import { requestSourceLabel } from "../domain/informationRequests";
import { progressView } from "../progress/progressPresenter";
import { committeeLines } from "../committee/committeePresenter";

const withdrawForm = z.strictObject({ version: z.coerce.number().int().min(1) });

export function proposalRoutes(services: Services): PageRoute[] {
  const { proposals, organisation, workflow, attachments, informationRequests, progress, committee } = services;
  const progressFor = async (id: string) => {
    const found = await progress.of(id);
    if (!found) return null;
    return progressView(found, { linesFor: { [reviewKinds.acbela]: committeeLines(await committee.list(id)) } });
  };
  const ownProposal = ({ req, user }: PageContext<typeof signedIn>) =>
    proposals.ownedBy(String(req.params.id), user.id);

  async function withdraw(context: PageContext<typeof signedIn>, version: number) {
    const { res, user } = context;
    const proposal = await ownProposal(context);
    try {
      await workflow.withdraw(proposal.id, version, user);
    } catch (error) {
      if (!(error instanceof ConflictError) && !(error instanceof ActionNotAllowedError)) throw error;
      res.status(409).render("proposals/withdraw", {
        title: "Error: Withdraw this proposal?",
        proposal,
        backLink: proposalUrls.view(proposal.id),
        message:
          error instanceof ConflictError
            ? "The proposal changed since you opened this page. Check it and try again."
            : error.message,
      });
      return;
    }
    res.redirect(303, proposalUrls.view(proposal.id));
  }

  return [
    getRoute({
      path: "/proposals/:id/confirmation",
      name: "proposal.confirmation",
      access: signedIn,
      handler: async (context) => {
        const proposal = await ownProposal(context);
        const latest = (await proposals.submissions(proposal.id)).at(-1);
        if (!latest) {
          context.res.redirect(303, proposalUrls.view(proposal.id));
          return;
        }
        context.res.render("proposals/confirmation", {
          title: "Proposal submitted",
          proposal,
          decision: readDecision(latest.decision),
          routeLabels,
          viewUrl: proposalUrls.view(proposal.id),
        });
      },
    }),
    getRoute({
      path: "/proposals/:id/withdraw",
      name: "proposal.withdrawConfirm",
      access: signedIn,
      handler: async (context) => {
        const proposal = await ownProposal(context);
        if (!isAllowedIn("withdraw", proposal.status)) {
          context.res.redirect(303, proposalUrls.view(proposal.id));
          return;
        }
        context.res.render("proposals/withdraw", {
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
      body: withdrawForm,
      handler: (context, form) => withdraw(context, form.version),
      // Only a tampered form lacks the version: back to the confirmation page.
      invalid: async (context) => {
        const proposal = await ownProposal(context);
        context.res.redirect(303, proposalUrls.withdraw(proposal.id));
      },
    }),
    getRoute({
      path: "/proposals/:id",
      name: "proposal.view",
      access: signedIn,
      handler: async (context) => {
        const proposal = await ownProposal(context);
        const submissions = await proposals.submissions(proposal.id);
        const latest = submissions.at(-1);
        const answers = (latest?.answers ?? proposal.answers) as StoredAnswers;
        const mayEdit = isEditable(proposal.status);
        const incomplete = proposal.status === "DRAFT" ? firstIncompleteStep(answers) : undefined;
        const openRequest = await proposals.openInformationRequest(proposal.id);
        context.res.render("proposals/view", {
          title: proposal.title || "Untitled proposal",
          backLink: "/",
          proposal,
          status: stateTag(proposal.status),
          next: openRequest
            ? {
                text: `Reply to the ${openRequest.source === "spo" ? "SPO’s request for information" : "head’s return"}`,
                holder: "You",
              }
            : nextAction(proposal.status),
          sections: answerSections(answers, await organisation.departmentNames()),
          decision: latest ? readDecision(latest.decision) : null,
          routeLabels,
          continueText: proposal.status === "DRAFT" ? "Continue this proposal" : "Reply and resubmit",
          continueUrl: mayEdit
            ? incomplete
              ? proposalUrls.step(proposal.id, incomplete.slug)
              : proposal.status === "INFORMATION_REQUESTED"
                ? replyUrls.reply(proposal.id)
                : proposalUrls.checkAnswers(proposal.id)
            : null,
          thread: threadRounds(await informationRequests.thread(proposal.id)),
          progress: await progressFor(proposal.id),
          openRequest: openRequest && { ...openRequest, label: requestSourceLabel(openRequest.source) },
          attachments: attachmentsPanel(await attachments.list(proposal.id), {
            href: attachmentUrls.forProposal(proposal.id),
            text: mayEdit ? "Add, replace or remove files" : "All files",
          }),
          outcome: proposal.outcome
            ? { text: decisionOutcomeLabels[proposal.outcome as DecisionOutcome], note: proposal.outcomeNote }
            : null,
          withdrawUrl: isAllowedIn("withdraw", proposal.status) ? proposalUrls.withdraw(proposal.id) : null,

          deleteUrl: isDeletableDraft(proposal) ? proposalUrls.deleteDraft(proposal.id) : null,
        });
      },
    }),
  ];
}
