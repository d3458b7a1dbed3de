// Components that show things: tag, table, summary list, pagination, error summary, back
// link. The same markup as the EJS partials in views/components (and govuk-frontend's
// macros), text only, every value escaped. Where a macro takes `html`, these take SafeHtml
// from another component (a tag in a table cell), never a string.
import { attributes, classNames, escapeHtml, trusted, type Attributes, type SafeHtml } from "./html";

export interface TagParams {
  text: string;
  classes?: string;
  attributes?: Attributes;
}

export function tag(params: TagParams): SafeHtml {
  return trusted(
    `<strong class="${escapeHtml(classNames("govuk-tag", params.classes))}"${attributes(params.attributes)}>${escapeHtml(params.text)}</strong>`,
  );
}

export interface BackLinkParams {
  href?: string;
  text?: string;
  classes?: string;
  attributes?: Attributes;
}

export function backLink(params: BackLinkParams): SafeHtml {
  return trusted(
    `<a href="${escapeHtml(params.href || "#")}" class="${escapeHtml(classNames("govuk-back-link", params.classes))}"${attributes(params.attributes)}>${escapeHtml(params.text || "Back")}</a>`,
  );
}

interface CellBase {
  format?: string;
  classes?: string;
  colspan?: number;
  rowspan?: number;
  attributes?: Attributes;
}

/**
 * A table cell: text, text as a link, or another component's markup. `secondary` (our
 * addition) is a second line of text under the first (a case's title under its reference).
 */
export type TableCell = CellBase &
  ({ text?: string | number; href?: string; secondary?: string; tag?: TagParams } | { html: SafeHtml });

export interface TableParams {
  /**
   * Names a region around the table that scrolls sideways on a narrow screen rather than
   * widen the page; focusable, so keyboard users can scroll it (our addition to the macro).
   */
  regionLabel?: string;
  caption?: string;
  captionClasses?: string;
  firstCellIsHeader?: boolean;
  /** A head item with href is a link: a column the server sorts by (give it aria-sort). */
  head?: readonly (CellBase & { text?: string | number; href?: string })[];
  rows: readonly (readonly TableCell[] | null | undefined)[];
  classes?: string;
  attributes?: Attributes;
}

function spans(cell: CellBase): string {
  // Most cells have none: no object to build and check (hundreds of cells on a queue page).
  if (cell.colspan === undefined && cell.rowspan === undefined && cell.attributes === undefined) return "";
  return attributes({
    colspan: { value: cell.colspan, optional: true },
    rowspan: { value: cell.rowspan, optional: true },
    ...cell.attributes,
  });
}

function cellContent(cell: TableCell): string {
  if ("html" in cell) return cell.html.html;
  // A tag after the text (a due date's "Overdue"): the text stays plain, the tag says how it stands.
  const secondary =
    (cell.tag ? ` ${tag(cell.tag).html}` : "") +
    (cell.secondary ? `<span class="app-cell-secondary">${escapeHtml(cell.secondary)}</span>` : "");
  if (cell.href)
    return `<a class="govuk-link" href="${escapeHtml(cell.href)}">${escapeHtml(cell.text)}</a>${secondary}`;
  return escapeHtml(cell.text) + secondary;
}

export function table(params: TableParams): SafeHtml {
  let out = `<table class="${escapeHtml(classNames("govuk-table", params.classes))}"${attributes(params.attributes)}>`;
  if (params.caption)
    out += `<caption class="${escapeHtml(classNames("govuk-table__caption", params.captionClasses))}">${escapeHtml(params.caption)}</caption>`;
  if (params.head) {
    out += '<thead class="govuk-table__head"><tr class="govuk-table__row">';
    for (const item of params.head) {
      out += `<th scope="col" class="${escapeHtml(classNames("govuk-table__header", item.format && `govuk-table__header--${item.format}`, item.classes))}"${spans(item)}>${
        item.href
          ? `<a class="govuk-link govuk-link--no-visited-state app-sort-link" href="${escapeHtml(item.href)}">${escapeHtml(item.text)}</a>`
          : escapeHtml(item.text)
      }</th>`;
    }
    out += "</tr></thead>";
  }
  out += '<tbody class="govuk-table__body">';
  for (const row of params.rows) {
    if (!row) continue;
    out += '<tr class="govuk-table__row">';
    row.forEach((cell, index) => {
      if (index === 0 && params.firstCellIsHeader) {
        out += `<th scope="row" class="${escapeHtml(classNames("govuk-table__header", cell.classes))}"${spans(cell)}>${cellContent(cell)}</th>`;
      } else {
        out += `<td class="${escapeHtml(classNames("govuk-table__cell", cell.format && `govuk-table__cell--${cell.format}`, cell.classes))}"${spans(cell)}>${cellContent(cell)}</td>`;
      }
    });
    out += "</tr>";
  }
  out += "</tbody></table>";
  if (params.regionLabel)
    out = `<div class="app-table-container" role="region" aria-label="${escapeHtml(params.regionLabel)}" tabindex="0">${out}</div>`;
  return trusted(out);
}

export interface SummaryListAction {
  href: string;
  text: string;
  visuallyHiddenText?: string;
  classes?: string;
  attributes?: Attributes;
}

export interface SummaryListRow {
  key: { text: string; classes?: string };
  value: { classes?: string } & ({ text?: string } | { lines: readonly string[] } | { html: SafeHtml });
  actions?: { items: readonly SummaryListAction[]; classes?: string };
  classes?: string;
}

export interface SummaryListParams {
  rows: readonly (SummaryListRow | null | undefined | false)[];
  classes?: string;
  attributes?: Attributes;
}

export function summaryList(params: SummaryListParams): SafeHtml {
  const rows = params.rows.filter((row): row is SummaryListRow => Boolean(row));
  const anyActions = rows.some((row) => row.actions?.items.length);
  let out = `<dl class="${escapeHtml(classNames("govuk-summary-list", params.classes))}"${attributes(params.attributes)}>`;
  for (const row of rows) {
    const actions = row.actions?.items ?? [];
    const { value } = row;
    const valueHtml =
      "html" in value
        ? value.html.html
        : "lines" in value
          ? value.lines.map(escapeHtml).join("<br>")
          : escapeHtml(value.text);
    out +=
      `<div class="${escapeHtml(classNames("govuk-summary-list__row", anyActions && !row.actions?.items && "govuk-summary-list__row--no-actions", row.classes))}">` +
      `<dt class="${escapeHtml(classNames("govuk-summary-list__key", row.key.classes))}">${escapeHtml(row.key.text)}</dt>` +
      `<dd class="${escapeHtml(classNames("govuk-summary-list__value", value.classes))}">${valueHtml}</dd>`;
    if (actions.length) {
      const many = actions.length > 1;
      out += `<dd class="${escapeHtml(classNames("govuk-summary-list__actions", row.actions?.classes))}">${many ? '<ul class="govuk-summary-list__actions-list">' : ""}`;
      for (const action of actions) {
        const link = `<a class="${escapeHtml(classNames("govuk-link", action.classes))}" href="${escapeHtml(action.href)}"${attributes(action.attributes)}>${escapeHtml(action.text)}${action.visuallyHiddenText ? `<span class="govuk-visually-hidden"> ${escapeHtml(action.visuallyHiddenText)}</span>` : ""}</a>`;
        out += many ? `<li class="govuk-summary-list__actions-list-item">${link}</li>` : link;
      }
      out += `${many ? "</ul>" : ""}</dd>`;
    }
    out += "</div>";
  }
  return trusted(`${out}</dl>`);
}

export interface PaginationLink {
  href: string;
  text?: string;
  labelText?: string;
  attributes?: Attributes;
}

export interface PaginationParams {
  previous?: PaginationLink;
  next?: PaginationLink;
  items?: readonly (
    | { number: string | number; href: string; current?: boolean; visuallyHiddenText?: string; attributes?: Attributes }
    | { ellipsis: true }
    | null
    | undefined
  )[];
  landmarkLabel?: string;
  classes?: string;
  attributes?: Attributes;
}

const arrows = {
  prev: "m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z",
  next: "m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z",
};
const icon = (type: "prev" | "next") =>
  `<svg class="govuk-pagination__icon govuk-pagination__icon--${type}" xmlns="http://www.w3.org/2000/svg" height="13" width="15" aria-hidden="true" focusable="false" viewBox="0 0 15 13"><path d="${arrows[type]}"></path></svg>`;

export function pagination(params: PaginationParams): SafeHtml {
  const block = !params.items && Boolean(params.next || params.previous);
  const link = (type: "prev" | "next", target: PaginationLink | undefined) => {
    if (!target?.href) return "";
    const title = target.text
      ? escapeHtml(target.text)
      : `${type === "prev" ? "Previous" : "Next"}<span class="govuk-visually-hidden"> page</span>`;
    return (
      `<div class="govuk-pagination__${type}"><a class="govuk-link govuk-pagination__link" href="${escapeHtml(target.href)}" rel="${type}"${attributes(target.attributes)}>` +
      (type === "prev" || block ? icon(type) : "") +
      `<span class="${escapeHtml(classNames("govuk-pagination__link-title", block && !target.labelText && "govuk-pagination__link-title--decorated"))}">${title}</span>` +
      (target.labelText && block
        ? `<span class="govuk-visually-hidden">:</span><span class="govuk-pagination__link-label">${escapeHtml(target.labelText)}</span>`
        : "") +
      (type === "next" && !block ? icon("next") : "") +
      "</a></div>"
    );
  };
  let items = "";
  if (params.items) {
    items = '<ul class="govuk-pagination__list">';
    for (const item of params.items) {
      if (!item || Object.keys(item).length === 0) continue;
      if ("ellipsis" in item) {
        items += '<li class="govuk-pagination__item govuk-pagination__item--ellipsis">&ctdot;</li>';
        continue;
      }
      items +=
        `<li class="${classNames("govuk-pagination__item", item.current && "govuk-pagination__item--current")}">` +
        `<a class="govuk-link govuk-pagination__link" href="${escapeHtml(item.href)}" aria-label="${escapeHtml(item.visuallyHiddenText || `Page ${item.number}`)}"${item.current ? ' aria-current="page"' : ""}${attributes(item.attributes)}>${escapeHtml(item.number)}</a></li>`;
    }
    items += "</ul>";
  }
  return trusted(
    `<nav class="${escapeHtml(classNames("govuk-pagination", block && "govuk-pagination--block", params.classes))}" aria-label="${escapeHtml(params.landmarkLabel || "Pagination")}"${attributes(params.attributes)}>` +
      `${link("prev", params.previous)}${items}${link("next", params.next)}</nav>`,
  );
}

export interface ErrorSummaryParams {
  titleText?: string;
  errorList?: readonly { text: string; href?: string; attributes?: Attributes }[];
  descriptionText?: string;
  disableAutoFocus?: boolean | string;
  classes?: string;
  attributes?: Attributes;
}

export function errorSummary(params: ErrorSummaryParams): SafeHtml {
  let list = "";
  if (params.errorList?.length) {
    list = '<ul class="govuk-list govuk-error-summary__list">';
    for (const item of params.errorList) {
      list += `<li>${item.href ? `<a href="${escapeHtml(item.href)}"${attributes(item.attributes)}>${escapeHtml(item.text)}</a>` : escapeHtml(item.text)}</li>`;
    }
    list += "</ul>";
  }
  return trusted(
    `<div class="${escapeHtml(classNames("govuk-error-summary", params.classes))}"${params.disableAutoFocus !== undefined ? ` data-disable-auto-focus="${escapeHtml(params.disableAutoFocus)}"` : ""}${attributes(params.attributes)} data-module="govuk-error-summary">` +
      `<div role="alert"><h2 class="govuk-error-summary__title">${escapeHtml(params.titleText ?? "There is a problem")}</h2><div class="govuk-error-summary__body">` +
      `${params.descriptionText ? `<p>${escapeHtml(params.descriptionText)}</p>` : ""}${list}</div></div></div>`,
  );
}
