// The EJS ports of the govuk-frontend macros (views/components). Three kinds of test:
// 1. conformance: every govuk-frontend fixture that only uses parameters the partials support
//    (text, not html) renders to the same DOM as the fixture's own HTML;
// 2. behaviour: ids, aria-describedby, error classes, checked/selected items, our additions
//    (conditional includes, table links, summary list lines);
// 3. safety: hostile text in every parameter comes out escaped, and no template uses `<%-`
//    for anything but include().
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import { load, type CheerioAPI } from "cheerio";
import { describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const views = path.join(root, "views");
const fixturesRoot = path.join(root, "node_modules/govuk-frontend/dist/govuk/components");

type Params = Record<string, unknown>;

function render(component: string, params: Params): Promise<string> {
  return ejs.renderFile(
    path.join(views, "components", `${component}.ejs`),
    { params },
    { views: [views], root: views },
  );
}

async function render$(component: string, params: Params): Promise<CheerioAPI> {
  return load(await render(component, params), null, false);
}

// ---------------------------------------------------------------------------------------------
// Canonical form of an HTML fragment: attributes sorted, class lists and text whitespace
// collapsed, whitespace-only text dropped. Two fragments with the same canonical form are the
// same DOM as far as CSS, JS and assistive technology are concerned.
// ---------------------------------------------------------------------------------------------
type DomNode = { type: string; name?: string; data?: string; attribs?: Record<string, string>; children?: DomNode[] };

function canonical(html: string): string {
  const $ = load(html, null, false);
  const walk = (node: DomNode): string => {
    if (node.type === "text") return (node.data ?? "").replace(/\s+/g, " ").trim();
    if (node.type === "comment") return "";
    const attribs = Object.entries(node.attribs ?? {})
      .map(([name, value]) => [name, value.replace(/\s+/g, " ").trim()] as const)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ` ${name}="${value}"`)
      .join("");
    const children = (node.children ?? []).map(walk).filter(Boolean).join("");
    return node.type === "root" ? children : `<${node.name}${attribs}>${children}</${node.name}>`;
  };
  return walk($.root()[0] as unknown as DomNode);
}

// ---------------------------------------------------------------------------------------------
// 1. Conformance with govuk-frontend's own fixtures
// ---------------------------------------------------------------------------------------------
type Fixture = { name: string; options: Params; html: string };

const components: Record<string, { partial: string; unsupported?: RegExp }> = {
  "error-message": { partial: "errorMessage" },
  hint: { partial: "hint" },
  label: { partial: "label" },
  fieldset: { partial: "fieldset" },
  input: { partial: "input" },
  textarea: { partial: "textarea" },
  "character-count": { partial: "characterCount" },
  select: { partial: "select" },
  radios: { partial: "radios" },
  checkboxes: { partial: "checkboxes" },
  "date-input": { partial: "dateInput" },
  button: { partial: "button" },
  "error-summary": { partial: "errorSummary" },
  "summary-list": { partial: "summaryList", unsupported: /^card\b/ },
  table: { partial: "table" },
  tag: { partial: "tag" },
  pagination: { partial: "pagination" },
  "back-link": { partial: "backLink" },
  panel: { partial: "panel", unsupported: /^actions\b/ },
  "inset-text": { partial: "insetText" },
  "warning-text": { partial: "warningText" },
  "notification-banner": { partial: "notificationBanner" },
  details: { partial: "details" },
};

/** Every key path in the options, e.g. `items.[].hint.text`. */
function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[].`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [prefix + key, ...keyPaths(inner, `${prefix}${key}.`)]);
}

/** Fixtures the partials cannot render: raw HTML content (`html`, `titleHtml`...), or features left out. */
function supported(fixture: Fixture, unsupported: RegExp | undefined): boolean {
  return keyPaths(fixture.options).every((key) => !/html$/i.test(key) && !(unsupported && unsupported.test(key)));
}

describe("conformance with the govuk-frontend fixtures", () => {
  for (const [component, { partial, unsupported }] of Object.entries(components)) {
    const { fixtures } = JSON.parse(readFileSync(path.join(fixturesRoot, component, "fixtures.json"), "utf8")) as {
      fixtures: Fixture[];
    };
    const cases = fixtures.filter((fixture) => supported(fixture, unsupported));
    it(`${partial} has fixtures to check`, () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases.map((fixture) => [fixture.name, fixture] as const))(`${partial}: %s`, async (_name, fixture) => {
      let html = await render(partial, fixture.options);
      if (partial === "fieldset") html += await render("fieldsetEnd", {});
      expect(canonical(html)).toBe(canonical(fixture.html));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// 2. Behaviour the pages rely on
// ---------------------------------------------------------------------------------------------
describe("form controls", () => {
  it("input: label, hint and error are wired to the control by id", async () => {
    const $ = await render$("input", {
      id: "partner-name",
      name: "partnerName",
      label: { text: "Partner name", isPageHeading: true, classes: "govuk-label--l" },
      hint: { text: "As it appears on their website" },
      errorMessage: { text: "Enter the partner name" },
      value: "Université de Lyon",
      autocomplete: "organization",
      spellcheck: false,
      classes: "govuk-!-width-two-thirds",
    });
    expect($(".govuk-form-group").hasClass("govuk-form-group--error")).toBe(true);
    expect($("h1.govuk-label-wrapper > label.govuk-label.govuk-label--l").attr("for")).toBe("partner-name");
    expect($("#partner-name-hint").hasClass("govuk-hint")).toBe(true);
    expect($("#partner-name-error").hasClass("govuk-error-message")).toBe(true);
    expect($("#partner-name-error .govuk-visually-hidden").text()).toBe("Error:");
    expect($("#partner-name-error").text().replace(/\s+/g, " ").trim()).toBe("Error: Enter the partner name");
    const input = $("input#partner-name");
    expect(input.attr("name")).toBe("partnerName");
    expect(input.attr("type")).toBe("text");
    expect(input.attr("value")).toBe("Université de Lyon");
    expect(input.attr("class")).toBe("govuk-input govuk-!-width-two-thirds govuk-input--error");
    expect(input.attr("aria-describedby")).toBe("partner-name-hint partner-name-error");
    expect(input.attr("autocomplete")).toBe("organization");
    expect(input.attr("spellcheck")).toBe("false");
  });

  it("input: falls back to name for the id, and has no error markup without an error", async () => {
    const $ = await render$("input", {
      name: "amount",
      label: { text: "Amount" },
      type: "number",
      inputmode: "numeric",
      prefix: { text: "£" },
    });
    expect($(".govuk-form-group").attr("class")).toBe("govuk-form-group");
    expect($("label").attr("for")).toBe("amount");
    expect($("input").attr("id")).toBe("amount");
    expect($("input").attr("aria-describedby")).toBeUndefined();
    expect($("input").attr("inputmode")).toBe("numeric");
    expect($(".govuk-input__wrapper .govuk-input__prefix").text()).toBe("£");
    expect($(".govuk-error-message")).toHaveLength(0);
  });

  it("textarea: keeps the value, rows and error wiring", async () => {
    const $ = await render$("textarea", {
      name: "summary",
      label: { text: "Summary" },
      hint: { text: "A paragraph" },
      errorMessage: { text: "Enter a summary" },
      rows: 8,
      value: "Line 1\nLine 2",
    });
    const textarea = $("textarea#summary");
    expect(textarea.text()).toBe("Line 1\nLine 2");
    expect(textarea.attr("rows")).toBe("8");
    expect(textarea.attr("class")).toBe("govuk-textarea govuk-textarea--error");
    expect(textarea.attr("aria-describedby")).toBe("summary-hint summary-error");
    expect($(".govuk-form-group").hasClass("govuk-form-group--error")).toBe(true);
  });

  it("characterCount: renders the limit message the JS enhances", async () => {
    const $ = await render$("characterCount", {
      name: "aims",
      id: "aims",
      maxlength: 500,
      label: { text: "Aims" },
      hint: { text: "Briefly" },
      errorMessage: { text: "Aims must be 500 characters or fewer" },
      value: "Some aims",
    });
    const group = $(".govuk-form-group");
    expect(group.attr("class")).toBe("govuk-form-group govuk-form-group--error govuk-character-count");
    expect(group.attr("data-module")).toBe("govuk-character-count");
    expect(group.attr("data-maxlength")).toBe("500");
    const textarea = $("textarea#aims");
    expect(textarea.attr("class")).toBe("govuk-textarea govuk-textarea--error govuk-js-character-count");
    expect(textarea.attr("aria-describedby")).toBe("aims-info aims-hint aims-error");
    expect(textarea.text()).toBe("Some aims");
    expect($("#aims-info").attr("class")).toBe("govuk-hint govuk-character-count__message");
    expect($("#aims-info").text().trim()).toBe("You can enter up to 500 characters");
    expect(
      await render$("characterCount", { name: "words", maxwords: 150, label: { text: "Words" } }).then(($w) =>
        $w("#words-info").text().trim(),
      ),
    ).toBe("You can enter up to 150 words");
  });

  it("select: selects the item matching params.value", async () => {
    const $ = await render$("select", {
      id: "country",
      name: "country",
      label: { text: "Country" },
      errorMessage: { text: "Select a country" },
      hint: { text: "Where the partner is based" },
      value: "FR",
      items: [
        { value: "", text: "Choose a country" },
        { value: "DE", text: "Germany" },
        { value: "FR", text: "France" },
      ],
    });
    expect($("select").attr("class")).toBe("govuk-select govuk-select--error");
    expect($("select").attr("aria-describedby")).toBe("country-hint country-error");
    expect($("option[selected]")).toHaveLength(1);
    expect($("option[selected]").attr("value")).toBe("FR");
    expect($("option").first().attr("value")).toBe("");
    const explicit = await render$("select", {
      name: "s",
      label: { text: "S" },
      items: [
        { value: "a", text: "A" },
        { value: "b", text: "B", selected: true },
      ],
    });
    expect(explicit("option[selected]").attr("value")).toBe("b");
  });
});

describe("radios and checkboxes", () => {
  const radios = {
    name: "partnerType",
    fieldset: { legend: { text: "What kind of partner?", isPageHeading: true, classes: "govuk-fieldset__legend--l" } },
    hint: { text: "Select one" },
    errorMessage: { text: "Select the kind of partner" },
    value: "company",
    items: [
      { value: "university", text: "University", hint: { text: "Or other higher education institution" } },
      {
        value: "company",
        text: "Company",
        conditional: {
          include: "components/input",
          params: { name: "companyNumber", label: { text: "Company number" } },
        },
      },
      { divider: "or" },
      {
        value: "other",
        text: "Other",
        conditional: { include: "./input", params: { name: "otherType", label: { text: "Describe the partner" } } },
      },
    ],
  };

  it("radios: fieldset, legend, ids, aria-describedby and checked item", async () => {
    const $ = await render$("radios", radios);
    expect($(".govuk-form-group").hasClass("govuk-form-group--error")).toBe(true);
    const fieldset = $("fieldset.govuk-fieldset");
    expect(fieldset.attr("aria-describedby")).toBe("partnerType-hint partnerType-error");
    expect(
      fieldset
        .find("legend.govuk-fieldset__legend.govuk-fieldset__legend--l > h1.govuk-fieldset__heading")
        .text()
        .trim(),
    ).toBe("What kind of partner?");
    expect(fieldset.find("#partnerType-hint").length).toBe(1);
    expect(fieldset.find("#partnerType-error").length).toBe(1);
    expect($(".govuk-radios").attr("data-module")).toBe("govuk-radios");
    const inputs = $("input.govuk-radios__input");
    expect(inputs.map((_i, el) => $(el).attr("id")).get()).toEqual(["partnerType", "partnerType-2", "partnerType-4"]);
    expect($("input[type=radio]:checked").attr("value")).toBe("company");
    expect($("input[type=radio][checked]")).toHaveLength(1);
    expect($("#partnerType").attr("aria-describedby")).toBe("partnerType-item-hint");
    expect($("#partnerType-item-hint").attr("class")).toBe("govuk-hint govuk-radios__hint");
    expect($("label[for=partnerType-2]").attr("class")).toBe("govuk-label govuk-radios__label");
    expect($(".govuk-radios__divider").text()).toBe("or");
  });

  it("radios: conditional reveals render the named partial, hidden unless checked", async () => {
    const $ = await render$("radios", radios);
    expect($("#partnerType-2").attr("data-aria-controls")).toBe("conditional-partnerType-2");
    const shown = $("#conditional-partnerType-2");
    expect(shown.attr("class")).toBe("govuk-radios__conditional");
    expect(shown.find("input#companyNumber").attr("name")).toBe("companyNumber");
    expect(shown.find("label[for=companyNumber]").text().trim()).toBe("Company number");
    expect($("#conditional-partnerType-4").attr("class")).toBe(
      "govuk-radios__conditional govuk-radios__conditional--hidden",
    );
    expect($("#conditional-partnerType-4 input#otherType")).toHaveLength(1);
    expect($("#partnerType").attr("data-aria-controls")).toBeUndefined();
  });

  it("radios: idPrefix and no fieldset", async () => {
    const $ = await render$("radios", {
      name: "decision",
      idPrefix: "outcome",
      items: [
        { value: "yes", text: "Yes" },
        { value: "no", text: "No" },
      ],
      classes: "govuk-radios--inline",
    });
    expect($("fieldset")).toHaveLength(0);
    expect(
      $("input")
        .map((_i, el) => $(el).attr("id"))
        .get(),
    ).toEqual(["outcome", "outcome-2"]);
    expect(
      $("input")
        .map((_i, el) => $(el).attr("name"))
        .get(),
    ).toEqual(["decision", "decision"]);
    expect($("input[checked]")).toHaveLength(0);
    expect($(".govuk-radios").attr("class")).toBe("govuk-radios govuk-radios--inline");
  });

  it("checkboxes: values check items, exclusive behaviour, describedBy and conditionals", async () => {
    const $ = await render$("checkboxes", {
      name: "regions",
      fieldset: { legend: { text: "Regions" } },
      hint: { text: "Select all that apply" },
      errorMessage: { text: "Select a region" },
      values: ["eu", "asia"],
      items: [
        { value: "eu", text: "Europe" },
        {
          value: "asia",
          text: "Asia",
          conditional: {
            include: "components/textarea",
            params: { name: "asiaDetail", label: { text: "Which countries?" } },
          },
        },
        { value: "africa", text: "Africa", hint: { text: "Including North Africa" } },
        { divider: "or" },
        { value: "none", text: "None", behaviour: "exclusive" },
      ],
    });
    expect($("fieldset").attr("aria-describedby")).toBe("regions-hint regions-error");
    expect($(".govuk-checkboxes").attr("data-module")).toBe("govuk-checkboxes");
    expect(
      $("input[checked]")
        .map((_i, el) => $(el).attr("value"))
        .get(),
    ).toEqual(["eu", "asia"]);
    expect(
      $("input.govuk-checkboxes__input")
        .map((_i, el) => $(el).attr("id"))
        .get(),
    ).toEqual(["regions", "regions-2", "regions-3", "regions-5"]);
    expect($("#regions-3").attr("aria-describedby")).toBe("regions-3-item-hint");
    expect($("#regions-5").attr("data-behaviour")).toBe("exclusive");
    expect($("#conditional-regions-2").attr("class")).toBe("govuk-checkboxes__conditional");
    expect($("#conditional-regions-2 textarea#asiaDetail")).toHaveLength(1);
    expect($("#regions-2").attr("data-aria-controls")).toBe("conditional-regions-2");
  });

  it("checkboxes: without a fieldset each item is described by the hint and error", async () => {
    const $ = await render$("checkboxes", {
      name: "confirm",
      hint: { text: "Hint" },
      errorMessage: { text: "Confirm it" },
      items: [{ value: "yes", text: "I confirm" }],
    });
    expect($("#confirm").attr("aria-describedby")).toBe("confirm-hint confirm-error");
  });
});

describe("dateInput", () => {
  it("names the inputs namePrefix-day etc. and keeps the values", async () => {
    const $ = await render$("dateInput", {
      id: "start-date",
      namePrefix: "startDate",
      fieldset: { legend: { text: "Start date", classes: "govuk-fieldset__legend--m" } },
      hint: { text: "For example, 27 3 2026" },
      items: [
        { name: "day", value: "27" },
        { name: "month", value: "3" },
        { name: "year", value: "2026" },
      ],
    });
    const fieldset = $("fieldset");
    expect(fieldset.attr("role")).toBe("group");
    expect(fieldset.attr("aria-describedby")).toBe("start-date-hint");
    expect($(".govuk-date-input").attr("id")).toBe("start-date");
    const inputs = $("input")
      .map((_i, el) => ({
        id: $(el).attr("id"),
        name: $(el).attr("name"),
        value: $(el).attr("value"),
        cls: $(el).attr("class"),
      }))
      .get();
    expect(inputs).toEqual([
      {
        id: "start-date-day",
        name: "startDate-day",
        value: "27",
        cls: "govuk-input govuk-date-input__input govuk-input--width-2",
      },
      {
        id: "start-date-month",
        name: "startDate-month",
        value: "3",
        cls: "govuk-input govuk-date-input__input govuk-input--width-2",
      },
      {
        id: "start-date-year",
        name: "startDate-year",
        value: "2026",
        cls: "govuk-input govuk-date-input__input govuk-input--width-4",
      },
    ]);
    expect(
      $("label")
        .map((_i, el) => $(el).text().trim())
        .get(),
    ).toEqual(["Day", "Month", "Year"]);
    expect($("input").first().attr("inputmode")).toBe("numeric");
  });

  it("marks every input in error, or only the items flagged", async () => {
    const all = await render$("dateInput", {
      id: "end",
      namePrefix: "end",
      errorMessage: { text: "Enter an end date" },
      fieldset: { legend: { text: "End" } },
    });
    expect(all(".govuk-form-group").first().hasClass("govuk-form-group--error")).toBe(true);
    expect(all("fieldset").attr("aria-describedby")).toBe("end-error");
    expect(all("input.govuk-input--error")).toHaveLength(3);
    const one = await render$("dateInput", {
      id: "end",
      namePrefix: "end",
      errorMessage: { text: "The date must include a year" },
      items: [
        { name: "day", value: "1" },
        { name: "month", value: "2" },
        { name: "year", classes: "govuk-input--width-4 govuk-input--error" },
      ],
    });
    expect(
      one("input.govuk-input--error")
        .map((_i, el) => one(el).attr("name"))
        .get(),
    ).toEqual(["end-year"]);
  });
});

describe("buttons, messages and summaries", () => {
  it("button: submit button with double-click prevention, and link button", async () => {
    const $ = await render$("button", {
      text: "Save and continue",
      preventDoubleClick: true,
      name: "action",
      value: "save",
    });
    const button = $("button");
    expect(button.attr("type")).toBe("submit");
    expect(button.attr("class")).toBe("govuk-button");
    expect(button.attr("data-module")).toBe("govuk-button");
    expect(button.attr("data-prevent-double-click")).toBe("true");
    expect(button.attr("name")).toBe("action");
    expect(button.attr("value")).toBe("save");
    expect(button.text().trim()).toBe("Save and continue");
    const link = await render$("button", {
      text: "Start a proposal",
      href: "/proposals/new",
      classes: "govuk-button--secondary",
    });
    expect(link("a").attr("href")).toBe("/proposals/new");
    expect(link("a").attr("role")).toBe("button");
    expect(link("a").attr("draggable")).toBe("false");
    expect(link("a").attr("class")).toBe("govuk-button govuk-button--secondary");
    expect(link("button")).toHaveLength(0);
  });

  it("errorSummary: links each error to its field", async () => {
    const $ = await render$("errorSummary", {
      titleText: "There is a problem",
      errorList: [
        { text: "Enter the partner name", href: "#partner-name" },
        { text: "Enter a start date", href: "#start-date-day" },
      ],
    });
    const summary = $(".govuk-error-summary");
    expect(summary.attr("data-module")).toBe("govuk-error-summary");
    expect(summary.find("[role=alert] h2.govuk-error-summary__title").text().trim()).toBe("There is a problem");
    const links = summary.find("ul.govuk-list.govuk-error-summary__list li a");
    expect(links.map((_i, el) => [[$(el).attr("href"), $(el).text()]]).get()).toEqual([
      ["#partner-name", "Enter the partner name"],
      ["#start-date-day", "Enter a start date"],
    ]);
  });

  it("summaryList: text, lines, included values and change links", async () => {
    const $ = await render$("summaryList", {
      rows: [
        {
          key: { text: "Partner" },
          value: { text: "Université de Lyon" },
          actions: { items: [{ href: "/p/1/partner#name", text: "Change", visuallyHiddenText: "partner" }] },
        },
        { key: { text: "Address" }, value: { lines: ["1 Rue de la Paix", "69001 Lyon", "France"] } },
        {
          key: { text: "Status" },
          value: { include: "components/tag", params: { text: "Submitted", classes: "govuk-tag--blue" } },
        },
      ],
    });
    const rows = $(".govuk-summary-list__row");
    expect(rows).toHaveLength(3);
    expect(rows.eq(0).find("dt.govuk-summary-list__key").text().trim()).toBe("Partner");
    expect(rows.eq(0).find("dd.govuk-summary-list__value").text().trim()).toBe("Université de Lyon");
    const change = rows.eq(0).find("dd.govuk-summary-list__actions a.govuk-link");
    expect(change.attr("href")).toBe("/p/1/partner#name");
    expect(change.text()).toBe("Change partner");
    expect(change.find(".govuk-visually-hidden").text()).toBe(" partner");
    expect(rows.eq(1).hasClass("govuk-summary-list__row--no-actions")).toBe(true);
    const address = rows.eq(1).find(".govuk-summary-list__value");
    expect(address.find("br")).toHaveLength(2);
    expect(
      address
        .html()
        ?.split("<br>")
        .map((line) => line.trim()),
    ).toEqual(["1 Rue de la Paix", "69001 Lyon", "France"]);
    expect(rows.eq(2).find(".govuk-summary-list__value strong.govuk-tag.govuk-tag--blue").text().trim()).toBe(
      "Submitted",
    );
  });

  it("table: caption, head, numeric cells, header cells, links and included tags", async () => {
    const $ = await render$("table", {
      caption: "Proposals",
      captionClasses: "govuk-table__caption--m",
      firstCellIsHeader: true,
      head: [{ text: "Reference" }, { text: "Partner" }, { text: "Value", format: "numeric" }, { text: "Status" }],
      rows: [
        [
          { text: "SPO-0001" },
          { text: "Université de Lyon", href: "/proposals/1" },
          { text: "£12,000", format: "numeric" },
          { include: "components/tag", params: { text: "Draft", classes: "govuk-tag--grey" } },
        ],
      ],
    });
    expect($("caption.govuk-table__caption.govuk-table__caption--m").text()).toBe("Proposals");
    expect($("thead th[scope=col]")).toHaveLength(4);
    expect($("thead th").eq(2).attr("class")).toBe("govuk-table__header govuk-table__header--numeric");
    const cells = $("tbody tr").children();
    expect(cells.eq(0).is("th[scope=row].govuk-table__header")).toBe(true);
    expect(cells.eq(1).find("a.govuk-link").attr("href")).toBe("/proposals/1");
    expect(cells.eq(1).text().trim()).toBe("Université de Lyon");
    expect(cells.eq(2).attr("class")).toBe("govuk-table__cell govuk-table__cell--numeric");
    expect(cells.eq(3).find(".govuk-tag.govuk-tag--grey").text().trim()).toBe("Draft");
  });

  it("tag, backLink, insetText, warningText, details, panel", async () => {
    expect((await render$("tag", { text: "Approved", classes: "govuk-tag--green" }))("strong").attr("class")).toBe(
      "govuk-tag govuk-tag--green",
    );
    const back = await render$("backLink", { href: "/proposals" });
    expect(back("a.govuk-back-link").attr("href")).toBe("/proposals");
    expect(back("a").text()).toBe("Back");
    expect((await render$("insetText", { text: "Note" }))(".govuk-inset-text").text().trim()).toBe("Note");
    const warning = await render$("warningText", { text: "Export controls apply" });
    expect(warning(".govuk-warning-text__icon").attr("aria-hidden")).toBe("true");
    expect(warning(".govuk-warning-text__text").text().replace(/\s+/g, " ").trim()).toBe(
      "Warning Export controls apply",
    );
    const details = await render$("details", { summaryText: "Why we ask", text: "Because", open: true });
    expect(details("details.govuk-details").attr("open")).toBe("open");
    expect(details(".govuk-details__summary-text").text().trim()).toBe("Why we ask");
    const panel = await render$("panel", { titleText: "Proposal submitted", text: "Reference SPO-0001" });
    expect(panel(".govuk-panel.govuk-panel--confirmation h1.govuk-panel__title").text().trim()).toBe(
      "Proposal submitted",
    );
    expect(panel(".govuk-panel__body").text().trim()).toBe("Reference SPO-0001");
  });

  it("notificationBanner: region by default, alert for success", async () => {
    const plain = await render$("notificationBanner", { text: "Triage is closed on Friday" });
    expect(plain(".govuk-notification-banner").attr("role")).toBe("region");
    expect(plain("#govuk-notification-banner-title").text().trim()).toBe("Important");
    expect(plain(".govuk-notification-banner").attr("aria-labelledby")).toBe("govuk-notification-banner-title");
    const success = await render$("notificationBanner", { type: "success", text: "Proposal saved" });
    const banner = success(".govuk-notification-banner");
    expect(banner.attr("class")).toBe("govuk-notification-banner govuk-notification-banner--success");
    expect(banner.attr("role")).toBe("alert");
    expect(banner.attr("data-module")).toBe("govuk-notification-banner");
    expect(success("h2.govuk-notification-banner__title").text().trim()).toBe("Success");
    expect(success("p.govuk-notification-banner__heading").text().trim()).toBe("Proposal saved");
  });

  it("pagination: previous/next with labels, and numbered items", async () => {
    const block = await render$("pagination", {
      previous: { href: "?page=1", labelText: "1 of 3" },
      next: { href: "?page=3", text: "Next page", labelText: "3 of 3" },
    });
    expect(block("nav.govuk-pagination").attr("class")).toBe("govuk-pagination govuk-pagination--block");
    expect(block("nav").attr("aria-label")).toBe("Pagination");
    expect(block(".govuk-pagination__prev a").attr("rel")).toBe("prev");
    expect(block(".govuk-pagination__prev .govuk-pagination__link-label").text()).toBe("1 of 3");
    expect(block(".govuk-pagination__next .govuk-pagination__link-title").text().trim()).toBe("Next page");
    const numbered = await render$("pagination", {
      previous: { href: "?page=1" },
      next: { href: "?page=3" },
      items: [
        { number: 1, href: "?page=1" },
        { number: 2, href: "?page=2", current: true },
        { ellipsis: true },
        { number: 9, href: "?page=9" },
      ],
    });
    expect(numbered("nav").hasClass("govuk-pagination--block")).toBe(false);
    const items = numbered("li.govuk-pagination__item");
    expect(items).toHaveLength(4);
    expect(items.eq(1).hasClass("govuk-pagination__item--current")).toBe(true);
    expect(items.eq(1).find("a").attr("aria-current")).toBe("page");
    expect(items.eq(1).find("a").attr("aria-label")).toBe("Page 2");
    expect(items.eq(2).hasClass("govuk-pagination__item--ellipsis")).toBe(true);
    expect(numbered(".govuk-pagination__prev + ul + .govuk-pagination__next")).toHaveLength(1);
  });
});

describe("use from a page", () => {
  it("fieldset and fieldsetEnd wrap a page's own controls", () => {
    const page = [
      "<%- include('components/fieldset', { params: { legend: { text: 'Contact', isPageHeading: true }, describedBy: 'contact-hint' } }) %>",
      "<%- include('components/input', { params: { name: 'email', type: 'email', label: { text: 'Email' } } }) %>",
      "<%- include('components/fieldsetEnd') %>",
    ].join("\n");
    // A page in a sub-folder: relative includes resolve through the views root.
    const html = ejs.render(
      page,
      {},
      { filename: path.join(views, "proposals", "contact.ejs"), views: [views], root: views },
    );
    const $ = load(html, null, false);
    expect($("fieldset.govuk-fieldset").attr("aria-describedby")).toBe("contact-hint");
    expect($("fieldset legend h1.govuk-fieldset__heading").text().trim()).toBe("Contact");
    expect($("fieldset > .govuk-form-group > input#email").attr("type")).toBe("email");
  });

  it("refuses event-handler and style attributes", async () => {
    await expect(
      render("input", { name: "x", label: { text: "X" }, attributes: { onclick: "alert(1)" } }),
    ).rejects.toThrow(/not allowed/);
    await expect(render("button", { text: "X", attributes: { style: "color:red" } })).rejects.toThrow(/not allowed/);
    await expect(render("tag", { text: "X", attributes: { '"><script>': "x" } })).rejects.toThrow(/not allowed/);
  });

  it("keeps heading levels to h1-h6", async () => {
    const $ = await render$("panel", { titleText: "Done", headingLevel: "1 onmouseover=alert(1)" });
    expect($("h1.govuk-panel__title")).toHaveLength(1);
    expect($("[onmouseover]")).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Safety: hostile text everywhere comes out as text
// ---------------------------------------------------------------------------------------------
const PAYLOAD = `<script>alert(1)</script>"><img src=x onerror=alert(1)>'`;

/** Every string in the params replaced by the payload, except partial names to include (and `keep`). */
function hostile(value: unknown, keep: readonly string[], key = ""): unknown {
  if (typeof value === "string") return key === "include" || keep.includes(key) ? value : PAYLOAD;
  if (Array.isArray(value)) return value.map((item) => hostile(item, keep, key));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, keep, k)]));
}

const attributes = { "data-test": "x" };
const field = {
  id: "f",
  name: "f",
  label: { text: "L", classes: "c" },
  hint: { text: "H" },
  errorMessage: { text: "E" },
  classes: "c",
  attributes,
};
const hostileCases: [string, Params, string[]?][] = [
  ["errorMessage", { id: "e", text: "E", classes: "c", visuallyHiddenText: "Error", attributes }],
  ["hint", { id: "h", text: "H", classes: "c", attributes }],
  ["label", { text: "L", for: "f", classes: "c", isPageHeading: true, attributes }],
  [
    "fieldset",
    {
      legend: { text: "L", classes: "c", isPageHeading: true },
      classes: "c",
      role: "group",
      describedBy: "d",
      attributes,
    },
  ],
  [
    "input",
    {
      ...field,
      value: "v",
      type: "text",
      autocomplete: "a",
      inputmode: "i",
      pattern: "p",
      autocapitalize: "a",
      describedBy: "d",
      prefix: { text: "£", classes: "c" },
      suffix: { text: "%" },
      inputWrapper: { classes: "c" },
      formGroup: { classes: "c" },
    },
  ],
  [
    "textarea",
    {
      ...field,
      value: "v",
      autocomplete: "a",
      describedBy: "d",
      formGroup: { classes: "c", afterInput: { text: "t" } },
    },
  ],
  [
    "characterCount",
    {
      ...field,
      value: "v",
      maxlength: 10,
      textareaDescriptionText: "Up to %{count}",
      charactersUnderLimitText: { one: "o", other: "x" },
      charactersAtLimitText: "at",
      countMessage: { classes: "c" },
    },
  ],
  ["select", { ...field, value: "v", items: [{ value: "v", text: "T", attributes }, { text: "T2" }] }],
  [
    "radios",
    {
      ...field,
      idPrefix: "p",
      value: "v",
      fieldset: { legend: { text: "L", classes: "c" }, classes: "c", describedBy: "d" },
      items: [
        {
          value: "v",
          text: "T",
          id: "i",
          hint: { text: "H" },
          label: { classes: "c" },
          attributes,
          conditional: { include: "./input", params: { name: "n", value: "v", label: { text: "L" } } },
        },
        { divider: "or" },
      ],
    },
  ],
  [
    "checkboxes",
    {
      ...field,
      idPrefix: "p",
      values: ["v"],
      describedBy: "d",
      items: [
        {
          value: "v",
          text: "T",
          name: "n",
          behaviour: "b",
          hint: { text: "H" },
          attributes,
          conditional: { include: "components/textarea", params: { name: "n", value: "v", label: { text: "L" } } },
        },
        { divider: "or" },
      ],
    },
  ],
  [
    "dateInput",
    {
      id: "d",
      namePrefix: "p",
      fieldset: { legend: { text: "L" } },
      hint: { text: "H" },
      errorMessage: { text: "E" },
      classes: "c",
      attributes,
      items: [
        { name: "day", value: "1", classes: "c", label: "Day", autocomplete: "a", pattern: "p", attributes },
        { name: "month", value: "2" },
        { name: "year", value: "3" },
      ],
    },
  ],
  [
    "button",
    { text: "T", name: "n", value: "v", type: "submit", id: "i", classes: "c", preventDoubleClick: "true", attributes },
  ],
  ["button", { text: "T", href: "/h", id: "i", classes: "c", isStartButton: true, attributes }],
  [
    "errorSummary",
    {
      titleText: "T",
      descriptionText: "D",
      classes: "c",
      attributes,
      errorList: [{ text: "E", href: "#f", attributes }, { text: "E2" }],
    },
  ],
  [
    "summaryList",
    {
      classes: "c",
      attributes,
      rows: [
        {
          key: { text: "K", classes: "c" },
          value: { text: "V", classes: "c" },
          classes: "c",
          actions: {
            classes: "c",
            items: [
              { href: "/h", text: "Change", visuallyHiddenText: "v", classes: "c", attributes },
              { href: "/h", text: "Remove" },
            ],
          },
        },
        { key: { text: "K" }, value: { lines: ["a", "b"] } },
        { key: { text: "K" }, value: { include: "components/tag", params: { text: "T" } } },
      ],
    },
  ],
  [
    "table",
    {
      caption: "C",
      captionClasses: "c",
      firstCellIsHeader: true,
      classes: "c",
      attributes,
      head: [{ text: "H", format: "numeric", classes: "c", attributes }, { text: "H2" }],
      rows: [
        [
          { text: "A", classes: "c" },
          { text: "B", href: "/h", format: "numeric", attributes },
          { include: "components/tag", params: { text: "T", classes: "c" } },
        ],
      ],
    },
  ],
  ["tag", { text: "T", classes: "c", attributes }],
  [
    "pagination",
    {
      landmarkLabel: "L",
      classes: "c",
      attributes,
      previous: { href: "/p", text: "P", labelText: "L", attributes },
      next: { href: "/n", text: "N", labelText: "L" },
    },
  ],
  [
    "pagination",
    {
      previous: { href: "/p" },
      next: { href: "/n", text: "N" },
      items: [
        { number: "1", href: "/1", visuallyHiddenText: "v", attributes },
        { ellipsis: true },
        { number: "2", href: "/2", current: true },
      ],
    },
  ],
  ["backLink", { href: "/b", text: "T", classes: "c", attributes }],
  ["panel", { titleText: "T", text: "B", classes: "c", headingLevel: "2", attributes }],
  ["insetText", { id: "i", text: "T", classes: "c", attributes }],
  ["warningText", { text: "T", iconFallbackText: "W", classes: "c", attributes }],
  ["fileUpload", { ...field, describedBy: "d", formGroup: { classes: "c" } }],
  [
    "notificationBanner",
    {
      text: "T",
      titleText: "T",
      titleId: "t",
      role: "r",
      classes: "c",
      disableAutoFocus: "true",
      titleHeadingLevel: "3",
      attributes,
    },
  ],
  ["notificationBanner", { text: "T", type: "success", titleText: "T", attributes }, ["type"]],
  ["details", { summaryText: "S", text: "T", id: "i", classes: "c", open: true, attributes }],
];

describe("hostile text is escaped", () => {
  it("covers every partial", () => {
    const partials = readdirSync(path.join(views, "components")).filter(
      (file) => file.endsWith(".ejs") && !file.startsWith("_") && file !== "fieldsetEnd.ejs",
    );
    expect(new Set(hostileCases.map(([name]) => `${name}.ejs`))).toEqual(new Set(partials));
  });

  it.each(hostileCases.map(([name, params, keep], index) => [`${name} #${index}`, name, params, keep ?? []] as const))(
    "%s",
    async (_title, name, params, keep) => {
      const html = await render(name, hostile(params, keep) as Params);
      expect(html).not.toMatch(/<script|<img/i);
      const $ = load(html, null, false);
      expect($("script, img")).toHaveLength(0);
      const handlers = $("*").filter((_i, el) =>
        Object.keys((el as unknown as DomNode).attribs ?? {}).some((attr) => /^on/i.test(attr)),
      );
      expect(handlers).toHaveLength(0);
      // The text reached the page as text, and the attribute values round-trip intact.
      expect($.root().text()).toContain("<script>alert(1)</script>");
      const tagged = $("[data-test]");
      expect(tagged.length).toBeGreaterThan(0);
      tagged.each((_i, el) => expect($(el).attr("data-test")).toBe(PAYLOAD));
    },
  );
});

describe("templates", () => {
  function ejsFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return ejsFiles(full);
      return entry.name.endsWith(".ejs") ? [full] : [];
    });
  }

  it("use <%- only for include()", () => {
    const files = ejsFiles(views);
    expect(files.length).toBeGreaterThan(0);
    const offences = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, index) =>
          [...line.matchAll(/<%-(?!\s*include\()/g)].map(
            () => `${path.relative(root, file)}:${index + 1}: ${line.trim()}`,
          ),
        ),
    );
    expect(offences).toEqual([]);
  });

  it("components carry no inline script, style attribute or GOV.UK branding", () => {
    for (const file of ejsFiles(path.join(views, "components"))) {
      const source = readFileSync(file, "utf8");
      expect(source, file).not.toMatch(/<script|\sstyle=|govuk-header__logo|crown|GDS Transport/i);
    }
  });
});
