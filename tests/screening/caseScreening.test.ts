// Screening inside the case: a case is screened at submission; a possible match makes due
// diligence mandatory, is explained on the case page to those who judge it, blocks
// approval until it has a verdict, and keeps its verdict when screened again.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { completeSignOffs, currentVersion, submittedCase } from "../helpers/cases";

const csvText = readFileSync(path.join(import.meta.dirname, "fixtures/uk-sanctions-list.csv"), "utf8");
const listedPartner = { partnerName: "Zenith Orbital Technologies LLC", partnerCountry: "DE" } as const;

describe(`screening a case (${databaseLabel})`, () => {
  const test = useTestApp();

  beforeAll(async () => {
    const { screeningLists, prisma } = test.services;
    const admin = await prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    const imported = await screeningLists.importFile(
      "uk-sanctions-list",
      { name: "list.csv", bytes: Buffer.from(csvText) },
      admin,
    );
    // The fixture is far smaller than the real list, so it is held until confirmed.
    await screeningLists.decideHeld(imported.version.id, "accept", admin);
  });

  const tasksOf = (id: string) =>
    test.services.prisma.caseTask.findMany({ where: { proposalId: id }, orderBy: { createdAt: "asc" } });

  it("screens at submission; a match adds due diligence, with the entry cited", async () => {
    const { id } = await submittedCase(test.services, "ab123", listedPartner);
    const proposal = await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.routes).toContain("due_diligence");
    const review = (await tasksOf(id)).find((task) => task.kind === "review_due_diligence");
    expect(review).toMatchObject({
      state: "open",
      openedBecause: "Possible sanctions list match: ZENITH ORBITAL TECHNOLOGIES LLC (UK Sanctions List, TST0001)",
    });
    const runs = await test.services.prisma.screeningRun.findMany({ where: { proposalId: id } });
    expect(runs.map((run) => run.trigger)).toEqual(["submission"]);
  });

  it("screens the organisation that owns the partner, when the proposer names it, as the parent", async () => {
    const owned = {
      partnerName: "Harbour Instruments GmbH",
      partnerCountry: "DE",
      partnerType: "company",
      partnerOwnership: "part_of_group",
      partnerParentName: listedPartner.partnerName,
      partnerParentCountry: "DE",
    } as const;
    const { id } = await submittedCase(test.services, "ab123", owned);
    const matches = await test.services.prisma.screeningMatch.findMany({ where: { proposalId: id } });
    expect(matches.map((match) => [match.role, match.subjectName])).toEqual([["parent", listedPartner.partnerName]]);
    expect((await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).routes).toContain(
      "due_diligence",
    );
    // The same name kept from an earlier answer, once the partner is independent, is no party.
    const independent = await submittedCase(test.services, "ab123", { ...owned, partnerOwnership: "independent" });
    expect(await test.services.prisma.screeningMatch.count({ where: { proposalId: independent.id } })).toBe(0);
  });

  it("adds nothing for a partner that is not listed", async () => {
    const { id } = await submittedCase(test.services, "ab123");
    const proposal = await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.routes).not.toContain("due_diligence");
    const officer = await test.as("spo01");
    const page = await officer.get(`/cases/${id}`);
    expect(page.$("#screening").text()).toBe("Sanctions screening");
    expect(page.text).toContain("No possible matches.");
  });

  it("explains the hit to an officer, blocks approval and the route's removal until a verdict, then lets it through", async () => {
    const { id } = await submittedCase(test.services, "ab123", listedPartner);
    const officer = await test.as("spo01");
    const page = await officer.get(`/cases/${id}`);
    const match = page.$(".app-screening-match");
    expect(match).toHaveLength(1);
    expect(match.find("h3").text()).toBe("Partner: Zenith Orbital Technologies LLC");
    expect(match.find(".govuk-tag").text().trim()).toBe("Needs a verdict");
    const rows = Object.fromEntries(
      match
        .find(".govuk-summary-list__row")
        .toArray()
        .map((row) => [
          page.$(row).find("dt").text().trim(),
          page.$(row).find("dd").text().trim().replace(/\s+/g, " "),
        ]),
    );
    expect(rows).toMatchObject({
      Entry: "TST0001",
      Regime: "The Russia (Sanctions) (EU Exit) Regulations 2019",
      "Sanctions imposed": "Asset freeze, Trust services sanctions",
      "Statement of reasons": "An invented company that supplies invented satellite parts, for tests only.",
      List: "UK Sanctions List, version 1 (report date 2026-03-14)",
    });
    expect(match.find("details").text()).toContain("How the score was reached");
    expect(page.$(".govuk-warning-text").text()).toContain("1 possible match needs a verdict");

    const matchId = match.attr("id")!.replace("match-", "");
    const removal = await officer.post(`/cases/${id}/routes/remove`, {
      version: String(await currentVersion(test.services, id)),
      route: "due_diligence",
      reason: "Not needed",
    });
    expect(removal.status).toBe(409);
    expect(removal.$(".govuk-error-summary").text()).toContain("Due diligence is mandatory");

    // Everything else done, so only the match stands in the way.
    await completeSignOffs(test.services, id);
    await test.services.prisma.caseTask.updateMany({
      where: { proposalId: id, state: "open", kind: { startsWith: "review_" } },
      data: { state: "done", outcome: "cleared", completedAt: new Date() },
    });
    const blocked = await officer.post(`/cases/${id}/decision`, {
      version: String(await currentVersion(test.services, id)),
      outcome: "approved",
      confirm: "yes",
    });
    expect(blocked.status).toBe(409);
    expect(blocked.$(".govuk-error-summary").text()).toContain("cannot be approved while a possible sanctions match");

    const noReason = await officer.post(`/cases/${id}/screening/${matchId}/verdict`, { verdict: "not_a_match" });
    expect(noReason.status).toBe(400);
    expect(noReason.$(`#match-${matchId} .govuk-error-message`).text()).toContain("Say why it is not a match");

    const verdict = await officer.post(`/cases/${id}/screening/${matchId}/verdict`, {
      verdict: "not_a_match",
      note: "Different company: registered in Munich in 1998, makes bicycle parts.",
    });
    expect(verdict.status).toBe(303);
    const audit = await test.services.prisma.auditEntry.findFirst({
      where: { entityId: id, action: "screening.verdict_recorded" },
    });
    expect(audit).toMatchObject({ toState: "not_a_match" });

    // Screened again: the same match, its verdict kept, nothing new.
    const again = await officer.post(`/cases/${id}/screening`, {});
    expect(again.status).toBe(303);
    const after = await officer.get(`/cases/${id}`);
    expect(after.$(".app-screening-match")).toHaveLength(1);
    expect(after.$(".app-screening-match .govuk-tag").text().trim()).toBe("Not a match");
    expect(after.$(".app-screening-match").text()).toContain("registered in Munich in 1998");
    expect(after.$(".govuk-warning-text").text()).not.toContain("needs a verdict");

    const approved = await officer.post(`/cases/${id}/decision`, {
      version: String(await currentVersion(test.services, id)),
      outcome: "approved",
      confirm: "yes",
    });
    expect(approved.status).toBe(303);
    expect((await test.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).status).toBe("DECIDED");
  });

  it("shows the panel only to officers and due-diligence reviewers, and takes verdicts from no one else", async () => {
    const { id } = await submittedCase(test.services, "ab123", {
      ...listedPartner,
      partnerCountry: "RU",
      relationship: "new",
    });
    const secretary = await test.as("acb01");
    const page = await secretary.get(`/cases/${id}`);
    expect(page.status).toBe(200);
    expect(page.$("#screening")).toHaveLength(0);
    const match = await test.services.prisma.screeningMatch.findFirstOrThrow({ where: { proposalId: id } });
    const refused = await secretary.post(`/cases/${id}/screening/${match.id}/verdict`, {
      verdict: "not_a_match",
      note: "x",
    });
    expect(refused.status).toBe(403);

    const reviewer = await test.as("ddr01");
    const reviewerPage = await reviewer.get(`/cases/${id}`);
    expect(reviewerPage.$(".app-screening-match")).toHaveLength(1);
    expect(reviewerPage.$('form[action$="/screening"]')).toHaveLength(0);
    const byReviewer = await reviewer.post(`/cases/${id}/screening/${match.id}/verdict`, { verdict: "true_match" });
    expect(byReviewer.status).toBe(303);
  });

  it("after a list update, a new match on an open case reopens due diligence and tells the assigned officer", async () => {
    const { services } = test;
    const { id } = await submittedCase(services, "ab123", { partnerName: "Northern Star Avionics Bureau" });
    const officer = await services.prisma.user.findUniqueOrThrow({ where: { username: "spo02" } });
    await services.workflow.assign(id, await currentVersion(services, id), await test.person("spo01"), officer.id);
    expect((await services.prisma.proposal.findUniqueOrThrow({ where: { id } })).routes).not.toContain("due_diligence");

    // The publisher lists a new entity under the partner's name.
    const [firstRow] = csvText.split("\n").filter((line) => line.includes(",TST0001,"));
    const newRow = firstRow!
      .replace(",TST0001,90001,", ",TST0099,90099,")
      .replace("ZENITH ORBITAL TECHNOLOGIES LLC", "NORTHERN STAR AVIONICS BUREAU")
      // Its own entity: not Zenith's name in Cyrillic.
      .replace("ООО «Зенит Орбитал Технолоджис»,Cyrillic,Russian", ",,");
    const admin = await services.prisma.user.findUniqueOrThrow({ where: { username: "adm01" } });
    const imported = await services.screeningLists.importFile(
      "uk-sanctions-list",
      { name: "list-2.csv", bytes: Buffer.from(`${csvText.trimEnd()}\n${newRow}\n`) },
      admin,
    );
    await services.screeningLists.decideHeld(imported.version.id, "accept", admin);
    const rescreened = await services.screening.rescreenAfterImport(imported.version.id);
    if (!rescreened) throw new Error("the re-screening was not run here");
    expect(rescreened.cases.map((found) => [found.caseId, found.newHits.map((hit) => hit.externalId)])).toEqual([
      [id, ["TST0099"]],
    ]);

    const proposal = await services.prisma.proposal.findUniqueOrThrow({ where: { id } });
    expect(proposal.routes).toContain("due_diligence");
    const messages = await services.prisma.notification.findMany({
      where: { proposalId: id, kind: { in: ["sanctions_match", "review_needed"] } },
      select: { kind: true, recipientId: true, subject: true },
    });
    const reviewer = await services.prisma.user.findUniqueOrThrow({ where: { username: "ddr01" } });
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "sanctions_match", recipientId: officer.id }),
        expect.objectContaining({ kind: "review_needed", recipientId: reviewer.id }),
      ]),
    );
    expect(messages.find((message) => message.kind === "sanctions_match")?.subject).toContain(
      "Possible sanctions list match",
    );
    // Only the assigned officer is told of the match.
    expect(messages.filter((message) => message.kind === "sanctions_match")).toHaveLength(1);
  });
});
