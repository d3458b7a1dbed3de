// A request for information as a conversation: the officer asks, the proposer sees the
// question where they answer, replies (required), may change an answer, resubmits; every
// round shows on the case page, the head's page and the proposer's page. A head's return
// is labelled as the head's.
import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { currentVersion, submittedCase } from "../helpers/cases";

describe(`replying to a request for information (${databaseLabel})`, () => {
  const testApp = useTestApp();

  it("shows the question where the proposer answers, needs a reply, keeps changed answers, and threads every round on the case", async () => {
    // A new partner in Georgia: due diligence and the committee review it too.
    const { id } = await submittedCase(testApp.services, "ab123", {
      department: "ENG",
      partnerCountry: "GE",
      relationship: "new",
    });
    const officer = await testApp.fresh("spo01");
    const casePage = await officer.get(`/cases/${id}`);
    const asked = await officer.post(`/cases/${id}/request-information`, {
      version: casePage.$('input[name="version"]').first().val() as string,
      message: "Who funds the partner's lab?\nPlease attach the funding letter.",
    });
    expect(asked.status).toBe(303);

    const proposer = await testApp.fresh("ab123");
    const view = await proposer.get(`/proposals/${id}`);
    expect(view.$(".govuk-notification-banner__title").text()).toContain(
      "Request for information from the Strategic Partnerships Office",
    );
    const continueLink = view.$('a.govuk-button:contains("Reply and resubmit")');
    expect(continueLink.attr("href")).toBe(`/proposals/${id}/reply`);

    const reply = await proposer.get(`/proposals/${id}/reply`);
    expect(reply.status).toBe(200);
    const round = reply.$("#round-1");
    expect(round.text()).toContain("Asked by Priya Raman");
    expect(
      round
        .find("p")
        .map((_, p) => reply.$(p).text())
        .get(),
    ).toEqual(expect.arrayContaining(["Who funds the partner's lab?", "Please attach the funding letter."]));
    expect(round.text()).toContain("Waiting for the proposer’s reply");
    expect(reply.$(`a[href="/proposals/${id}/check-answers"]`).length).toBe(1);
    expect(reply.$(`a[href="/proposals/${id}/attachments"]`).length).toBe(1);
    // The files sit under "Change your answers or files": a level below it, not beside it.
    expect(reply.$("h3#attachments").text()).toBe("Files");
    expect(reply.$("h2#attachments").length).toBe(0);

    // The reply is required; what was typed is kept.
    const empty = await proposer.post(`/proposals/${id}/reply`, { reply: "   ", declaration: "confirmed" });
    expect(empty.status).toBe(400);
    expect(empty.$(".govuk-error-summary a[href='#reply']").text()).toBe("Enter your reply");
    expect(empty.$("title").text()).toMatch(/^Error: /);
    const undeclared = await proposer.post(`/proposals/${id}/reply`, { reply: "Kept while I fix the rest" });
    expect(undeclared.status).toBe(400);
    expect(undeclared.$("textarea#reply").text()).toBe("Kept while I fix the rest");
    expect((await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id } })).status).toBe(
      "INFORMATION_REQUESTED",
    );

    // Check answers leads to the reply rather than submitting without one.
    const check = await proposer.get(`/proposals/${id}/check-answers`);
    expect(check.$(`a[href="/proposals/${id}/reply"]`).text()).toContain("Continue to your reply");
    expect(check.$('input[name="declaration"]').length).toBe(0);
    expect((await proposer.post(`/proposals/${id}/submit`, { declaration: "confirmed" })).location).toBe(
      `/proposals/${id}/reply`,
    );

    // An optional change of answer, then the reply.
    const changed = await proposer.post(`/proposals/${id}/title?change=1`, {
      title: "Sensor networks with Tbilisi (funded by the Rustaveli Foundation)",
      summary: "Joint work on sensor networks.",
    });
    expect(changed.status).toBe(303);
    const sent = await proposer.post(`/proposals/${id}/reply`, {
      reply: "The Shota Rustaveli National Science Foundation.\nThe letter is attached.",
      declaration: "confirmed",
    });
    expect(sent.location).toBe(`/proposals/${id}/confirmation`);

    const { prisma } = testApp.services;
    const [request] = await prisma.informationRequest.findMany({ where: { proposalId: id } });
    const owner = await prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    expect(request).toMatchObject({
      source: "spo",
      reply: "The Shota Rustaveli National Science Foundation.\nThe letter is attached.",
      repliedById: owner.id,
    });
    expect(request!.answeredAt).not.toBeNull();
    const proposal = await prisma.proposal.findUniqueOrThrow({ where: { id }, include: { submissions: true } });
    expect(proposal.status).toBe("IN_REVIEW");
    expect(proposal.title).toBe("Sensor networks with Tbilisi (funded by the Rustaveli Foundation)");
    expect(proposal.submissions).toHaveLength(2);
    expect(await prisma.auditEntry.count({ where: { entityId: id, action: "information_request.replied" } })).toBe(1);

    // A second round, then the thread on the case page: both questions, both replies, in order.
    const officerUser = await testApp.person("spo01");
    await testApp.services.workflow.requestInformation(
      id,
      await currentVersion(testApp.services, id),
      officerUser,
      "Is the foundation state-funded?",
    );
    await proposer.post(`/proposals/${id}/reply`, { reply: "Yes, by the Georgian state.", declaration: "confirmed" });

    for (const [username, url] of [
      ["spo01", `/cases/${id}`],
      ["ddr01", `/cases/${id}`],
      ["ab123", `/proposals/${id}`],
    ] as const) {
      const page = await (await testApp.as(username)).get(url);
      const thread = page.$("section.app-thread");
      expect(
        thread
          .find("h3")
          .map((_, h) => page.$(h).text().trim())
          .get(),
        username,
      ).toEqual([
        "1. Request for information from the Strategic Partnerships Office",
        "2. Request for information from the Strategic Partnerships Office",
      ]);
      const first = thread.find("#round-1").text();
      expect(first).toContain("Asked by Priya Raman");
      expect(first).toContain("Reply from Alex Brown");
      expect(first).toContain("The letter is attached.");
      expect(thread.find("#round-2").text()).toContain("Yes, by the Georgian state.");
    }
  });

  it("labels a head's return as the head's, on the proposer's page and the case page", async () => {
    const { id } = await submittedCase(testApp.services, "ab123", { department: "ENG" });
    const head = await testApp.person("hod01");
    const task = await testApp.services.prisma.caseTask.findFirstOrThrow({
      where: { proposalId: id, kind: "department_sign_off" },
    });
    const checklist = await testApp.services.signOff.checklist("department_sign_off");
    await testApp.services.signOff.sign(task.id, head, {
      version: await currentVersion(testApp.services, id),
      checklistVersion: checklist.version,
      answers: Object.fromEntries(checklist.items.map((item) => [item.id, { answer: "yes" as const, comment: "" }])),
      decision: "return",
      comment: "Name the lab's principal investigator.",
    });
    const proposer = await testApp.as("ab123");
    const view = await proposer.get(`/proposals/${id}`);
    expect(view.$(".govuk-notification-banner__title").text()).toContain(
      "Returned by the head of department at sign-off",
    );
    expect(view.text).not.toContain("SPO’s request");
    expect(view.text).toContain("Reply to the head’s return");
    const reply = await proposer.get(`/proposals/${id}/reply`);
    expect(reply.$("#round-1 h3").text()).toContain("Returned by the head of department at sign-off");
    expect(reply.$("#round-1").text()).toContain("Asked by Dr Helen Okafor");
    const casePage = await (await testApp.as("spo01")).get(`/cases/${id}`);
    expect(casePage.$("section.app-thread #round-1 h3").text()).toContain("Returned by the head of department");
  });

  it("sends anyone but the proposer away, and the proposer back to the proposal when nothing is asked", async () => {
    const { id } = await submittedCase(testApp.services, "ab123");
    expect((await (await testApp.as("cd456")).get(`/proposals/${id}/reply`)).status).toBe(404);
    expect(
      (await (await testApp.as("spo01")).post(`/proposals/${id}/reply`, { reply: "x", declaration: "confirmed" }))
        .status,
    ).toBe(404);
    const notAsked = await (await testApp.as("ab123")).get(`/proposals/${id}/reply`);
    expect(notAsked.location).toBe(`/proposals/${id}`);
  });
});
