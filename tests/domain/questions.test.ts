// The answer schemas, table by table: what a complete set must look like and what each
// kind of mistake is told.
import { describe, expect, it } from "vitest";
import { answersWith, quietAnswers, quietFunding } from "../fixtures/answers";
import { steps } from "../../src/proposals/form/steps";
import type { QuestionId } from "../../src/domain/questions";
import {
  answersSchema,
  fundingQuestionIds,
  laterQuestionIds,
  questionIds,
  questionSchemas,
} from "../../src/domain/questions";

/** Issues as `path: message`, in order. */
function problems(input: unknown): string[] {
  const result = answersSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
}

const funded = answersWith(quietFunding);

describe("answersSchema: valid answers", () => {
  it.each([
    ["without funding", quietAnswers],
    ["with funding", funded],
    ["with a website", answersWith({ partnerWebsite: "https://www.ut.ee/en" })],
    [
      "with conflicts and details",
      answersWith({ conflictsOfInterest: "unsure", conflictsOfInterestDetails: "Board seat" }),
    ],
    [
      "with other countries and sectors",
      answersWith({ otherCountries: ["FI", "SE"], nsiSectors: ["energy", "transport"] }),
    ],
    ["ending the day it starts", answersWith({ startDate: "2027-03-01", endDate: "2027-03-01" })],
    ["worth nothing", answersWith({ valueGbp: 0 })],
    ["on a leap day", answersWith({ startDate: "2028-02-29", endDate: "2028-03-01" })],
  ])("accepts answers %s, unchanged", (_name, answers) => {
    expect(problems(answers)).toEqual([]);
    expect(answersSchema.parse(answers)).toEqual(answers);
  });

  it("trims text answers", () => {
    expect(answersSchema.parse({ ...quietAnswers, title: "  Workshops  " }).title).toBe("Workshops");
  });

  it.each([
    ["www.example.org", "https://www.example.org"],
    ["  example.ac.uk/research ", "https://example.ac.uk/research"],
    ["localhost:8080", "https://localhost:8080"],
    ["HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"],
  ])("takes the website %j as %j", (typed, kept) => {
    expect(answersSchema.parse({ ...quietAnswers, partnerWebsite: typed }).partnerWebsite).toBe(kept);
  });

  it("treats a blank website as no website", () => {
    const parsed = answersSchema.parse({ ...quietAnswers, partnerWebsite: "  " });
    expect(parsed.partnerWebsite).toBeUndefined();
  });

  it("accepts answers exactly at the length limits", () => {
    const answers = {
      ...funded,
      title: "t".repeat(200),
      summary: "s".repeat(5_000),
      partnerName: "p".repeat(200),
      funderName: "f".repeat(200),
      conflictsOfInterest: "yes",
      conflictsOfInterestDetails: "d".repeat(2_000),
    };
    expect(problems(answers)).toEqual([]);
  });
});

describe("answersSchema: missing answers", () => {
  // Later questions are optional: answers from an earlier form lack them (tested below).
  const required = questionIds.filter(
    (id) =>
      id !== "partnerWebsite" &&
      id !== "conflictsOfInterestDetails" &&
      // Optional: blank when the proposer does not know the owner's name.
      id !== "partnerParentName" &&
      !(laterQuestionIds as readonly string[]).includes(id) &&
      !(fundingQuestionIds as readonly string[]).includes(id),
  );
  const requiredFunding = fundingQuestionIds.filter((id) => id !== "funderRelationship");
  const messages: Partial<Record<QuestionId, string>> = {
    title: "Enter a title",
    summary: "Enter a summary of the collaboration",
    engagementType: "Select the type of engagement",
    department: "Select a department",
    startDate: "Enter the start date",
    endDate: "Enter the end date",
    valueGbp: "Enter the total value in pounds",
    partnerName: "Enter the partner's name",
    partnerCountry: "Select the partner's country",
    relationship: "Select your relationship with the partner",
    hasFunding: "Select yes if the collaboration is funded",
  };

  it.each(required)("%s is required", (id) => {
    const answers = Object.fromEntries(Object.entries(quietAnswers).filter(([key]) => key !== id));
    const found = problems(answers);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${id}: (Enter|Select|Give) `));
    if (messages[id]) expect(found[0]).toBe(`${id}: ${messages[id]}`);
  });

  it.each(requiredFunding)("%s is required when there is funding", (id) => {
    const answers = Object.fromEntries(Object.entries(funded).filter(([key]) => key !== id));
    expect(problems(answers)).toEqual([expect.stringMatching(new RegExp(`^${id}: (Enter|Select) `))]);
  });

  it("reports every missing funder answer at once", () => {
    expect(problems({ ...quietAnswers, hasFunding: "yes" }).map((p) => p.split(":")[0])).toEqual([...requiredFunding]);
  });

  it.each(laterQuestionIds.filter((id) => id !== "partnerParentCountry"))(
    "%s may be missing: answers from an earlier form stay valid",
    (id) => {
      const answers = { ...funded, partnerType: "individual", visitingResearchers: "yes", otherCountries: ["FR"] };
      expect(problems(Object.fromEntries(Object.entries(answers).filter(([key]) => key !== id)))).toEqual([]);
    },
  );

  it("requires the owner's country when the partner is owned or controlled, or may be", () => {
    for (const partnerOwnership of ["part_of_group", "state_owned_or_controlled", "unsure"] as const)
      expect(problems(answersWith({ partnerOwnership }))).toEqual([
        "partnerParentCountry: Select the country of the organisation or state that owns or controls the partner",
      ]);
    expect(problems(answersWith({ partnerOwnership: "independent" }))).toEqual([]);
  });

  it("drops later answers that do not apply, as it drops funder answers without funding", () => {
    const parsed = answersSchema.parse({
      ...quietAnswers,
      relationship: "new",
      existingAgreementReference: "SPO-AGR-1",
      partnerNationalities: ["UA"],
      partnerOwnership: "independent",
      partnerParentCountry: "RU",
      otherParticipantsRelationship: "some_new",
      visitorNationalities: ["CN"],
      funderRelationship: "new",
    });
    for (const id of laterQuestionIds.filter((later) => later !== "partnerOwnership"))
      expect(parsed, id).not.toHaveProperty(id);
    expect(parsed.partnerOwnership).toBe("independent");
  });

  it("requires details of conflicts of interest unless the answer is no", () => {
    expect(problems(answersWith({ conflictsOfInterest: "yes" }))).toEqual([
      "conflictsOfInterestDetails: Give details of the conflicts of interest",
    ]);
    expect(problems(answersWith({ conflictsOfInterest: "unsure" }))).toEqual([
      "conflictsOfInterestDetails: Give details of the conflicts of interest",
    ]);
    expect(problems(answersWith({ conflictsOfInterest: "yes", conflictsOfInterestDetails: "   " }))).toEqual([
      "conflictsOfInterestDetails: Give details of the conflicts of interest",
    ]);
    expect(problems(answersWith({ conflictsOfInterest: "no" }))).toEqual([]);
  });

  it("rejects what is not an object", () => {
    for (const input of [null, [], "answers", 42]) {
      expect(problems(input)).toEqual([": Answers must be an object of question ids and answers"]);
    }
  });

  it("reports every problem at once", () => {
    const found = problems({
      ...quietAnswers,
      title: 5,
      endDate: "2026-01-01",
      conflictsOfInterest: "yes",
      partnerCountry: "XX",
    });
    expect(found).toEqual([
      "title: Enter a title",
      "partnerCountry: Select the partner's country",
      "endDate: End date must be the same as or after the start date",
      "conflictsOfInterestDetails: Give details of the conflicts of interest",
    ]);
  });
});

describe("answersSchema: answers that apply only sometimes", () => {
  it("drops funder answers left behind when there is no funding, without checking them", () => {
    const stale = {
      ...quietAnswers,
      funderName: "Old funder",
      funderType: "not a type",
      funderCountry: "ZZ",
      valuesConflict: 3,
    };
    expect(problems(stale)).toEqual([]);
    const parsed = answersSchema.parse(stale) as Record<string, unknown>;
    for (const id of fundingQuestionIds) expect(id in parsed).toBe(false);
  });

  it("drops conflict details when there are no conflicts", () => {
    const parsed = answersSchema.parse({ ...quietAnswers, conflictsOfInterestDetails: "Old details" });
    expect("conflictsOfInterestDetails" in parsed).toBe(false);
  });

  it("keeps conflict details when there are conflicts", () => {
    const parsed = answersSchema.parse(
      answersWith({ conflictsOfInterest: "yes", conflictsOfInterestDetails: "Board seat" }),
    );
    expect(parsed.conflictsOfInterestDetails).toBe("Board seat");
  });
});

describe("answersSchema: wrong answers", () => {
  it.each<[string, Record<string, unknown>, string]>([
    // too long
    ["a title over 200 characters", { title: "t".repeat(201) }, "title: Title must be 200 characters or fewer"],
    [
      "a summary over 5,000 characters",
      { summary: "s".repeat(5_001) },
      "summary: Summary must be 5,000 characters or fewer",
    ],
    [
      "a partner name over 200 characters",
      { partnerName: "p".repeat(201) },
      "partnerName: Partner's name must be 200 characters or fewer",
    ],
    [
      "a funder name over 200 characters",
      { ...quietFunding, funderName: "f".repeat(201) },
      "funderName: Funder's name must be 200 characters or fewer",
    ],
    [
      "details over 2,000 characters",
      { conflictsOfInterest: "yes", conflictsOfInterestDetails: "d".repeat(2_001) },
      "conflictsOfInterestDetails: Details must be 2,000 characters or fewer",
    ],
    [
      "a website over 2,000 characters",
      { partnerWebsite: `https://example.org/${"a".repeat(2_000)}` },
      "partnerWebsite: Website address must be 2,000 characters or fewer",
    ],
    // blank
    ["a blank title", { title: "   " }, "title: Enter a title"],
    // wrong types
    ["a value as text", { valueGbp: "1000" }, "valueGbp: Enter the total value in pounds"],
    ["a value in pence", { valueGbp: 10.5 }, "valueGbp: Total value must be a whole number of pounds"],
    ["a negative value", { valueGbp: -1 }, "valueGbp: Total value must be 0 or more"],
    ["a value too large to be exact", { valueGbp: 2 ** 53 }, "valueGbp: Total value must be a whole number of pounds"],
    ["other countries as text", { otherCountries: "RU" }, "otherCountries: Select countries from the list"],
    ["sectors as numbers", { nsiSectors: [1] }, "nsiSectors.0: Select sectors from the list"],
    [
      "a yes/no answer as a boolean",
      { travel: true },
      "travel: Select yes if staff or students will travel to the partner's country",
    ],
    ["a title as a number", { title: 42 }, "title: Enter a title"],
    // unknown options
    ["an unknown engagement type", { engagementType: "party" }, "engagementType: Select the type of engagement"],
    ["an unknown partner type", { partnerType: "spy_agency" }, "partnerType: Select the type of partner"],
    ["an unknown relationship", { relationship: "old" }, "relationship: Select your relationship with the partner"],
    ["an unknown exemption", { exemption: "maybe" }, "exemption: Select an exemption, no exemption or not sure"],
    [
      "an unknown IP owner",
      { foregroundIp: "nobody" },
      "foregroundIp: Select who will own the new intellectual property",
    ],
    [
      "unsure for a yes/no question",
      { viaSubsidiary: "unsure" },
      "viaSubsidiary: Select yes if it is run through a wholly owned subsidiary of the University",
    ],
    ["an unknown sector", { nsiSectors: ["ai"] }, "nsiSectors.0: Select sectors from the list"],
    ["an unknown funder type", { ...quietFunding, funderType: "bank" }, "funderType: Select the type of funder"],
    [
      "an unknown funder sector",
      { ...quietFunding, funderSector: "gambling" },
      "funderSector: Select the funder's sector, or none of these",
    ],
    ["funding answered maybe", { hasFunding: "maybe" }, "hasFunding: Select yes if the collaboration is funded"],
    // repeats
    ["a country twice", { otherCountries: ["FR", "FR"] }, "otherCountries: Select each country only once"],
    ["a sector twice", { nsiSectors: ["energy", "energy"] }, "nsiSectors: Select each sector only once"],
    // dates
    [
      "an end before the start",
      { startDate: "2027-06-01", endDate: "2027-05-31" },
      "endDate: End date must be the same as or after the start date",
    ],
    ["a blank date", { startDate: "" }, "startDate: Enter the start date"],
    ["a date that does not exist", { startDate: "2027-02-30" }, "startDate: Start date must be a real date"],
    ["a date not in YYYY-MM-DD form", { endDate: "31/12/2027" }, "endDate: End date must be a real date"],
    ["a date without leading zeros", { startDate: "2027-1-1" }, "startDate: Start date must be a real date"],
    ["a date with a time", { startDate: "2027-01-01T00:00:00Z" }, "startDate: Start date must be a real date"],
    // websites
    [
      "a javascript: website",
      { partnerWebsite: "javascript:alert(1)" },
      "partnerWebsite: Enter a website address starting with http:// or https://, or like www.example.org",
    ],
    [
      "a JavaScript: website in capitals",
      { partnerWebsite: "JavaScript:alert(document.cookie)" },
      "partnerWebsite: Enter a website address starting with http:// or https://, or like www.example.org",
    ],
    [
      "a data: website",
      { partnerWebsite: "data:text/html,<script>alert(1)</script>" },
      "partnerWebsite: Enter a website address starting with http:// or https://, or like www.example.org",
    ],
    [
      "an ftp website",
      { partnerWebsite: "ftp://files.example.org" },
      "partnerWebsite: Enter a website address starting with http:// or https://, or like www.example.org",
    ],
    [
      "a protocol-relative website",
      { partnerWebsite: "//www.example.org" },
      "partnerWebsite: Enter a website address starting with http:// or https://, or like www.example.org",
    ],
    // countries
    ["an unknown country code", { partnerCountry: "XX" }, "partnerCountry: Select the partner's country"],
    ["a lower-case country code", { partnerCountry: "ru" }, "partnerCountry: Select the partner's country"],
    ["an alpha-3 country code", { partnerCountry: "RUS" }, "partnerCountry: Select the partner's country"],
    ["a country name", { partnerCountry: "Russia" }, "partnerCountry: Select the partner's country"],
    ["an unknown other country", { otherCountries: ["FR", "UK"] }, "otherCountries.1: Select countries from the list"],
    [
      "an unknown funder country",
      { ...quietFunding, funderCountry: "EU" },
      "funderCountry: Select the funder's country",
    ],
    // department codes
    ["a department code with a space", { department: "ENG DEPT" }, "department: Select a department from the list"],
    [
      "a department code over 20 characters",
      { department: "D".repeat(21) },
      "department: Select a department from the list",
    ],
    ["a blank department", { department: "" }, "department: Select a department"],
  ])("rejects %s", (_name, changes, expected) => {
    expect(problems({ ...quietAnswers, ...changes })).toEqual([expected]);
  });
});

describe("answersSchema: strict about keys", () => {
  it("rejects a key it does not know", () => {
    expect(problems({ ...quietAnswers, status: "approved" })).toEqual([": Unknown question id: status"]);
  });

  it("names every unknown key", () => {
    expect(problems({ ...quietAnswers, ownerId: "x", version: 3 })).toEqual([
      ": Unknown question ids: ownerId, version",
    ]);
  });

  it("rejects a __proto__ key from JSON and does not pollute anything", () => {
    const input = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(quietAnswers).slice(1)}`) as unknown;
    expect(problems(input)).toEqual([": Unknown question id: __proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("rejects constructor and prototype keys", () => {
    expect(problems({ ...quietAnswers, constructor: "x" })).toEqual([": Unknown question id: constructor"]);
    expect(problems({ ...quietAnswers, prototype: {} })).toEqual([": Unknown question id: prototype"]);
  });
});

describe("questionSchemas: one question at a time", () => {
  it.each<[QuestionId, unknown, boolean]>([
    ["title", "A title", true],
    ["title", "", false],
    ["department", "CHEM", true],
    ["department", "eng_2", true],
    ["department", "ENG;DROP", false],
    ["partnerWebsite", "", true],
    ["partnerWebsite", undefined, true],
    ["partnerWebsite", "http://example.org", true],
    ["partnerWebsite", "https://", false],
    ["otherCountries", [], true],
    ["nsiSectors", [], true],
    ["valueGbp", 0, true],
    ["startDate", "2027-13-01", false],
  ])("%s: %j valid %s", (id, value, valid) => {
    expect(questionSchemas[id].safeParse(value).success).toBe(valid);
  });

  it("has a schema for exactly the questions the form's steps ask", () => {
    const asked = steps.flatMap((step) => step.questions);
    expect([...asked].sort()).toEqual([...questionIds].sort());
    expect(new Set(asked).size).toBe(asked.length);
  });
});
