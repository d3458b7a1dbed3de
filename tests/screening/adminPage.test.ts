// Administration > Sanctions lists: upload (multipart, with the CSRF token in the form),
// held versions confirmed or rejected, errors shown in the GOV.UK pattern.
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";

const csv = readFileSync(path.join(import.meta.dirname, "fixtures", "uk-sanctions-list.csv"));

async function upload(browser: Browser, fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  let request = browser.agent.post("/admin/screening/upload");
  for (const [name, value] of Object.entries(fields)) request = request.field(name, value);
  if (file) request = request.attach("file", file.bytes, file.name);
  return request;
}

describe(`admin: sanctions lists (${databaseLabel})`, () => {
  let testApp: TestApp;
  let admin: Browser;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { SCREENING_UPLOAD_MAX_MB: "1" } });
    admin = await signInAs(testApp.app, "adm01");
  });
  afterAll(() => testApp.close());

  it("lists no versions at first, says where to download each list, and that OpenSanctions needs a licence", async () => {
    const page = await admin.get("/admin/screening");
    expect(page.status).toBe(200);
    expect(page.$("h1").text()).toBe("Sanctions lists");
    expect(page.$("table").text()).toContain("No list has been imported yet.");
    expect(page.text).toContain("gov.uk/government/publications/the-uk-sanctions-list");
    expect(page.$(".govuk-warning-text").text()).toContain("not free for institutional use");
    expect(page.$('form[enctype="multipart/form-data"] input[name="_csrf"]').val()).toBeTruthy();
  });

  it("refuses an upload without the form's CSRF token", async () => {
    const response = await upload(admin, { source: "uk-sanctions-list" }, { name: "list.csv", bytes: csv });
    expect(response.status).toBe(403);
    expect(await testApp.services.prisma.screeningListVersion.count()).toBe(0);
  });

  it("shows what is wrong, keeping the chosen list: no file, a file that is not the list, a file too large", async () => {
    await admin.get("/admin/screening");
    const token = admin.token!;
    const noFile = await upload(admin, { _csrf: token, source: "us-csl" });
    expect(noFile.status).toBe(400);
    expect(noFile.text).toContain("Error: Sanctions lists");
    expect(noFile.text).toContain('href="#file"');
    expect(noFile.text).toContain("Select the list file");
    expect(noFile.text).toMatch(/value="us-csl"\s+checked/);

    const notTheList = await upload(
      admin,
      { _csrf: token, source: "uk-sanctions-list" },
      { name: "x.csv", bytes: Buffer.from("a,b\n1,2\n") },
    );
    expect(notTheList.status).toBe(400);
    expect(notTheList.text).toContain("This is not the UK Sanctions List CSV");

    const big = await upload(
      admin,
      { _csrf: token, source: "uk-sanctions-list" },
      { name: "big.csv", bytes: Buffer.alloc(1_200_000, 65) },
    );
    expect(big.status).toBe(400);
    expect(big.text).toContain("The file must be smaller than 1 MB");

    const noSource = await upload(admin, { _csrf: token }, { name: "list.csv", bytes: csv });
    expect(noSource.status).toBe(400);
    expect(noSource.text).toContain("Select which list the file is");
    expect(await testApp.services.prisma.screeningListVersion.count()).toBe(0);
  });

  it("imports a file as a held version, which an admin confirms; then it is in use", async () => {
    await admin.get("/admin/screening");
    const response = await upload(
      admin,
      { _csrf: admin.token!, source: "uk-sanctions-list" },
      { name: "list.csv", bytes: csv },
    );
    expect(response.status).toBe(303);
    const versionUrl = response.headers.location as string;
    expect(versionUrl).toMatch(/^\/admin\/screening\/versions\/[0-9a-f-]{36}$/);

    const held = await admin.get(versionUrl);
    expect(held.$("h1").text()).toBe("Version 1");
    expect(held.$(".govuk-warning-text").text()).toContain("Held, not in use");
    expect(held.text).toContain("7: 2 people, 4 organisations, 1 ships, 0 other");

    const confirmed = await admin.post(`${versionUrl}/accept`);
    expect(confirmed.status).toBe(200);
    expect(confirmed.$(".govuk-notification-banner").text()).toContain("UK Sanctions List version 1 is in use");
    expect(confirmed.$("table").text()).toContain("In use");
    // Re-screening the cases is left to the background worker; the page says how far it has got.
    expect(confirmed.$(".govuk-notification-banner").text()).toContain("in the background");
    expect(confirmed.$("#rescreens").text()).toContain(
      "UK Sanctions List version 1: re-screening against its 7 new and changed entries is waiting to start.",
    );
    expect(confirmed.text).toContain("Refresh this page");
    expect(await testApp.services.screening.rescreens.runPending()).toBe(1);
    const finished = await admin.get("/admin/screening");
    expect(finished.$("#rescreens").text()).toMatch(
      /UK Sanctions List version 1: re-screened \d+ open and approved cases against its 7 new and changed entries: 0 new hits on 0 cases\. Finished \d{1,2} [A-Z][a-z]+ \d{4} at \d{2}:\d{2}\./,
    );
    expect(finished.text).not.toContain("Refresh this page");

    const again = await admin.post(`${versionUrl}/accept`);
    expect(again.status).toBe(409);
    expect(again.text).toContain("is not held");
  });

  it("is for admins only", async () => {
    const officer = await signInAs(testApp.app, "spo01");
    expect((await officer.get("/admin/screening")).status).toBe(403);
    await officer.get("/");
    const response = await upload(
      officer,
      { _csrf: officer.token!, source: "uk-sanctions-list" },
      { name: "l.csv", bytes: csv },
    );
    expect(response.status).toBe(403);
  });

  it("answers 404 for a version that does not exist", async () => {
    expect((await admin.get("/admin/screening/versions/00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await admin.get("/admin/screening/versions/not-a-uuid")).status).toBe(404);
  });
});
