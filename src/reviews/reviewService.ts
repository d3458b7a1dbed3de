// What waits for a reviewer: open review tasks on the review routes they review, on open cases.
import type { PrismaClient } from "../generated/prisma/client";
import { openStates } from "../domain/caseStates";
import type { CurrentUser } from "../domain/roles";
import { reviewKinds, routesReviewedBy } from "../domain/reviews";

export function reviewService(prisma: PrismaClient) {
  const awaitingWhere = (user: CurrentUser) => ({
    kind: { in: routesReviewedBy(user).map((route) => reviewKinds[route]) },
    state: "open",
    proposal: { status: { in: [...openStates] } },
  });

  return {
    async countAwaiting(user: CurrentUser): Promise<number> {
      if (routesReviewedBy(user).length === 0) return 0;
      return prisma.caseTask.count({ where: awaitingWhere(user) });
    },

    /** Oldest case first. */
    async listAwaiting(user: CurrentUser) {
      return prisma.caseTask.findMany({
        where: awaitingWhere(user),
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
    },
  };
}

export type ReviewService = ReturnType<typeof reviewService>;
