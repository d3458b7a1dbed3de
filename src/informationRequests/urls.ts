export const replyUrls = {
  reply: (proposalId: string) => `/proposals/${proposalId}/reply`,
};
