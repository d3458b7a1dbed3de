// Requests for information as a conversation: each round's question (who asked, when, as
// whom) and the proposer's reply (who, when), read for the case's pages.
import type { InformationRequest, PrismaClient } from "../generated/prisma/client";
import { displayNames } from "../users/displayNames";

/** The people a thread names: who asked each round and who replied. */
export function threadPeople(requests: readonly InformationRequest[]): Set<string> {
  const ids = new Set<string>();
  for (const request of requests) {
    ids.add(request.requestedById);
    if (request.repliedById) ids.add(request.repliedById);
  }
  return ids;
}

/** The rounds (oldest first, as given) with the names of who asked and who replied. */
export function threadOf(requests: readonly InformationRequest[], names: ReadonlyMap<string, string>) {
  return requests.map((request) => ({
    ...request,
    requestedBy: names.get(request.requestedById) ?? "",
    repliedBy: request.repliedById ? (names.get(request.repliedById) ?? "") : null,
  }));
}

export function informationRequestService(prisma: PrismaClient) {
  return {
    /** Every round on the proposal, oldest first, with the names of who asked and who replied. */
    async thread(proposalId: string) {
      const requests = await prisma.informationRequest.findMany({
        where: { proposalId },
        orderBy: [{ requestedAt: "asc" }, { id: "asc" }],
      });
      // No statement for no requests (most cases).
      return threadOf(requests, await displayNames(prisma, threadPeople(requests)));
    },
  };
}

export type InformationRequestService = ReturnType<typeof informationRequestService>;
export type ThreadEntry = Awaited<ReturnType<InformationRequestService["thread"]>>[number];
