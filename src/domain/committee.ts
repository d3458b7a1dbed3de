// The CBELA committee (formerly ACBELA): what its secretary records of a meeting that
// considered a case.
export const committeeName = "CBELA committee";

export const committeeOutcomes = ["approved", "approved_with_conditions", "not_approved", "deferred"] as const;
export type CommitteeOutcome = (typeof committeeOutcomes)[number];

export const committeeOutcomeLabels: Record<CommitteeOutcome, string> = {
  approved: "Approved",
  approved_with_conditions: "Approved with conditions",
  not_approved: "Not approved",
  deferred: "Deferred to a later meeting",
};

export function committeeOutcomeLabel(outcome: string): string {
  return (committeeOutcomes as readonly string[]).includes(outcome)
    ? committeeOutcomeLabels[outcome as CommitteeOutcome]
    : outcome;
}
