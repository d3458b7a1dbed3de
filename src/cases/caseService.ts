// Everything the case page shows, read in a handful of queries, for those who may see it:
// the case with its relations in one (relationJoins), its timeline, and everyone named.
import type { AuditEntry, PrismaClient } from "../generated/prisma/client";
import { ForbiddenError, NotFoundError } from "../domain/errors";
import { hasRole, type CurrentUser } from "../domain/roles";
import { reviewKinds, routesReviewedBy } from "../domain/reviews";
import { readDecision } from "../rules/stored";
import { isUuid } from "../db/uuid";
import { threadPeople } from "../informationRequests/informationRequestService";
import { attachmentOrder, listedAttachment } from "../attachments/attachmentService";
import { committeeRecordOrder } from "../committee/committeeService";
import { displayNames } from "../users/displayNames";

/** Officers see every case; reviewers the cases on their review routes (now or before). */
export function mayView(user: CurrentUser, proposal: { routes: string[]; tasks: { kind: string }[] }): boolean {
  if (hasRole(user, "SPO_OFFICER")) return true;
  return routesReviewedBy(user).some(
    (route) => proposal.routes.includes(route) || proposal.tasks.some((task) => task.kind === reviewKinds[route]),
  );
}

export function caseService(prisma: PrismaClient) {
  return {
    /** The case as `viewer` may see it; NotFoundError or ForbiddenError otherwise. */
    async load(id: string, viewer: CurrentUser) {
      if (!isUuid(id)) throw new NotFoundError();
      // The case and its timeline are read at once (the timeline is dropped if the case
      // turns out not to be this person's to see); the timeline brings its actors' names.
      const [proposal, timelineRows] = await Promise.all([
        prisma.proposal.findUnique({
          where: { id },
          include: {
            owner: { select: { id: true, displayName: true, email: true } },
            department: { include: { school: true } },
            assignee: { select: { id: true, displayName: true } },
            tasks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
            notes: { orderBy: { createdAt: "asc" } },
            informationRequests: { orderBy: [{ requestedAt: "asc" }, { id: "asc" }] },
            // The page shows the latest submission and what changed since the one before.
            submissions: { orderBy: { number: "desc" }, take: 2 },
            // Decisions recorded when an officer re-ran the rules (src/simulator/rerun.ts).
            rulesReruns: { orderBy: { rerunAt: "asc" } },
            // The files panel (never their content) and the committee's record.
            attachments: { select: listedAttachment, orderBy: attachmentOrder },
            committeeRecords: { orderBy: committeeRecordOrder },
          },
        }),
        prisma.$queryRaw<(AuditEntry & { actorName: string | null })[]>`
          SELECT a."id", a."at", a."actor_id" AS "actorId", a."action", a."entity_type" AS "entityType",
                 a."entity_id" AS "entityId", a."from_state" AS "fromState", a."to_state" AS "toState",
                 a."details", u."display_name" AS "actorName"
            FROM "audit_entry" a LEFT JOIN "app_user" u ON u."id" = a."actor_id"
           WHERE a."entity_type" = 'proposal' AND a."entity_id" = ${id}
           ORDER BY a."id" LIMIT 500`,
      ]);
      // A draft, or a draft withdrawn before it was ever submitted, is not a case.
      if (!proposal || proposal.status === "DRAFT" || !proposal.submittedAt) throw new NotFoundError();
      // The SPO lead reads every case as officers do, and acts on none (the actions stay officers').
      if (!mayView(viewer, proposal) && !hasRole(viewer, "SPO_LEAD")) throw new ForbiddenError();
      const actorNames = new Map<string, string>();
      const timeline: AuditEntry[] = timelineRows.map(({ actorName, ...entry }) => {
        if (entry.actorId && actorName !== null) actorNames.set(entry.actorId, actorName);
        return entry;
      });
      // Everyone else the page names, usually already met in the timeline.
      const peopleIds = new Set<string>();
      for (const task of proposal.tasks) if (task.completedById) peopleIds.add(task.completedById);
      for (const note of proposal.notes) peopleIds.add(note.authorId);
      for (const id of threadPeople(proposal.informationRequests)) peopleIds.add(id);
      for (const rerun of proposal.rulesReruns) peopleIds.add(rerun.rerunById);
      if (proposal.decidedById) peopleIds.add(proposal.decidedById);
      for (const file of proposal.attachments) peopleIds.add(file.uploadedById);
      for (const record of proposal.committeeRecords) peopleIds.add(record.recordedById);
      const names = await displayNames(prisma, peopleIds, actorNames);
      const [latest, previous] = proposal.submissions;
      // The latest submission's decision, then each re-run of it: the last is the one in force.
      const decisions = latest
        ? [
            {
              decision: readDecision(latest.decision),
              at: latest.submittedAt,
              by: null as string | null,
              rerun: false,
            },
            ...proposal.rulesReruns
              .filter((rerun) => rerun.submissionNumber === latest.number)
              .map((rerun) => ({
                decision: readDecision(rerun.decision),
                at: rerun.rerunAt,
                by: names.get(rerun.rerunById) ?? "",
                rerun: true,
              })),
          ]
        : [];
      return {
        proposal,
        timeline,
        names,
        decision: decisions.at(-1)?.decision ?? null,
        /** Every decision the latest answers had, oldest first (more than one after a re-run). */
        decisions,
        answers: (latest?.answers ?? {}) as Record<string, unknown>,
        previousAnswers: (previous?.answers as Record<string, unknown> | undefined) ?? null,
      };
    },
  };
}

export type CaseService = ReturnType<typeof caseService>;
export type LoadedCase = Awaited<ReturnType<CaseService["load"]>>;
