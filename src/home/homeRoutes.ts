import type { Services } from "../services";
import { getRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { hasAnyRole, hasRole } from "../users/roles";
import { statusLabels } from "../proposals/display";
import { nextAction } from "../proposals/proposalRoutes";
import { proposalUrls } from "../proposals/urls";
import { routesReviewedBy } from "../cases/caseRoutes";
import { reviewKinds } from "../workflow/tasks";
import { routeLabels } from "../proposals/display";

/** One home page whose sections follow the roles the person holds. */
export function homeRoutes(services: Services): PageRoute[] {
  return [
    getRoute({
      path: "/",
      name: "home",
      access: signedIn,
      handler: async (_req, res) => {
        const user = res.locals.user!;
        const proposals = (await services.proposals.listForOwner(user.id)).map((proposal) => ({
          ...proposal,
          status: statusLabels[proposal.status],
          next: nextAction(proposal.status),
          url: proposalUrls.view(proposal.id),
        }));
        const heads = hasAnyRole(user, ["HEAD_OF_DEPARTMENT", "HEAD_OF_SCHOOL"]);
        const officer = hasRole(user, "SPO_OFFICER");
        const reviewedKinds = routesReviewedBy(user).map((route) => reviewKinds[route]);
        res.render("home/index", {
          title: "Home",
          routeLabels,
          proposals,
          signOffAwaiting: heads ? await services.signOff.countAwaiting(user) : 0,
          openCounts: officer ? await services.queue.openCountsByRoute() : {},
          assignedToMe: officer
            ? await services.prisma.proposal.count({
                where: { assigneeId: user.id, status: { in: ["IN_REVIEW", "INFORMATION_REQUESTED"] } },
              })
            : 0,
          reviewsAwaiting:
            reviewedKinds.length > 0
              ? await services.prisma.caseTask.count({
                  where: {
                    kind: { in: reviewedKinds },
                    state: "open",
                    proposal: { status: { in: ["IN_REVIEW", "INFORMATION_REQUESTED"] } },
                  },
                })
              : 0,
          sections: {
            heads,
            officer,
            reviewer: hasAnyRole(user, ["REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE", "ACBELA_SECRETARY"]),
            admin: hasRole(user, "ADMIN"),
          },
        });
      },
    }),
  ];
}
