import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { defaultChecklists } from "../../src/signOff/checklists";
import { checklistToText } from "../../src/signOff/checklistAdmin";
import { defaultReferenceData } from "../../src/reference/defaults";

describe(`checklist items admin (${databaseLabel})`, () => {
  let testApp: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signInAs(testApp.app, "adm01");
  });
  afterAll(() => testApp.close());

  const form = async () => {
    const page = await admin.get("/admin/checklists");
    expect(page.status).toBe(200);
    return {
      page,
      fields: {
        version: String(page.$('input[name="version"]').val()),
        department: page.$("textarea#department").text(),
        school: page.$("textarea#school").text(),
      },
    };
  };

  it("is for admins only", async () => {
    for (const username of ["ab123", "hod01", "spo01"]) {
      const browser = await signInAs(testApp.app, username);
      expect((await browser.get("/admin/checklists")).status).toBe(403);
      expect((await browser.post("/admin/checklists", { version: "1", department: "x", school: "y" })).status).toBe(
        403,
      );
    }
  });

  it("shows the current version and both lists, one item per line", async () => {
    const { page, fields } = await form();
    expect(page.$("h1").text()).toBe("Checklist items");
    expect(page.$(".govuk-summary-list").text()).toContain("Published version");
    expect(page.$(".govuk-summary-list").text()).toContain("No draft");
    expect(fields.version).toMatch(/^1:\d+$/);
    expect(fields.department).toBe(checklistToText(defaultChecklists.department));
    expect(fields.school.split("\n")).toHaveLength(defaultChecklists.school.length);
  });

  it("saves the lists into the reference data draft with an audit entry; heads see them once it is published", async () => {
    const { prisma, reference } = testApp.services;
    const before = await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 1 } });
    const { fields } = await form();
    const department = `${fields.department}\nThe partner has agreed to the University's data protection terms. | Ask the Information Compliance Office if unsure.`;
    const saved = await admin.post("/admin/checklists", { ...fields, department });
    expect(saved.status).toBe(303);
    expect(saved.location).toBe("/admin/checklists?saved=2");
    const shown = await admin.follow(saved);
    expect(shown.$(".govuk-notification-banner").text()).toContain(
      "saved in the draft of the reference data (version 2)",
    );
    expect(shown.$(".govuk-summary-list").text()).toContain("A draft exists (version 2)");
    expect(shown.$('input[name="version"]').val()).toMatch(/^2:\d+$/);
    expect(shown.$("textarea#department").text()).toBe(department);

    expect(await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 1 } })).toEqual(before);
    // A draft: decisions and sign-offs still use version 1 until it is published.
    expect((await reference.current()).version).toBe(1);
    expect((await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } })).status).toBe("draft");
    const current = await reference.version(2);
    expect(current.version).toBe(2);
    expect(current.checklists.department.slice(0, -1)).toEqual(defaultChecklists.department);
    expect(current.checklists.department.at(-1)).toEqual({
      id: "the-partner-has-agreed-to-the",
      text: "The partner has agreed to the University's data protection terms.",
      hint: "Ask the Information Compliance Office if unsure.",
    });
    // Everything else in the reference data is carried over unchanged.
    expect({ ...current, version: 1, checklists: defaultChecklists }).toEqual(defaultReferenceData);

    const adminUser = await prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "reference.draft_edited", entityId: "2" },
    });
    expect(audit).toMatchObject({ actorId: adminUser.id, entityType: "reference_data" });
    expect(audit.details).toMatchObject({
      what: "Checklist items",
      started: true,
      changes: {
        lists: [
          {
            list: "Head of department checklist",
            added: [
              "The partner has agreed to the University's data protection terms. (hint: Ask the Information Compliance Office if unsure.)",
            ],
            removed: [],
          },
        ],
      },
    });
    expect((await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } })).createdById).toBe(
      adminUser.id,
    );
  });

  it("refuses a save from a page that is out of date, keeping what was typed", async () => {
    const { fields } = await form();
    const other = await signInAs(testApp.app, "adm01");
    const otherPage = await other.get("/admin/checklists");
    expect(
      (
        await other.post("/admin/checklists", {
          version: String(otherPage.$('input[name="version"]').val()),
          department: fields.department,
          school: `${fields.school}\nAn extra school item.`,
        })
      ).status,
    ).toBe(303);
    const versions = await testApp.services.prisma.referenceDataVersion.count();

    const stale = await admin.post("/admin/checklists", { ...fields, department: `${fields.department}\nMine` });
    expect(stale.status).toBe(409);
    expect(stale.$(".govuk-error-summary").text()).toContain("Someone else changed the reference data");
    expect(stale.$(".govuk-error-summary").text()).toContain("it is now version 2");
    expect(stale.$("textarea#department").text()).toContain("\nMine");
    expect(await testApp.services.prisma.referenceDataVersion.count()).toBe(versions);
  });

  it.each<[string, Record<string, string>, string]>([
    ["an empty list", { department: "  \n " }, "Head of department checklist: Enter at least one item"],
    ["a repeated item", { school: "Same item\nSame item" }, "Head of school checklist: Item 2 repeats item 1"],
    ["an over-long item", { department: "x".repeat(501) }, "Item 1 must be 500 characters or fewer"],
    ["a hint with no text", { department: " | just a hint" }, "Item 1 has a hint but no text"],
  ])("refuses %s with 400 and the input kept", async (_name, change, message) => {
    const { fields } = await form();
    const versions = await testApp.services.prisma.referenceDataVersion.count();
    const refused = await admin.post("/admin/checklists", { ...fields, ...change });
    expect(refused.status).toBe(400);
    expect(refused.$("title").text()).toMatch(/^Error: /);
    expect(refused.$(".govuk-error-summary").text()).toContain(message);
    const field = Object.keys(change)[0]!;
    expect(refused.$(".govuk-error-summary a").attr("href")).toBe(`#${field}`);
    expect(refused.$(`textarea#${field}`).text()).toBe(change[field]!.replace(/^\n/, ""));
    expect(await testApp.services.prisma.referenceDataVersion.count()).toBe(versions);
  });

  it("refuses unknown fields and a tampered version with 400", async () => {
    const { fields } = await form();
    expect((await admin.post("/admin/checklists", { ...fields, checklists: "{}" })).status).toBe(400);
    expect((await admin.post("/admin/checklists", { ...fields, version: "0" })).status).toBe(400);
  });
});
