import { stringify } from "csv-stringify";
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { countryName } from "../domain/countries";
import { decisionOutcomeLabels, decisionOutcomes, routeLabel, type DecisionOutcome } from "../domain/reviews";
import { riskLabel } from "../domain/risk";
import { stateTag } from "../domain/caseStates";
import { viewHelpers } from "../views/helpers";
import { parseQueueFilters } from "./queueFilters";
import { spreadsheetSafe } from "./csv";
import { ageInDays, dueStateLabels, queuePageModel } from "./queuePresenter";
import { nextDue } from "../notifications/dueDates";

/** Officers work the queue; the SPO lead reads it and its export (the queue has no actions). */
const queueReaders = rolesOnly("SPO_OFFICER", "SPO_LEAD");

export function queueRoutes(services: Services): PageRoute[] {
  const { queue, organisation, config, reference, notifications } = services;

  async function lookups() {
    const [departments, officers] = await Promise.all([organisation.departments(), organisation.officers()]);
    return {
      departments,
      officers,
      departmentIdByCode: new Map(departments.map((department) => [department.code, department.id])),
      departmentName: new Map(departments.map((department) => [department.id, department.name])),
      officerName: new Map(officers.map((officer) => [officer.id, officer.displayName])),
    };
  }

  return [
    getRoute({
      path: "/queue",
      name: "queue.list",
      access: queueReaders,
      handler: async ({ req, res, user }) => {
        const filters = parseQueueFilters(req.query);
        const names = await lookups();
        const [page, counts, total, current, due] = await Promise.all([
          queue.page(filters, names.departmentIdByCode, user.id),
          queue.openCountsByRoute(),
          queue.count(filters, names.departmentIdByCode, user.id),
          reference.current({ maxAgeMs: 5_000 }),
          notifications.dueWorkingDays(),
        ]);
        res.render(
          "queue/index",
          queuePageModel({
            filters,
            page,
            counts,
            total,
            departments: names.departments,
            officers: names.officers,
            // The reference data's overdue age; the configured one until an admin sets it.
            highlightDays: current.queueOverdueDays ?? config.queueAgeHighlightDays,
            due,
            now: Date.now(),
          }),
        );
      },
    }),
    getRoute({
      path: "/queue/export.csv",
      name: "queue.export",
      access: queueReaders,
      handler: async ({ req, res, user }) => {
        const filters = parseQueueFilters(req.query);
        const names = await lookups();
        const stamp = new Date().toISOString().slice(0, 10);
        res.setHeader("Content-Type", "text/csv; charset=utf-8");
        res.setHeader("Content-Disposition", `attachment; filename="spo-queue-${stamp}.csv"`);
        const csv = stringify({
          // The byte-order mark tells Excel the file is UTF-8 (accented and non-Latin names).
          bom: true,
          header: true,
          columns: [
            "Reference",
            "Title",
            "Partner",
            "Country",
            "Department",
            "Status",
            "Routes",
            "Risk",
            "Value (GBP)",
            "Funder",
            "Start date",
            "End date",
            "Assigned to",
            "Submitted",
            "Age (days)",
            "Next due",
            "Due",
            "Due status",
            "Outcome",
            "Decided",
          ],
          cast: { string: spreadsheetSafe },
        });
        csv.pipe(res);
        const now = Date.now();
        const due = await notifications.dueWorkingDays();
        for await (const row of queue.allMatching(filters, names.departmentIdByCode, user.id)) {
          const next = nextDue(row.waiting, due, new Date(now));
          const ok = csv.write([
            row.reference ?? "",
            row.title,
            row.partnerName ?? "",
            row.partnerCountry ? countryName(row.partnerCountry) : "",
            row.departmentId ? (names.departmentName.get(row.departmentId) ?? "") : "",
            stateTag(row.status).text,
            row.routes.map(routeLabel).join("; "),
            riskLabel(row.risk),
            typeof row.valueGbp === "number" ? String(row.valueGbp) : "",
            typeof row.funderName === "string" ? row.funderName : "",
            typeof row.startDate === "string" ? viewHelpers.formatDate(row.startDate) : "",
            typeof row.endDate === "string" ? viewHelpers.formatDate(row.endDate) : "",
            row.assigneeId ? (names.officerName.get(row.assigneeId) ?? "") : "",
            viewHelpers.formatDate(row.submittedAt),
            String(ageInDays(row, now)),
            next?.what ?? "",
            viewHelpers.formatDate(next?.dueAt),
            next ? dueStateLabels[next.state] : "",
            (decisionOutcomes as readonly string[]).includes(row.outcome ?? "")
              ? decisionOutcomeLabels[row.outcome as DecisionOutcome]
              : "",
            viewHelpers.formatDate(row.decidedAt),
          ]);
          if (!ok) await new Promise((resolve) => csv.once("drain", resolve));
        }
        csv.end();
      },
    }),
  ];
}
