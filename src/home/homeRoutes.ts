import type { Services } from "../services";
import { getRoute, signedIn, type PageRoute } from "../routing/pageRoute";
import { hasAnyRole, hasRole } from "../users/roles";

/** One home page whose sections follow the roles the person holds. */
export function homeRoutes(_services: Services): PageRoute[] {
  return [
    getRoute({
      path: "/",
      name: "home",
      access: signedIn,
      handler: (_req, res) => {
        const user = res.locals.user!;
        res.render("home/index", {
          title: "Home",
          sections: {
            heads: hasAnyRole(user, ["HEAD_OF_DEPARTMENT", "HEAD_OF_SCHOOL"]),
            officer: hasRole(user, "SPO_OFFICER"),
            reviewer: hasAnyRole(user, ["REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE", "ACBELA_SECRETARY"]),
            admin: hasRole(user, "ADMIN"),
          },
        });
      },
    }),
  ];
}
