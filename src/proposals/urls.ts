export const proposalUrls = {
  start: "/proposals",
  view: (id: string) => `/proposals/${id}`,
  step: (id: string, slug: string, options: { change?: boolean; field?: string } = {}) =>
    `/proposals/${id}/${slug}${options.change ? "?change=1" : ""}${options.field ? `#${options.field}` : ""}`,
  checkAnswers: (id: string) => `/proposals/${id}/check-answers`,
  submit: (id: string) => `/proposals/${id}/submit`,
  confirmation: (id: string) => `/proposals/${id}/confirmation`,
  withdraw: (id: string) => `/proposals/${id}/withdraw`,
  deleteDraft: (id: string) => `/proposals/${id}/delete`,
};
