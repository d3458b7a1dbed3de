// govuk-frontend components as typed functions: the fast path for the busiest pages (the
// queue, the case page), where one EJS include per table cell cost more than the page's
// queries. Templates reach them as `components` (app.locals) and print the SafeHtml they
// return with `<%= %>`. The EJS partials in views/components stay for every other page;
// tests/components checks both against govuk-frontend's own fixtures.
export { SafeHtml, escapeHtml, escapeOrSafe } from "./html";
import { button, input, radios, select, textarea } from "./controls";
import { backLink, errorSummary, pagination, summaryList, table, tag } from "./display";
import { errorMessage, fieldset, hint, label } from "./parts";

export const components = {
  backLink,
  button,
  errorMessage,
  errorSummary,
  fieldset,
  hint,
  input,
  label,
  pagination,
  radios,
  select,
  summaryList,
  table,
  tag,
  textarea,
};

export type Components = typeof components;
export type * from "./controls";
export type * from "./display";
