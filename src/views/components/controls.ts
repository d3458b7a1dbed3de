// Form controls: input, textarea, select, radios, button. The same markup as the EJS
// partials in views/components (and govuk-frontend's macros), text only, every value escaped.
import { attributes, classNames, escapeHtml, trusted, type Attributes, type SafeHtml } from "./html";
import {
  errorMessage,
  fieldset as fieldsetHtml,
  formGroupOpen,
  hint,
  label,
  type ErrorMessageParams,
  type FieldsetParams,
  type FormGroupParams,
  type HintParams,
  type LabelParams,
} from "./parts";

interface FieldParams {
  id?: string;
  name: string;
  label?: Omit<LabelParams, "for">;
  hint?: Omit<HintParams, "id">;
  errorMessage?: Omit<ErrorMessageParams, "id">;
  classes?: string;
  describedBy?: string;
  formGroup?: FormGroupParams;
  attributes?: Attributes;
}

/** Label, hint and error of a control, and the ids it is described by. */
function fieldParts(params: FieldParams, id: string) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = classNames(params.describedBy, params.hint && hintId, params.errorMessage && errorId);
  let html = label({ ...params.label, for: id }).html;
  if (params.hint) html += hint({ ...params.hint, id: hintId }).html;
  if (params.errorMessage) html += errorMessage({ ...params.errorMessage, id: errorId }).html;
  return { html, describedBy };
}

export interface InputParams extends FieldParams {
  type?: string;
  value?: string | number;
  autocomplete?: string;
  autocapitalize?: string;
  inputmode?: string;
  pattern?: string;
  spellcheck?: boolean;
  disabled?: boolean;
  prefix?: { text?: string; classes?: string; attributes?: Attributes };
  suffix?: { text?: string; classes?: string; attributes?: Attributes };
  inputWrapper?: { classes?: string; attributes?: Attributes };
}

export function input(params: InputParams): SafeHtml {
  const id = params.id || params.name;
  const parts = fieldParts(params, id);
  const control = `<input${attributes({
    class: classNames("govuk-input", params.classes, params.errorMessage && "govuk-input--error"),
    id,
    name: params.name,
    type: params.type || "text",
    spellcheck: { value: typeof params.spellcheck === "boolean" ? String(params.spellcheck) : false, optional: true },
    value: { value: params.value, optional: true },
    disabled: { value: params.disabled, optional: true },
    "aria-describedby": { value: parts.describedBy || false, optional: true },
    autocomplete: { value: params.autocomplete, optional: true },
    autocapitalize: { value: params.autocapitalize, optional: true },
    pattern: { value: params.pattern, optional: true },
    inputmode: { value: params.inputmode, optional: true },
  })}${attributes(params.attributes)}>`;
  const prefix = params.prefix?.text ? params.prefix : undefined;
  const suffix = params.suffix?.text ? params.suffix : undefined;
  let body = control;
  if (prefix || suffix) {
    const wrapper = params.inputWrapper ?? {};
    const affix = (kind: string, item: NonNullable<InputParams["prefix"]>) =>
      `<div class="${escapeHtml(classNames(`govuk-input__${kind}`, item.classes))}" aria-hidden="true"${attributes(item.attributes)}>${escapeHtml(item.text)}</div>`;
    body = `<div class="${escapeHtml(classNames("govuk-input__wrapper", wrapper.classes))}"${attributes(wrapper.attributes)}>${prefix ? affix("prefix", prefix) : ""}${control}${suffix ? affix("suffix", suffix) : ""}</div>`;
  }
  return trusted(`${formGroupOpen(params.formGroup, Boolean(params.errorMessage))}${parts.html}${body}</div>`);
}

export interface TextareaParams extends FieldParams {
  value?: string;
  rows?: number;
  spellcheck?: boolean;
  disabled?: boolean;
  autocomplete?: string;
  formGroup?: FormGroupParams & { afterInput?: { text: string } | { html: SafeHtml } };
}

export function textarea(params: TextareaParams): SafeHtml {
  const id = params.id || params.name;
  const parts = fieldParts(params, id);
  const after = params.formGroup?.afterInput;
  const afterHtml = !after ? "" : "html" in after ? after.html.html : escapeHtml(after.text);
  return trusted(
    `${formGroupOpen(params.formGroup, Boolean(params.errorMessage))}${parts.html}` +
      `<textarea class="${escapeHtml(classNames("govuk-textarea", params.errorMessage && "govuk-textarea--error", params.classes))}" id="${escapeHtml(id)}" name="${escapeHtml(params.name)}" rows="${escapeHtml(params.rows || 5)}"${attributes(
        {
          spellcheck: {
            value: typeof params.spellcheck === "boolean" ? String(params.spellcheck) : false,
            optional: true,
          },
          disabled: { value: Boolean(params.disabled), optional: true },
          "aria-describedby": { value: parts.describedBy || false, optional: true },
          autocomplete: { value: params.autocomplete, optional: true },
        },
      )}${attributes(params.attributes)}>${escapeHtml(params.value)}</textarea>${afterHtml}</div>`,
  );
}

export interface SelectItem {
  value?: string | number;
  text: string;
  selected?: boolean;
  disabled?: boolean;
  attributes?: Attributes;
}

export interface SelectParams extends FieldParams {
  items?: readonly (SelectItem | null | undefined)[];
  value?: string | number | null;
  disabled?: boolean;
}

export function select(params: SelectParams): SafeHtml {
  const id = params.id || params.name;
  const parts = fieldParts(params, id);
  const hasValue = params.value !== undefined && params.value !== null && params.value !== "";
  const wanted = hasValue ? String(params.value) : "";
  let options = "";
  for (const item of params.items ?? []) {
    if (!item) continue;
    const effective = item.value === undefined ? item.text : item.value;
    const selected = item.selected || (hasValue && item.selected !== false && String(effective) === wanted);
    options += `<option${item.value !== undefined ? ` value="${escapeHtml(item.value)}"` : ""}${selected ? " selected" : ""}${item.disabled ? " disabled" : ""}${attributes(item.attributes)}>${escapeHtml(item.text)}</option>`;
  }
  return trusted(
    `${formGroupOpen(params.formGroup, Boolean(params.errorMessage))}${parts.html}` +
      `<select class="${escapeHtml(classNames("govuk-select", params.classes, params.errorMessage && "govuk-select--error"))}" id="${escapeHtml(id)}" name="${escapeHtml(params.name)}"${params.disabled ? " disabled" : ""}${parts.describedBy ? ` aria-describedby="${escapeHtml(parts.describedBy)}"` : ""}${attributes(params.attributes)}>${options}</select></div>`,
  );
}

export interface RadioItem {
  value: string | number;
  text: string;
  id?: string;
  hint?: Omit<HintParams, "id">;
  checked?: boolean;
  disabled?: boolean;
  label?: { classes?: string; attributes?: Attributes };
  attributes?: Attributes;
  /** Revealed under the item when it is checked: another component's markup. */
  conditional?: { html: SafeHtml };
}

export interface RadiosParams {
  name: string;
  idPrefix?: string;
  value?: string | number | null;
  items: readonly (RadioItem | { divider: string } | null | undefined)[];
  fieldset?: Omit<FieldsetParams, "role">;
  hint?: Omit<HintParams, "id">;
  errorMessage?: Omit<ErrorMessageParams, "id">;
  classes?: string;
  formGroup?: FormGroupParams;
  attributes?: Attributes;
}

export function radios(params: RadiosParams): SafeHtml {
  const idPrefix = params.idPrefix || params.name;
  const hintId = `${idPrefix}-hint`;
  const errorId = `${idPrefix}-error`;
  const describedBy = classNames(params.fieldset?.describedBy, params.hint && hintId, params.errorMessage && errorId);
  const hasValue = params.value !== undefined && params.value !== null && params.value !== "";
  let inner = "";
  if (params.hint) inner += hint({ ...params.hint, id: hintId }).html;
  if (params.errorMessage) inner += errorMessage({ ...params.errorMessage, id: errorId }).html;
  let items = "";
  params.items.forEach((item, index) => {
    if (!item) return;
    if ("divider" in item) {
      items += `<div class="govuk-radios__divider">${escapeHtml(item.divider)}</div>`;
      return;
    }
    const itemId = item.id || idPrefix + (index > 0 ? `-${index + 1}` : "");
    const conditionalId = `conditional-${itemId}`;
    const checked = item.checked || (hasValue && item.checked !== false && String(item.value) === String(params.value));
    const itemHint = item.hint?.text ? item.hint : undefined;
    const itemHintId = `${itemId}-item-hint`;
    items +=
      `<div class="govuk-radios__item"><input class="govuk-radios__input" id="${escapeHtml(itemId)}" name="${escapeHtml(params.name)}" type="radio" value="${escapeHtml(item.value)}"` +
      `${checked ? " checked" : ""}${item.disabled ? " disabled" : ""}${item.conditional ? ` data-aria-controls="${escapeHtml(conditionalId)}"` : ""}${itemHint ? ` aria-describedby="${escapeHtml(itemHintId)}"` : ""}${attributes(item.attributes)}>` +
      label({
        text: item.text,
        classes: classNames("govuk-radios__label", item.label?.classes),
        attributes: item.label?.attributes,
        for: itemId,
      }).html +
      (itemHint
        ? hint({ ...itemHint, id: itemHintId, classes: classNames("govuk-radios__hint", itemHint.classes) }).html
        : "") +
      "</div>" +
      (item.conditional
        ? `<div class="govuk-radios__conditional${checked ? "" : " govuk-radios__conditional--hidden"}" id="${escapeHtml(conditionalId)}">${item.conditional.html.html}</div>`
        : "");
  });
  inner += `<div class="${escapeHtml(classNames("govuk-radios", params.classes))}"${attributes(params.attributes)} data-module="govuk-radios">${items}</div>`;
  const body = params.fieldset ? fieldsetHtml({ ...params.fieldset, describedBy }, inner).html : inner;
  return trusted(`${formGroupOpen(params.formGroup, Boolean(params.errorMessage))}${body}</div>`);
}

export interface ButtonParams {
  text: string;
  href?: string;
  type?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
  preventDoubleClick?: boolean | string;
  isStartButton?: boolean;
  id?: string;
  classes?: string;
  attributes?: Attributes;
}

const startIcon =
  '<svg class="govuk-button__start-icon" xmlns="http://www.w3.org/2000/svg" width="17.5" height="19" viewBox="0 0 33 40" aria-hidden="true" focusable="false"><path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z"/></svg>';

export function button(params: ButtonParams): SafeHtml {
  const common = attributes({
    class: classNames("govuk-button", params.classes, params.isStartButton && "govuk-button--start"),
    "data-module": "govuk-button",
    ...params.attributes,
    id: { value: params.id, optional: true },
  });
  const content = escapeHtml(params.text) + (params.isStartButton ? startIcon : "");
  if (params.href) {
    return trusted(`<a href="${escapeHtml(params.href)}" role="button" draggable="false"${common}>${content}</a>`);
  }
  return trusted(
    `<button type="${escapeHtml(params.type || "submit")}"${params.value ? ` value="${escapeHtml(params.value)}"` : ""}${params.name ? ` name="${escapeHtml(params.name)}"` : ""}${params.disabled ? ' disabled aria-disabled="true"' : ""}${params.preventDoubleClick !== undefined ? ` data-prevent-double-click="${escapeHtml(params.preventDoubleClick)}"` : ""}${common}>${content}</button>`,
  );
}
