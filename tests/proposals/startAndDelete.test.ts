// A draft exists only once something was saved: "Start a new proposal" leads to the first
// page of a proposal not yet started, and saving it creates the draft with its answers.
// Its owner can delete a draft never submitted (after a check page). The department page
// starts at the proposer's own department.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import { draftAt, startDraft } from "./drafts";
import { russianCollaboration } from "./formAnswers";

describe(`starting and deleting a draft (${databaseLabel})`, () => {
  const test = useTestApp();

  const draftsOf = async (username: string) => {
    const owner = await test.services.prisma.user.findUniqueOrThrow({ where: { username } });
    return test.services.prisma.proposal.findMany({ where: { ownerId: owner.id } });
  };

  it("leads from the home page to the first page, and following it again and again creates nothing", async () => {
    const proposer = await test.fresh("cd456");
    const before = (await draftsOf("cd456")).length;
    const home = await proposer.get("/");
    const start = home.$("a.govuk-button").filter((_, link) => home.$(link).text().trim() === "Start a new proposal");
    expect(start.attr("href")).toBe("/proposals/new");
    for (let click = 0; click < 3; click++) {
      const page = await proposer.get(start.attr("href")!);
      expect(page.status).toBe(200);
      expect(page.$("h1").text().trim()).toBe("Name and describe the collaboration");
      expect(page.$("main form").attr("action")).toBe("/proposals");
      expect(page.$('main form input[name="_csrf"]').val()).toBeTruthy();
      expect(page.$('input[name="title"]').val() ?? "").toBe("");
    }
    expect((await draftsOf("cd456")).length).toBe(before);
  });

  it("creates exactly one draft, with the answers, when the first page is saved", async () => {
    const proposer = await test.fresh("cd456");
    const before = await draftsOf("cd456");
    await proposer.get("/proposals/new");
    const saved = await proposer.post("/proposals", russianCollaboration.title);
    expect(saved.status).toBe(303);
    const after = await draftsOf("cd456");
    expect(after.length).toBe(before.length + 1);
    const draft = after.find((proposal) => !before.some((old) => old.id === proposal.id))!;
    expect(saved.location).toBe(`/proposals/${draft.id}/engagement-type`);
    expect(draft.status).toBe("DRAFT");
    expect(draft.title).toBe("Quantum sensing for glacier monitoring");
    expect(draft.answers).toEqual(russianCollaboration.title);
    const audit = await test.services.prisma.auditEntry.findMany({ where: { entityId: draft.id } });
    expect(audit.map((entry) => entry.action)).toEqual(["proposal.draft_created"]);
    // From here on, the draft's own pages: its first page shows what was saved.
    const next = await proposer.follow(saved);
    expect(next.$(".govuk-notification-banner").text()).toContain("were saved");
    const first = await proposer.get(`/proposals/${draft.id}/title`);
    expect(first.$('input[name="title"]').val()).toBe("Quantum sensing for glacier monitoring");
  });

  it("shows the first page again with what was typed when it is wrong, and creates nothing", async () => {
    const proposer = await test.fresh("cd456");
    const before = (await draftsOf("cd456")).length;
    await proposer.get("/proposals/new");
    const page = await proposer.post("/proposals", { title: "", summary: "Typed before the title" });
    expect(page.status).toBe(400);
    expect(page.$(".govuk-error-summary a").first().attr("href")).toBe("#title");
    expect(page.$("#summary").text()).toBe("Typed before the title");
    expect(page.$("main form").attr("action")).toBe("/proposals");
    expect((await draftsOf("cd456")).length).toBe(before);

    const forged = await proposer.post("/proposals", russianCollaboration.title, { csrf: "not-the-token" });
    // A wrong token saves nothing (this form's typing is kept to be sent again, as after a session end).
    expect(forged.location ?? "").not.toMatch(/^\/proposals\//);
    expect((await draftsOf("cd456")).length).toBe(before);
  });

  it("keeps the first page typed after the session ended, and brings it back unsaved", async () => {
    const proposer = await test.fresh("hos02");
    const before = (await draftsOf("hos02")).length;
    await proposer.get("/proposals/new");
    const person = await test.services.prisma.user.findUniqueOrThrow({ where: { username: "hos02" } });
    await test.services.prisma.session.deleteMany({ where: { userId: person.id } });
    const sent = await proposer.post("/proposals", { title: "Kept title", summary: "Kept summary" });
    expect([sent.status, sent.location]).toEqual([303, "/sign-in?expired=1&returnTo=%2Fkept-form"]);
    await proposer.get(sent.location!);
    const signedIn = await proposer.post("/sign-in/development", { username: "hos02", returnTo: "/kept-form" });
    const page = await proposer.follow(signedIn);
    expect(page.status).toBe(200);
    expect(page.$('input[name="title"]').val()).toBe("Kept title");
    expect(page.$("main form").attr("action")).toBe("/proposals");
    expect((await draftsOf("hos02")).length).toBe(before);
    expect((await proposer.post("/proposals", { title: "Kept title", summary: "Kept summary" })).status).toBe(303);
    expect((await draftsOf("hos02")).length).toBe(before + 1);
  });

  it("pre-fills the department page with the person's own department, which they can change", async () => {
    const proposer = await test.fresh("ab123");
    const me = await test.services.prisma.user.findUniqueOrThrow({
      where: { username: "ab123" },
      include: { department: true },
    });
    expect(me.department).not.toBeNull();
    const id = await draftAt(proposer, "department");
    const page = await proposer.get(`/proposals/${id}/department`);
    expect(page.$("#department").val()).toBe(me.department!.code);
    const other = (await test.services.organisation.activeDepartments()).find(
      (department) => department.code !== me.department!.code,
    )!;
    expect((await proposer.post(`/proposals/${id}/department`, { department: other.code })).status).toBe(303);
    const stored = await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect((stored.answers as Record<string, unknown>).department).toBe(other.code);
    expect((await proposer.get(`/proposals/${id}/department`)).$("#department").val()).toBe(other.code);
  });

  it("does not pre-fill a retired department", async () => {
    const proposer = await test.fresh("ab123");
    const me = await test.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const id = await draftAt(proposer, "department");
    await test.services.prisma.department.update({ where: { id: me.departmentId! }, data: { retiredAt: new Date() } });
    test.services.organisation.forgetDepartments();
    try {
      const page = await proposer.get(`/proposals/${id}/department`);
      expect(page.status).toBe(200);
      expect(page.$("#department").val() ?? "").toBe("");
    } finally {
      await test.services.prisma.department.update({ where: { id: me.departmentId! }, data: { retiredAt: null } });
      test.services.organisation.forgetDepartments();
    }
  });

  it("deletes a draft after a check page naming it and when it was started, audited", async () => {
    const owner = await test.fresh("ab123");
    const me = await test.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const id = await startDraft(owner);
    const confirm = await owner.get(`/proposals/${id}/delete`);
    expect(confirm.status).toBe(200);
    expect(confirm.$("h1").text().trim()).toBe("Delete this draft?");
    const named = confirm.$("#draft-named").text().replace(/\s+/g, " ");
    expect(named).toContain("“Quantum sensing for glacier monitoring”, started on ");
    expect(named).toMatch(/started on \d{1,2} \w+ \d{4}/);
    const version = confirm.$('input[name="version"]').val() as string;
    const deleted = await owner.post(`/proposals/${id}/delete`, { version });
    expect([deleted.status, deleted.location]).toEqual([303, "/"]);
    expect(await test.services.prisma.proposal.count({ where: { id } })).toBe(0);
    const audit = await test.services.prisma.auditEntry.findMany({ where: { entityId: id } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toContainEqual(["proposal.draft_deleted", me.id]);
  });

  it("names a draft without a title 'Untitled draft'", async () => {
    const owner = await test.fresh("ab123");
    const me = await test.services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const draft = await test.services.proposals.createDraft(me.id);
    const confirm = await owner.get(`/proposals/${draft.id}/delete`);
    expect(confirm.$("#draft-named").text()).toMatch(/^Untitled draft, started on /);
  });

  it("refuses to delete a submitted proposal, and gives 404 for another person's draft", async () => {
    const owner = await test.fresh("ab123");
    const { id } = await submittedCase(test.services, "ab123");
    const { version } = await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect((await owner.get(`/proposals/${id}/delete`)).location).toBe(`/proposals/${id}`);
    expect((await owner.post(`/proposals/${id}/delete`, { version: String(version) })).status).toBe(409);
    expect(await test.services.prisma.proposal.count({ where: { id } })).toBe(1);

    const draft = await startDraft(owner);
    const other = await test.fresh("cd456");
    expect((await other.get(`/proposals/${draft}/delete`)).status).toBe(404);
    expect((await other.post(`/proposals/${draft}/delete`, { version: "1" })).status).toBe(404);
    expect(await test.services.prisma.proposal.count({ where: { id: draft } })).toBe(1);
  });
});
