// The typed component functions (src/views/components), which the queue and case pages
// render with instead of the EJS partials: the same checks as components.test.ts gives the
// partials. 1. every govuk-frontend fixture they support renders to the fixture's DOM;
// 2. each renders the same DOM as its EJS partial for the params the pages use; 3. hostile
// text in every parameter comes out escaped; 4. the EJS escape function lets only SafeHtml
// through unescaped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ejs from "ejs";
import { load } from "cheerio";
import { describe, expect, it } from "vitest";
import { components, escapeOrSafe, SafeHtml } from "../../src/views/components";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const views = path.join(root, "views");
const fixturesRoot = path.join(root, "node_modules/govuk-frontend/dist/govuk/components");

type Params = Record<string, unknown>;
type Name = keyof typeof components;
const call = (name: Name, params: Params): string =>
  (components[name] as unknown as (params: Params) => SafeHtml)(params).html;

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

function keyPaths(value: unknown, prefix = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((item) => keyPaths(item, `${prefix}[].`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [prefix + key, ...keyPaths(inner, `${prefix}${key}.`)]);
}

const fixtureSets: Record<string, { name: Name; unsupported?: RegExp }> = {
  "error-message": { name: "errorMessage" },
  hint: { name: "hint" },
  label: { name: "label" },
  fieldset: { name: "fieldset" },
  input: { name: "input" },
  textarea: { name: "textarea" },
  select: { name: "select" },
  radios: { name: "radios" },
  button: { name: "button" },
  "error-summary": { name: "errorSummary" },
  "summary-list": { name: "summaryList", unsupported: /^card\b/ },
  table: { name: "table" },
  tag: { name: "tag" },
  pagination: { name: "pagination" },
  "back-link": { name: "backLink" },
};

describe("component functions: conformance with the govuk-frontend fixtures", () => {
  for (const [component, { name, unsupported }] of Object.entries(fixtureSets)) {
    const { fixtures } = JSON.parse(readFileSync(path.join(fixturesRoot, component, "fixtures.json"), "utf8")) as {
      fixtures: { name: string; options: Params; html: string }[];
    };
    const cases = fixtures.filter((fixture) =>
      keyPaths(fixture.options).every((key) => !/html$/i.test(key) && !unsupported?.test(key)),
    );
    it(`${name} has fixtures to check`, () => expect(cases.length).toBeGreaterThan(0));
    it.each(cases.map((fixture) => [fixture.name, fixture] as const))(`${name}: %s`, (_title, fixture) => {
      expect(canonical(call(name, fixture.options))).toBe(canonical(fixture.html));
    });
  }
});

/** An EJS partial's params with `{ include, params }` turned into the function's `{ html }`. */
function asFunctionParams(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asFunctionParams);
  if (value === null || typeof value !== "object") return value;
  const object = value as Params;
  if (typeof object.include === "string") {
    const { include, params, ...rest } = object;
    const name = include.replace(/^(components\/|\.\/)/, "") as Name;
    return { ...(asFunctionParams(rest) as Params), html: components[name](asFunctionParams(params) as never) };
  }
  return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, asFunctionParams(inner)]));
}

function partial(name: string, params: Params): Promise<string> {
  return ejs.renderFile(path.join(views, "components", `${name}.ejs`), { params }, { views: [views], root: views });
}

// What the queue and case pages pass, and the wiring the partials' own tests check.
const samePages: [Name, Params][] = [
  [
    "table",
    {
      caption: "Cases, oldest first.",
      captionClasses: "govuk-table__caption--s",
      classes: "app-table--queue",
      firstCellIsHeader: false,
      head: [{ text: "Case" }, { text: "Age", format: "numeric" }],
      rows: [
        [
          { text: "SPO-2026-00001 Joint research", href: "/cases/1" },
          { include: "components/tag", params: { text: "12 days, overdue", classes: "govuk-tag--red" } },
        ],
        [{ text: "x", colspan: 2, attributes: { "data-x": "1" } }],
      ],
    },
  ],
  [
    "summaryList",
    {
      rows: [
        { key: { text: "Status" }, value: { include: "components/tag", params: { text: "In review" } } },
        { key: { text: "Partner" }, value: { lines: ["Université de Lyon", "France"] } },
        {
          key: { text: "Title" },
          value: { text: "T" },
          actions: { items: [{ href: "/p#t", text: "Change", visuallyHiddenText: "title" }] },
        },
      ],
    },
  ],
  [
    "select",
    {
      id: "assign-assignee",
      name: "assignee",
      label: { text: "Assign to" },
      errorMessage: { text: "Choose" },
      value: "b",
      classes: "app-select--full",
      items: [
        { value: "", text: "No one" },
        { value: "b", text: "B" },
      ],
    },
  ],
  [
    "radios",
    {
      name: "outcome",
      idPrefix: "decide-outcome",
      fieldset: { legend: { text: "Decision", classes: "govuk-fieldset__legend--s" } },
      errorMessage: { text: "Choose one" },
      hint: { text: "H" },
      value: "approved",
      items: [
        { value: "approved", text: "Approved", hint: { text: "As asked" } },
        { divider: "or" },
        {
          value: "declined",
          text: "Declined",
          conditional: { include: "components/input", params: { name: "why", label: { text: "Why" } } },
        },
      ],
    },
  ],
  [
    "textarea",
    {
      id: "decide-note",
      name: "note",
      rows: 3,
      label: { text: "Conditions or reasons", classes: "govuk-label--s" },
      hint: { text: "Required" },
      errorMessage: { text: "Enter a note" },
      value: "a\nb",
    },
  ],
  ["input", { id: "q", name: "q", label: { text: "Search" }, value: "x", type: "search", spellcheck: false }],
  ["button", { text: "Record decision", preventDoubleClick: true, classes: "govuk-button--secondary" }],
  ["pagination", { previous: { href: "/queue?before=a", text: "Previous page" }, landmarkLabel: "Queue pages" }],
  ["errorSummary", { titleText: "That could not be done", errorList: [{ text: "M", href: "#actions" }] }],
  ["backLink", { href: "/queue", text: "Back to the queue" }],
];

describe("component functions render what their EJS partials render", () => {
  it.each(samePages.map(([name, params], index) => [`${name} #${index}`, name, params] as const))(
    "%s",
    async (_title, name, params) => {
      expect(canonical(call(name, asFunctionParams(params) as Params))).toBe(canonical(await partial(name, params)));
    },
  );
});

const PAYLOAD = `<script>alert(1)</script>"><img src=x onerror=alert(1)>'`;
function hostile(value: unknown, key = ""): unknown {
  if (typeof value === "string") return key === "include" ? value : PAYLOAD;
  if (Array.isArray(value)) return value.map((item) => hostile(item, key));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, k)]));
}

describe("component functions escape hostile text", () => {
  const attributes = { "data-test": "x" };
  const withAttributes = samePages.map(([name, params]) => [name, { ...params, attributes }] as const);
  it.each(withAttributes.map(([name, params], index) => [`${name} #${index}`, name, params] as const))(
    "%s",
    (_title, name, params) => {
      const html = call(name, asFunctionParams(hostile(params)) as Params);
      expect(html).not.toMatch(/<script|<img/i);
      const $ = load(html, null, false);
      expect($("script, img")).toHaveLength(0);
      expect($.root().text()).toContain("<script>alert(1)</script>");
      const tagged = $("[data-test]");
      expect(tagged.length).toBeGreaterThan(0);
      tagged.each((_i, el) => expect($(el).attr("data-test")).toBe(PAYLOAD));
    },
  );

  it("refuses event-handler and style attributes", () => {
    expect(() => components.tag({ text: "x", attributes: { onclick: "alert(1)" } })).toThrow(/not allowed/);
    expect(() => components.button({ text: "x", attributes: { style: "color:red" } })).toThrow(/not allowed/);
    expect(() => components.tag({ text: "x", attributes: { '"><script>': "x" } })).toThrow(/not allowed/);
  });
});

describe("the templates' escape function", () => {
  it("writes SafeHtml as it is and escapes every other value", () => {
    expect(escapeOrSafe(components.tag({ text: "<b>" }))).toBe('<strong class="govuk-tag">&lt;b&gt;</strong>');
    expect(escapeOrSafe(`<a href="x">'&`)).toBe("&lt;a href=&#34;x&#34;&gt;&#39;&amp;");
    expect(escapeOrSafe(undefined)).toBe("");
    expect(escapeOrSafe(null)).toBe("");
    expect(escapeOrSafe(3)).toBe("3");
    // Something that only looks like SafeHtml is escaped.
    expect(escapeOrSafe({ html: "<b>", toString: () => "<b>" })).toBe("&lt;b&gt;");
    expect(escapeOrSafe(new SafeHtml("<b>"))).toBe("<b>");
    // One string after another: none is left half-escaped.
    expect(["<a>", "<b>", "x<y", "&"].map(escapeOrSafe)).toEqual(["&lt;a&gt;", "&lt;b&gt;", "x&lt;y", "&amp;"]);
  });
});
