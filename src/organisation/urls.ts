// The schools and departments admin pages' URLs.
export const organisationUrls = {
  index: "/admin/organisation",
  addSchool: "/admin/organisation/schools",
  addDepartment: "/admin/organisation/departments",
  school: (id: string) => `/admin/organisation/schools/${id}`,
  retireSchool: (id: string) => `/admin/organisation/schools/${id}/retire`,
  department: (id: string) => `/admin/organisation/departments/${id}`,
  moveDepartment: (id: string) => `/admin/organisation/departments/${id}/move`,
  retireDepartment: (id: string) => `/admin/organisation/departments/${id}/retire`,
} as const;
