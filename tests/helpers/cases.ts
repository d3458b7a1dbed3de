// Submitted cases made through the same services the form uses (draft, answers, submit),
// for tests that start after submission.
import type { DraftAnswers } from "../../src/domain/questions";
import { answersWith } from "../fixtures/answers";
import type { Services } from "../../src/services";

export async function submittedCase(services: Services, ownerUsername: string, changes: DraftAnswers = {}) {
  const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: ownerUsername } });
  const draft = await services.proposals.createDraft(owner.id);
  await services.proposals.saveAnswers(draft.id, owner.id, { ...answersWith(changes) });
  const result = await services.submissions.submit(draft.id, owner.id);
  if (result.outcome !== "submitted") throw new Error(`could not submit: ${result.outcome}`);
  return { id: draft.id, reference: result.reference, ownerId: owner.id };
}

export async function currentVersion(services: Services, id: string): Promise<number> {
  return (await services.prisma.proposal.findUniqueOrThrow({ where: { id } })).version;
}

/** Test set-up only: marks the case's open sign-off tasks approved, as heads would. */
export async function completeSignOffs(services: Services, id: string) {
  await services.prisma.caseTask.updateMany({
    where: { proposalId: id, state: "open", kind: { in: ["department_sign_off", "school_sign_off"] } },
    data: { state: "done", outcome: "approved", completedAt: new Date() },
  });
}
