// Country lists: the names people use (China under C, Iran under I) with the ISO name kept,
// marked for the type-ahead (public/js/countryAutocomplete.js) with their other names.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { steps } from "../../src/proposals/form/steps";
import { russianCollaboration } from "./formAnswers";
import { countryList, countryListName, countryName, countrySynonyms } from "../../src/domain/countries";

describe("country names for lists", () => {
  it("lists China under C and Iran under I, each with its ISO name", () => {
    const names = countryList().map((country) => country.name);
    const china = names.indexOf("China (People's Republic of China)");
    expect(china).toBeGreaterThan(names.indexOf("Chile"));
    expect(china).toBeLessThan(names.indexOf("Colombia"));
    expect(names.indexOf("Iran (Islamic Republic of Iran)")).toBeGreaterThan(names.indexOf("Indonesia"));
    expect(names.indexOf("Iran (Islamic Republic of Iran)")).toBeLessThan(names.indexOf("Iraq"));
    expect(countryListName("RU")).toBe("Russia (Russian Federation)");
    expect(countryListName("FR")).toBe("France");
    // Pages and the rules still name countries by their ISO name.
    expect(countryName("CN")).toBe("People's Republic of China");
    expect(new Set(countryList().map((country) => country.code)).size).toBe(countryList().length);
    for (const code of Object.keys(countrySynonyms)) expect(countryList().some((c) => c.code === code)).toBe(true);
  });
});

describe(`the proposal form's country selects (${databaseLabel})`, () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it("marks every country select for the type-ahead, with synonyms, over a plain select", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const started = await browser.post("/proposals", { title: "A new proposal", summary: "Its summary." });
    const id = /\/proposals\/([0-9a-f-]{36})\//.exec(started.location ?? "")![1]!;
    // The form does not skip ahead: answer the pages before the countries page first.
    for (const step of steps) {
      if (step.slug === "countries") break;
      const fields = russianCollaboration[step.slug];
      if (fields) expect((await browser.post(`/proposals/${id}/${step.slug}`, fields)).status).toBe(303);
    }
    const page = await browser.get(`/proposals/${id}/countries`);
    expect(page.status).toBe(200);
    const selects = page.$("select");
    expect(selects.length).toBeGreaterThan(0);
    selects.each((_, select) => {
      expect(page.$(select).attr("data-module")).toBe("app-country-autocomplete");
      const synonyms = JSON.parse(page.$(select).attr("data-synonyms")!) as Record<string, string[]>;
      expect(synonyms.GB).toContain("UK");
    });
    const options = page.$("select").first().find("option");
    const china = options.filter((_, option) => page.$(option).attr("value") === "CN");
    expect(china.text()).toBe("China (People's Republic of China)");
  });
});
