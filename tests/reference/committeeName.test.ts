// The committee's name is a setting (product.md: "keep the name a setting, default CBELA"):
// once an admin publishes a rename, every label that names the committee follows it: the
// route, the review task, the secretary's role, and the rules' own texts.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";

describe(`the committee's name (${databaseLabel})`, () => {
  const testApp = useTestApp();

  it("is CBELA by default, and a published rename reaches every label that names the committee", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const proposer = await testApp.as("ab123");
    const before = (await proposer.get(`/proposals/${id}`)).$("main").text();
    expect(before).toContain("CBELA referral");
    expect(before).not.toContain("ACBELA referral");

    const admin = await testApp.as("adm01");
    const settings = await admin.get("/admin/reference/draft/settings");
    const draftVersion = String(settings.$('input[name="version"]').val());
    const saved = await admin.post("/admin/reference/draft/settings", {
      version: draftVersion,
      acbelaThresholdGbp: String(settings.$("input#acbelaThresholdGbp").val()),
      schoolThresholdGbp: String(settings.$("input#schoolThresholdGbp").val()),
      committeeName: "Benefactions Committee",
      committeeFormerName: "CBELA",
      queueOverdueDays: "",
    });
    expect(saved.status).toBe(303);
    const draft = await testApp.services.prisma.referenceDataVersion.findFirstOrThrow({ where: { status: "draft" } });
    const published = await admin.post("/admin/reference/draft/publish", {
      version: String(draft.version),
      reason: "The committee was renamed",
    });
    expect(published.status).toBe(303);

    // A case submitted after the rename: its route, its review task and the rules' reasons.
    const renamed = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const after = (await proposer.get(`/proposals/${renamed.id}`)).$("main").text();
    expect(after).toContain("Benefactions Committee referral");
    expect(after).not.toContain("CBELA referral");

    const secretary = (await admin.get("/admin/people?q=acb01")).$("main").text();
    expect(secretary).toContain("Benefactions Committee secretary");
  });
});
