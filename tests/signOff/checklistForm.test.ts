// The checklist form and checklist data, without a database: table-driven.
import { describe, expect, it } from "vitest";
import { checklistBody, readChecklist } from "../../src/signOff/checklistForm";
import { checklistsSchema, defaultChecklists, type ChecklistItem } from "../../src/signOff/checklists";
import { parseChecklistText, checklistToText } from "../../src/signOff/checklistAdmin";
import { defaultReferenceData, referenceDataSchema } from "../../src/reference/defaults";

const items: ChecklistItem[] = [
  { id: "mission", text: "Fits the mission" },
  { id: "export-control", text: "Export control checked" },
];
const valid = {
  version: "3",
  checklistVersion: "1",
  "item-mission": "yes",
  "comment-mission": "",
  "item-export-control": "yes",
  "comment-export-control": "",
  decision: "approve",
  comment: "",
};

describe("checklistBody (the route's schema)", () => {
  it.each<[string, boolean, Record<string, unknown>]>([
    ["the form's own fields", true, valid],
    ["an unknown field", false, { ...valid, status: "DECIDED" }],
    ["an injected owner", false, { ...valid, ownerId: "x" }],
    ["a repeated field", false, { ...valid, decision: ["approve", "decline"] }],
    ["an over-long field", false, { ...valid, comment: "x".repeat(10_001) }],
    ["an item id with digits (a radio's id)", false, { ...valid, "item-mission-2": "yes" }],
  ])("%s: accepted %s", (_name, accepted, body) => {
    expect(checklistBody.safeParse(body).success).toBe(accepted);
  });

  it("refuses a __proto__ key sent as an own field", () => {
    const body = Object.create(null) as Record<string, unknown>;
    Object.assign(body, valid);
    Object.defineProperty(body, "__proto__", { value: "x", enumerable: true });
    const result = checklistBody.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["form"]);
  });
});

describe("readChecklist", () => {
  const withChange = (change: Record<string, unknown>) =>
    Object.fromEntries(Object.entries<unknown>({ ...valid, ...change }).filter(([, value]) => value !== undefined));
  const errorsFor = (change: Record<string, unknown>) => {
    const result = readChecklist(items, withChange(change));
    return result.ok ? {} : result.errors.byField;
  };

  it("reads a complete form", () => {
    const result = readChecklist(items, {
      ...valid,
      "item-export-control": "not_applicable",
      "comment-export-control": " No transfer ",
      decision: "return",
      comment: " Add the budget ",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        version: 3,
        checklistVersion: 1,
        answers: {
          mission: { answer: "yes", comment: "" },
          "export-control": { answer: "not_applicable", comment: "No transfer" },
        },
        decision: "return",
        comment: "Add the budget",
      },
    });
  });

  it.each<[string, Record<string, unknown>, Record<string, string>]>([
    ["no answer", { "item-mission": undefined }, { "item-mission": "Select yes, no or not applicable for item 1" }],
    [
      "an answer not offered",
      { "item-export-control": "maybe" },
      { "item-export-control": "Select yes, no or not applicable for item 2" },
    ],
    [
      "no without a comment",
      { "item-mission": "no" },
      { "comment-mission": "Enter a comment on item 1: a comment is needed when the answer is not yes" },
    ],
    [
      "not applicable with a blank comment",
      { "item-export-control": "not_applicable", "comment-export-control": "  " },
      { "comment-export-control": "Enter a comment on item 2: a comment is needed when the answer is not yes" },
    ],
    ["no decision", { decision: undefined }, { decision: "Select whether to approve, return or decline the proposal" }],
    [
      "a return without comments",
      { decision: "return" },
      { comment: "Enter your comments for the proposer: they say what to change before resubmitting" },
    ],
    [
      "a decline without comments",
      { decision: "decline", comment: " " },
      { comment: "Enter your reasons for declining the proposal" },
    ],
    [
      "an over-long item comment",
      { "comment-mission": "x".repeat(2001) },
      { "comment-mission": "The comment on item 1 must be 2,000 characters or fewer" },
    ],
    [
      "a field of another checklist",
      { "item-other": "yes" },
      { form: "The form contained fields it does not ask for. Check your answers and try again." },
    ],
    [
      "a missing version",
      { version: undefined },
      { form: "The form was incomplete or out of date. Reload the page and try again." },
    ],
    [
      "a version that is not a number",
      { checklistVersion: "1e3" },
      { form: "The form was incomplete or out of date. Reload the page and try again." },
    ],
  ])("refuses %s", (_name, change, expected) => {
    expect(readChecklist(items, withChange(change))).toMatchObject({ ok: false, errors: { byField: expected } });
    expect(Object.keys(errorsFor(change))).toEqual(Object.keys(expected));
  });

  it("lists the errors in the order of the page, each linked to its field", () => {
    const result = readChecklist(items, { version: "1", checklistVersion: "1", "item-export-control": "no" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.list.map((error) => error.href)).toEqual([
      "#item-mission",
      "#comment-export-control",
      "#decision",
    ]);
  });
});

describe("the checklists in the reference data", () => {
  it("ship both lists from the seeds, with valid, unique ids", () => {
    expect(checklistsSchema.parse(defaultChecklists)).toEqual(defaultChecklists);
    const department = defaultChecklists.department.map((item) => item.text).join("\n");
    for (const topic of [
      "mission",
      "Section 24",
      "attracted",
      "used",
      "funds",
      "export control",
      "intellectual property",
      "safety of staff and students",
      "academic freedom",
      "independence",
    ]) {
      expect(department.toLowerCase()).toContain(topic.toLowerCase());
    }
    const school = defaultChecklists.school.map((item) => item.text).join("\n");
    for (const topic of ["head of department", "Trusted Research", "Section 24", "reputational", "academic freedom"])
      expect(school.toLowerCase()).toContain(topic.toLowerCase());
  });

  it("are read from a stored version that predates them as the shipped ones", () => {
    const { checklists: _checklists, ...older } = structuredClone(defaultReferenceData);
    expect(referenceDataSchema.parse(older).checklists).toEqual(defaultChecklists);
  });

  it.each<[string, unknown]>([
    ["an empty list", { ...defaultChecklists, school: [] }],
    [
      "a repeated id",
      {
        ...defaultChecklists,
        school: [
          { id: "a", text: "One" },
          { id: "a", text: "Two" },
        ],
      },
    ],
    ["an id with a digit", { ...defaultChecklists, school: [{ id: "item-2", text: "One" }] }],
    ["a blank text", { ...defaultChecklists, school: [{ id: "a", text: " " }] }],
    ["an unknown key", { ...defaultChecklists, extra: [] }],
  ])("refuse %s", (_name, checklists) => {
    expect(referenceDataSchema.safeParse({ ...defaultReferenceData, checklists }).success).toBe(false);
  });
});

describe("parseChecklistText (the admin page's lists)", () => {
  it("round-trips the shipped lists, keeping every id and hint", () => {
    for (const list of [defaultChecklists.department, defaultChecklists.school]) {
      expect(parseChecklistText(checklistToText(list), list)).toEqual({ ok: true, items: list });
    }
  });

  it("gives new or reworded items new ids, unique and never ending in a digit", () => {
    const result = parseChecklistText("Fits the mission\n\nSafety abroad 2026!\nSafety abroad 2026?", items);
    expect(result).toEqual({
      ok: true,
      items: [
        { id: "mission", text: "Fits the mission" },
        { id: "safety-abroad", text: "Safety abroad 2026!" },
        { id: "safety-abroad-a", text: "Safety abroad 2026?" },
      ],
    });
    expect(parseChecklistText("1234", [])).toEqual({ ok: true, items: [{ id: "item", text: "1234" }] });
  });

  it.each<[string, string, string]>([
    ["nothing", " \n ", "Enter at least one item"],
    [
      "too many items",
      Array.from({ length: 41 }, (_, index) => `Item ${"abcdefghijklmnopqrstuvwxyz"[index % 26]} ${index}`).join("\n"),
      "Enter no more than 40 items",
    ],
    ["a repeat", "A\nB\nA", "Item 3 repeats item 1"],
  ])("refuses %s", (_name, text, error) => {
    expect(parseChecklistText(text, [])).toEqual({ ok: false, error });
  });
});
