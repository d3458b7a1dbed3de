export const notificationUrls = {
  settings: "/settings/notifications",
  outbox: "/admin/outbox",
  dueDays: "/admin/due-dates",
  message: (id: string) => `/admin/outbox/${id}`,
  retry: (id: string) => `/admin/outbox/${id}/retry`,
};
