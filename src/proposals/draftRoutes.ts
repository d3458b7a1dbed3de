// Deleting a draft: a proposal never submitted is not a case, so its owner deletes it
// (after a confirmation page) rather than withdrawing it.
import type { Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { pageNotFound } from "../routing/refusals";
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

/** The signed-in person (the route's access guarantees one). */
function signedInId(res: Response): string {
  const user = res.locals.user;
  if (!user) throw new Error("A signed-in route ran without a signed-in person");
  return user.id;
}

export function draftRoutes(services: Services): PageRoute[] {
  const { proposals } = services;
  return [
    getRoute({
      path: "/proposals/:id/delete",
      name: "proposal.deleteDraftConfirm",
      access: signedIn,
      handler: async (req, res) => {
        const draft = await proposals.findOwned(String(req.params.id), signedInId(res));
        if (!draft) {
          pageNotFound(res);
          return;
        }
        if (isDeletableDraft(draft)) renderConfirmation(res, draft);
        else res.redirect(303, proposalUrls.view(draft.id));
      },
    }),
    postRoute({
      path: "/proposals/:id/delete",
      name: "proposal.deleteDraft",
      access: signedIn,
      body: z.strictObject({ version: z.coerce.number().int().min(1) }),
      handler: async (req, res, input) => {
        const ownerId = signedInId(res);
        const draft = await proposals.findOwned(String(req.params.id), ownerId);
        if (!draft) {
          pageNotFound(res);
          return;
        }
        if (!input.ok) {
          res.redirect(303, proposalUrls.deleteDraft(draft.id));
          return;
        }
        const result = await proposals.deleteDraft(draft.id, ownerId, input.value.version);
        const now = result === "deleted" ? null : await proposals.findOwned(draft.id, ownerId);
        if (result === "deleted" || !now) res.redirect(303, urls.home);
        else renderConfirmation(res, now, refusals[result]);
      },
    }),
  ];
}
