// The CBELA committee (formerly ACBELA): its name, and what its secretary records of a
// meeting that considered a case.

// The committee's name is reference data (an admin setting, default CBELA: product.md,
// "acbela"). Labels everywhere (routes, tasks, the secretary's role, e-mails, PDFs) read it
// here, synchronously; the reference service names it whenever it reads the version in
// force, so a published rename reaches every label without threading it through each call.
let committeeNameInForce = "CBELA";

export function nameCommittee(name: string): void {
  committeeNameInForce = name;
}

export function committeeName(): string {
  return committeeNameInForce;
}

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
