// Administration > Reference data > a version > Simulate: replays past cases against one
// reference data version (published or draft) and shows which would be decided otherwise.
// Admins and SPO officers: running it reads and changes nothing, so it is a GET. A run over
// many cases takes seconds: the page is sent in pieces, its top (saying it is running) at
// once, then progress lines, then the result, so it works without JavaScript.
import type { Request, Response } from "express";
import { z } from "zod";
import type { Services } from "../services";
import { getRoute, rolesOnly, type PageRoute } from "../routing/pageRoute";
import { formErrors, noErrors, type FormErrors } from "../routing/formErrors";
import { pageNotFound } from "../routing/refusals";
import type { ReferenceData } from "../reference/defaults";
import { routeLabels } from "../domain/reviews";
import { describeOutcome, routeCountKeys } from "./outcomes";
import { changesCsv } from "./csv";
import type { CaseChange, SimulationScope } from "./simulatorService";
import { isRealIsoDate } from "../domain/questions";

const simulatorAccess = rolesOnly("ADMIN", "SPO_OFFICER");

/** Changed cases listed on the page; the CSV has them all. */
export const changesShown = 100;
/** A progress line every this many cases. */
const progressEvery = 10_000;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date as YYYY-MM-DD, for example 2026-03-31")
  .refine(isRealIsoDate, "Enter a real date");

const scopeQuery = z
  .object({
    scope: z.enum(["all", "range", "open"], { error: "Select which cases to replay" }),
    since: z.union([z.literal(""), day]).optional(),
    until: z.union([z.literal(""), day]).optional(),
  })
  .superRefine((value, context) => {
    if (value.scope !== "range") return;
    if (!value.since && !value.until)
      context.addIssue({ code: "custom", path: ["since"], message: "Enter a start date, an end date or both" });
    if (value.since && value.until && value.since > value.until)
      context.addIssue({ code: "custom", path: ["until"], message: "The end date must be on or after the start date" });
  });

type ScopeQuery = z.output<typeof scopeQuery>;

const single = (query: unknown) =>
  Object.fromEntries(
    Object.entries((query ?? {}) as Record<string, unknown>).map(([key, value]) => [
      key,
      Array.isArray(value) ? value[0] : value,
    ]),
  );

function scopeOf(query: ScopeQuery): SimulationScope {
  if (query.scope === "open") return { openOnly: true };
  if (query.scope === "range") return { since: query.since || undefined, until: query.until || undefined };
  return {};
}

function scopeText(query: ScopeQuery): string {
  if (query.scope === "open") return "open cases";
  if (query.scope === "all") return "every submitted case";
  if (query.since && query.until) return `cases first submitted from ${query.since} to ${query.until}`;
  return query.since
    ? `cases first submitted on or after ${query.since}`
    : `cases first submitted up to ${query.until}`;
}

function queryString(query: ScopeQuery): string {
  const params = new URLSearchParams({ scope: query.scope });
  if (query.scope === "range") {
    if (query.since) params.set("since", query.since);
    if (query.until) params.set("until", query.until);
  }
  return params.toString();
}

/** A view rendered to a string with the request's locals, for a page sent in pieces. */
function renderPart(res: Response, view: string, data: Record<string, unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    res.app.render(view, { ...res.locals, ...data }, (error: Error | null, html?: string) => {
      if (error) reject(error);
      else resolve(html ?? "");
    });
  });
}

export function simulatorRoutes(services: Services): PageRoute[] {
  const { simulator } = services;
  const base = (version: number) => `/admin/reference/versions/${String(version)}/simulate`;

  /** The version named in the path, read with the same schema the app reads it with; a 404 if there is none. */
  async function candidateOr404(req: Request, res: Response): Promise<ReferenceData | undefined> {
    const version = Number(req.params.version);
    const candidate = Number.isSafeInteger(version) && version > 0 ? await simulator.candidate(version) : undefined;
    if (!candidate) pageNotFound(res);
    return candidate;
  }

  function formPage(
    res: Response,
    candidate: ReferenceData,
    options: { errors?: FormErrors; values?: Record<string, unknown>; status?: number } = {},
  ) {
    const errors = options.errors ?? noErrors;
    res.status(options.status ?? 200).render("simulator/simulate", {
      title: `${errors.list.length > 0 ? "Error: " : ""}Simulate reference data version ${String(candidate.version)}`,
      backLink: "/admin",
      version: candidate.version,
      action: base(candidate.version),
      errors,
      values: options.values ?? { scope: "all" },
    });
  }

  return [
    getRoute({
      path: "/admin/reference/versions/:version/simulate",
      name: "admin.simulate",
      access: simulatorAccess,
      handler: async ({ req, res }) => {
        const candidate = await candidateOr404(req, res);
        if (!candidate) return;
        const raw = single(req.query);
        if (raw.scope === undefined) {
          formPage(res, candidate);
          return;
        }
        const parsed = scopeQuery.safeParse(raw);
        if (!parsed.success) {
          formPage(res, candidate, {
            errors: formErrors(parsed.error, ["scope", "since", "until"]),
            values: raw,
            status: 400,
          });
          return;
        }
        await streamRun(res, candidate, parsed.data);
      },
    }),
    getRoute({
      path: "/admin/reference/versions/:version/simulate.csv",
      name: "admin.simulateCsv",
      access: simulatorAccess,
      handler: async ({ req, res }) => {
        const candidate = await candidateOr404(req, res);
        if (!candidate) return;
        const parsed = scopeQuery.safeParse(single(req.query));
        if (!parsed.success) {
          res.status(400).type("text/plain").send("Choose the cases to replay on the simulator's page.");
          return;
        }
        res.setHeader("Content-Type", "text/csv; charset=utf-8");
        res.setHeader(
          "Content-Disposition",
          `attachment; filename="simulation-reference-v${String(candidate.version)}.csv"`,
        );
        const csv = changesCsv();
        csv.stream.pipe(res);
        await simulator.simulate(candidate, scopeOf(parsed.data), { onChange: (change) => csv.add(change) });
        csv.end();
      },
    }),
  ];

  /** The run, sent as it goes: the page's top and a "running" line, progress, then the result. */
  async function streamRun(res: Response, candidate: ReferenceData, query: ScopeQuery) {
    const common = {
      title: `Simulation of reference data version ${String(candidate.version)}`,
      backLink: base(candidate.version),
      version: candidate.version,
      scopeText: scopeText(query),
    };
    res.status(200).type("html");
    res.write(await renderPart(res, "simulator/running", common));
    const shown: CaseChange[] = [];
    let lastReported = 0;
    const summary = await simulator.simulate(candidate, scopeOf(query), {
      onChange: (change) => {
        if (shown.length < changesShown) shown.push(change);
      },
      onProgress: ({ cases, changed }) => {
        if (cases - lastReported < progressEvery) return;
        lastReported = cases;
        res.write(
          `<li>${cases.toLocaleString("en-GB")} cases replayed, ${changed.toLocaleString("en-GB")} changed so far</li>\n`,
        );
      },
    });
    res.end(
      await renderPart(res, "simulator/result", {
        ...common,
        summary,
        routeRows: routeCountKeys.map((key) => ({
          label: key === "none" ? "No review route" : routeLabels[key],
          ...summary.byRoute[key],
        })),
        changes: shown.map((change) => ({
          ...change,
          beforeText: describeOutcome(change.before),
          afterText: describeOutcome(change.after),
        })),
        changesShown,
        csvHref: `${base(candidate.version)}.csv?${queryString(query)}`,
        againHref: `${base(candidate.version)}?${queryString(query)}`,
      }),
    );
  }
}
