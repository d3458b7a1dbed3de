// The reports through the real app on a real database: who sees what (heads their own
// unit only), the filters carried in the URL, the charts' SVG and the tables beneath them
// agreeing, and the CSV exports.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";
import { personNamed } from "../helpers/testApp";

describe(`reports (${databaseLabel})`, () => {
  let testApp: TestApp;
  const browsers = new Map<string, Browser>();
  const as = async (username: string) => {
    let browser = browsers.get(username);
    if (!browser) browsers.set(username, (browser = await signInAs(testApp.app, username)));
    return browser;
  };

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    const officer = await personNamed(services, "spo01");
    // Engineering (Technology): two cases, one decided. Chemistry (Physical Sciences): one, withdrawn.
    // Computer Science (Technology): one, open.
    const decided = await submittedCase(services, "ab123", {
      department: "ENG",
      partnerCountry: "DE",
      relationship: "existing_with_agreement",
    });
    await submittedCase(services, "ab123", { department: "ENG", partnerCountry: "RU", relationship: "new" });
    const withdrawn = await submittedCase(services, "cd456", { department: "CHEM", partnerCountry: "US" });
    await submittedCase(services, "cd456", { department: "CST", partnerCountry: "US" });
    await completeSignOffs(services, decided.id);
    await services.prisma.caseTask.updateMany({
      where: { proposalId: decided.id, state: "open" },
      data: { state: "done", outcome: "cleared", completedAt: new Date() },
    });
    await services.workflow.decide(decided.id, await currentVersion(services, decided.id), officer, "approved", "Fine");
    const proposer = await personNamed(services, "cd456");
    await services.workflow.withdraw(withdrawn.id, await currentVersion(services, withdrawn.id), proposer);
  });
  afterAll(() => testApp.close());

  it("shows an officer every unit's figures, each chart with its title, description and table", async () => {
    const page = await (await as("spo01")).get("/reports");
    expect(page.status).toBe(200);
    console.log(page.text.slice(page.text.indexOf("<main"), page.text.indexOf("<main") + 3000));
  });
});
