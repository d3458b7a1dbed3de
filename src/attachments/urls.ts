export const attachmentUrls = {
  download: (id: string) => `/attachments/${id}`,
  forProposal: (proposalId: string, options: { replace?: string; added?: boolean } = {}) =>
    `/proposals/${proposalId}/attachments${query(options)}`,
  removeFromDraft: (proposalId: string, id: string) => `/proposals/${proposalId}/attachments/${id}/remove`,
  forCase: (caseId: string, options: { replace?: string; added?: boolean } = {}) =>
    `/cases/${caseId}/attachments${query(options)}`,
};

function query(options: { replace?: string; added?: boolean }): string {
  if (options.replace) return `?replace=${encodeURIComponent(options.replace)}`;
  return options.added ? "?added=1" : "";
}
