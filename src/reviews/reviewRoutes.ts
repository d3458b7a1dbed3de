// Reviewers (export control, due diligence, ACBELA secretary): the cases on their review
// route waiting for a review, oldest first. The outcome is recorded on the case page.
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { isTaskKind, reviewerRoleList, taskLabels } from "../domain/reviews";
import { countryName } from "../domain/countries";

export function reviewRoutes(services: Services): PageRoute[] {
  return [
    getRoute({
      path: "/reviews",
      name: "reviews.list",
      access: rolesOnly(...reviewerRoleList),
      handler: async ({ res, user }) => {
        const tasks = await services.reviews.listAwaiting(user);
        res.render("reviews/index", {
          title: "Cases awaiting my review",
          rows: tasks.map(({ kind, proposal }) => ({
            url: `/cases/${proposal.id}`,
            reference: proposal.reference ?? "",
            title: proposal.title,
            partner: `${proposal.partnerName ?? ""}${proposal.partnerCountry ? ` (${countryName(proposal.partnerCountry)})` : ""}`,
            review: isTaskKind(kind) ? taskLabels[kind] : kind,
            submittedAt: proposal.submittedAt,
            waiting: proposal.status === "INFORMATION_REQUESTED",
          })),
        });
      },
    }),
  ];
}
