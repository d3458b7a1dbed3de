// "Needs your attention": everything waiting for this person, whatever their roles: their
// proposals awaiting an answer, reviews on their routes, sign-offs of their units, and
// open cases assigned to them, each with when it is due (working days) and whether it is
// overdue. Sign-offs are those of the units they head (an officer may sign any, but is
// not waiting to).
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import { openStates } from "../domain/caseStates";
import { hasRole, type CurrentUser } from "../domain/roles";
import { taskLabels, isTaskKind } from "../domain/reviews";
import type { ReviewService } from "../reviews/reviewService";
import type { SignOffService } from "../signOff/signOffService";
import { proposalUrls } from "../proposals/urls";
import { signOffUrls } from "../signOff/urls";
import { dueDates, taskClassOf, type DueSettings } from "./dueDates";
import { caseUrl } from "./caseEvents";
import { recentCache } from "../audit/recentCache";

export interface AttentionItem {
  what: string;
  reference: string;
  title: string;
  url: string;
  dueAt: Date | null;
  overdue: boolean;
}

type Sources = {
  signOff: Pick<SignOffService, "listAwaiting" | "countAwaiting">;
  reviews: Pick<ReviewService, "listAwaiting" | "countAwaiting">;
};

/** Their roles less SPO officer: the sign-offs waiting for them as a head. */
function asHead(user: CurrentUser): CurrentUser {
  return { ...user, roles: user.roles.filter((grant) => grant.role !== "SPO_OFFICER") };
}

export function attentionList(prisma: PrismaClient, sources: Sources, dueSettings: () => Promise<DueSettings>) {
  // Shown in the navigation of every page: an aged count is shown while it is counted again.
  const recentCounts = recentCache<number>({ maxAgeMs: 5_000, maxEntries: 1_000, refreshInBackground: true });
  const item = (
    what: string,
    proposal: { reference: string | null; title: string },
    url: string,
    openedAt: Date | null,
    workingDays: number,
    now: Date,
  ): AttentionItem => {
    const dueAt = openedAt ? dueDates(openedAt, workingDays).dueAt : null;
    return {
      what,
      reference: proposal.reference ?? "",
      title: proposal.title || "Untitled proposal",
      url,
      dueAt,
      overdue: dueAt !== null && now > dueAt,
    };
  };

  return {
    async list(user: CurrentUser, now: Date = new Date()): Promise<AttentionItem[]> {
      const due = await dueSettings();
      const [answers, reviews, signOffs, assigned] = await Promise.all([
        prisma.proposal.findMany({
          where: { ownerId: user.id, status: "INFORMATION_REQUESTED" },
          select: {
            id: true,
            reference: true,
            title: true,
            informationRequests: { where: { answeredAt: null }, orderBy: { requestedAt: "asc" }, take: 1 },
          },
          take: 100,
        }),
        sources.reviews.listAwaiting(user),
        sources.signOff.listAwaiting(asHead(user), 100),
        hasRole(user, "SPO_OFFICER")
          ? prisma.proposal.findMany({
              where: { assigneeId: user.id, status: { in: [...openStates] } },
              select: { id: true, reference: true, title: true, submittedAt: true },
              orderBy: { submittedAt: "asc" },
              take: 100,
            })
          : Promise.resolve([]),
      ]);
      const items: AttentionItem[] = [
        ...answers.map((proposal) =>
          item(
            "Answer a request for information",
            proposal,
            proposalUrls.view(proposal.id),
            proposal.informationRequests[0]?.requestedAt ?? null,
            due.information,
            now,
          ),
        ),
        ...reviews
          .filter((task) => task.proposal.id && isTaskKind(task.kind))
          .map((task) =>
            item(
              isTaskKind(task.kind) ? taskLabels[task.kind] : "Review",
              task.proposal,
              caseUrl(task.proposal.id),
              task.createdAt,
              due[taskClassOf(task.kind)],
              now,
            ),
          ),
        ...signOffs
          .filter((task) => task.proposal.ownerId !== user.id)
          .map((task) =>
            item(
              isTaskKind(task.kind) ? taskLabels[task.kind] : "Sign-off",
              task.proposal,
              signOffUrls.checklist(task.id),
              task.createdAt,
              due.signOff,
              now,
            ),
          ),
        ...assigned.map((proposal) => ({
          what: "Assigned to you",
          reference: proposal.reference ?? "",
          title: proposal.title || "Untitled proposal",
          url: caseUrl(proposal.id),
          dueAt: null,
          overdue: false,
        })),
      ];
      // Overdue first, then the soonest due, then the rest as they came.
      return items.sort(
        (a, b) =>
          Number(b.overdue) - Number(a.overdue) ||
          (a.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER) - (b.dueAt?.getTime() ?? Number.MAX_SAFE_INTEGER),
      );
    },

    /** How many things wait for this person (the number in the navigation). */
    /**
     * The navigation's count, on every page a signed-in person gets: at most a few seconds
     * old (dropped at once when this process records a change), so that moving between
     * pages does not count the same things again.
     */
    count(user: CurrentUser): Promise<number> {
      return recentCounts.get(user.id, () => countNow(user));
    },
  };

  async function countNow(user: CurrentUser): Promise<number> {
    // Their own proposals awaiting an answer and (for an officer) the open cases assigned
    // to them in one statement: this runs on every page, and each round trip counts.
    const officer = hasRole(user, "SPO_OFFICER");
    const [proposals, reviews, signOffs] = await Promise.all([
      prisma.$queryRaw<{ count: bigint }[]>`
          SELECT count(*) FILTER (WHERE "owner_id" = ${user.id}::uuid AND "status"::text = 'INFORMATION_REQUESTED')
               + count(*) FILTER (WHERE ${officer} AND "assignee_id" = ${user.id}::uuid
                                    AND "status"::text IN (${Prisma.join(openStates)})) AS "count"
            FROM "proposal"
           WHERE "owner_id" = ${user.id}::uuid OR "assignee_id" = ${user.id}::uuid`,
      sources.reviews.countAwaiting(user),
      sources.signOff.countAwaiting(asHead(user)),
    ]);
    return Number(proposals[0]?.count ?? 0) + reviews + signOffs;
  }
}
