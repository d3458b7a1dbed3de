import type { Services } from "../services";
import { getRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { hasAnyRole, hasRole } from "../users/roles";
import { statusLabels } from "../proposals/display";
import { nextAction } from "../proposals/proposalRoutes";
import { proposalUrls } from "../proposals/urls";

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
        res.render("home/index", {
          title: "Home",
          proposals,
          signOffAwaiting: heads ? await services.signOff.countAwaiting(user) : 0,
          sections: {
            heads,
            officer: hasRole(user, "SPO_OFFICER"),
            reviewer: hasAnyRole(user, ["REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE", "ACBELA_SECRETARY"]),
            admin: hasRole(user, "ADMIN"),
          },
        });
      },
    }),
  ];
}
