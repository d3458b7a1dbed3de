// Requests for information as a conversation: each round's question (who asked, when, as
// whom) and the proposer's reply (who, when), read for the case's pages.
import type { PrismaClient } from "../generated/prisma/client";

export function informationRequestService(prisma: PrismaClient) {
  return {
    /** Every round on the proposal, oldest first, with the names of who asked and who replied. */
    async thread(proposalId: string) {
      const requests = await prisma.informationRequest.findMany({
        where: { proposalId },
        orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      });
      const ids = new Set<string>();
      for (const request of requests) {
        ids.add(request.requestedById);
        if (request.repliedById) ids.add(request.repliedById);
      }
      // No statement for no requests (most cases).
      const people =
        ids.size === 0
          ? []
          : await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, displayName: true } });
      const names = new Map(people.map((person) => [person.id, person.displayName]));
      return requests.map((request) => ({
        ...request,
        requestedBy: names.get(request.requestedById) ?? "",
        repliedBy: request.repliedById ? (names.get(request.repliedById) ?? "") : null,
      }));
    },
  };
}

export type InformationRequestService = ReturnType<typeof informationRequestService>;
export type ThreadEntry = Awaited<ReturnType<InformationRequestService["thread"]>>[number];
