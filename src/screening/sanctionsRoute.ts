// A possible sanctions match on an open case makes due diligence mandatory: the route is
// added if the case lacks it, and a review is opened if none is open, so the reviewer
// sees the match. Runs inside the transaction that records the screening, so the match
// and the route it requires are committed together or not at all. Decided cases are never
// changed (the database refuses it): their new matches are only reported.
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "../audit/auditLog";
import { isOpen } from "../domain/caseStates";
import { reviewKinds } from "../domain/reviews";
import type { CaseMatch } from "./screeningService";

/** Why the due-diligence review was opened, as the case page's tasks list shows it. */
export function sanctionsReason(match: Pick<CaseMatch, "primaryName" | "externalId" | "listVersion">): string {
  return `Possible sanctions list match: ${match.primaryName} (${match.listVersion.sourceLabel}, ${match.externalId})`;
}

export async function requireDueDiligence(
  tx: Prisma.TransactionClient,
  caseId: string,
  matches: { all: readonly CaseMatch[]; found: readonly CaseMatch[] },
  actorId: string | null,
): Promise<{ routeAdded: boolean; reviewOpened: boolean }> {
  const needing = matches.all.filter((match) => match.unresolved || match.verdict?.verdict === "true_match");
  const none = { routeAdded: false, reviewOpened: false };
  const first = needing[0];
  if (!first) return none;
  const proposal = await tx.proposal.findUnique({ where: { id: caseId }, select: { status: true, routes: true } });
  if (!proposal || !isOpen(proposal.status)) return none;

  const kind = reviewKinds.due_diligence;
  const routeAdded = !proposal.routes.includes("due_diligence");
  const openReview = await tx.caseTask.findFirst({ where: { proposalId: caseId, kind, state: "open" } });
  // A review already done did not see a match found since: it is opened again.
  const newlyFlagged = matches.found.filter((match) => match.flagged);
  const reviewOpened = !openReview && (routeAdded || newlyFlagged.length > 0);
  if (!routeAdded && !reviewOpened) return none;

  const cited = newlyFlagged[0] ?? first;
  if (routeAdded) {
    await tx.proposal.update({
      where: { id: caseId },
      // The version moves on: a form showing the routes before this one is stale.
      data: { routes: { push: "due_diligence" }, version: { increment: 1 } },
    });
  }
  if (reviewOpened) {
    await tx.caseTask.create({ data: { proposalId: caseId, kind, openedBecause: sanctionsReason(cited) } });
  }
  await recordAudit(tx, {
    actorId,
    action: routeAdded ? "case.route_added" : "case.review_reopened",
    entityType: "proposal",
    entityId: caseId,
    details: {
      route: "due_diligence",
      reason: "sanctions_match",
      matchIds: needing.map((match) => match.matchId),
      entries: needing.map((match) => `${match.listVersion.source} ${match.externalId}`),
    },
  });
  return { routeAdded, reviewOpened };
}
