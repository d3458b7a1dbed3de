// Every page of the app, as one table: mounted by createApp, and read by the access
// tests so a new route is covered without anyone remembering to add it.
import type { Services } from "./services";
import type { PageRoute } from "./routing/pageRoute";
import { homeRoutes } from "./home/homeRoutes";
import { signInRoutes } from "./signIn/signInRoutes";
import { samlRoutes } from "./signIn/saml/samlRoutes";
import { formRoutes } from "./proposals/form/formRoutes";
import { proposalRoutes } from "./proposals/proposalRoutes";
import { draftRoutes } from "./proposals/draftRoutes";
import { signOffRoutes } from "./signOff/signOffRoutes";
import { checklistAdminRoutes } from "./signOff/checklistAdminRoutes";
import { referenceAdminRoutes } from "./reference/referenceAdminRoutes";
import { referenceHistoryRoutes } from "./reference/referenceHistoryRoutes";
import { organisationRoutes } from "./organisation/organisationRoutes";
import { queueRoutes } from "./queue/queueRoutes";
import { caseRoutes } from "./cases/caseRoutes";
import { reviewRoutes } from "./reviews/reviewRoutes";
import { peopleRoutes } from "./admin/peopleRoutes";
import { screeningAdminRoutes } from "./screening/screeningAdminRoutes";
import { sessionEndRoutes } from "./sessionEnd/sessionEndRoutes";
import { notificationRoutes } from "./notifications/notificationRoutes";
import { reportRoutes } from "./reports/reportRoutes";
import { simulatorRoutes } from "./simulator/simulatorRoutes";
import { rerunRoutes } from "./simulator/rerunRoutes";
import { auditRoutes } from "./audit/auditRoutes";
import { attachmentRoutes } from "./attachments/attachmentRoutes";
import { replyRoutes } from "./informationRequests/replyRoutes";

export function allRoutes(services: Services): PageRoute[] {
  const routes = [
    ...signInRoutes(services),
    ...samlRoutes(services),
    ...homeRoutes(services),
    ...formRoutes(services),
    ...proposalRoutes(services),
    ...draftRoutes(services),
    ...queueRoutes(services),
    ...caseRoutes(services),
    ...reviewRoutes(services),
    ...peopleRoutes(services),
    ...signOffRoutes(services),
    ...checklistAdminRoutes(services),
    ...referenceAdminRoutes(services),
    ...referenceHistoryRoutes(services),
    ...organisationRoutes(services),
    ...screeningAdminRoutes(services),
    ...notificationRoutes(services),
    ...reportRoutes(services),
    ...simulatorRoutes(services),
    ...rerunRoutes(services),
    ...auditRoutes(services),
    ...attachmentRoutes(services),
    ...replyRoutes(services),
  ];
  // Shows a kept form again through its own route, so it needs the table.
  return [...routes, ...sessionEndRoutes(services, routes)];
}
