// The triage command, run as officers run it: a child process on real files.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { defaultReferenceData } from "../../src/reference/defaults";
import type { Decision } from "../../src/rules";

const root = fileURLToPath(new URL("../..", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "triage-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function triage(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "src/commands/triage.ts", ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function scratchFile(name: string, content: string): string {
  const path = join(scratch, name);
  writeFileSync(path, content);
  return path;
}

const example = (name: string) => join("docs", "examples", `${name}.json`);
const rules = (decision: Decision, route: string) =>
  decision.routes.find((r) => r.route === route)?.reasons.map((reason) => reason.rule) ?? [];

describe("npm run triage", () => {
  it("routes a new Russian partner to ACBELA, mandatory", async () => {
    const { code, stdout, stderr } = await triage(example("russia-partner"));
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(Object.keys(decision)).toEqual([
      "stops",
      "routes",
      "advice",
      "signOff",
      "flags",
      "notAsked",
      "ruleSetVersion",
    ]);
    expect(decision.routes[0]).toMatchObject({ route: "acbela", mandatory: true });
    expect(rules(decision, "acbela")).toContain("acbela.fsu_partner_country");
    expect(decision.ruleSetVersion).toMatch(/\+ref\.1$/);
  });

  it("does not apply the FSU rule to an Estonian partner", async () => {
    const { code, stdout } = await triage(example("estonia-partner"));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.routes.map((route) => route.route)).toEqual(["due_diligence"]);
    expect(stdout).not.toContain("acbela.fsu_");
  });

  it("routes a military end user in India to export control", async () => {
    const { code, stdout } = await triage(example("india-military"));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.routes.find((route) => route.route === "export_control")?.mandatory).toBe(true);
    expect(rules(decision, "export_control")).toEqual(
      expect.arrayContaining(["export_control.military_partner", "export_control.military_use"]),
    );
    expect(decision.signOff.school).toBe(true);
  });

  it("gives no route for the quiet example", async () => {
    const { code, stdout } = await triage(example("no-route"));
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as Decision).routes).toEqual([]);
  });

  it("uses a reference data file when given one", async () => {
    const reference = scratchFile(
      "reference.json",
      JSON.stringify({ ...defaultReferenceData, version: 9, committeeName: "CBELA" }),
    );
    const { code, stdout } = await triage(example("russia-partner"), "--reference", reference);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.ruleSetVersion).toMatch(/\+ref\.9$/);
    expect(decision.routes[0]?.reasons[0]?.text).toContain("go to CBELA (formerly ACBELA)");
  });

  it("decides answers from an earlier form, listing the questions not asked and the defaults used", async () => {
    const { code, stdout } = await triage(example("russia-partner"));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.notAsked).toEqual([
      { question: "partnerOwnership", assumed: "independent" },
      { question: "visitorNationalities", assumed: "the partner's country" },
    ]);
  });

  it.each([
    ["belarus-funder-german-partnership", "acbela.fsu_funder_country", true],
    ["ukrainian-scholar-in-uk", "acbela.fsu_partner_nationality", true],
    ["uk-subsidiary-french-state", "acbela.state_partner", false],
  ])("routes the %s example to the committee (%s, mandatory %s)", async (name, rule, mandatory) => {
    const { code, stdout } = await triage(example(name));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.routes[0]).toMatchObject({ route: "acbela", mandatory });
    expect(rules(decision, "acbela")).toEqual([rule]);
    expect(decision.notAsked).toEqual([]);
  });

  it("routes know-how sent to a new Hong Kong university to export control", async () => {
    const { code, stdout } = await triage(example("hong-kong-university-know-how"));
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(rules(decision, "export_control")).toEqual([
      "export_control.transfer_embargoed",
      "export_control.transfer_nsi_no_exemption",
    ]);
    expect(rules(decision, "acbela")).toEqual([]);
  });

  it("refuses a department that does not exist, as the form does", async () => {
    const answers = JSON.parse(readFileSync(join(root, example("no-route")), "utf8")) as Record<string, unknown>;
    const { code, stdout, stderr } = await triage(
      scratchFile("dept.json", JSON.stringify({ ...answers, department: "NOPE" })),
    );
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("department: Select a department from the list");
    const list = scratchFile("departments.json", JSON.stringify(["NOPE"]));
    expect(
      (
        await triage(
          scratchFile("dept2.json", JSON.stringify({ ...answers, department: "NOPE" })),
          "--departments",
          list,
        )
      ).code,
    ).toBe(0);
  });

  it("flags a UK public funder outside the UK, and takes a website without a scheme", async () => {
    const answers = JSON.parse(readFileSync(join(root, example("no-route")), "utf8")) as Record<string, unknown>;
    const file = scratchFile(
      "uk-public-russia.json",
      JSON.stringify({
        ...answers,
        partnerWebsite: "www.example.org",
        hasFunding: "yes",
        funderName: "A council",
        funderType: "uk_public",
        funderRelationship: "existing_with_agreement",
        funderCountry: "RU",
        funderSector: "none_of_these",
        useRestrictions: "no",
        valuesConflict: "no",
      }),
    );
    const { code, stdout } = await triage(file);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(decision.flags.map((flag) => flag.id)).toEqual(["flag.uk_funder_outside_uk"]);
    expect(decision.flags[0]?.text).toContain("(Russian Federation)");
  });

  it("stops tobacco funding, first", async () => {
    const answers = JSON.parse(readFileSync(join(root, example("no-route")), "utf8")) as Record<string, unknown>;
    const file = scratchFile(
      "tobacco.json",
      JSON.stringify({
        ...answers,
        hasFunding: "yes",
        funderName: "A tobacco company",
        funderType: "company",
        funderRelationship: "new",
        funderCountry: "US",
        funderSector: "tobacco",
        useRestrictions: "no",
        valuesConflict: "no",
      }),
    );
    const { code, stdout } = await triage(file);
    expect(code).toBe(0);
    const decision = JSON.parse(stdout) as Decision;
    expect(Object.keys(decision)[0]).toBe("stops");
    expect(decision.stops).toEqual([
      expect.objectContaining({ id: "stop.tobacco_funding", source: expect.stringContaining("tobacco") as string }),
    ]);
  });

  it("exits 2 with one line per problem for invalid answers", async () => {
    const answers = JSON.parse(readFileSync(join(root, example("no-route")), "utf8")) as Record<string, unknown>;
    const invalid = scratchFile(
      "invalid.json",
      JSON.stringify({ ...answers, title: "", partnerCountry: "XX", surprise: true }),
    );
    const { code, stdout, stderr } = await triage(invalid);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("title: Enter a title");
    expect(stderr).toContain("partnerCountry: Select the partner's country");
    expect(stderr).toContain("(answers): Unknown question id: surprise");
  });

  it("exits 2 for a file that is not JSON", async () => {
    const { code, stderr } = await triage(scratchFile("broken.json", "{ not json"));
    expect(code).toBe(2);
    expect(stderr).toContain("is not valid JSON");
  });

  it("exits 2 for a file that cannot be read", async () => {
    const { code, stderr } = await triage(join(scratch, "missing.json"));
    expect(code).toBe(2);
    expect(stderr).toContain("Cannot read the answers file");
  });

  it("exits 2 with usage when no file is named", async () => {
    const { code, stderr } = await triage();
    expect(code).toBe(2);
    expect(stderr).toContain("Usage: npm run triage -- answers.json");
  });

  it("exits 2 for invalid reference data", async () => {
    const reference = scratchFile(
      "bad-reference.json",
      JSON.stringify({ ...defaultReferenceData, thresholds: { acbelaThresholdGbp: -1, schoolThresholdGbp: 1 } }),
    );
    const { code, stderr } = await triage(example("no-route"), "--reference", reference);
    expect(code).toBe(2);
    expect(stderr).toContain("thresholds.acbelaThresholdGbp");
  });
});
