// The SPO's reports: the dashboard (officers, the SPO lead and admins see every case; heads
// their own department or school), each chart's data as CSV, and the annual return.
import { stringify } from "csv-stringify";
import type { Response } from "express";
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { allCountries, countryName } from "../domain/countries";
import { routeLabel, routeLabels, routeNames } from "../domain/reviews";
import { decisionOutcomeLabels, decisionOutcomes, type DecisionOutcome } from "../domain/reviews";
import { hasAnyRole, type CurrentUser } from "../domain/roles";
import { spreadsheetSafe } from "../queue/csv";
import { reportExporters, reportReaders, reportScopeOf } from "./reportService";
import { parseReportFilters, reportQuery } from "./reportFilters";
import { cellText, datasetIds, displayNumber, presentFigures, type DatasetId } from "./reportPresenter";
import { academicYearLabel, academicYearOf, ukToday } from "./periods";
import { reportUrls } from "./urls";
import { chartSvg } from "./chartSvg";

const isDecisionOutcome = (value: string): value is DecisionOutcome =>
  (decisionOutcomes as readonly string[]).includes(value);

function sendCsv(res: Response, fileName: string, columns: string[], rows: string[][]) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
  // The byte-order mark tells Excel the file is UTF-8 (accented and non-Latin names), as the queue's CSV does.
  const csv = stringify({ bom: true, header: true, columns, cast: { string: spreadsheetSafe } });
  csv.pipe(res);
  for (const row of rows) csv.write(row);
  csv.end();
}

export function reportRoutes(services: Services): PageRoute[] {
  const { reports } = services;

  async function load(user: CurrentUser, query: unknown) {
    const today = ukToday();
    const parsed = parseReportFilters(query, today);
    const [figures, unitLists] = await Promise.all([reports.figures(user, parsed.filters, today), reports.units(user)]);
    const datasets = presentFigures(figures, {
      schools: new Map(unitLists.schools.map((school) => [school.code, school.name])),
      departments: new Map(unitLists.departments.map((department) => [department.code, department.name])),
    });
    return { today, parsed, figures, datasets, unitLists };
  }

  const csvRoutes = datasetIds.map((id: DatasetId) =>
    getRoute({
      path: reportUrls.dataset(id),
      name: `reports.csv.${id}`,
      access: rolesOnly(...reportExporters),
      handler: async ({ req, res, user }) => {
        const { datasets, parsed } = await load(user, req.query);
        const dataset = datasets.find((candidate) => candidate.id === id);
        if (!dataset) return;
        sendCsv(
          res,
          `spo-${id}-${parsed.filters.range.from}-to-${parsed.filters.range.to}.csv`,
          dataset.columns,
          dataset.rows.map((row) => [row.label, ...row.values.map(cellText)]),
        );
      },
    }),
  );

  return [
    getRoute({
      path: reportUrls.dashboard,
      name: "reports.dashboard",
      access: rolesOnly(...reportReaders),
      handler: async ({ req, res, user }) => {
        const { today, parsed, datasets, unitLists, figures } = await load(user, req.query);
        const query = reportQuery(parsed.filters);
        const exports = hasAnyRole(user, reportExporters);
        const scope = reportScopeOf(user);
        const thisYear = academicYearOf(today);
        const lastYear = academicYearOf(`${String(Number(thisYear.from.slice(0, 4)) - 1)}-08-01`);
        const errorList = Object.entries(parsed.errors).map(([field, text]) => ({ text, href: `#${field}` }));
        res.render("reports/index", {
          title: errorList.length ? "Error: Reports" : "Reports",
          errors: parsed.errors,
          errorList,
          values: {
            ...parsed.values,
            from: parsed.values.from || parsed.filters.range.from,
            to: parsed.values.to || parsed.filters.range.to,
          },
          range: figures.range,
          rangeIsAcademicYear:
            figures.range.from.endsWith("-08-01") &&
            academicYearOf(figures.range.from).to === figures.range.to &&
            academicYearLabel(figures.range),
          scopeText: scope.all
            ? "Every department and school."
            : `Your ${scope.schoolIds.length ? "school" : "department"} only: ${
                unitLists.departments.map((department) => department.name).join(", ") || "none"
              }.`,
          schools: unitLists.schools,
          departments: unitLists.departments,
          routeNames,
          routeLabels,
          countries: allCountries(),
          datasets: datasets.map((dataset) => ({
            ...dataset,
            csvUrl: exports ? `${reportUrls.dataset(dataset.id)}?${query}` : undefined,
            chartSvg: chartSvg(dataset),
            tableRows: dataset.rows.map((row) => [
              { text: row.label },
              ...row.values.map((value) => ({ text: displayNumber(value), format: "numeric" })),
            ]),
          })),
          yearLinks: [thisYear, lastYear].map((range) => ({
            text: `Academic year ${academicYearLabel(range)}`,
            href: `${reportUrls.dashboard}?${reportQuery({ ...parsed.filters, range })}`,
          })),
          annualReturnUrl: exports ? `${reportUrls.annualReturn}?${query}` : undefined,
          printedOn: today,
        });
      },
    }),
    ...csvRoutes,
    getRoute({
      path: reportUrls.annualReturn,
      name: "reports.annualReturn",
      access: rolesOnly(...reportExporters),
      handler: async ({ req, res, user }) => {
        const { filters } = parseReportFilters(req.query, ukToday());
        const rows = await reports.annualReturn(user, filters);
        sendCsv(
          res,
          `spo-annual-return-${filters.range.from}-to-${filters.range.to}.csv`,
          [
            "Reference",
            "Title",
            "Department",
            "School",
            "Partner",
            "Partner country",
            "Engagement type",
            "Value (GBP)",
            "Review routes",
            "Outcome",
            "Submitted",
            "Decided",
            "Working days taken",
          ],
          rows.map((row) => [
            row.reference,
            row.title,
            row.departmentName ?? "",
            row.schoolName ?? "",
            row.partnerName ?? "",
            row.partnerCountry ? countryName(row.partnerCountry) : "",
            row.engagementType ?? "",
            row.valueGbp === null ? "" : String(row.valueGbp),
            row.routes.map(routeLabel).join("; "),
            isDecisionOutcome(row.outcome) ? decisionOutcomeLabels[row.outcome] : row.outcome,
            row.submittedOn,
            row.decidedOn,
            String(row.workingDays),
          ]),
        );
      },
    }),
  ];
}
