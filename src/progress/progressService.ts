// Where a case stands, for everyone who follows it: each review and sign-off (waiting with
// whom, by name; or done, with its outcome, who and when), the SPO's part, and the
// decision once made (who, when, with what conditions).
import { Prisma, type PrismaClient } from "../generated/prisma/client";
import {
  reviewerRoleList,
  reviewerRoles,
  routeOfReview,
  signOffKinds,
  taskLabels,
  isTaskKind,
  type RouteName,
} from "../domain/reviews";
import { officersFor } from "../notifications/people";
import { departmentState } from "../signOff/signOffService";
import { recentCache } from "../audit/recentCache";
import { displayNames } from "../users/displayNames";

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

type Person = { id: string; displayName: string };

/**
 * Everyone an open task of a case in this department can wait with (its heads of
 * department and of school, and the reviewers of each route), in one statement: the same
 * people as src/notifications/people.ts finds one office at a time (enabled, by username),
 * where a case in review once took a statement per open task.
 */
type OfficeHolders = Awaited<ReturnType<typeof officeHolders>>;

async function officeHolders(prisma: PrismaClient, departmentId: string | null) {
  const rows = await prisma.$queryRaw<
    (Person & { role: string; departmentId: string | null; schoolId: string | null })[]
  >`
    SELECT u."id", u."display_name" AS "displayName", r."role"::text AS "role",
           r."department_id" AS "departmentId", r."school_id" AS "schoolId"
      FROM "role_assignment" r
      JOIN "app_user" u ON u."id" = r."user_id"
     WHERE NOT u."disabled"
       AND (r."role"::text IN (${Prisma.join(reviewerRoleList)})
            OR (r."role" = 'HEAD_OF_DEPARTMENT' AND r."department_id" = ${departmentId}::uuid)
            OR (r."role" = 'HEAD_OF_SCHOOL'
                AND r."school_id" = (SELECT d."school_id" FROM "department" d WHERE d."id" = ${departmentId}::uuid)))
     ORDER BY u."username", u."id"`;
  const holding = (role: string): Person[] => {
    const people = new Map<string, Person>();
    for (const row of rows) if (row.role === role) people.set(row.id, { id: row.id, displayName: row.displayName });
    return [...people.values()];
  };
  return {
    departmentHeads: departmentId ? holding("HEAD_OF_DEPARTMENT") : [],
    schoolHeads: departmentId ? holding("HEAD_OF_SCHOOL") : [],
    reviewers: (route: RouteName) => {
      const role = reviewerRoleList.find((candidate) => reviewerRoles[candidate] === route);
      return role ? holding(role) : [];
    },
  };
}

const progressInclude = {
  tasks: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
  assignee: { select: { displayName: true } },
} satisfies Prisma.ProposalInclude;

/** What the progress of a case is worked out from: the case with its tasks (oldest first) and assignee. */
export type ProgressProposal = Prisma.ProposalGetPayload<{ include: typeof progressInclude }>;

export function progressService(prisma: PrismaClient) {
  // Who a task waits with is shown, not acted on (messages find their people afresh): a few
  // seconds old is as good, and a role or person changed here drops them at once (each
  // change writes an audit entry). Kept per department, and per assigned officer.
  const holdersOf = recentCache<OfficeHolders>({ maxAgeMs: 5_000, maxEntries: 500 });
  const officersOf = recentCache<Person[]>({ maxAgeMs: 5_000, maxEntries: 500 });

  /**
   * The progress of a case already read (the case page's), its tasks oldest first; `known`
   * names people already looked up, so only the others cost a statement.
   */
  async function ofLoaded(proposal: ProgressProposal, known: ReadonlyMap<string, string> = new Map()) {
    const notOwner = (people: { id: string; displayName: string }[]) =>
      people.filter((person) => person.id !== proposal.ownerId).map((person) => person.displayName);
    const department = departmentState(proposal.tasks);
    const ids = new Set<string>();
    for (const task of proposal.tasks) if (task.completedById) ids.add(task.completedById);
    if (proposal.decidedById) ids.add(proposal.decidedById);
    // No statement when everyone is known (or nobody has acted on the case yet).
    const names = await displayNames(prisma, ids, known);

    const open = proposal.status === "IN_REVIEW";
    // Who the tasks wait with, and the SPO's part while in review: read together.
    const [holders, officers] = await Promise.all([
      proposal.tasks.some((task) => task.state === "open")
        ? holdersOf.get(proposal.departmentId ?? "", () => officeHolders(prisma, proposal.departmentId))
        : undefined,
      open ? officersOf.get(proposal.assigneeId ?? "", () => officersFor(prisma, proposal.assigneeId)) : [],
    ]);
    const tasks: TaskProgress[] = [];
    for (const task of proposal.tasks) {
      let waitingWith: string[] = [];
      let blockedBy: string | null = null;
      if (task.state === "open" && holders) {
        if (task.kind === signOffKinds.department) waitingWith = notOwner(holders.departmentHeads);
        else if (task.kind === signOffKinds.school) {
          waitingWith = notOwner(holders.schoolHeads);
          if (department !== "approved") blockedBy = "Starts once the head of department has approved";
        } else {
          const route = routeOfReview(task.kind);
          if (route) waitingWith = notOwner(holders.reviewers(route));
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
    return {
      status: proposal.status,
      tasks,
      /** The SPO's part while the case is in review: the assigned officer, or every officer. */
      officers: notOwner(officers),
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
  }

  return {
    /** The case's tasks and decision with the people named; null for a draft. */
    async of(proposalId: string) {
      const proposal = await prisma.proposal.findUnique({ where: { id: proposalId }, include: progressInclude });
      if (!proposal?.submittedAt) return null;
      return ofLoaded(proposal);
    },

    ofLoaded,
  };
}

export type ProgressService = ReturnType<typeof progressService>;
export type CaseProgress = NonNullable<Awaited<ReturnType<ProgressService["of"]>>>;
