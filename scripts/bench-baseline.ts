// The baselines for the page benchmarks (scripts/bench-pages.ts runs each as a child
// process). Both render, from memory, the same view model the app renders (written by the
// benchmark to the JSON file BASELINE_DATA, read from the same database), at GET /queue and
// GET /case. No session, no database, no middleware: what the stack costs on its own.
//   BASELINE_KIND=bare      Express 5 + one compiled EJS template per page, every row and
//                           cell written inline (no includes): the stack's ceiling.
//   BASELINE_KIND=nunjucks  Express 5 + Nunjucks + govuk-frontend's own macros and page
//                           template (node_modules/govuk-frontend/dist/govuk): what most
//                           GOV.UK-style services run.
// Prints {"port":…,"pid":…} once listening on 127.0.0.1; stops on SIGTERM/SIGINT or when
// its parent goes away (stdin closes).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { AddressInfo } from "node:net";
import ejs from "ejs";
import express from "express";
import { viewHelpers } from "../src/views/helpers";

// Run bundled from dist/ (scripts/bench-lib.ts's startChild), in the project's folder.
const root = process.cwd();
const templates = path.join(root, "scripts", "bench-baselines");
const kind = process.env.BASELINE_KIND;
const dataFile = process.env.BASELINE_DATA;
if ((kind !== "bare" && kind !== "nunjucks") || !dataFile) {
  console.error("BASELINE_KIND (bare or nunjucks) and BASELINE_DATA (a JSON file) are required");
  process.exit(2);
}

type Model = Record<string, unknown>;
interface Data {
  chrome: { user: { displayName: string }; roleText: string; navItems: { href: string; text: string }[] };
  queue?: Model;
  case?: Model;
}
const data = JSON.parse(readFileSync(dataFile, "utf8")) as Data;

// What both templates need beside the model: the filter selects of the queue page and the
// officer forms of the case page, built per request as the app's templates build theirs.
interface Item {
  value: string;
  text: string;
}
function queueContext(model: Model) {
  const filters = model.filters as Record<string, string | undefined>;
  const routeNames = model.routeNames as string[];
  const routeLabels = model.routeLabels as Record<string, string>;
  const labels = model.statusFilterLabels as Record<string, string>;
  const any = (text: string): Item[] => [{ value: "", text }];
  const select = (column: string, id: string, label: string, items: Item[], classes?: string) => ({
    column,
    id,
    label,
    items,
    classes,
    value: filters[id] ?? "",
  });
  return {
    selects: [
      select(
        "govuk-grid-column-one-third",
        "status",
        "Status",
        Object.keys(labels).map((key) => ({ value: key, text: labels[key]! })),
      ),
      select(
        "govuk-grid-column-one-third",
        "route",
        "Route",
        any("Any route").concat(routeNames.map((route) => ({ value: route, text: routeLabels[route]! }))),
      ),
      select(
        "govuk-grid-column-one-quarter",
        "country",
        "Partner country",
        any("Any country").concat(
          (model.countries as { code: string; name: string }[]).map((c) => ({ value: c.code, text: c.name })),
        ),
        "app-select--full",
      ),
      select(
        "govuk-grid-column-one-quarter",
        "department",
        "Department",
        any("Any department").concat(
          (model.departments as { code: string; name: string }[]).map((d) => ({ value: d.code, text: d.name })),
        ),
        "app-select--full",
      ),
      select(
        "govuk-grid-column-one-quarter",
        "assignee",
        "Assigned to",
        [
          { value: "", text: "Anyone" },
          { value: "me", text: "Me" },
          { value: "unassigned", text: "Unassigned" },
        ].concat(
          (model.officers as { id: string; displayName: string }[]).map((o) => ({ value: o.id, text: o.displayName })),
        ),
        "app-select--full",
      ),
      select(
        "govuk-grid-column-one-quarter",
        "risk",
        "Risk",
        [
          { value: "", text: "Any risk" },
          { value: "high", text: "High" },
          { value: "medium", text: "Medium" },
          { value: "low", text: "Low" },
        ],
        "app-select--full",
      ),
      select("govuk-grid-column-one-third", "sort", "Sort by", [
        { value: "oldest", text: "Oldest first (age)" },
        { value: "newest", text: "Newest submission first" },
      ]),
    ],
  };
}

function caseContext(model: Model) {
  const proposal = model.proposal as Record<string, unknown> & {
    id: string;
    version: number;
    owner: { displayName: string; email: string };
    department: { name: string; school: { name: string } } | null;
    assignee: { displayName: string } | null;
  };
  const status = model.status as { text: string; classes: string };
  const routeLabels = model.routeLabels as Record<string, string>;
  const allowed = model.allowed as Record<string, boolean>;
  const outcomes = model.decisionOutcomeLabels as Record<string, string>;
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const summaryRows: { key: string; tag?: { text: string; classes: string }; lines: string[] }[] = [
    { key: "Status", tag: status, lines: [] },
    { key: "Proposer", lines: [`${proposal.owner.displayName} (${proposal.owner.email})`] },
    {
      key: "Department",
      lines: [proposal.department ? `${proposal.department.name}, School of ${proposal.department.school.name}` : ""],
    },
    {
      key: "Partner",
      lines: [text(proposal.partnerName) + (model.partnerCountry ? `, ${text(model.partnerCountry)}` : "")],
    },
    { key: "Assigned to", lines: [proposal.assignee ? proposal.assignee.displayName : "Unassigned"] },
    { key: "Submitted", lines: [viewHelpers.formatDateTime(text(proposal.submittedAt))] },
    { key: "Risk", lines: [text(proposal.risk)] },
  ];
  const base = `/cases/${proposal.id}/`;
  const activeRoutes = model.activeRoutes as string[];
  const addable = model.addableRoutes as string[];
  const missing = model.missing as string[];
  const forms: Record<string, unknown>[] = [];
  if (allowed.assign)
    forms.push({
      heading: "Assign",
      action: `${base}assign`,
      version: proposal.version,
      button: "Assign",
      buttonClasses: "govuk-button--secondary",
      fields: [
        {
          kind: "select",
          id: "assign-assignee",
          name: "assignee",
          label: "Assign to",
          value: text(proposal.assigneeId),
          items: [{ value: "", text: "No one" }].concat(
            (model.officers as { id: string; displayName: string }[]).map((o) => ({
              value: o.id,
              text: o.displayName,
            })),
          ),
        },
      ],
    });
  if (allowed.requestInformation)
    forms.push({
      heading: "Ask the proposer for more information",
      action: `${base}request-information`,
      version: proposal.version,
      button: "Send request",
      buttonClasses: "govuk-button--secondary",
      preventDoubleClick: true,
      fields: [
        {
          kind: "textarea",
          id: "requestInformation-message",
          name: "message",
          label: "What do you need to know?",
          hint: "The proposer sees this message. The case goes back to them until they resubmit.",
        },
      ],
    });
  const routeForm = (
    heading: string,
    path: string,
    idPrefix: string,
    routes: string[],
    legend: string,
    button: string,
  ) => ({
    heading,
    action: base + path,
    version: proposal.version,
    button,
    buttonClasses: idPrefix.startsWith("add") ? "govuk-button--secondary" : "govuk-button--warning",
    fields: [
      {
        kind: "radios",
        name: "route",
        idPrefix,
        legend,
        items: routes.map((route) => ({ value: route, text: routeLabels[route] })),
      },
      { kind: "textarea", id: `${idPrefix.split("-")[0]!}-reason`, name: "reason", label: "Reason", rows: 3 },
    ],
  });
  if (allowed.addRoute && addable.length > 0)
    forms.push(routeForm("Add a route", "routes/add", "addRoute-route", addable, "Route to add", "Add route"));
  if (allowed.addRoute && activeRoutes.length > 0)
    forms.push(
      routeForm(
        "Remove a route",
        "routes/remove",
        "removeRoute-route",
        activeRoutes,
        "Route to remove",
        "Remove route",
      ),
    );
  if (allowed.decide)
    forms.push(
      missing.length > 0
        ? {
            heading: "Record the decision",
            warning: "The decision can be recorded once these are complete:",
            missing,
          }
        : {
            heading: "Record the decision",
            action: `${base}decision`,
            version: proposal.version,
            button: "Record decision",
            preventDoubleClick: true,
            fields: [
              {
                kind: "radios",
                name: "outcome",
                idPrefix: "decide-outcome",
                legend: "Decision",
                items: Object.keys(outcomes).map((key) => ({ value: key, text: outcomes[key] })),
              },
              {
                kind: "textarea",
                id: "decide-note",
                name: "note",
                label: "Conditions or reasons",
                hint: "Required unless approved without conditions. The proposer sees this.",
              },
            ],
          },
    );
  if (allowed.addNote)
    forms.push({
      heading: "Add a note",
      action: `${base}notes`,
      button: "Add note",
      buttonClasses: "govuk-button--secondary",
      fields: [{ kind: "textarea", id: "addNote-body", name: "body", label: "Add a note", rows: 3 }],
    });
  const decision = model.decision as { routes: { route: string }[] } | null;
  return {
    summaryRows,
    forms,
    routeDecision: (route: string) => decision?.routes.find((found) => found.route === route),
    actionText: (action: string) => action.replace(/^[a-z]+\./, "").replace(/_/g, " "),
    stateText: (state: string) => state.replace(/_/g, " ").toLowerCase(),
  };
}

type Render = (page: "queue" | "case", context: Model) => string;

function bareRenderer(): Render {
  // Compiled once, as Express's view cache would; no includes to resolve.
  const compiled = {
    queue: ejs.compile(readFileSync(path.join(templates, "queue.ejs"), "utf8")),
    case: ejs.compile(readFileSync(path.join(templates, "case.ejs"), "utf8")),
  };
  return (page, context) => compiled[page](context);
}

// nunjucks ships no type declarations: the little used here, typed by hand.
interface NunjucksEnvironment {
  getTemplate(name: string, eagerCompile: boolean): { render(context: Model): string };
}
function nunjucksRenderer(): Render {
  const nunjucks = createRequire(import.meta.url)("nunjucks") as {
    configure(paths: string[], options: { autoescape: boolean; noCache: boolean }): NunjucksEnvironment;
  };
  const environment = nunjucks.configure([templates, path.join(root, "node_modules", "govuk-frontend", "dist")], {
    autoescape: true,
    noCache: false,
  });
  const compiled = {
    queue: environment.getTemplate("queue.njk", true),
    case: environment.getTemplate("case.njk", true),
  };
  return (page, context) => compiled[page].render(context);
}

const render = kind === "bare" ? bareRenderer() : nunjucksRenderer();
const common = {
  ...viewHelpers,
  ...data.chrome,
  csrfToken: "baseline-csrf-token-0123456789abcdef",
  // JSON leaves out what is undefined; the templates test these.
  previousUrl: undefined,
  nextUrl: undefined,
  backLink: undefined,
};

const app = express();
app.disable("x-powered-by");
const queueModel = data.queue;
if (queueModel)
  app.get("/queue", (_req, res) => {
    res
      .type("html")
      .send(render("queue", { ...common, currentPath: "/queue", ...queueModel, ...queueContext(queueModel) }));
  });
const caseModel = data.case;
if (caseModel)
  app.get("/case", (_req, res) => {
    res.type("html").send(render("case", { ...common, currentPath: "/case", ...caseModel, ...caseContext(caseModel) }));
  });

const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port, pid: process.pid })}\n`);
});
function stop() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
process.stdin.on("end", stop);
process.stdin.resume();
