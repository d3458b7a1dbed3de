// The view model the page benchmarks' baselines render (scripts/bench-baseline.ts): the
// app's own, for the same page, read from the benchmark's database as an SPO officer.
// Used by scripts/bench-pages.ts (queue and case) and scripts/bench-form.ts (the queue, to
// run the baselines beside the form).
import { writeFileSync } from "node:fs";
import type { Database } from "../src/db/database";
import type { Config } from "../src/config";
import { createServices } from "../src/services";
import { parseQueueFilters } from "../src/queue/queueFilters";
import { queuePageModel } from "../src/queue/queuePresenter";
import { casePageModel } from "../src/cases/casePresenter";
import { isAllowedIn } from "../src/domain/caseStates";
import { describeRoles } from "../src/domain/roles";

export type BenchPage = "queue" | "case";

/** Who the page benchmarks sign in as, and the queue page they measure (50 rows, a filter). */
export const officer = "spo01";
export const queuePath = "/queue?status=open&route=acbela";

export async function pageData(database: Database, config: Config, page: BenchPage, caseId: string | undefined) {
  const services = createServices(database, config);
  const account = await database.prisma.user.findUniqueOrThrow({ where: { username: officer } });
  const user = (await services.users.findActive(account.id))!;
  const roleNames = user.roles.map((grant) => grant.role as string);
  const has = (...names: string[]) => names.some((name) => roleNames.includes(name));
  const navItems = [{ href: "/", text: "Home" }];
  if (has("SPO_OFFICER")) navItems.push({ href: "/queue", text: "SPO queue" });
  if (has("HEAD_OF_DEPARTMENT", "HEAD_OF_SCHOOL", "SPO_OFFICER"))
    navItems.push({ href: "/sign-off", text: "Sign-off" });
  if (has("REVIEWER_EXPORT_CONTROL", "REVIEWER_DUE_DILIGENCE", "ACBELA_SECRETARY"))
    navItems.push({ href: "/reviews", text: "Reviews" });
  if (has("ADMIN")) navItems.push({ href: "/admin", text: "Administration" });
  const chrome = { user: { displayName: user.displayName }, roleText: describeRoles(user).join(", "), navItems };
  if (page === "queue") {
    const filters = parseQueueFilters(Object.fromEntries(new URLSearchParams(queuePath.split("?")[1])));
    const departments = await services.organisation.departments();
    const officers = await services.organisation.officers();
    const departmentIdByCode = new Map(departments.map((department) => [department.code, department.id]));
    const rows = await services.queue.page(filters, departmentIdByCode, user.id);
    const model = queuePageModel({
      filters,
      page: rows,
      counts: await services.queue.openCountsByRoute(),
      total: await services.queue.count(filters, departmentIdByCode, user.id),
      departments,
      officers,
      highlightDays: config.queueAgeHighlightDays,
      due: await services.notifications.dueWorkingDays(),
      now: Date.now(),
    });
    return { chrome, queue: model, rows: model.rows.length };
  }
  const loaded = await services.cases.load(caseId!, user);
  const missing = isAllowedIn("decide", loaded.proposal.status)
    ? services.workflow.missingForDecisionOf(loaded.proposal)
    : [];
  const model = casePageModel(
    user,
    loaded,
    {
      departmentNames: await services.organisation.departmentNames(),
      missing,
      officers: await services.organisation.officers(),
    },
    {},
  );
  return { chrome, case: model, rows: model.timeline.length };
}

/** The view model, as the baselines read it (BASELINE_DATA). Audit entry ids are bigint, which JSON does not know. */
export function writePageData(file: string, data: Awaited<ReturnType<typeof pageData>>): void {
  writeFileSync(
    file,
    JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)),
  );
}
