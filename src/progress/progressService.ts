// Where a case stands, for everyone who follows it: each review and sign-off (waiting with
// whom, by name; or done, with its outcome, who and when), the SPO's part, and the
// decision once made (who, when, with what conditions).
import type { PrismaClient } from "../generated/prisma/client";
import { routeOfReview, signOffKinds, taskLabels, isTaskKind } from "../domain/reviews";
import { departmentHeads, officersFor, reviewersOf, schoolHeads } from "../notifications/people";
import { departmentState } from "../signOff/signOffService";

export interface TaskProgress {
  id: string;
  kind: string;
  label: string;
  state: "open" | "done" | "cancelled";
  /** Who it waits with, by name (never the proposer themselves). */
  waitingWith: string[];
  /** Why it cannot start yet, when it cannot. */
  blockedBy: string | null;
  outcome: string | null;
  note: string | null;
  completedBy: string | null;
  completedAt: Date | null;
}

export function progressService(prisma: PrismaClient) {
  return {
    /** The case's tasks and decision with the people named; null for a draft. */
    async of(proposalId: string) {
      const proposal = await prisma.proposal.findUnique({
        where: { id: proposalId },
        include: {
          tasks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
          assignee: { select: { displayName: true } },
        },
      });
      if (!proposal?.submittedAt) return null;
      const notOwner = (people: { id: string; displayName: string }[]) =>
        people.filter((person) => person.id !== proposal.ownerId).map((person) => person.displayName);
      const department = departmentState(proposal.tasks);
      const ids = new Set<string>();
      for (const task of proposal.tasks) if (task.completedById) ids.add(task.completedById);
      if (proposal.decidedById) ids.add(proposal.decidedById);
      const names = new Map(
        // No statement for no one (a case nobody has acted on yet).
        (ids.size === 0
          ? []
          : await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, displayName: true } })
        ).map((person) => [person.id, person.displayName]),
      );

      const tasks: TaskProgress[] = [];
      for (const task of proposal.tasks) {
        let waitingWith: string[] = [];
        let blockedBy: string | null = null;
        if (task.state === "open") {
          if (task.kind === signOffKinds.department)
            waitingWith = notOwner(await departmentHeads(prisma, proposal.departmentId));
          else if (task.kind === signOffKinds.school) {
            waitingWith = notOwner(await schoolHeads(prisma, proposal.departmentId));
            if (department !== "approved") blockedBy = "Starts once the head of department has approved";
          } else {
            const route = routeOfReview(task.kind);
            if (route) waitingWith = notOwner(await reviewersOf(prisma, route));
          }
        }
        tasks.push({
          id: task.id,
          kind: task.kind,
          label: isTaskKind(task.kind) ? taskLabels[task.kind] : task.kind,
          state: task.state === "done" ? "done" : task.state === "cancelled" ? "cancelled" : "open",
          waitingWith,
          blockedBy,
          outcome: task.outcome,
          note: task.note,
          completedBy: task.completedById ? (names.get(task.completedById) ?? null) : null,
          completedAt: task.completedAt,
        });
      }
      const open = proposal.status === "IN_REVIEW";
      return {
        status: proposal.status,
        tasks,
        /** The SPO's part while the case is in review: the assigned officer, or every officer. */
        officers: open ? notOwner(await officersFor(prisma, proposal.assigneeId)) : [],
        assigned: proposal.assignee?.displayName ?? null,
        decision: proposal.outcome
          ? {
              outcome: proposal.outcome,
              note: proposal.outcomeNote,
              decidedBy: proposal.decidedById ? (names.get(proposal.decidedById) ?? null) : null,
              decidedAt: proposal.decidedAt,
            }
          : null,
      };
    },
  };
}

export type ProgressService = ReturnType<typeof progressService>;
export type CaseProgress = NonNullable<Awaited<ReturnType<ProgressService["of"]>>>;
