// Attachments through the real app on a real database: what is taken (by content, within
// the size limit), under which name, how it is served, who may fetch it, and that nothing
// submitted is ever deleted.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import * as cheerio from "cheerio";
import request from "supertest";
import { useTestApp, type Browser } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";
import { answersWith } from "../fixtures/answers";

const maxBytes = 4_000;

/** A small, real PDF (what file-type finds as application/pdf). */
function pdf(text = "hello"): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
  );
}
const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>\n");
const sha = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** Posts a multipart form as a browser would: the page's CSRF token first, then the file. */
async function upload(
  browser: Browser,
  url: string,
  file: { name: string; bytes: Buffer } | null,
  options: { csrf?: string | null; fields?: Record<string, string>; secondFile?: boolean } = {},
) {
  const page = await browser.get(url);
  const token = options.csrf === undefined ? page.$('input[name="_csrf"]').first().val() : options.csrf;
  let post = browser.agent.post(url);
  if (typeof token === "string") post = post.field("_csrf", token);
  for (const [name, value] of Object.entries(options.fields ?? {})) post = post.field(name, value);
  if (file) post = post.attach("file", file.bytes, file.name);
  if (options.secondFile) post = post.attach("file", pdf("second"), "second.pdf");
  const response = await post;
  const text = response.text as string | undefined;
  return {
    status: response.status,
    location: response.headers.location,
    $: cheerio.load(text ?? ""),
  };
}

describe(`attachments (${databaseLabel})`, () => {
  const testApp = useTestApp({ config: { ATTACHMENT_MAX_BYTES: String(maxBytes) } });

  async function draftOf(username: string) {
    const owner = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username } });
    const draft = await testApp.services.proposals.createDraft(owner.id);
    await testApp.services.proposals.saveAnswers(draft.id, owner.id, { ...answersWith({}) });
    return draft.id;
  }
  const stored = (proposalId: string) =>
    testApp.services.prisma.attachment.findMany({ where: { proposalId }, orderBy: { uploadedAt: "asc" } });

  it("keeps a real PDF with its SHA-256, audits it, and lists it with type, size, who, when and a short hash", async () => {
    const id = await draftOf("ab123");
    const proposer = await testApp.as("ab123");
    const bytes = pdf();
    const response = await upload(proposer, `/proposals/${id}/attachments`, { name: "letter.pdf", bytes });
    expect(response.status).toBe(303);
    const [row] = await stored(id);
    expect(row).toMatchObject({ fileName: "letter.pdf", contentType: "application/pdf", size: bytes.length });
    expect(row!.sha256).toBe(sha(bytes));
    expect(Buffer.from(row!.content).equals(bytes)).toBe(true);
    const audit = await testApp.services.prisma.auditEntry.findFirstOrThrow({
      where: { entityId: id, action: "attachment.added" },
    });
    expect(audit.details).toMatchObject({ attachmentId: row!.id, sha256: sha(bytes), fileName: "letter.pdf" });

    const page = await proposer.follow(response as never);
    expect(page.$(".govuk-notification-banner--success").text()).toContain("The file has been added");
    const item = page.$(`#attachment-${row!.id}`);
    expect(item.find("a").first().attr("href")).toBe(`/attachments/${row!.id}`);
    expect(item.text()).toContain("PDF");
    expect(item.text()).toContain(`${bytes.length} bytes`);
    expect(item.text()).toContain("Alex Brown");
    expect(item.find("code").text()).toBe(`${sha(bytes).slice(0, 8)}…${sha(bytes).slice(-4)}`);
    // And on the proposal's own page.
    const view = await proposer.get(`/proposals/${id}`);
    expect(view.$(`#attachment-${row!.id}`).text()).toContain("letter.pdf");
  });

  it("refuses a file one byte over the limit with a clear message and keeps nothing; takes one at the limit", async () => {
    const id = await draftOf("ab123");
    const proposer = await testApp.as("ab123");
    const over = await upload(proposer, `/proposals/${id}/attachments`, {
      name: "big.txt",
      bytes: Buffer.alloc(maxBytes + 1, "a"),
    });
    expect(over.status).toBe(413);
    expect(over.$(".govuk-error-summary").text()).toContain("The selected file must be 4 KB or smaller");
    expect(over.$("title").text()).toMatch(/^Error: /);
    expect(await stored(id)).toHaveLength(0);

    const at = await upload(proposer, `/proposals/${id}/attachments`, {
      name: "big.txt",
      bytes: Buffer.alloc(maxBytes, "a"),
    });
    expect(at.status).toBe(303);
    expect((await stored(id)).map((row) => [row.fileName, row.size, row.contentType])).toEqual([
      ["big.txt", maxBytes, "text/plain; charset=utf-8"],
    ]);
  });

  it("judges the type by content: a .pdf-named HTML file, text with a NUL or under an .html name, an executable are refused", async () => {
    const id = await draftOf("ab123");
    const proposer = await testApp.as("ab123");
    for (const file of [
      { name: "report.pdf", bytes: html },
      { name: "notes.txt", bytes: Buffer.from("abc\u0000def") },
      { name: "notes.txt", bytes: Buffer.from([0xc3, 0x28, 0x41]) },
      { name: "page.html", bytes: Buffer.from("just words") },
      { name: "tool.exe", bytes: Buffer.from("MZ\u0090\u0000\u0003\u0000\u0000\u0000") },
    ]) {
      const response = await upload(proposer, `/proposals/${id}/attachments`, file);
      expect(response.status, file.name).toBe(400);
      expect(response.$("#file-error").text()).toContain("must be a PDF, Word, Excel, PNG, JPEG, GIF or plain text");
    }
    expect(await stored(id)).toHaveLength(0);
  });

  it("strips folders from a name: ../../x.html is kept as x.html with its real type's ending, and HTML content is still refused", async () => {
    const id = await draftOf("ab123");
    const proposer = await testApp.as("ab123");
    const refused = await upload(proposer, `/proposals/${id}/attachments`, { name: "../../x.html", bytes: html });
    expect(refused.status).toBe(400);
    const kept = await upload(proposer, `/proposals/${id}/attachments`, { name: "..\\..\\x.html", bytes: pdf() });
    expect(kept.status).toBe(303);
    const [row] = await stored(id);
    expect(row!.fileName).toBe("x.html.pdf");
    const download = await proposer.agent.get(`/attachments/${row!.id}`);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="x.html.pdf"; filename*=UTF-8''x.html.pdf`,
    );
  });

  it("serves every file as a download with nosniff, and anything not of a known type as application/octet-stream", async () => {
    const id = await draftOf("ab123");
    const owner = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    // No upload path stores HTML; a row written some other way is still never served as HTML.
    const row = await testApp.services.prisma.attachment.create({
      data: {
        proposalId: id,
        fileName: 'évil "x".html',
        contentType: "application/x-unknown",
        size: html.length,
        sha256: sha(html),
        content: new Uint8Array(html),
        uploadedById: owner.id,
        addedAs: "proposer",
      },
    });
    const proposer = await testApp.as("ab123");
    const download = await proposer.agent.get(`/attachments/${row.id}`).buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/octet-stream");
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="_vil _x_.html"; filename*=UTF-8''%C3%A9vil%20%22x%22.html`,
    );
    expect(Buffer.from(download.body as Buffer).equals(html)).toBe(true);
    // And the database refuses to hold a file typed as HTML at all.
    await expect(
      testApp.services.prisma.attachment.create({
        data: { ...row, id: undefined, contentType: "text/html", content: new Uint8Array(html) },
      }),
    ).rejects.toThrow();
  });

  it("needs the form token before the file: without it, or with a wrong one, 403 and nothing kept; one file per request", async () => {
    const id = await draftOf("ab123");
    const proposer = await testApp.as("ab123");
    const missing = await upload(
      proposer,
      `/proposals/${id}/attachments`,
      { name: "a.pdf", bytes: pdf() },
      { csrf: null },
    );
    expect(missing.status).toBe(403);
    const wrong = await upload(
      proposer,
      `/proposals/${id}/attachments`,
      { name: "a.pdf", bytes: pdf() },
      { csrf: "x" },
    );
    expect(wrong.status).toBe(403);
    const two = await upload(
      proposer,
      `/proposals/${id}/attachments`,
      { name: "a.pdf", bytes: pdf() },
      { secondFile: true },
    );
    expect(two.status).toBe(400);
    const none = await upload(proposer, `/proposals/${id}/attachments`, null);
    expect(none.status).toBe(400);
    expect(none.$("#file-error").text()).toContain("Select a file");
    expect(await stored(id)).toHaveLength(0);
  });

  it("lets the proposer remove a draft's file, but never once submitted: a replacement supersedes it, still downloadable", async () => {
    const id = await draftOf("ab123");
    const proposer = await testApp.as("ab123");
    await upload(proposer, `/proposals/${id}/attachments`, { name: "one.pdf", bytes: pdf("one") });
    await upload(proposer, `/proposals/${id}/attachments`, { name: "two.pdf", bytes: pdf("two") });
    const [one, two] = await stored(id);
    const page = await proposer.get(`/proposals/${id}/attachments`);
    const removed = await proposer.post(`/proposals/${id}/attachments/${one!.id}/remove`);
    expect(removed.status).toBe(303);
    expect((await stored(id)).map((row) => row.fileName)).toEqual(["two.pdf"]);
    expect(page.status).toBe(200);

    const owner = await testApp.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const submitted = await testApp.services.submissions.submit(id, owner.id);
    expect(submitted.outcome).toBe("submitted");
    const refused = await proposer.post(`/proposals/${id}/attachments/${two!.id}/remove`);
    expect(refused.status).toBe(409);
    expect(refused.$(".govuk-error-summary").text()).toContain("Files are kept once a proposal has been submitted");
    await expect(testApp.services.prisma.attachment.delete({ where: { id: two!.id } })).rejects.toThrow();

    // The SPO asks for more; the proposer replaces the file.
    const officer = await testApp.person("spo01");
    await testApp.services.workflow.requestInformation(
      id,
      await currentVersion(testApp.services, id),
      officer,
      "Send the signed letter",
    );
    const replacing = await proposer.get(`/proposals/${id}/attachments?replace=${two!.id}`);
    expect(replacing.$("h2#add").text()).toBe("Replace two.pdf");
    const replaced = await upload(
      proposer,
      `/proposals/${id}/attachments`,
      { name: "two-signed.pdf", bytes: pdf("signed") },
      { fields: { replaces: two!.id } },
    );
    expect(replaced.status).toBe(303);
    const rows = await stored(id);
    expect(rows.map((row) => row.fileName)).toEqual(["two.pdf", "two-signed.pdf"]);
    expect(rows[0]!.supersededById).toBe(rows[1]!.id);
    const list = await proposer.get(`/proposals/${id}/attachments`);
    const old = list.$(`#attachment-${two!.id}`);
    expect(old.find(".govuk-tag").text()).toContain("Replaced");
    expect(old.text()).toContain("Replaced by two-signed.pdf");
    expect(old.text()).not.toContain("Remove");
    expect((await proposer.agent.get(`/attachments/${two!.id}`)).status).toBe(200);
    // A replaced file is not replaced twice.
    const again = await upload(
      proposer,
      `/proposals/${id}/attachments`,
      { name: "three.pdf", bytes: pdf("three") },
      { fields: { replaces: two!.id } },
    );
    expect(again.status).toBe(409);
    expect((await stored(id)).length).toBe(2);
  });

  it("lets those who may see the case fetch a file, and nobody else; the signed-out go to sign in", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "RU",
      relationship: "new",
    });
    const proposer = await testApp.as("ab123");
    const officer = await testApp.as("spo01");
    const added = await upload(officer, `/cases/${id}/attachments`, { name: "screening.pdf", bytes: pdf("spo") });
    expect(added.status).toBe(303);
    const [row] = await stored(id);
    expect(row).toMatchObject({ addedAs: "officer", fileName: "screening.pdf" });
    const url = `/attachments/${row!.id}`;

    expect((await officer.agent.get(url)).status).toBe(200);
    expect((await proposer.agent.get(url)).status).toBe(200);
    expect((await (await testApp.as("ddr01")).agent.get(url)).status).toBe(200);
    expect((await (await testApp.as("hod01")).agent.get(url)).status).toBe(200);
    expect((await (await testApp.as("cd456")).agent.get(url)).status).toBe(404);
    expect((await (await testApp.as("hod02")).agent.get(url)).status).toBe(404);
    expect((await (await testApp.as("exc01")).agent.get(url)).status).toBe(404);
    const anonymous = await request(testApp.app).get(url);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);

    // Another proposer's own file is not this proposer's to fetch.
    const otherDraft = await draftOf("cd456");
    const other = await testApp.as("cd456");
    await upload(other, `/proposals/${otherDraft}/attachments`, { name: "mine.pdf", bytes: pdf("mine") });
    const [theirs] = await stored(otherDraft);
    expect((await proposer.agent.get(`/attachments/${theirs!.id}`)).status).toBe(404);
    // A draft's files are its proposer's alone, even for an officer.
    expect((await officer.agent.get(`/attachments/${theirs!.id}`)).status).toBe(404);
    // Nor may a proposer post to another's proposal, or to a case's files.
    expect(
      (await upload(proposer, `/proposals/${otherDraft}/attachments`, { name: "x.pdf", bytes: pdf() })).status,
    ).toBe(404);
  });

  it("shows the case's files on the case page, the head's sign-off page and the reviewer's page", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "RU",
      relationship: "new",
    });
    const head = await testApp.as("hod01");
    const task = await testApp.services.prisma.caseTask.findFirstOrThrow({
      where: { proposalId: id, kind: "department_sign_off" },
    });
    const added = await upload(head, `/cases/${id}/attachments?task=${task.id}`, {
      name: "head-note.txt",
      bytes: Buffer.from("Checked with the department."),
    });
    expect(added.status).toBe(303);
    expect(added.location).toBe(`/cases/${id}/attachments?added=1&task=${task.id}`);
    const [row] = await stored(id);
    expect(row!.addedAs).toBe("head");
    const checklist = await head.get(`/sign-off/${task.id}`);
    expect(checklist.$(`#attachment-${row!.id}`).text()).toContain("head-note.txt");
    expect(checklist.$(`#attachment-${row!.id}`).text()).toContain("Dr Helen Okafor (head)");
    for (const username of ["spo01", "ddr01"]) {
      const page = await (await testApp.as(username)).get(`/cases/${id}`);
      expect(page.$(`#attachment-${row!.id} code`).text(), username).toBe(
        `${row!.sha256.slice(0, 8)}…${row!.sha256.slice(-4)}`,
      );
    }
    // A head of another department cannot reach the case's files at all.
    expect((await (await testApp.as("hod02")).get(`/cases/${id}/attachments`)).status).toBe(403);
  });
});
