// The reference data administration's URLs, built in one place.
export const referenceUrls = {
  overview: "/admin/reference",
  draft: "/admin/reference/draft",
  discard: "/admin/reference/draft/discard",
  publish: "/admin/reference/draft/publish",
  countryList: (slug: string) => `/admin/reference/draft/countries/${slug}`,
  countryListAdd: (slug: string) => `/admin/reference/draft/countries/${slug}/add`,
  countryListRemove: (slug: string) => `/admin/reference/draft/countries/${slug}/remove`,
  restrictions: "/admin/reference/draft/restrictions",
  restrictionsAdd: "/admin/reference/draft/restrictions/add",
  restrictionsRemove: "/admin/reference/draft/restrictions/remove",
  restriction: (index: number | string) => `/admin/reference/draft/restrictions/${index}`,
  sectors: "/admin/reference/draft/sectors",
  sectorsAdd: "/admin/reference/draft/sectors/add",
  sectorsRemove: "/admin/reference/draft/sectors/remove",
  settings: "/admin/reference/draft/settings",
  versions: "/admin/reference/versions",
  compare: "/admin/reference/versions/compare",
  diff: (a: number | string, b: number | string) => `/admin/reference/versions/${a}/diff/${b}`,
  /** The simulator (another feature's route): what publishing this version would change. */
  simulate: (version: number | string) => `/admin/reference/versions/${version}/simulate`,
} as const;
