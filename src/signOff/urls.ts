export const signOffUrls = {
  list: "/sign-off",
  checklist: (taskId: string) => `/sign-off/${taskId}`,
  record: (taskId: string, options: { signed?: boolean } = {}) =>
    `/sign-off/${taskId}/record${options.signed ? "?signed=1" : ""}`,
  recordPdf: (taskId: string) => `/sign-off/${taskId}/record.pdf`,
  adminChecklists: "/admin/checklists",
};
