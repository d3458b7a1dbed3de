// Reviewers (export control, due diligence, ACBELA secretary): the cases on their route
// waiting for a review, oldest first. The outcome is recorded on the case page.
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { routesReviewedBy } from "../cases/caseRoutes";
import { reviewKinds, taskLabels } from "../workflow/tasks";
import { countryName } from "../reference/countries";

export function reviewRoutes(services: Services): PageRoute[] {
  const { prisma } = services;
  return [
    getRoute({
      path: "/reviews",
      name: "reviews.list",
      access: rolesOnly("ACBELA_SECRETARY", "REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE"),
      handler: async (_req, res) => {
        const kinds = routesReviewedBy(res.locals.user!).map((route) => reviewKinds[route]);
        const tasks = await prisma.caseTask.findMany({
          where: {
            kind: { in: kinds },
            state: "open",
            proposal: { status: { in: ["IN_REVIEW", "INFORMATION_REQUESTED"] } },
          },
          include: {
            proposal: {
              select: {
                id: true,
                reference: true,
                title: true,
                partnerName: true,
                partnerCountry: true,
                submittedAt: true,
                status: true,
              },
            },
          },
          orderBy: { proposal: { submittedAt: "asc" } },
          take: 500,
        });
        res.render("reviews/index", {
          title: "Cases awaiting my review",
          rows: tasks.map((task) => ({
            url: `/cases/${task.proposal.id}`,
            reference: task.proposal.reference ?? "",
            title: task.proposal.title,
            partner: `${task.proposal.partnerName ?? ""}${task.proposal.partnerCountry ? ` (${countryName(task.proposal.partnerCountry)})` : ""}`,
            review: taskLabels[task.kind as keyof typeof taskLabels],
            submittedAt: task.proposal.submittedAt,
            waiting: task.proposal.status === "INFORMATION_REQUESTED",
          })),
        });
      },
    }),
  ];
}
