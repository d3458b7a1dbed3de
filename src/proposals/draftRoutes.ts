// Deleting a draft: a proposal never submitted is not a case, so its owner deletes it
// (after a confirmation page) rather than withdrawing it.
import type { Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { urls } from "../routing/urls";
import { isDeletableDraft } from "./proposalService";
import { proposalUrls } from "./urls";

type Draft = NonNullable<Awaited<ReturnType<Services["proposals"]["findOwned"]>>>;

const refusals = {
  changed: "The draft changed since you opened this page. Check it and try again.",
  notDeletable: "This proposal has been submitted, so it cannot be deleted. You can withdraw it instead.",
} as const;

function renderConfirmation(res: Response, draft: Draft, message?: string) {
  res.status(message ? 409 : 200).render("proposals/deleteDraft", {
    title: `${message ? "Error: " : ""}Delete this draft?`,
    proposal: draft,
    deletable: isDeletableDraft(draft),
    message,
    actionUrl: proposalUrls.deleteDraft(draft.id),
    backLink: proposalUrls.view(draft.id),
  });
}

export function draftRoutes(services: Services): PageRoute[] {
  const { proposals } = services;
  return [
    getRoute({
      path: "/proposals/:id/delete",
      name: "proposal.deleteDraftConfirm",
      access: signedIn,
      handler: async ({ req, res, user }) => {
        const draft = await proposals.ownedBy(String(req.params.id), user.id);
        if (isDeletableDraft(draft)) renderConfirmation(res, draft);
        else res.redirect(303, proposalUrls.view(draft.id));
      },
    }),
    postRoute({
      path: "/proposals/:id/delete",
      name: "proposal.deleteDraft",
      access: signedIn,
      body: z.strictObject({ version: z.coerce.number().int().min(1) }),
      // Only a tampered form lacks the version: back to the confirmation page.
      invalid: async ({ req, res, user }) => {
        const draft = await proposals.ownedBy(String(req.params.id), user.id);
        res.redirect(303, proposalUrls.deleteDraft(draft.id));
      },
      handler: async ({ req, res, user }, form) => {
        const ownerId = user.id;
        const draft = await proposals.ownedBy(String(req.params.id), ownerId);
        const result = await proposals.deleteDraft(draft.id, ownerId, form.version);
        const now = result === "deleted" ? null : await proposals.findOwned(draft.id, ownerId);
        if (result === "deleted" || !now) res.redirect(303, urls.home);
        else renderConfirmation(res, now, refusals[result]);
      },
    }),
  ];
}
