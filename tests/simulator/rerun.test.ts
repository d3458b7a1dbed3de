// Re-running the rules on an open case after new reference data is published: the check
// page shows what would change, confirming records the new decision beside the old one,
// opens a review for a route that is new, keeps a route the rules no longer give, audits.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import type { Prisma } from "../../src/generated/prisma/client";

const app = useTestApp();
let addsRoute: { id: string; reference: string };
let losesRoute: { id: string; reference: string };
let closed: { id: string; reference: string };

beforeAll(async () => {
  const { services } = app;
  // Moldova is not in the restrictions as shipped; version 2 adds it and takes Hong Kong out.
  addsRoute = await submittedCase(services, "ab123", { partnerCountry: "MD", relationship: "existing_with_agreement" });
  losesRoute = await submittedCase(services, "ab123", { partnerCountry: "HK" });
  closed = await submittedCase(services, "ab123", { partnerCountry: "HK" });
  await services.prisma.proposal.update({ where: { id: closed.id }, data: { status: "WITHDRAWN" } });
  const { version, ...data } = await services.reference.current();
  const restrictions = [
    ...data.countryRestrictions.filter((entry) => entry.country !== "HK"),
    {
      country: "MD",
      type: "sanctions_regime",
      scope: null,
      name: "Test regime on Moldova",
      source: "test",
      asOf: "2026-12-01",
    },
  ];
  await services.prisma.referenceDataVersion.create({
    data: {
      version: version + 1,
      note: "test",
      status: "published",
      reason: "Moldova in, Hong Kong out (test)",
      publishedAt: new Date(),
      data: JSON.parse(JSON.stringify({ ...data, countryRestrictions: restrictions })) as Prisma.InputJsonObject,
    },
  });
}, 60_000);

describe(`re-running the rules on an open case (${databaseLabel})`, () => {
  it("shows what would change first, and changes nothing yet", async () => {
    const officer = await app.as("spo01");
    const casePage = await officer.get(`/cases/${addsRoute.id}`);
    expect(casePage.$(`a[href="/cases/${addsRoute.id}/rules-rerun"]`).text()).toContain(
      "Re-run the rules with the current reference data",
    );
    const check = await officer.get(`/cases/${addsRoute.id}/rules-rerun`);
    expect(check.status).toBe(200);
    expect(check.text).toContain("+ref.1");
    expect(check.text).toContain("version 2");
    expect(check.$(".govuk-summary-list").text()).toContain("no review route");
    expect(check.$(".govuk-summary-list").text()).toContain("due diligence (mandatory)");
    expect(check.text).toContain("due_diligence.sanctioned_country");
    expect(check.text).toContain("Research Office due diligence");
    expect(await app.services.prisma.rulesRerun.count()).toBe(0);
  });

  it("records the new decision beside the old one, opens the new route's review and audits it", async () => {
    const officer = await app.as("spo01");
    const check = await officer.get(`/cases/${addsRoute.id}/rules-rerun`);
    const version = check.$('input[name="version"]').val() as string;
    const done = await officer.post(`/cases/${addsRoute.id}/rules-rerun`, { version });
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/cases/${addsRoute.id}`);

    const { prisma } = app.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id: addsRoute.id } });
    expect(proposal.routes).toEqual(["due_diligence"]);
    expect(proposal.risk).toBe("medium");
    const reviews = await prisma.caseTask.findMany({
      where: { proposalId: addsRoute.id, kind: "review_due_diligence" },
    });
    expect(reviews).toHaveLength(1);
    expect(reviews[0]!.state).toBe("open");
    expect(reviews[0]!.openedBecause).toContain("reference data version 2");
    // The submission keeps its decision; the re-run is recorded beside it.
    const submission = await prisma.proposalSubmission.findFirstOrThrow({ where: { proposalId: addsRoute.id } });
    expect(submission.ruleSetVersion).toMatch(/\+ref\.1$/);
    const rerun = await prisma.rulesRerun.findFirstOrThrow({ where: { proposalId: addsRoute.id } });
    expect(rerun.ruleSetVersion).toMatch(/\+ref\.2$/);
    expect(rerun.previousVersion).toBe(submission.ruleSetVersion);

    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { entityId: addsRoute.id, action: "case.rules_rerun" },
    });
    const details = audit.details as Record<string, unknown>;
    expect(details.before).toMatchObject({ routes: [], ruleSetVersion: submission.ruleSetVersion });
    expect(details.after).toMatchObject({ routes: [{ route: "due_diligence", mandatory: true }] });
    expect(details.routesAdded).toEqual(["due_diligence"]);
    expect(details.reviewsOpened).toEqual(["review_due_diligence"]);
    expect(await prisma.auditEntry.count({ where: { entityId: addsRoute.id, action: "case.route_added" } })).toBe(1);

    // Both decisions on the case page, with their versions; the new one in force.
    const page = await officer.get(`/cases/${addsRoute.id}`);
    const history = page.$("h3:contains('Decisions on these answers') + .govuk-summary-list");
    const text = history.text().replace(/\s+/g, " ");
    expect(text).toContain("+ref.1");
    expect(text).toContain("+ref.2");
    expect(text).toContain("(in force)");
    expect(page.text).toContain(`Rules: ${rerun.ruleSetVersion}.`);

    // Done once: the check page now says there is nothing to re-run, and a second post is refused.
    const again = await officer.get(`/cases/${addsRoute.id}/rules-rerun`);
    expect(again.text).toContain("already decided on the current reference data");
    expect(again.$("form#confirm").length).toBe(0);
    const second = await officer.post(`/cases/${addsRoute.id}/rules-rerun`, {
      version: String(proposal.version),
    });
    expect(second.status).toBe(409);
    expect(await prisma.rulesRerun.count({ where: { proposalId: addsRoute.id } })).toBe(1);
  });

  it("keeps a route the rules no longer give, says so, and the page explains it", async () => {
    const officer = await app.as("spo01");
    const check = await officer.get(`/cases/${losesRoute.id}/rules-rerun`);
    expect(check.$(".govuk-warning-text").text()).toContain("does not remove a route or its review");
    const version = check.$('input[name="version"]').val() as string;
    expect((await officer.post(`/cases/${losesRoute.id}/rules-rerun`, { version })).status).toBe(303);
    const { prisma } = app.services;
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id: losesRoute.id } });
    expect(proposal.routes).toEqual(["due_diligence"]);
    const review = await prisma.caseTask.findFirstOrThrow({
      where: { proposalId: losesRoute.id, kind: "review_due_diligence" },
    });
    expect(review.state).toBe("open");
    const page = await officer.get(`/cases/${losesRoute.id}`);
    expect(page.text).toContain("no longer: kept until an officer removes it");
  });

  it("refuses a stale confirmation and a closed case", async () => {
    const officer = await app.as("spo01");
    const stale = await officer.post(`/cases/${closed.id}/rules-rerun`, { version: "1" });
    expect(stale.status).toBe(409);
    expect(stale.text).toContain("only be re-run on an open case");
    const check = await officer.get(`/cases/${closed.id}/rules-rerun`);
    expect(check.$("form#confirm").length).toBe(0);
    expect(await app.services.prisma.rulesRerun.count({ where: { proposalId: closed.id } })).toBe(0);
  });

  it("is for SPO officers only", async () => {
    const reviewer = await app.as("ddr01");
    expect((await reviewer.get(`/cases/${losesRoute.id}/rules-rerun`)).status).toBe(403);
    const admin = await app.as("adm01");
    expect((await admin.post(`/cases/${losesRoute.id}/rules-rerun`, { version: "1" })).status).toBe(403);
  });
});
