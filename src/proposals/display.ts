// Answers as people read them: option labels, country names, formatted dates and money.
import { countryName } from "../reference/countries";
import { viewHelpers } from "../views/helpers";
import { presentationOf } from "./form/presentation";

export function displayAnswer(id: string, value: unknown, departmentNames: ReadonlyMap<string, string>): string[] {
  if (value === undefined || value === null || value === "") return ["Not answered"];
  const presentation = presentationOf(id);
  switch (presentation.kind) {
    case "radios":
      return [presentation.options[String(value)] ?? String(value)];
    case "checkboxes": {
      const list = Array.isArray(value) ? value.map(String) : [];
      return list.length === 0 ? [presentation.noneOption] : list.map((item) => presentation.options[item] ?? item);
    }
    case "country":
      return [countryName(String(value))];
    case "countryList": {
      const list = Array.isArray(value) ? value.map(String) : [];
      return list.length === 0 ? ["None"] : list.map(countryName);
    }
    case "date":
      return [viewHelpers.formatDate(String(value))];
    case "department":
      return [departmentNames.get(String(value)) ?? String(value)];
    case "text":
      return [id === "valueGbp" ? viewHelpers.formatPounds(Number(value)) : String(value)];
    case "textarea":
      return String(value).split(/\r?\n/);
  }
}

export const statusLabels: Record<string, { text: string; classes: string }> = {
  DRAFT: { text: "Draft", classes: "govuk-tag--grey" },
  IN_REVIEW: { text: "In review", classes: "govuk-tag--blue" },
  INFORMATION_REQUESTED: { text: "Information requested", classes: "govuk-tag--orange" },
  DECIDED: { text: "Decided", classes: "govuk-tag--green" },
  WITHDRAWN: { text: "Withdrawn", classes: "govuk-tag--grey" },
};

export const routeLabels: Record<string, string> = {
  acbela: "ACBELA referral",
  export_control: "Export control review",
  due_diligence: "Research Office due diligence",
};
