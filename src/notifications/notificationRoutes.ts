// A person's choice of how they are told, and the admins' outbox (every message, what
// became of it, and a retry for the failed).
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, postRoute, rolesOnly, signedIn, type PageContext, type PageRoute } from "../routing/pageRoute";
import { noErrors, type FormErrors } from "../routing/formErrors";
import { deliveryChoices, outboxStatuses, type OutboxStatus } from "./notificationService";
import { messageKindLabels, messageKinds, type MessageKind } from "./messages";
import { notificationUrls } from "./urls";

const adminOnly = rolesOnly("ADMIN");

const settingsForm = z.strictObject({
  delivery: z.enum(deliveryChoices, { error: "Select how you want to be told" }),
  updates: z.literal("yes").optional(),
});
const emptyForm = z.strictObject({});

const workingDays = (label: string) =>
  z
    .string({ error: `Enter the working days for ${label}` })
    .trim()
    .regex(/^\d{1,2}$/, `Enter the working days for ${label} as a whole number from 1 to 60`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, `The working days for ${label} must be 1 or more`)
        .max(60, `The working days for ${label} must be 60 or fewer`),
    );
const dueDaysForm = z.strictObject({
  signOff: workingDays("a sign-off"),
  review: workingDays("a review"),
  information: workingDays("a request for information"),
});

const statusLabels: Record<OutboxStatus, string> = {
  pending: "Waiting to send",
  held: "Held for the daily digest",
  queued: "Queued to send",
  sending: "Sending",
  sent: "Sent",
  kept: "Kept here (no mail server)",
  failed: "Failed",
  digested: "Sent in a digest",
};
const statusClasses: Record<OutboxStatus, string> = {
  pending: "govuk-tag--blue",
  held: "govuk-tag--grey",
  queued: "govuk-tag--blue",
  sending: "govuk-tag--blue",
  sent: "govuk-tag--green",
  kept: "govuk-tag--green",
  failed: "govuk-tag--red",
  digested: "govuk-tag--green",
};

function isStatus(value: unknown): value is OutboxStatus {
  return typeof value === "string" && (outboxStatuses as readonly string[]).includes(value);
}

function kindLabel(kind: string): string {
  return (messageKinds as readonly string[]).includes(kind) ? messageKindLabels[kind as MessageKind] : kind;
}

export function notificationRoutes(services: Services): PageRoute[] {
  const { notifications } = services;

  async function renderSettings(
    { res, user }: PageContext<typeof signedIn>,
    options: { errors?: FormErrors; status?: number; saved?: boolean } = {},
  ) {
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("notifications/settings", {
      title: `${errors.list.length > 0 ? "Error: " : ""}How you are told`,
      preferences: await notifications.preferences(user.id),
      errors,
      saved: options.saved ?? false,
      action: notificationUrls.settings,
    });
  }

  async function renderDueDays(
    { res }: PageContext<typeof adminOnly>,
    options: { errors?: FormErrors; values?: Record<string, unknown>; status?: number; saved?: boolean } = {},
  ) {
    const errors = options.errors ?? noErrors;
    const current = await notifications.dueWorkingDays();
    res.status(options.status ?? 200).render("notifications/dueDays", {
      title: `${errors.list.length > 0 ? "Error: " : ""}When tasks are due`,
      backLink: "/admin",
      errors,
      values: options.values ?? {
        signOff: String(current.signOff),
        review: String(current.review),
        information: String(current.information),
      },
      saved: options.saved ?? false,
      action: notificationUrls.dueDays,
    });
  }

  return [
    getRoute({
      path: notificationUrls.dueDays,
      name: "admin.dueDays",
      access: adminOnly,
      handler: (context) => renderDueDays(context, { saved: context.req.query.saved === "1" }),
    }),
    postRoute({
      path: notificationUrls.dueDays,
      name: "admin.saveDueDays",
      access: adminOnly,
      body: dueDaysForm,
      handler: async (context, form) => {
        await notifications.saveDueWorkingDays(form, context.user.id);
        context.res.redirect(303, `${notificationUrls.dueDays}?saved=1`);
      },
      invalid: (context, { errors, raw }) => renderDueDays(context, { errors, values: raw, status: 400 }),
    }),
    getRoute({
      path: notificationUrls.settings,
      name: "notifications.settings",
      access: signedIn,
      handler: (context) => renderSettings(context, { saved: context.req.query.saved === "1" }),
    }),
    postRoute({
      path: notificationUrls.settings,
      name: "notifications.saveSettings",
      access: signedIn,
      body: settingsForm,
      handler: async (context, form) => {
        await notifications.savePreferences(context.user.id, {
          delivery: form.delivery,
          updates: form.updates === "yes",
        });
        context.res.redirect(303, `${notificationUrls.settings}?saved=1`);
      },
      invalid: (context, { errors }) => renderSettings(context, { errors, status: 400 }),
    }),
    getRoute({
      path: notificationUrls.outbox,
      name: "admin.outbox",
      access: adminOnly,
      handler: async ({ req, res }) => {
        const status = isStatus(req.query.status) ? req.query.status : undefined;
        const page = Math.min(
          Math.max(Number.parseInt(typeof req.query.page === "string" ? req.query.page : "1", 10) || 1, 1),
          10_000,
        );
        const outbox = await notifications.outbox({ status, page });
        const query = (p: number) => `${notificationUrls.outbox}?${status ? `status=${status}&` : ""}page=${p}`;
        res.render("notifications/outbox", {
          title: "Outbox",
          backLink: "/admin",
          outbox,
          status: status ?? "",
          statusItems: [
            { value: "", text: "Any" },
            ...outboxStatuses.map((value) => ({ value, text: statusLabels[value] })),
          ],
          rows: outbox.rows.map((row) => ({
            ...row,
            url: notificationUrls.message(row.id),
            kind: kindLabel(row.kind),
            status: isStatus(row.status)
              ? { text: statusLabels[row.status], classes: statusClasses[row.status] }
              : { text: row.status, classes: "govuk-tag--grey" },
          })),
          previous: page > 1 ? query(page - 1) : undefined,
          next: page * outbox.pageSize < outbox.total ? query(page + 1) : undefined,
        });
      },
    }),
    getRoute({
      path: "/admin/outbox/:id",
      name: "admin.outboxMessage",
      access: adminOnly,
      handler: async ({ req, res }) => {
        const message = await notifications.message(String(req.params.id));
        res.render("notifications/message", {
          title: message.subject,
          backLink: notificationUrls.outbox,
          message,
          kind: kindLabel(message.kind),
          status: isStatus(message.status) ? statusLabels[message.status] : message.status,
          retryUrl: message.status === "failed" ? notificationUrls.retry(message.id) : undefined,
          retried: req.query.retried === "1",
        });
      },
    }),
    postRoute({
      path: "/admin/outbox/:id/retry",
      name: "admin.outboxRetry",
      access: adminOnly,
      body: emptyForm,
      handler: async ({ req, res }) => {
        const id = String(req.params.id);
        await notifications.message(id);
        await notifications.retry(id);
        res.redirect(303, `${notificationUrls.message(id)}?retried=1`);
      },
      invalid: ({ req, res }) => res.redirect(303, notificationUrls.message(String(req.params.id))),
    }),
  ];
}
