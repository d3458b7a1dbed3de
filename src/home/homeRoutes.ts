// One home page whose sections follow the roles the person holds.
import type { Services } from "../services";
import { getRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { hasAnyRole, hasRole } from "../domain/roles";
import { nextAction, stateTag } from "../domain/caseStates";
import { reviewerRoleList, routeLabels, type RouteName } from "../domain/reviews";

/** "42 open with a CBELA referral": each route as the officer's home counts it, the committee by its current name. */
function openWithLabels(committeeName: string): Record<RouteName, string> {
  return {
    acbela: `a ${committeeName} referral`,
    export_control: "an export control review",
    due_diligence: "a Research Office due diligence check",
  };
}
import { proposalUrls } from "../proposals/urls";
import { notificationUrls } from "../notifications/urls";

export function homeRoutes(services: Services): PageRoute[] {
  return [
    getRoute({
      path: "/",
      name: "home",
      access: signedIn,
      handler: async ({ res, user }) => {
        const proposals = (await services.proposals.listForOwner(user.id)).map((proposal) => ({
          ...proposal,
          status: stateTag(proposal.status),
          next: nextAction(proposal.status),
          // A draft opens on its sections; anything submitted on its own page.
          url: proposal.status === "DRAFT" ? proposalUrls.sections(proposal.id) : proposalUrls.view(proposal.id),
        }));
        const heads = hasAnyRole(user, ["HEAD_OF_DEPARTMENT", "HEAD_OF_SCHOOL"]);
        const officer = hasRole(user, "SPO_OFFICER");
        res.render("home/index", {
          title: "Home",
          attention: await services.notifications.attention.list(user),
          notificationSettings: notificationUrls.settings,
          routeLabels,
          openWithLabels: officer ? openWithLabels((await services.reference.current()).committeeName) : {},
          proposals,
          signOffAwaiting: heads ? await services.signOff.countAwaiting(user) : 0,
          openCounts: officer ? await services.queue.openCountsByRoute() : {},
          assignedToMe: officer ? await services.queue.countAssignedTo(user.id) : 0,
          reviewsAwaiting: await services.reviews.countAwaiting(user),
          sections: {
            heads,
            officer,
            reviewer: hasAnyRole(user, reviewerRoleList),
            admin: hasRole(user, "ADMIN"),
          },
        });
      },
    }),
  ];
}
