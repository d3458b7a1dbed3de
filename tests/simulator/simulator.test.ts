// The rules simulator over real submitted cases: the published reference changes nothing,
// taking Hong Kong out of the country restrictions changes exactly the cases that relied
// on it, and the scopes (date range, open only, limit) pick the cases they say.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import type { ReferenceData } from "../../src/reference/defaults";
import type { Prisma } from "../../src/generated/prisma/client";
import type { CaseChange } from "../../src/simulator/simulatorService";
import { writeChangesCsv } from "../../src/simulator/csv";

let testApp: TestApp;
const cases: Record<string, { id: string; reference: string }> = {};
let withoutHongKong: ReferenceData;

async function run(candidate: ReferenceData, scope = {}) {
  const changes: CaseChange[] = [];
  const summary = await testApp.services.simulator.simulate(candidate, scope, {
    batchSize: 2,
    onChange: (change) => {
      changes.push(change);
    },
  });
  return { summary, changes, references: changes.map((change) => change.reference).sort() };
}

beforeAll(async () => {
  testApp = await startTestApp();
  const { services } = testApp;
  const make = async (name: string, answers: Record<string, unknown>) => {
    cases[name] = await submittedCase(services, "ab123", answers);
  };
  // Hong Kong the only trigger: due diligence goes with it.
  await make("hongKongPartner", { partnerCountry: "HK" });
  await make("hongKongParticipant", { otherCountries: ["HK"] });
  // Hong Kong and another trigger for the same route: the route stays.
  await make("hongKongNewPartner", { partnerCountry: "HK", relationship: "new" });
  // Hong Kong behind two routes: both go.
  await make("hongKongTransfer", { partnerCountry: "HK", transferAbroad: "yes" });
  // Other countries: untouched.
  await make("russia", { partnerCountry: "RU", relationship: "new" });
  await make("china", { partnerCountry: "CN" });
  await make("france", {});
  const current = await services.reference.current();
  // A draft as the reference editor stores it: the next version number, the data changed.
  const { version: _version, ...data } = current;
  await services.prisma.referenceDataVersion.create({
    data: {
      version: current.version + 1,
      note: "Hong Kong out of the restrictions (test)",
      data: JSON.parse(
        JSON.stringify({
          ...data,
          countryRestrictions: current.countryRestrictions.filter((entry) => entry.country !== "HK"),
        }),
      ) as Prisma.InputJsonObject,
    },
  });
  withoutHongKong = (await services.simulator.candidate(current.version + 1))!;
}, 60_000);
afterAll(() => testApp.close());

describe(`the rules simulator (${databaseLabel})`, () => {
  it("finds nothing changed with the version the cases were decided on", async () => {
    const published = (await testApp.services.simulator.candidate(1))!;
    const { summary, changes } = await run(published);
    expect(summary.cases).toBe(7);
    expect(summary.changed).toBe(0);
    expect(changes).toEqual([]);
    for (const counts of Object.values(summary.byRoute)) expect(counts.before).toBe(counts.after);
  });

  it("changes exactly the cases that relied on Hong Kong's restrictions", async () => {
    const { summary, changes, references } = await run(withoutHongKong);
    expect(summary.cases).toBe(7);
    expect(summary.changed).toBe(3);
    expect(references).toEqual(
      [cases.hongKongPartner, cases.hongKongParticipant, cases.hongKongTransfer].map((c) => c!.reference).sort(),
    );
    const partner = changes.find((change) => change.reference === cases.hongKongPartner!.reference)!;
    expect(partner.before.routes).toEqual([{ route: "due_diligence", mandatory: true }]);
    expect(partner.after.routes).toEqual([]);
    expect(partner.reasonsRemoved.map((reason) => reason.rule)).toEqual(["due_diligence.sanctioned_country"]);
    expect(partner.reasonsRemoved[0]!.text).toContain("Hong Kong");
    expect(partner.reasonsAdded).toEqual([]);
    const transfer = changes.find((change) => change.reference === cases.hongKongTransfer!.reference)!;
    expect(transfer.before.routes.map((route) => route.route)).toEqual(["export_control", "due_diligence"]);
    expect(transfer.after.routes).toEqual([]);
    expect(transfer.reasonsRemoved.map((reason) => reason.rule).sort()).toEqual([
      "due_diligence.sanctioned_country",
      "export_control.transfer_embargoed",
      "sign_off.school.export_control_route",
    ]);
    expect([transfer.before.signOff, transfer.after.signOff]).toEqual(["school", "department"]);
    // Counts per route: the Hong Kong cases leave due diligence and export control.
    expect(summary.byRoute.due_diligence.before - summary.byRoute.due_diligence.after).toBe(3);
    expect(summary.byRoute.export_control).toEqual({ before: 1, after: 0 });
    expect(summary.byRoute.none.after - summary.byRoute.none.before).toBe(3);
  });

  it("replays only the cases first submitted in the date range", async () => {
    const { prisma } = testApp.services;
    const day = (name: string, date: string) =>
      prisma.proposal.update({ where: { id: cases[name]!.id }, data: { submittedAt: new Date(date) } });
    await day("hongKongPartner", "2026-03-01T09:00:00Z");
    await day("hongKongParticipant", "2026-03-31T23:30:00Z");
    await day("hongKongTransfer", "2026-04-01T00:00:00Z");
    await day("france", "2026-03-15T12:00:00Z");
    const march = await run(withoutHongKong, { since: "2026-03-01", until: "2026-03-31" });
    expect(march.summary.cases).toBe(3);
    expect(march.references).toEqual(
      [cases.hongKongPartner, cases.hongKongParticipant].map((c) => c!.reference).sort(),
    );
    const fromApril = await run(withoutHongKong, { since: "2026-04-01" });
    expect(fromApril.references).toEqual([cases.hongKongTransfer!.reference]);
    expect(fromApril.summary.cases).toBe(4); // the transfer and the three cases submitted today
  });

  it("replays only open cases when asked, and stops at the limit", async () => {
    const { prisma } = testApp.services;
    await prisma.proposal.update({ where: { id: cases.hongKongPartner!.id }, data: { status: "DECIDED" } });
    await prisma.proposal.update({ where: { id: cases.russia!.id }, data: { status: "WITHDRAWN" } });
    const open = await run(withoutHongKong, { openOnly: true });
    expect(open.summary.cases).toBe(5);
    expect(open.references).toEqual(
      [cases.hongKongParticipant, cases.hongKongTransfer].map((c) => c!.reference).sort(),
    );
    const limited = await run(withoutHongKong, { limit: 3 });
    expect(limited.summary.cases).toBe(3);
  });

  it("writes every change to the CSV, one row per case, reasons added and removed", async () => {
    const { changes } = await run(withoutHongKong);
    const chunks: string[] = [];
    await writeChangesCsv(changes, (chunk) => {
      chunks.push(chunk);
    });
    const rows: Record<string, string>[] = parse(chunks.join("").replace(/^\uFEFF/, ""), { columns: true });
    expect(rows.map((row) => row.Reference).sort()).toEqual(changes.map((change) => change.reference).sort());
    const partner = rows.find((row) => row.Reference === cases.hongKongPartner!.reference)!;
    expect(partner.Before).toContain("due diligence (mandatory)");
    expect(partner.After).toContain("no review route");
    expect(partner["Reasons removed"]).toContain("due_diligence.sanctioned_country: UK restrictions apply");
    expect(partner["Reasons added"]).toBe("");
  });
});
