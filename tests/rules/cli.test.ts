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
    expect(Object.keys(decision)).toEqual(["routes", "advice", "signOff", "ruleSetVersion"]);
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
    expect(decision.routes[0]?.reasons[0]?.text).toContain("go to CBELA");
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
