import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";
import { defaultChecklists } from "../../src/signOff/checklists";
import type { Signature } from "../../src/signOff/signOffService";
import { currentUser, filledChecklist, itemNames, signOffTask } from "./helpers";

describe(`department and school sign-off (${databaseLabel})`, () => {
  let testApp: TestApp;
  let hod01: Browser;
  let hod02: Browser;
  let hos01: Browser;
  let hos02: Browser;
  let spo01: Browser;
  let staff: Browser;

  beforeAll(async () => {
    testApp = await startTestApp();
    hod01 = await signInAs(testApp.app, "hod01");
    hod02 = await signInAs(testApp.app, "hod02");
    hos01 = await signInAs(testApp.app, "hos01");
    hos02 = await signInAs(testApp.app, "hos02");
    spo01 = await signInAs(testApp.app, "spo01");
    staff = await signInAs(testApp.app, "ab123");
  });
  afterAll(() => testApp.close());

  const services = () => testApp.services;
  const taskOf = (caseId: string, kind: "department_sign_off" | "school_sign_off" = "department_sign_off") =>
    signOffTask(services(), caseId, kind);
  const listed = async (browser: Browser) => {
    const page = await browser.get("/sign-off");
    expect(page.status).toBe(200);
    return page
      .$("tbody tr")
      .map((_, row) => page.$(row).find("a").attr("href"))
      .get();
  };
  const auditCount = (caseId: string) => services().prisma.auditEntry.count({ where: { entityId: caseId } });

  describe("the list awaiting sign-off", () => {
    it("shows a head only their own unit's cases, oldest first, with the routes; an officer sees all", async () => {
      const first = await submittedCase(services(), "ab123", { department: "ENG", title: "First engineering case" });
      const chemistry = await submittedCase(services(), "cd456", { department: "CHEM" });
      const second = await submittedCase(services(), "ab123", {
        department: "ENG",
        partnerCountry: "RU",
        relationship: "new",
        title: "Second engineering case",
      });
      const [firstTask, chemistryTask, secondTask] = await Promise.all([
        taskOf(first.id),
        taskOf(chemistry.id),
        taskOf(second.id),
      ]);

      const forHod01 = await listed(hod01);
      expect(forHod01).toContain(`/sign-off/${firstTask.id}`);
      expect(forHod01).toContain(`/sign-off/${secondTask.id}`);
      expect(forHod01).not.toContain(`/sign-off/${chemistryTask.id}`);
      expect(forHod01.indexOf(`/sign-off/${firstTask.id}`)).toBeLessThan(
        forHod01.indexOf(`/sign-off/${secondTask.id}`),
      );

      const page = await hod01.get("/sign-off");
      const row = page.$("tbody tr").filter((_, element) => page.$(element).text().includes("Second engineering case"));
      expect(row.text()).toContain("CBELA referral");
      expect(row.text()).toContain("Russian Federation");

      expect(await listed(hod02)).toEqual(expect.arrayContaining([`/sign-off/${chemistryTask.id}`]));
      expect(await listed(hod02)).not.toContain(`/sign-off/${firstTask.id}`);
      const officers = await listed(spo01);
      for (const task of [firstTask, chemistryTask, secondTask]) expect(officers).toContain(`/sign-off/${task.id}`);

      // The school sign-off of the second case waits for the department's approval.
      const school = await taskOf(second.id, "school_sign_off");
      expect(await listed(hos01)).not.toContain(`/sign-off/${school.id}`);

      const home = await hod01.get("/");
      expect(home.$("a[href='/sign-off']").text()).toMatch(/\d+ cases are waiting for your sign-off/);
    });

    it("is for heads and SPO officers only", async () => {
      expect((await staff.get("/sign-off")).status).toBe(403);
      expect((await hod01.get("/sign-off")).$("h1").text()).toBe("Awaiting my sign-off");
    });
  });

  describe("scope", () => {
    it("gives a head of another department or school 403 on the checklist page, its POST and the record", async () => {
      const engineering = await submittedCase(services(), "ab123", { department: "ENG", engagementType: "mou" });
      const department = await taskOf(engineering.id);
      const school = await taskOf(engineering.id, "school_sign_off");
      const page = await hod01.get(`/sign-off/${department.id}`);
      expect(page.status).toBe(200);
      const fields = filledChecklist(page);
      const before = await auditCount(engineering.id);

      for (const [browser, task] of [
        [hod02, department],
        [hos02, department],
        [hos01, department],
        [hos02, school],
        [hod01, school],
        [staff, department],
      ] as const) {
        expect((await browser.get(`/sign-off/${task.id}`)).status).toBe(403);
        expect((await browser.post(`/sign-off/${task.id}`, fields)).status).toBe(403);
      }
      // The record: another unit's is forbidden; the head of school may read the department's once signed.
      for (const [browser, task] of [
        [hod02, department],
        [hos02, department],
        [hos02, school],
        [hod01, school],
        [staff, department],
      ] as const) {
        expect((await browser.get(`/sign-off/${task.id}/record`)).status).toBe(403);
      }
      expect((await hos01.get(`/sign-off/${department.id}/record`)).status).toBe(404);
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: department.id } })).state).toBe("open");
      expect(await auditCount(engineering.id)).toBe(before);
    });

    it("answers 404 for a task that does not exist or is not a sign-off", async () => {
      const { id } = await submittedCase(services(), "ab123", {
        department: "ENG",
        partnerCountry: "RU",
        relationship: "new",
      });
      const review = await services().prisma.caseTask.findFirstOrThrow({
        where: { proposalId: id, kind: "review_acbela" },
      });
      expect((await hod01.get("/sign-off/00000000-0000-4000-8000-000000000000")).status).toBe(404);
      expect((await hod01.get("/sign-off/not-a-uuid")).status).toBe(404);
      expect((await spo01.get(`/sign-off/${review.id}`)).status).toBe(404);
    });
  });

  describe("the checklist page", () => {
    it("shows the case summary and routes on top, then every item of the department checklist", async () => {
      const { id, reference } = await submittedCase(services(), "ab123", {
        department: "ENG",
        partnerCountry: "RU",
        relationship: "new",
        title: "Glacier sensors",
      });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      expect(page.$("h1").text()).toBe("Glacier sensors");
      expect(page.$("title").text()).toContain(reference);
      expect(page.$(".govuk-summary-list").first().text()).toContain("Department of Engineering");
      expect(page.$("#rules").length).toBe(1);
      expect(page.text).toContain("former Soviet Union");
      expect(itemNames(page)).toEqual(defaultChecklists.department.map((item) => `item-${item.id}`));
      for (const item of defaultChecklists.department)
        expect(page.$(`textarea[name="comment-${item.id}"]`).length).toBe(1);
      expect(
        page
          .$('input[name="decision"]')
          .map((_, element) => page.$(element).val())
          .get(),
      ).toEqual(["approve", "return", "decline"]);
      expect(page.$('input[name="version"]').val()).toBe(String(await currentVersion(services(), id)));
      expect(page.$('input[name="checklistVersion"]').val()).toBe("1");
      expect(page.text).toContain("You are signing as Head of department, Department of Engineering");
    });

    it("needs every item answered, a comment wherever the answer is not yes, and keeps what was typed", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const version = await currentVersion(services(), id);

      const empty = await hod01.post(`/sign-off/${task.id}`, {
        version: filledChecklist(page).version!,
        checklistVersion: "1",
      });
      expect(empty.status).toBe(400);
      expect(empty.$("title").text()).toMatch(/^Error: /);
      const links = empty
        .$(".govuk-error-summary a")
        .map((_, element) => empty.$(element).attr("href"))
        .get();
      expect(links).toEqual([...defaultChecklists.department.map((item) => `#item-${item.id}`), "#decision"]);
      expect(empty.$(`#item-${defaultChecklists.department[0]!.id}`).attr("type")).toBe("radio");

      const first = defaultChecklists.department[0]!.id;
      const third = defaultChecklists.department[2]!.id;
      const noComment = await hod01.post(
        `/sign-off/${task.id}`,
        filledChecklist(page, {
          [`item-${first}`]: "no",
          [`item-${third}`]: "not_applicable",
          [`comment-${third}`]: "   ",
          decision: "return",
          comment: "",
          [`comment-${defaultChecklists.department[1]!.id}`]: "Kept <b>as typed</b>",
        }),
      );
      expect(noComment.status).toBe(400);
      expect(
        noComment
          .$(".govuk-error-summary a")
          .map((_, element) => noComment.$(element).attr("href"))
          .get(),
      ).toEqual([`#comment-${first}`, `#comment-${third}`, "#comment"]);
      expect(noComment.$(`#comment-${first}-error`).text()).toContain("a comment is needed when the answer is not yes");
      expect(noComment.$(`input[name="item-${first}"][value="no"]`).attr("checked")).toBeDefined();
      expect(noComment.$('input[name="decision"][value="return"]').attr("checked")).toBeDefined();
      expect(noComment.$(`textarea[name="comment-${defaultChecklists.department[1]!.id}"]`).text()).toBe(
        "Kept <b>as typed</b>",
      );
      expect(noComment.text).not.toContain("<b>as typed</b>");

      const declineWithout = await hod01.post(`/sign-off/${task.id}`, filledChecklist(page, { decision: "decline" }));
      expect(declineWithout.status).toBe(400);
      expect(declineWithout.$("#comment-error").text()).toContain("reasons for declining");

      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");
      expect(await currentVersion(services(), id)).toBe(version);
    });

    it.each<[string, Record<string, string | string[]>]>([
      ["an unknown field", { status: "DECIDED" }],
      ["a field the checklist does not have", { "item-not-on-the-list": "yes" }],
      ["a repeated answer", { [`item-${defaultChecklists.department[0]!.id}`]: ["yes", "no"] }],
      ["an answer that is not offered", { [`item-${defaultChecklists.department[0]!.id}`]: "maybe" }],
      ["a decision that is not offered", { decision: "approve_quietly" }],
      ["an over-long comment", { [`comment-${defaultChecklists.department[0]!.id}`]: "x".repeat(2001) }],
      ["a tampered version", { version: "abc" }],
    ])("rejects %s with 400, the form shown again and nothing signed", async (_name, change) => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const response = await hod01.post(`/sign-off/${task.id}`, { ...filledChecklist(page), ...change });
      expect(response.status).toBe(400);
      expect(response.$(".govuk-error-summary").length).toBe(1);
      expect(response.$("form textarea").length).toBeGreaterThan(0);
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");
    });

    it("refuses prototype-shaped field names without polluting anything", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      for (const name of ["__proto__[polluted]", "constructor[prototype][polluted]", "constructor", "prototype"]) {
        const response = await hod01.post(`/sign-off/${task.id}`, { ...filledChecklist(page), [name]: "yes" });
        expect(response.status).toBe(400);
        expect(response.$(".govuk-error-summary a").first().attr("href")).toBe("#checklist");
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");
    });

    // The body parser drops a bare `__proto__` key before the schema sees it (see
    // tests/proposals/steps.test.ts); the schema itself refuses one (checklistForm.test.ts).
    it("signs nothing from a __proto__ field", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const body = `${new URLSearchParams({ _csrf: hod01.token!, ...filledChecklist(page) }).toString()}&__proto__=x`;
      const response = await hod01.agent.post(`/sign-off/${task.id}`).type("form").send(body);
      expect([303, 400]).toContain(response.status);
      const signature = (await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } }))
        .signature as Record<string, unknown> | null;
      if (signature) expect(Object.keys(signature)).not.toContain("__proto__");
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });

    it("refuses a POST without the CSRF token", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      expect((await hod01.post(`/sign-off/${task.id}`, filledChecklist(page), { csrf: null })).status).toBe(403);
    });
  });

  describe("signing", () => {
    it("records who, in which role, when and the checklist version with every answer; the record page shows it", async () => {
      const { id, reference } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const version = await currentVersion(services(), id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const second = defaultChecklists.department[1]!.id;
      const before = new Date();
      const signed = await hod01.post(
        `/sign-off/${task.id}`,
        filledChecklist(page, {
          [`item-${second}`]: "not_applicable",
          [`comment-${second}`]: "Run from the Whittle lab, no new space",
          comment: "Fine by the department",
        }),
      );
      expect(signed.status).toBe(303);
      expect(signed.location).toBe(`/sign-off/${task.id}/record?signed=1`);

      const { prisma } = services();
      const done = await prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } });
      const hod = await currentUser(services(), "hod01");
      const engineering = await prisma.department.findUniqueOrThrow({ where: { code: "ENG" } });
      expect(done).toMatchObject({
        state: "done",
        outcome: "approved",
        note: "Fine by the department",
        completedById: hod.id,
      });
      const signature = done.signature as unknown as Signature;
      expect(signature).toMatchObject({
        signerId: hod.id,
        signerName: "Dr Helen Okafor",
        role: "HEAD_OF_DEPARTMENT",
        scope: { kind: "department", id: engineering.id, name: "Department of Engineering" },
        checklistVersion: 1,
        decision: "approved",
        comment: "Fine by the department",
      });
      expect(new Date(signature.signedAt).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
      expect(signature.items).toHaveLength(defaultChecklists.department.length);
      expect(signature.items[0]).toEqual({
        id: defaultChecklists.department[0]!.id,
        text: defaultChecklists.department[0]!.text,
        answer: "yes",
        comment: "",
      });
      expect(signature.items[1]).toMatchObject({
        answer: "not_applicable",
        comment: "Run from the Whittle lab, no new space",
      });

      const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id } });
      expect(proposal).toMatchObject({ status: "IN_REVIEW", version: version + 1 });
      const audit = await prisma.auditEntry.findFirstOrThrow({ where: { entityId: id, action: "case.signed_off" } });
      expect(audit).toMatchObject({ actorId: hod.id, fromState: "IN_REVIEW", toState: "IN_REVIEW" });
      expect(audit.details).toMatchObject({
        taskId: task.id,
        outcome: "approved",
        checklistVersion: 1,
        role: "HEAD_OF_DEPARTMENT",
      });

      const record = await hod01.follow(signed);
      expect(record.status).toBe(200);
      expect(record.$(".govuk-notification-banner").text()).toContain("Your sign-off was recorded");
      expect(record.$("h1").text()).toContain(reference);
      const summary = record.$(".govuk-summary-list").text();
      for (const text of [
        "Dr Helen Okafor",
        "Head of department, Department of Engineering",
        "Reference data version 1",
        "Approved",
        "Fine by the department",
      ])
        expect(summary).toContain(text);
      expect(record.$("tbody tr")).toHaveLength(defaultChecklists.department.length);
      expect(record.$("tbody tr").eq(1).text()).toContain("Not applicable");
      expect(record.$("tbody tr").eq(1).text()).toContain("Run from the Whittle lab");

      const pdf = await hod01.agent
        .get(`/sign-off/${task.id}/record.pdf`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => done(null, Buffer.concat(chunks)));
        });
      expect(pdf.status).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.headers["content-disposition"]).toContain(`${reference}-department-sign-off.pdf`);
      expect((pdf.body as Buffer).subarray(0, 8).toString("latin1")).toMatch(/^%PDF-1\.\d$/);

      // The checklist page of a signed task leads to its record; the head of school may read it too.
      const again = await hod01.get(`/sign-off/${task.id}`);
      expect(again.status).toBe(303);
      expect(again.location).toBe(`/sign-off/${task.id}/record`);
      expect((await hos01.get(`/sign-off/${task.id}/record`)).status).toBe(200);
    });

    it("refuses a second signature and says who signed; nothing changes", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const fields = filledChecklist(page);
      expect((await hod01.post(`/sign-off/${task.id}`, fields)).status).toBe(303);
      const after = await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } });
      const audits = await auditCount(id);
      const version = await currentVersion(services(), id);

      for (const browser of [hod01, spo01]) {
        const twice = await browser.post(`/sign-off/${task.id}`, {
          ...fields,
          decision: "decline",
          comment: "Changed my mind",
        });
        expect(twice.status).toBe(409);
        expect(twice.$("main").text()).toContain("already signed by Dr Helen Okafor");
      }
      // Even with the case's current version, a closed task stays as it was.
      const fresh = await spo01.post(`/sign-off/${task.id}`, {
        ...fields,
        version: String(version),
        decision: "decline",
        comment: "Again",
      });
      expect(fresh.status).toBe(409);
      expect(await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).toEqual(after);
      expect(await auditCount(id)).toBe(audits);
      expect(await currentVersion(services(), id)).toBe(version);
    });

    it("refuses a stale case version with a conflict page naming who changed the case", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const officer = await currentUser(services(), "spo01");
      await services().workflow.assign(id, await currentVersion(services(), id), officer, officer.id);

      const stale = await hod01.post(`/sign-off/${task.id}`, filledChecklist(page));
      expect(stale.status).toBe(409);
      expect(stale.$("h1").text()).toBe("Someone else changed this case");
      expect(stale.$("main").text()).toContain("Priya Raman changed the case");
      expect(stale.$("main").text()).toContain("Nothing was signed");
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");
    });

    it("refuses a checklist answered on an older checklist version, and shows the current one", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const fields = filledChecklist(page, { comment: "Kept" });
      const reference = await services().reference.current();
      const admin = await currentUser(services(), "adm01");
      const newVersion = await services().checklistAdmin.save(admin, reference.version, {
        ...reference.checklists,
        department: [
          ...reference.checklists.department,
          { id: "added-later", text: "A question added while the head was answering." },
        ],
      });
      // A checklist edit is a draft edit: heads see it once it is published.
      await services().referenceDrafts.publish(admin, newVersion, "A question added while the head was answering");

      const stale = await hod01.post(`/sign-off/${task.id}`, fields);
      expect(stale.status).toBe(409);
      expect(stale.$(".govuk-error-summary").text()).toContain(`now version ${newVersion}`);
      expect(stale.$('input[name="checklistVersion"]').val()).toBe(String(newVersion));
      expect(stale.$('input[name="item-added-later"]').length).toBe(3);
      expect(
        stale.$(`input[name="item-${defaultChecklists.department[0]!.id}"][value="yes"]`).attr("checked"),
      ).toBeDefined();
      expect(stale.$("textarea#comment").text()).toBe("Kept");
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");

      // Put the shipped checklist back for the tests that follow.
      const latest = await services().reference.current();
      const restored = await services().checklistAdmin.save(admin, latest.version, defaultChecklists);
      await services().referenceDrafts.publish(
        admin,
        restored,
        "The shipped checklist, back for the tests that follow",
      );
    });

    it("makes the signed task immutable: the database refuses any change to it", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      expect((await hod01.post(`/sign-off/${task.id}`, filledChecklist(page))).status).toBe(303);
      const { prisma } = services();
      const signed = await prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } });

      await expect(
        prisma.caseTask.update({ where: { id: task.id }, data: { signature: { decision: "declined" } } }),
      ).rejects.toThrow();
      await expect(prisma.caseTask.update({ where: { id: task.id }, data: { state: "open" } })).rejects.toThrow();
      await expect(
        prisma.$executeRaw`UPDATE "case_task" SET "outcome" = 'declined' WHERE "id" = ${task.id}::uuid`,
      ).rejects.toThrow();
      await expect(prisma.caseTask.delete({ where: { id: task.id } })).rejects.toThrow();
      expect(await prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).toEqual(signed);
    });

    it("lets exactly one of two signers who press at once sign", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const [headPage, officerPage] = await Promise.all([
        hod01.get(`/sign-off/${task.id}`),
        spo01.get(`/sign-off/${task.id}`),
      ]);
      const results = await Promise.all([
        hod01.post(`/sign-off/${task.id}`, filledChecklist(headPage)),
        spo01.post(`/sign-off/${task.id}`, filledChecklist(officerPage, { decision: "decline", comment: "No" })),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual([303, 409]);
      expect(
        await services().prisma.caseTask.count({
          where: { proposalId: id, kind: "department_sign_off", state: "done" },
        }),
      ).toBe(1);
      expect(await services().prisma.auditEntry.count({ where: { entityId: id, action: "case.signed_off" } })).toBe(1);
    });
  });

  describe("school sign-off", () => {
    it("is refused before the department's approval, then opens to the head of school", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG", engagementType: "mou" });
      const school = await taskOf(id, "school_sign_off");
      const department = await taskOf(id);

      const early = await hos01.get(`/sign-off/${school.id}`);
      expect(early.status).toBe(200);
      expect(early.$(".govuk-notification-banner").text()).toContain(
        "School sign-off opens once the head of department has approved the case",
      );
      expect(early.$("form textarea").length).toBe(0);
      const officerEarly = await spo01.get(`/sign-off/${school.id}`);
      expect(officerEarly.$("form textarea").length).toBe(0);

      const departmentPage = await hod01.get(`/sign-off/${department.id}`);
      const forged = filledChecklist(departmentPage);
      const refused = await hos01.post(`/sign-off/${school.id}`, forged);
      expect(refused.status).toBe(409);
      expect(refused.$(".govuk-notification-banner").text()).toContain(
        "School sign-off opens once the head of department has approved the case",
      );
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: school.id } })).state).toBe("open");
      expect(await listed(hos01)).not.toContain(`/sign-off/${school.id}`);

      expect(
        (await hod01.post(`/sign-off/${department.id}`, filledChecklist(departmentPage, { comment: "Supported" })))
          .status,
      ).toBe(303);
      expect(await listed(hos01)).toContain(`/sign-off/${school.id}`);
      expect(await listed(hos02)).not.toContain(`/sign-off/${school.id}`);

      const page = await hos01.get(`/sign-off/${school.id}`);
      expect(page.$("h2").text()).toContain("Department sign-off");
      expect(page.text).toContain("Supported");
      expect(itemNames(page)).toEqual(defaultChecklists.school.map((item) => `item-${item.id}`));
      const signed = await hos01.post(`/sign-off/${school.id}`, filledChecklist(page));
      expect(signed.status).toBe(303);
      const signature = (await services().prisma.caseTask.findUniqueOrThrow({ where: { id: school.id } }))
        .signature as unknown as Signature;
      expect(signature).toMatchObject({
        signerName: "Prof. Hamid Shah",
        role: "HEAD_OF_SCHOOL",
        scope: { kind: "school", name: "Technology" },
        decision: "approved",
      });
    });

    it("is not offered where the rules do not require it", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const department = await taskOf(id);
      const page = await hod01.get(`/sign-off/${department.id}`);
      expect(page.text).toContain("school sign-off is not needed");
      expect((await hod01.post(`/sign-off/${department.id}`, filledChecklist(page))).status).toBe(303);
      expect(await services().prisma.caseTask.count({ where: { proposalId: id, kind: "school_sign_off" } })).toBe(0);
      const forHos01 = await hos01.get("/sign-off");
      expect(forHos01.text).not.toContain(department.id);
      expect((await hos01.get(`/sign-off/${department.id}/record`)).status).toBe(200);
    });

    it("closes the school sign-off when the department declines, so the SPO can decide", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG", engagementType: "mou" });
      const department = await taskOf(id);
      const page = await hod01.get(`/sign-off/${department.id}`);
      expect(
        (
          await hod01.post(
            `/sign-off/${department.id}`,
            filledChecklist(page, { decision: "decline", comment: "Not for us" }),
          )
        ).status,
      ).toBe(303);
      const tasks = await services().prisma.caseTask.findMany({
        where: { proposalId: id, kind: { in: ["department_sign_off", "school_sign_off"] } },
      });
      expect(tasks.find((task) => task.kind === "department_sign_off")).toMatchObject({
        state: "done",
        outcome: "declined",
      });
      expect(tasks.find((task) => task.kind === "school_sign_off")).toMatchObject({ state: "cancelled" });
      expect(await services().workflow.missingForDecision(id)).toEqual([]);
    });
  });

  describe("a head's own proposal", () => {
    it("cannot be signed by that head; the page says who must; an SPO officer signs it", async () => {
      const { id } = await submittedCase(services(), "hod01", { department: "ENG" });
      const task = await taskOf(id);
      const list = await hod01.get("/sign-off");
      expect(list.$(`a[href="/sign-off/${task.id}"]`).closest("tr").text()).toContain(
        "You: another head or an SPO officer must sign",
      );

      const page = await hod01.get(`/sign-off/${task.id}`);
      expect(page.status).toBe(200);
      expect(page.$(".govuk-notification-banner").text()).toContain(
        "You proposed this case, so you cannot sign it off yourself. Another head of Department of Engineering or an SPO officer must sign it.",
      );
      expect(page.$("form textarea").length).toBe(0);

      const officerPage = await spo01.get(`/sign-off/${task.id}`);
      const fields = filledChecklist(officerPage);
      const refused = await hod01.post(`/sign-off/${task.id}`, fields);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("Another head of Department of Engineering or an SPO officer must sign it.");
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");

      expect(officerPage.text).toContain("You are signing as SPO officer, signing for Department of Engineering");
      expect((await spo01.post(`/sign-off/${task.id}`, fields)).status).toBe(303);
      const signature = (await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } }))
        .signature as unknown as Signature;
      expect(signature).toMatchObject({
        signerName: "Priya Raman",
        role: "SPO_OFFICER",
        scope: { kind: "department", name: "Department of Engineering" },
      });
    });
  });

  describe("returning to the proposer", () => {
    it("moves the case to the proposer with the head's comments; on resubmission a new department sign-off opens", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const returned = await hod01.post(
        `/sign-off/${task.id}`,
        filledChecklist(page, {
          decision: "return",
          comment: "Please name the partner's ethics committee and attach its approval.",
        }),
      );
      expect(returned.status).toBe(303);
      const record = await hod01.follow(returned);
      expect(record.$(".govuk-notification-banner").text()).toContain("returned to the proposer");

      const { prisma } = services();
      const proposal = await prisma.proposal.findUniqueOrThrow({
        where: { id },
        include: { informationRequests: true },
      });
      expect(proposal.status).toBe("INFORMATION_REQUESTED");
      expect(proposal.informationRequests).toHaveLength(1);
      expect(proposal.informationRequests[0]).toMatchObject({
        message: "Please name the partner's ethics committee and attach its approval.",
        answeredAt: null,
      });
      expect(await prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).toMatchObject({
        state: "done",
        outcome: "returned",
      });
      expect(
        await prisma.auditEntry.findFirst({
          where: {
            entityId: id,
            action: "case.returned_to_proposer",
            fromState: "IN_REVIEW",
            toState: "INFORMATION_REQUESTED",
          },
        }),
      ).not.toBeNull();
      expect(await listed(hod01)).not.toContain(`/sign-off/${task.id}`);

      const view = await staff.get(`/proposals/${id}`);
      expect(view.text).toContain("Please name the partner&#39;s ethics committee and attach its approval.");
      expect((await staff.get(`/proposals/${id}/check-answers`)).status).toBe(200);
      const resubmitted = await staff.post(`/proposals/${id}/reply`, {
        reply: "The ethics committee is the partner's IRB; its approval is attached.",
        declaration: "confirmed",
      });
      expect(resubmitted.status).toBe(303);

      const tasks = await prisma.caseTask.findMany({
        where: { proposalId: id, kind: "department_sign_off" },
        orderBy: { createdAt: "asc" },
      });
      expect(tasks.map((candidate) => [candidate.state, candidate.outcome])).toEqual([
        ["done", "returned"],
        ["open", null],
      ]);
      expect(await listed(hod01)).toContain(`/sign-off/${tasks[1]!.id}`);
      expect((await hod01.get(`/sign-off/${tasks[1]!.id}`)).$("form textarea").length).toBeGreaterThan(0);
    });

    // A sign-off that returned the case does not count: the new one must be signed first.
    it("keeps the decision waiting for the new sign-off after a return", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      expect(
        (
          await hod01.post(
            `/sign-off/${task.id}`,
            filledChecklist(page, { decision: "return", comment: "Add the budget" }),
          )
        ).status,
      ).toBe(303);
      const owner = await currentUser(services(), "ab123");
      expect((await services().submissions.submit(id, owner.id)).outcome).toBe("submitted");
      expect(await services().workflow.missingForDecision(id)).toContain("Head of department sign-off");
    });

    it("cannot happen while the case is already with the proposer", async () => {
      const { id } = await submittedCase(services(), "ab123", { department: "ENG" });
      const task = await taskOf(id);
      const page = await hod01.get(`/sign-off/${task.id}`);
      const officer = await currentUser(services(), "spo01");
      await services().workflow.requestInformation(
        id,
        await currentVersion(services(), id),
        officer,
        "Tell us about the funder",
      );
      const onHold = await hod01.get(`/sign-off/${task.id}`);
      expect(onHold.$(".govuk-notification-banner").text()).toContain("The case is with the proposer");
      const refused = await hod01.post(
        `/sign-off/${task.id}`,
        filledChecklist(page, { version: String(await currentVersion(services(), id)) }),
      );
      expect(refused.status).toBe(409);
      expect((await services().prisma.caseTask.findUniqueOrThrow({ where: { id: task.id } })).state).toBe("open");
    });
  });
});
