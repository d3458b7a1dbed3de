// The baseline for the queue benchmark (scripts/bench-queue.ts runs it as a child process):
// a bare Express 5 + EJS server rendering, from memory, a page like the queue's: the app's
// layout (header, navigation, footer), the app's table partial with the same 50 rows of
// eight cells (status and overdue as tags) and the pagination partial. No session, no
// database, no middleware: what the framework and the templates cost on their own.
// Prints {"port":…,"pid":…} once listening on 127.0.0.1; stops on SIGTERM/SIGINT or when
// its parent goes away (stdin closes).
import path from "node:path";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import express from "express";

const viewsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "views");
const rowCount = Number(process.env.BASELINE_ROWS ?? 50);

const template = `<%- include('../layout/head') %>
<h1 class="govuk-heading-l">SPO queue</h1>
<%- include('../components/table', { params: {
  caption: 'Cases, oldest first. Cases open for ' + highlightDays + ' days or more are marked overdue.',
  captionClasses: 'govuk-table__caption--s',
  classes: 'app-table--queue',
  head: [{ text: 'Case' }, { text: 'Partner' }, { text: 'Department' }, { text: 'Status' }, { text: 'Routes' }, { text: 'Risk' }, { text: 'Assigned to' }, { text: 'Age' }],
  rows: rows.map((row) => [
    { text: row.reference + ' ' + row.title, href: row.url },
    { text: row.partnerName + ' (' + row.countryName + ')' },
    { text: row.departmentName },
    { include: 'components/tag', params: { text: row.statusLabel.text, classes: row.statusLabel.classes } },
    { text: row.routeText },
    { text: row.risk.charAt(0).toUpperCase() + row.risk.slice(1) },
    { text: row.assigneeName },
    row.overdue
      ? { include: 'components/tag', params: { text: row.age + ' days, overdue', classes: 'govuk-tag--red' } }
      : { text: row.age + (row.age === 1 ? ' day' : ' days') },
  ]),
} }) %>
<%- include('../components/pagination', { params: { next: { href: nextUrl, text: 'Next page' }, landmarkLabel: 'Queue pages' } }) %>
<%- include('../layout/foot') %>`;

// Compiled once, includes cached: what Express's "view cache" gives the app.
const render = ejs.compile(template, {
  filename: path.join(viewsDir, "queue", "baseline.ejs"),
  views: [viewsDir],
  cache: true,
});

const dayMs = 86_400_000;
const now = Date.now();
const stored = Array.from({ length: rowCount }, (_, index) => ({
  id: `6f1c2d3e-0000-4000-8000-${String(index).padStart(12, "0")}`,
  reference: `SPO-2025-${String(10_000 + index).padStart(5, "0")}`,
  title: `Joint research programme on quantum materials ${index}`,
  partnerName: "Novosibirsk State University",
  countryName: "Russian Federation",
  departmentName: "Department of Engineering",
  status: index % 5 === 0 ? "INFORMATION_REQUESTED" : "IN_REVIEW",
  routes: ["acbela", "export_control"],
  risk: "high",
  assigneeName: index % 3 === 0 ? "Unassigned" : "Priya Raman",
  submittedAt: new Date(now - (400 - index) * dayMs),
}));
const statusLabels: Record<string, { text: string; classes: string }> = {
  IN_REVIEW: { text: "In review", classes: "govuk-tag--blue" },
  INFORMATION_REQUESTED: { text: "Information requested", classes: "govuk-tag--orange" },
};
const routeLabels: Record<string, string> = {
  acbela: "ACBELA referral",
  export_control: "Export control review",
  due_diligence: "Due diligence check",
};
const user = { id: "u", displayName: "Priya Raman", roles: [{ role: "SPO_OFFICER", scopeName: null }] };

const app = express();
app.disable("x-powered-by");
app.get("/queue", (_req, res) => {
  const at = Date.now();
  const rows = stored.map((row) => {
    const age = Math.floor((at - row.submittedAt.getTime()) / dayMs);
    return {
      ...row,
      url: `/cases/${row.id}`,
      statusLabel: statusLabels[row.status]!,
      routeText: row.routes.map((route) => routeLabels[route] ?? route).join(", "),
      age,
      overdue: age >= 10,
    };
  });
  res.type("html").send(
    render({
      title: "SPO queue",
      serviceName: "International partnerships",
      describeRoles: () => ["Staff", "SPO officer"],
      user,
      csrfToken: "baseline-token",
      currentPath: "/queue",
      rows,
      highlightDays: 10,
      nextUrl: "/queue?after=baseline",
    }),
  );
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
