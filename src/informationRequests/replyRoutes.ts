// The proposer's reply to a request for information (an officer's, or a head's return):
// the question where they answer it, a reply box (required), their answers and files to
// change if they wish, then the resubmission with the reply kept on the thread.
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, signedIn, type PageContext, type PageRoute } from "../routing/pageRoute";
import { noErrors, type FormErrors } from "../routing/formErrors";
import { flash } from "../middleware/setUpFlash";
import { NotFoundError } from "../domain/errors";
import { replyMaxLength } from "../domain/informationRequests";
import { proposalUrls } from "../proposals/urls";
import { firstIncompleteStep } from "../proposals/form/stepForms";
import type { StoredAnswers } from "../proposals/proposalService";
import { attachmentsPanel } from "../attachments/attachmentPresenter";
import { attachmentUrls } from "../attachments/urls";
import { threadRounds } from "./threadPresenter";
import { replyUrls } from "./urls";

const replyForm = z.strictObject({
  reply: z
    .string({ error: "Enter your reply" })
    .trim()
    .min(1, "Enter your reply")
    .max(replyMaxLength, `Your reply must be ${replyMaxLength.toLocaleString("en-GB")} characters or fewer`),
  declaration: z.literal("confirmed", { error: "Confirm the declaration to resubmit the proposal" }),
});

type Context = PageContext<typeof signedIn>;

export function replyRoutes(services: Services): PageRoute[] {
  const { proposals, informationRequests, attachments, submissions } = services;

  /** The owner's proposal while it waits for their reply; null (and a redirect) otherwise. */
  async function awaitingReply({ req, res, user }: Context) {
    const proposal = await proposals.ownedBy(String(req.params.id), user.id);
    if (proposal.status !== "INFORMATION_REQUESTED") {
      res.redirect(303, proposalUrls.view(proposal.id));
      return null;
    }
    return proposal;
  }

  async function renderReply(
    context: Context,
    options: { errors?: FormErrors; values?: Record<string, unknown>; status?: number } = {},
  ) {
    const proposal = await awaitingReply(context);
    if (!proposal) return;
    const errors = options.errors ?? noErrors;
    const [thread, files] = await Promise.all([informationRequests.thread(proposal.id), attachments.list(proposal.id)]);
    const rounds = threadRounds(thread);
    context.res.status(options.status ?? 200).render("informationRequests/reply", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Reply to the request for information`,
      backLink: proposalUrls.view(proposal.id),
      proposal,
      earlier: rounds.filter((round) => !round.open),
      open: rounds.filter((round) => round.open),
      changeAnswersUrl: proposalUrls.checkAnswers(proposal.id),
      attachments: attachmentsPanel(files, {
        href: attachmentUrls.forProposal(proposal.id),
        text: "Add or replace files",
      }),
      action: replyUrls.reply(proposal.id),
      errors,
      values: options.values ?? {},
      replyMaxLength,
    });
  }

  return [
    getRoute({
      path: "/proposals/:id/reply",
      name: "proposal.reply",
      access: signedIn,
      handler: (context) => renderReply(context),
    }),
    postRoute({
      path: "/proposals/:id/reply",
      name: "proposal.sendReply",
      access: signedIn,
      body: replyForm,
      keepsTyping: true,
      handler: async (context, form) => {
        const proposal = await awaitingReply(context);
        if (!proposal) return;
        const incomplete = firstIncompleteStep(proposal.answers as StoredAnswers);
        if (incomplete) {
          context.res.redirect(303, proposalUrls.step(proposal.id, incomplete.slug));
          return;
        }
        const result = await submissions.submit(proposal.id, context.user.id, { reply: form.reply });
        if (result.outcome === "notFound") throw new NotFoundError();
        if (result.outcome === "incomplete") {
          context.res.redirect(303, proposalUrls.checkAnswers(proposal.id));
          return;
        }
        if (result.outcome === "departmentRetired") {
          // Retired since the proposal was first submitted: chosen again on its own page.
          context.res.redirect(303, proposalUrls.step(proposal.id, "department"));
          return;
        }
        flash(context.req, "Your reply was sent and the proposal resubmitted.");
        context.res.redirect(303, proposalUrls.confirmation(proposal.id));
      },
      invalid: (context, form) => renderReply(context, { errors: form.errors, values: form.raw, status: 400 }),
    }),
  ];
}
