import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs, startTestApp, type Browser, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import { storedDecisionSchema } from "../../src/rules/stored";

describe(`reference data drafts, publishing and history (${databaseLabel})`, () => {
  let testApp: TestApp;
  let admin: Browser;
  beforeAll(async () => {
    testApp = await startTestApp();
    admin = await signInAs(testApp.app, "adm01");
  });
  afterAll(() => testApp.close());

  const decisionOf = async (id: string) => {
    const submission = await testApp.services.prisma.proposalSubmission.findFirstOrThrow({
      where: { proposalId: id },
      orderBy: { number: "desc" },
    });
    return storedDecisionSchema.parse(submission.decision);
  };
  const fsuReasons = (decision: Awaited<ReturnType<typeof decisionOf>>) =>
    decision.routes.flatMap((route) => route.reasons).filter((reason) => reason.rule === "acbela.fsu_partner_country");

  it("shows the published version and no draft, and lists every list and setting", async () => {
    const page = await admin.get("/admin/reference");
    expect(page.status).toBe(200);
    expect(page.$("h1").text()).toBe("Reference data");
    expect(page.$(".govuk-summary-list").text()).toContain("Version 1, published");
    expect(page.$(".govuk-summary-list").text()).toContain("No draft");
    const links = page
      .$("table a")
      .map((_i, a) => page.$(a).attr("href"))
      .get();
    expect(links).toEqual([
      "/admin/reference/draft/countries/former-soviet-union",
      "/admin/reference/draft/countries/former-soviet-union-exceptions",
      "/admin/reference/draft/countries/atas-exempt",
      "/admin/reference/draft/countries/firs-enhanced-tier",
      "/admin/reference/draft/restrictions",
      "/admin/reference/draft/sectors",
      "/admin/checklists",
      "/admin/reference/draft/settings",
    ]);
  });

  it("keeps a draft away from decisions until it is published; then new submissions use it and name its version", async () => {
    const { services } = testApp;
    const list = await admin.get("/admin/reference/draft/countries/former-soviet-union");
    const select = list.$("select#country");
    expect(select.attr("data-module")).toBe("app-country-autocomplete");
    expect(select.find('option[value="FR"]').text()).toBe("France");
    expect(list.$("#entries tbody tr")).toHaveLength(12);

    const added = await admin.post("/admin/reference/draft/countries/former-soviet-union/add", { country: "FR" });
    expect(added.status).toBe(303);
    const shown = await admin.follow(added);
    expect(shown.$("#entries").text()).toContain("France");
    expect(shown.$(".govuk-summary-list").text()).toMatch(/A draft exists \(version 2\), started by [^,]+ at /);
    const draftRow = await services.prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } });
    expect(draftRow.status).toBe("draft");
    expect((await services.reference.version(2)).countryLists.fsu).toContain("FR");
    expect((await services.reference.current()).version).toBe(1);

    const before = await submittedCase(services, "ab123", { partnerCountry: "FR", relationship: "new" });
    const beforeDecision = await decisionOf(before.id);
    expect(beforeDecision.ruleSetVersion).toMatch(/\+ref\.1$/);
    expect(fsuReasons(beforeDecision)).toEqual([]);

    const review = await admin.get("/admin/reference/draft");
    expect(review.$("table").text()).toContain("France (FR)");
    expect(review.$('a[href="/admin/reference/versions/2/simulate"]').text()).toContain("See what this would change");

    const unexplained = await admin.post("/admin/reference/draft/publish", { version: "2", reason: "  " });
    expect(unexplained.status).toBe(400);
    expect(unexplained.$(".govuk-error-summary").text()).toContain("Enter why you are publishing these changes");
    expect(unexplained.$(".govuk-error-summary a").attr("href")).toBe("#reason");
    expect((await services.prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } })).status).toBe(
      "draft",
    );

    const published = await admin.post("/admin/reference/draft/publish", {
      version: "2",
      reason: "France treated as FSU for this test",
    });
    expect(published.status).toBe(303);
    expect((await admin.follow(published)).$(".govuk-notification-banner").text()).toContain("Version 2 is published");
    const row = await services.prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } });
    const adminUser = await services.prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    expect(row).toMatchObject({
      status: "published",
      reason: "France treated as FSU for this test",
      publishedById: adminUser.id,
    });
    expect(row.publishedAt).toBeInstanceOf(Date);
    const audit = await services.prisma.auditEntry.findFirstOrThrow({ where: { action: "reference.published" } });
    expect(audit).toMatchObject({ actorId: adminUser.id, entityId: "2", fromState: "1", toState: "2" });
    expect(audit.details).toMatchObject({
      reason: "France treated as FSU for this test",
      changes: { lists: [{ list: "Former Soviet Union countries", added: ["France (FR)"], removed: [] }] },
    });

    const after = await submittedCase(services, "ab123", { partnerCountry: "FR", relationship: "new" });
    const afterDecision = await decisionOf(after.id);
    expect(afterDecision.ruleSetVersion).toMatch(/\+ref\.2$/);
    expect(fsuReasons(afterDecision)).not.toEqual([]);
    // The earlier case keeps the decision it was made with.
    expect(await decisionOf(before.id)).toEqual(beforeDecision);
  });

  it("refuses, in the database, any UPDATE or DELETE of a published version; a draft may be changed or discarded", async () => {
    const { prisma } = testApp.services;
    const published = await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } });
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "reference_data_version" SET "note" = 'x' WHERE "version" = 2`),
    ).rejects.toThrow(/published/);
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "reference_data_version" SET "status" = 'draft' WHERE "version" = 1`),
    ).rejects.toThrow(/published/);
    await expect(prisma.$executeRawUnsafe(`DELETE FROM "reference_data_version" WHERE "version" = 2`)).rejects.toThrow(
      /published/,
    );
    expect(await prisma.referenceDataVersion.findUniqueOrThrow({ where: { version: 2 } })).toEqual(published);

    // A draft is an ordinary row until it is published; only one may be open.
    await prisma.$executeRawUnsafe(
      `INSERT INTO "reference_data_version" ("version", "data", "note") SELECT 3, "data", 'by hand' FROM "reference_data_version" WHERE "version" = 2`,
    );
    await expect(
      prisma.$executeRawUnsafe(
        `INSERT INTO "reference_data_version" ("version", "data", "note") SELECT 4, "data", 'second' FROM "reference_data_version" WHERE "version" = 2`,
      ),
    ).rejects.toThrow();
    await expect(
      prisma.$executeRawUnsafe(`UPDATE "reference_data_version" SET "status" = 'published' WHERE "version" = 3`),
    ).rejects.toThrow();
    expect(
      await prisma.$executeRawUnsafe(`UPDATE "reference_data_version" SET "note" = 'edited' WHERE "version" = 3`),
    ).toBe(1);
    expect(await prisma.$executeRawUnsafe(`DELETE FROM "reference_data_version" WHERE "version" = 3`)).toBe(1);
  });

  it("keeps what was typed when a restriction is refused, with a summary linking to each field", async () => {
    const { prisma } = testApp.services;
    const versions = await prisma.referenceDataVersion.count();
    const refused = await admin.post("/admin/reference/draft/restrictions/add", {
      country: "KP",
      type: "arms_embargo",
      scope: "none",
      name: "UN arms embargo on North Korea, extended",
      source: "GOV.UK: Arms embargoes",
      asOf: "2026-02-30",
    });
    expect(refused.status).toBe(400);
    expect(refused.$("title").text()).toMatch(/^Error: /);
    const summary = refused
      .$(".govuk-error-summary a")
      .map((_i, a) => refused.$(a).attr("href"))
      .get();
    expect(summary).toEqual(["#scope", "#asOf"]);
    expect(refused.$("#scope-error").text()).toContain("Select whether the arms embargo is full or partial");
    expect(refused.$("#asOf-error").text()).toContain("Enter a real date");
    expect(refused.$("select#country option[selected]").val()).toBe("KP");
    expect(refused.$('input[name="type"][value="arms_embargo"]').attr("checked")).toBeDefined();
    expect(refused.$("input#name").val()).toBe("UN arms embargo on North Korea, extended");
    expect(refused.$("input#asOf").val()).toBe("2026-02-30");
    expect(await prisma.referenceDataVersion.count()).toBe(versions);

    const empty = await admin.post("/admin/reference/draft/countries/atas-exempt/add", { country: "" });
    expect(empty.status).toBe(400);
    expect(empty.$("#country-error").text()).toContain("Select a country");
    const repeated = await admin.post("/admin/reference/draft/countries/atas-exempt/add", { country: "FR" });
    expect(repeated.status).toBe(400);
    expect(repeated.$(".govuk-error-summary").text()).toContain("France is already on the list");
    expect(await prisma.referenceDataVersion.count()).toBe(versions);

    const settings = await admin.get("/admin/reference/draft/settings");
    const bad = await admin.post("/admin/reference/draft/settings", {
      version: String(settings.$('input[name="version"]').val()),
      acbelaThresholdGbp: "one million",
      schoolThresholdGbp: "500,000",
      committeeName: "CBELA",
      committeeFormerName: "ACBELA",
      queueOverdueDays: "0",
    });
    expect(bad.status).toBe(400);
    expect(bad.$("#acbelaThresholdGbp-error").text()).toContain("whole number of pounds");
    expect(bad.$("#queueOverdueDays-error").text()).toContain("from 1 to 365");
    expect(bad.$("input#acbelaThresholdGbp").val()).toBe("one million");
    expect(bad.$("input#schoolThresholdGbp").val()).toBe("500,000");
  });

  it("edits and removes restrictions and settings in the draft, and shows the difference between two versions", async () => {
    const { services } = testApp;
    const queue = await (await signInAs(testApp.app, "spo01")).get("/queue");
    expect(queue.$("table caption").text()).toContain("Cases open for 10 days or more are marked overdue");
    const page = await admin.get("/admin/reference/draft/restrictions");
    const firstRow = page.$("#restrictions tbody tr").first();
    expect(firstRow.text()).toContain("Afghanistan");
    const entry = String(firstRow.find('input[name="entry"]').val());
    const removed = await admin.post("/admin/reference/draft/restrictions/remove", { entry });
    expect(removed.status).toBe(303);
    // The same remove again names an entry no longer there: nothing else is removed.
    const again = await admin.post("/admin/reference/draft/restrictions/remove", { entry });
    expect(again.status).toBe(400);
    expect(again.$(".govuk-error-summary").text()).toContain("changed or was removed");

    const edit = await admin.get("/admin/reference/draft/restrictions/0");
    expect(edit.$("input#name").val()).toBe("Afghanistan");
    const changed = await admin.post("/admin/reference/draft/restrictions/0", {
      country: "AF",
      type: "sanctions_regime",
      scope: "none",
      name: "Afghanistan (checked)",
      source: String(edit.$("input#source").val()),
      asOf: "2026-11-30",
      entry: String(edit.$('input[name="entry"]').val()),
    });
    expect(changed.status).toBe(303);

    const settings = await admin.get("/admin/reference/draft/settings");
    expect(settings.$("input#queueOverdueDays").val()).toBe("");
    const saved = await admin.post("/admin/reference/draft/settings", {
      version: String(settings.$('input[name="version"]').val()),
      acbelaThresholdGbp: "£2,000,000",
      schoolThresholdGbp: "1,000,000",
      committeeName: "CBELA",
      committeeFormerName: "ACBELA",
      queueOverdueDays: "7",
    });
    expect(saved.status).toBe(303);
    const draft = await services.reference.version(3);
    expect(draft.thresholds.acbelaThresholdGbp).toBe(2_000_000);
    expect(draft.queueOverdueDays).toBe(7);
    expect((await services.reference.current()).queueOverdueDays).toBeNull();

    expect(
      (
        await admin.post("/admin/reference/draft/publish", {
          version: "3",
          reason: "Checked against GOV.UK, 30 November",
        })
      ).status,
    ).toBe(303);
    expect((await services.reference.current()).queueOverdueDays).toBe(7);

    const officer = await signInAs(testApp.app, "spo01");
    // The queue reads its overdue age from the published reference data now.
    expect((await officer.get("/queue")).$("table caption").text()).toContain(
      "Cases open for 7 days or more are marked overdue",
    );
    const versions = await officer.get("/admin/reference/versions");
    expect(versions.status).toBe(200);
    const rows = versions
      .$("table tbody tr")
      .map((_i, tr) => versions.$(tr).text().replace(/\s+/g, " ").trim())
      .get();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain("Checked against GOV.UK, 30 November");
    expect(rows[1]).toContain("France treated as FSU for this test");
    expect(versions.$('a[href="/admin/reference/versions/2/diff/3"]').length).toBe(1);

    const compare = await officer.get("/admin/reference/versions/compare?a=1&b=3");
    expect(compare.location).toBe("/admin/reference/versions/1/diff/3");
    const diff = await officer.get("/admin/reference/versions/1/diff/3");
    expect(diff.status).toBe(200);
    const tables = diff
      .$("table")
      .map((_i, table) => diff.$(table).text().replace(/\s+/g, " ").trim())
      .get();
    expect(tables.find((text) => text.startsWith("Settings changed"))).toContain(
      "Committee referral threshold (£) 1,000,000 2,000,000",
    );
    const fsu = tables.find((text) => text.startsWith("Former Soviet Union countries"));
    expect(fsu).toContain("1 added, 0 removed");
    expect(fsu).toContain("Added France (FR)");
    const restrictions = tables.find((text) => text.startsWith("Country restrictions"));
    expect(restrictions).toContain("1 added, 2 removed");
    expect(restrictions).toContain("Removed Afghanistan: Arms embargo (partial)");
    expect(restrictions).toContain("Added Afghanistan: Sanctions regime, Afghanistan (checked)");
    // Officers read the history but change nothing.
    expect((await officer.get("/admin/reference")).status).toBe(403);
    expect((await officer.get("/admin/reference/versions/1/diff/99")).status).toBe(404);
  });

  it("discards a draft, leaving the published version in force", async () => {
    const { services } = testApp;
    expect((await admin.post("/admin/reference/draft/sectors/remove", { id: "quantum_technologies" })).status).toBe(
      303,
    );
    const state = await services.referenceDrafts.state();
    expect(state.draft?.version).toBe(4);
    expect(state.data.nsiSectors.some((sector) => sector.id === "quantum_technologies")).toBe(false);
    const discarded = await admin.post("/admin/reference/draft/discard", { version: "4" });
    expect(discarded.status).toBe(303);
    expect(await services.prisma.referenceDataVersion.count({ where: { version: 4 } })).toBe(0);
    expect((await services.reference.current()).version).toBe(3);
    expect(
      await services.prisma.auditEntry.count({ where: { action: "reference.draft_discarded", entityId: "4" } }),
    ).toBe(1);
  });
});
