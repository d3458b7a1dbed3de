// Functions every template can call (through app.locals). They return plain text; the
// templates escape it.
import { committeeName } from "../domain/committee";
import { describeRoles } from "../domain/roles";
import { riskLabel } from "../domain/risk";
import { countrySynonyms } from "../domain/countries";
import { summaryLabelOf } from "../domain/questionCatalogue";
import { perLondonHour, perLondonMinute } from "../domain/londonHours";

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "Europe/London",
});
const dateTimeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});
// A queue page shows a hundred dates: each hour's London date is written once.
const londonDate = perLondonHour((at: Date) => dateFormat.format(at));
// A case page's timeline shows fifty times of day: each minute's is written once.
const londonDateTime = perLondonMinute((at: Date) => dateTimeFormat.format(at));
const poundsFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export const viewHelpers = {
  formatDate: (value: Date | string | null | undefined) => (value ? londonDate(new Date(value)) : ""),
  formatDateTime: (value: Date | string | null | undefined) => (value ? londonDateTime(new Date(value)) : ""),
  formatPounds: (value: number | null | undefined) =>
    value === null || value === undefined ? "" : poundsFormat.format(value),
  describeRoles,
  /** "High", "Medium" or "Low": a case's risk, the same on every page. */
  riskLabel,
  /** For a country select's type-ahead: data-synonyms (public/js/countryAutocomplete.js). */
  countrySynonymsJson: JSON.stringify(countrySynonyms),
  /** A question's short name, for decisions that name questions (not asked, flags). */
  questionLabel: (id: string) => summaryLabelOf(id),
  serviceName: "International partnerships",
  /** The committee's name in force (reference data): "CBELA" unless an admin renamed it. */
  committeeName,
};
