// The SPO lead (product.md, second edition: "sees everything officers see, plus reports and
// their exports") reads the queue, its export and every case page as officers do, with the
// internal notes, and acts on nothing: no action form on the page, and each action's POST
// refused. Officers keep every action; staff and heads reach none of the officers' pages.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { personNamed, useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";

describe(`the SPO lead reads what officers read (${databaseLabel})`, () => {
  const testApp = useTestApp();
  const as = (username: string) => testApp.as(username);
  let caseId: string;
  let reference: string;

  beforeAll(async () => {
    const submitted = await submittedCase(testApp.services, "ab123", { department: "ENG", partnerCountry: "RU" });
    caseId = submitted.id;
    reference = submitted.reference;
    const officer = await personNamed(testApp.services, "spo01");
    await testApp.services.workflow.addNote(caseId, officer, "Spoke to the partner's legal team.");
  });

  /** What each page gives each person: 200, 403, or the sign-in redirect. */
  const reads: [string, () => string][] = [
    ["the queue", () => "/queue"],
    ["the queue's export", () => "/queue/export.csv"],
    ["the case page", () => `/cases/${caseId}`],
    ["the reports", () => "/reports"],
    ["the annual return", () => "/reports/annual-return.csv"],
  ];
  const readers: [string, number[]][] = [
    ["spl01", [200, 200, 200, 200, 200]],
    ["spo01", [200, 200, 200, 200, 200]],
    ["ab123", [403, 403, 403, 403, 403]],
    ["hod01", [403, 403, 403, 200, 403]],
  ];
  it.each(readers)(
    "%s gets %j for the queue, its export, the case, the reports and the annual return",
    async (username, statuses) => {
      const browser = await as(username);
      const got: number[] = [];
      for (const [, url] of reads) got.push((await browser.agent.get(url())).status);
      expect(got).toEqual(statuses);
    },
  );

  it("shows the lead the queue with the case in it, and the case with its notes but no action", async () => {
    const lead = await as("spl01");
    const queue = await lead.get("/queue?status=open");
    expect(queue.$("table").text()).toContain(reference);
    expect(queue.$('nav[aria-label="Main"] a[href="/queue"]').text()).toBe("SPO queue");
    // The queue has no actions for anyone; only the header's sign-out posts.
    const queueForms = queue
      .$(`form[method="post"]`)
      .toArray()
      .map((form) => queue.$(form).attr("action"));
    expect(queueForms.filter((action) => !action?.startsWith("/sign-out"))).toEqual([]);

    const page = await lead.get(`/cases/${caseId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(reference);
    expect(page.text).toContain("Spoke to the partner&#39;s legal team.");
    // Every form on the page is an action: the lead has none (signing out is in the header).
    const actions = page
      .$(`form[method="post"]`)
      .toArray()
      .map((form) => page.$(form).attr("action"))
      .filter((action) => action?.startsWith("/cases/"));
    expect(actions).toEqual([]);
    expect(page.$("#actions")).toHaveLength(0);

    // The same page for an officer does offer them (so the check above is not vacuous).
    const officerPage = await (await as("spo01")).get(`/cases/${caseId}`);
    expect(officerPage.$(`form[action="/cases/${caseId}/assign"]`)).toHaveLength(1);
  });

  it("lets the lead read the case's files and its screening, with no form to add, replace or judge", async () => {
    const officer = await personNamed(testApp.services, "spo01");
    const bytes = Buffer.from("Minutes of the call with the partner.\n");
    const file = await testApp.services.attachments.add({
      proposalId: caseId,
      user: officer,
      addedAs: "officer",
      file: {
        fileName: "call-notes.txt",
        contentType: "text/plain",
        size: bytes.length,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes,
      },
    });
    const lead = await as("spl01");
    const page = await lead.get(`/cases/${caseId}`);
    expect(page.$("#attachments").length).toBe(1);
    expect(page.$(`a[href="/attachments/${file.id}"]`).length).toBe(1);
    expect(page.$("#screening").text()).toBe("Sanctions screening");

    const download = await lead.agent.get(`/attachments/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.headers["content-disposition"]).toContain("call-notes.txt");
    const files = await lead.get(`/cases/${caseId}/attachments`);
    expect(files.status).toBe(200);
    expect(files.$('input[type="file"]')).toHaveLength(0);
    expect(files.text).not.toContain("Replace");
    // And the page's upload refuses the lead, storing nothing.
    const before = await testApp.services.prisma.attachment.count({ where: { proposalId: caseId } });
    const upload = await lead.agent
      .post(`/cases/${caseId}/attachments`)
      .field("_csrf", String(files.$('input[name="_csrf"]').first().val() ?? ""))
      .attach("file", bytes, "more.txt");
    expect(upload.status).toBe(403);
    expect(await testApp.services.prisma.attachment.count({ where: { proposalId: caseId } })).toBe(before);
  });

  const posts: [string, Record<string, string>][] = [
    ["assign", { assignee: "" }],
    ["request-information", { message: "Please send the agreement." }],
    ["routes/add", { route: "export_control", reason: "Dual use" }],
    ["notes", { body: "A note from the lead" }],
    ["routes/remove", { route: "acbela", reason: "Not needed" }],
    ["decision/check", { outcome: "approved", note: "" }],
    ["decision", { outcome: "approved", note: "" }],
    ["screening", {}],
    ["rules-rerun", {}],
  ];
  it.each(posts)("refuses the lead's POST to %s", async (path, fields) => {
    const lead = await as("spl01");
    await lead.get(`/cases/${caseId}`);
    const version = String(await currentVersion(testApp.services, caseId));
    const response = await lead.post(`/cases/${caseId}/${path}`, { ...fields, version });
    expect(response.status).toBe(403);
    const notes = await testApp.services.prisma.caseNote.count({ where: { proposalId: caseId } });
    expect(notes).toBe(1);
  });
});
