// The reports' addresses, built here only.
export const reportUrls = {
  dashboard: "/reports",
  dataset: (id: string) => `/reports/${id}.csv`,
  annualReturn: "/reports/annual-return.csv",
};
