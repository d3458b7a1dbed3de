// Administration > Audit log: every recorded change, newest first, filtered by case
// reference, person, action and dates, 50 to a page (keyset by id), and the filtered
// entries as CSV. Admins only; reading it changes nothing.
import type { Request } from "express";
import { stringify } from "csv-stringify";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { formErrors, noErrors } from "../routing/formErrors";
import { spreadsheetSafe } from "../queue/csv";
import { auditActionLabels, type AuditFilters, type AuditRow } from "./auditViewer";
import { isRealIsoDate } from "../domain/questions";
import { viewHelpers } from "../views/helpers";

const admins = rolesOnly("ADMIN");

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD, for example 2026-03-31")
  .refine(isRealIsoDate, "Enter a real date");
const optional = <T extends z.ZodType>(schema: T) =>
  z.union([z.literal("").transform(() => undefined), schema]).optional();

const filtersSchema = z
  .object({
    reference: optional(z.string().trim().max(40, "Enter a case reference such as SPO-2026-00042")),
    person: optional(z.string().trim().max(200, "Enter a username or e-mail address")),
    action: optional(z.string().trim().max(100)),
    from: optional(day),
    to: optional(day),
    before: optional(z.string().regex(/^\d{1,19}$/)),
  })
  .refine((value) => !value.from || !value.to || value.from <= value.to, {
    path: ["to"],
    message: "The end date must be on or after the start date",
  });

type Filters = z.output<typeof filtersSchema>;

const single = (query: unknown) =>
  Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      Array.isArray(value) ? value[0] : value,
    ]),
  );

function queryOf(filters: AuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of ["reference", "person", "action", "from", "to"] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** An entry's details as short "name: value" lines (the values as stored, JSON where not text). */
export function detailLines(details: unknown): string[] {
  if (!details || typeof details !== "object" || Array.isArray(details)) return [];
  return Object.entries(details as Record<string, unknown>).map(
    ([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`,
  );
}

/** The CSV's time: UTC, to the second, as a spreadsheet sorts it. The page shows UK time. */
const timestamp = (at: Date) => at.toISOString().slice(0, 19).replace("T", " ");

export function auditRoutes(services: Services): PageRoute[] {
  const viewer = services.auditLog;
  const actions = Object.entries(auditActionLabels).sort(([, a], [, b]) => a.localeCompare(b));

  function parse(req: Request) {
    const raw = single(req.query);
    return { raw, parsed: filtersSchema.safeParse(raw) };
  }

  const filtersOf = (filters: Filters): AuditFilters => ({
    reference: filters.reference,
    person: filters.person,
    action: filters.action,
    from: filters.from,
    to: filters.to,
  });

  return [
    getRoute({
      path: "/admin/audit",
      name: "admin.audit",
      access: admins,
      handler: async ({ req, res }) => {
        const { raw, parsed } = parse(req);
        const common = { title: "Audit log", backLink: "/admin", actions, values: raw };
        if (!parsed.success) {
          res.status(400).render("admin/audit", {
            ...common,
            title: "Error: Audit log",
            errors: formErrors(parsed.error, ["reference", "person", "action", "from", "to"]),
            rows: [],
            olderHref: null,
            newestHref: null,
            csvHref: null,
          });
          return;
        }
        const filters = filtersOf(parsed.data);
        const page = await viewer.page(filters, {
          before: parsed.data.before ? BigInt(parsed.data.before) : undefined,
        });
        res.render("admin/audit", {
          ...common,
          errors: noErrors,
          rows: page.rows.map((row: AuditRow) => ({
            ...row,
            when: viewHelpers.formatDateTime(row.at),
            about:
              row.caseReference !== null
                ? { text: row.caseReference, href: `/cases/${row.entityId}` }
                : { text: `${row.entityType.replace(/_/g, " ")} ${row.entityId}` },
            states: row.fromState || row.toState ? `${row.fromState ?? "–"} → ${row.toState ?? "–"}` : "",
            lines: detailLines(row.details),
          })),
          olderHref: page.older === null ? null : `/admin/audit?${queryOf(filters, { before: String(page.older) })}`,
          newestHref: parsed.data.before ? `/admin/audit?${queryOf(filters)}` : null,
          csvHref: `/admin/audit.csv?${queryOf(filters)}`,
        });
      },
    }),
    getRoute({
      path: "/admin/audit.csv",
      name: "admin.auditCsv",
      access: admins,
      handler: async ({ req, res }) => {
        const { parsed } = parse(req);
        if (!parsed.success) {
          res.status(400).type("text/plain").send("Check the filters on the audit log page.");
          return;
        }
        res.setHeader("Content-Type", "text/csv; charset=utf-8");
        res.setHeader(
          "Content-Disposition",
          `attachment; filename="audit-log-${new Date().toISOString().slice(0, 10)}.csv"`,
        );
        const csv = stringify({
          bom: true,
          header: true,
          columns: ["When (UTC)", "Action", "Action code", "Person", "Case", "About", "From", "To", "Details"],
          cast: { string: spreadsheetSafe },
        });
        csv.pipe(res);
        for await (const row of viewer.all(filtersOf(parsed.data))) {
          const ok = csv.write([
            timestamp(row.at),
            row.actionLabel,
            row.action,
            row.actor,
            row.caseReference ?? "",
            `${row.entityType} ${row.entityId}`,
            row.fromState ?? "",
            row.toState ?? "",
            detailLines(row.details).join("\n"),
          ]);
          if (!ok) await new Promise((resolve) => csv.once("drain", resolve));
        }
        csv.end();
      },
    }),
  ];
}
