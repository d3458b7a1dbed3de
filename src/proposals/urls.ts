export const proposalUrls = {
  /** Posting the first page of a new proposal here creates its draft. */
  start: "/proposals",
  /** The first page of a proposal not yet started: nothing is stored until it is saved. */
  new: "/proposals/new",
  view: (id: string) => `/proposals/${id}`,
  step: (id: string, slug: string, options: { change?: boolean; field?: string } = {}) =>
    `/proposals/${id}/${slug}${options.change ? "?change=1" : ""}${options.field ? `#${options.field}` : ""}`,
  /** The draft's overview: its sections as a task list. */
  sections: (id: string) => `/proposals/${id}/sections`,
  checkAnswers: (id: string) => `/proposals/${id}/check-answers`,
  submit: (id: string) => `/proposals/${id}/submit`,
  confirmation: (id: string) => `/proposals/${id}/confirmation`,
  withdraw: (id: string) => `/proposals/${id}/withdraw`,
  deleteDraft: (id: string) => `/proposals/${id}/delete`,
};
