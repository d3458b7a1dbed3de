export const notificationUrls = {
  settings: "/settings/notifications",
  outbox: "/admin/outbox",
  message: (id: string) => `/admin/outbox/${id}`,
  retry: (id: string) => `/admin/outbox/${id}/retry`,
};
