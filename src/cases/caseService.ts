// Everything the case page shows, read in a handful of queries.
import type { PrismaClient } from "../generated/prisma/client";
import type { Decision } from "../rules";

export function caseService(prisma: PrismaClient) {
  return {
    async load(id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const proposal = await prisma.proposal.findUnique({
        where: { id },
        include: {
          owner: { select: { id: true, displayName: true, email: true } },
          department: { include: { school: true } },
          assignee: { select: { id: true, displayName: true } },
          tasks: { orderBy: { createdAt: "asc" } },
          notes: { orderBy: { createdAt: "asc" } },
          informationRequests: { orderBy: { requestedAt: "asc" } },
          submissions: { orderBy: { number: "asc" } },
        },
      });
      // A draft, or a draft withdrawn before it was ever submitted, is not a case.
      if (!proposal || proposal.status === "DRAFT" || !proposal.submittedAt) return null;
      const timeline = await prisma.auditEntry.findMany({
        where: { entityType: "proposal", entityId: id },
        orderBy: { id: "asc" },
        take: 500,
      });
      const peopleIds = new Set<string>();
      for (const entry of timeline) if (entry.actorId) peopleIds.add(entry.actorId);
      for (const task of proposal.tasks) if (task.completedById) peopleIds.add(task.completedById);
      for (const note of proposal.notes) peopleIds.add(note.authorId);
      for (const request of proposal.informationRequests) peopleIds.add(request.requestedById);
      const people = await prisma.user.findMany({
        where: { id: { in: [...peopleIds] } },
        select: { id: true, displayName: true },
      });
      const names = new Map(people.map((person) => [person.id, person.displayName]));
      const latest = proposal.submissions.at(-1);
      return {
        proposal,
        timeline,
        names,
        decision: latest ? (latest.decision as unknown as Decision) : null,
        answers: (latest?.answers ?? {}) as Record<string, unknown>,
        previousAnswers:
          proposal.submissions.length > 1 ? (proposal.submissions.at(-2)!.answers as Record<string, unknown>) : null,
      };
    },
  };
}

export type CaseService = ReturnType<typeof caseService>;
export type LoadedCase = NonNullable<Awaited<ReturnType<CaseService["load"]>>>;
