// Who can send a case back to its proposer for more information, and how each is named:
// an SPO officer's request, or a head's return at sign-off (never called the SPO's).
export const requestSources = ["spo", "head_of_department", "head_of_school"] as const;
export type RequestSource = (typeof requestSources)[number];

export const requestSourceLabels: Record<RequestSource, string> = {
  spo: "Request for information from the Strategic Partnerships Office",
  head_of_department: "Returned by the head of department at sign-off",
  head_of_school: "Returned by the head of school at sign-off",
};

export function requestSourceLabel(source: string): string {
  return (requestSources as readonly string[]).includes(source)
    ? requestSourceLabels[source as RequestSource]
    : requestSourceLabels.spo;
}

/** The longest reply a proposer may send. */
export const replyMaxLength = 5_000;
