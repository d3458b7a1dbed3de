// The small pieces the form controls share: label, hint, error message, fieldset.
import { attributes, classNames, escapeHtml, trusted, type Attributes, type SafeHtml } from "./html";

export interface LabelParams {
  text?: string;
  for?: string;
  classes?: string;
  isPageHeading?: boolean;
  attributes?: Attributes;
}

export function label(params: LabelParams): SafeHtml {
  if (!params.text) return trusted("");
  const tag = `<label class="${escapeHtml(classNames("govuk-label", params.classes))}"${attributes(params.attributes)}${params.for ? ` for="${escapeHtml(params.for)}"` : ""}>${escapeHtml(params.text)}</label>`;
  return trusted(params.isPageHeading ? `<h1 class="govuk-label-wrapper">${tag}</h1>` : tag);
}

export interface HintParams {
  text: string;
  id?: string;
  classes?: string;
  attributes?: Attributes;
}

export function hint(params: HintParams): SafeHtml {
  return trusted(
    `<div${params.id ? ` id="${escapeHtml(params.id)}"` : ""} class="${escapeHtml(classNames("govuk-hint", params.classes))}"${attributes(params.attributes)}>${escapeHtml(params.text)}</div>`,
  );
}

export interface ErrorMessageParams {
  text: string;
  id?: string;
  classes?: string;
  visuallyHiddenText?: string;
  attributes?: Attributes;
}

export function errorMessage(params: ErrorMessageParams): SafeHtml {
  const hidden = params.visuallyHiddenText ?? "Error";
  return trusted(
    `<p${params.id ? ` id="${escapeHtml(params.id)}"` : ""} class="${escapeHtml(classNames("govuk-error-message", params.classes))}"${attributes(params.attributes)}>` +
      `${hidden ? `<span class="govuk-visually-hidden">${escapeHtml(hidden)}:</span> ` : ""}${escapeHtml(params.text)}</p>`,
  );
}

export interface LegendParams {
  text?: string;
  classes?: string;
  isPageHeading?: boolean;
}

export interface FieldsetParams {
  legend?: LegendParams;
  classes?: string;
  role?: string;
  describedBy?: string;
  attributes?: Attributes;
}

/** A fieldset around `inner` (the EJS partials open and close it in two halves). */
export function fieldset(params: FieldsetParams, inner: SafeHtml | string = ""): SafeHtml {
  const legend = params.legend ?? {};
  const legendHtml = legend.text
    ? `<legend class="${escapeHtml(classNames("govuk-fieldset__legend", legend.classes))}">${
        legend.isPageHeading
          ? `<h1 class="govuk-fieldset__heading">${escapeHtml(legend.text)}</h1>`
          : escapeHtml(legend.text)
      }</legend>`
    : "";
  return trusted(
    `<fieldset class="${escapeHtml(classNames("govuk-fieldset", params.classes))}"${params.role ? ` role="${escapeHtml(params.role)}"` : ""}${params.describedBy ? ` aria-describedby="${escapeHtml(params.describedBy)}"` : ""}${attributes(params.attributes)}>${legendHtml}${typeof inner === "string" ? inner : inner.html}</fieldset>`,
  );
}

export interface FormGroupParams {
  classes?: string;
  attributes?: Attributes;
}

export function formGroupOpen(
  formGroup: FormGroupParams | undefined,
  hasError: boolean,
  extraClasses?: string,
): string {
  return `<div class="${escapeHtml(classNames("govuk-form-group", hasError && "govuk-form-group--error", formGroup?.classes, extraClasses))}"${attributes(formGroup?.attributes)}>`;
}
