// Every route of the app × every kind of person, generated from the route table: a new
// route without an expectation here fails this test, so none can be added unguarded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoutes } from "../../src/routes";
import { Browser, signInAs, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { submittedCase } from "../helpers/cases";
import type { PageRoute } from "../../src/routing/pageRoute";

const personas = {
  anonymous: null,
  owner: "ab123",
  otherStaff: "cd456",
  headOwnDepartment: "hod01",
  headOtherDepartment: "hod02",
  headOwnSchool: "hos01",
  headOtherSchool: "hos02",
  officer: "spo01",
  dueDiligenceReviewer: "ddr01",
  exportControlReviewer: "exc01",
  acbelaSecretary: "acb01",
  admin: "adm01",
  spoLead: "spl01",
} as const;
type Persona = keyof typeof personas;
const signedIn = (Object.keys(personas) as Persona[]).filter((persona) => persona !== "anonymous");
const heads: Persona[] = ["headOwnDepartment", "headOtherDepartment", "headOwnSchool", "headOtherSchool"];

/** Who gets through, and how everyone else is turned away (403, or 404 where the thing is someone else's). */
interface Expectation {
  allowed: readonly Persona[];
  denied: 403 | 404;
}

const ownerOnly: Expectation = { allowed: ["owner"], denied: 404 };
const officersOnly: Expectation = { allowed: ["officer"], denied: 403 };
const adminsOnly: Expectation = { allowed: ["admin"], denied: 403 };
const caseFileWorkers = [
  "officer",
  "dueDiligenceReviewer",
  "acbelaSecretary",
  "headOwnDepartment",
  "headOwnSchool",
] as const satisfies readonly Persona[];
const departmentSignOff: Expectation = { allowed: ["headOwnDepartment", "officer"], denied: 403 };

const expectations: Record<string, Expectation> = {
  "signIn.page": { allowed: ["anonymous", ...signedIn], denied: 403 },
  "signIn.development": { allowed: ["anonymous", ...signedIn], denied: 403 },
  home: { allowed: signedIn, denied: 403 },
  "proposal.new": { allowed: signedIn, denied: 403 },
  "proposal.start": { allowed: signedIn, denied: 403 },
  "proposal.step": ownerOnly,
  "proposal.save": ownerOnly,
  "proposal.sections": ownerOnly,
  "proposal.checkAnswers": ownerOnly,
  "proposal.submit": ownerOnly,
  "proposal.confirmation": ownerOnly,
  "proposal.withdrawConfirm": ownerOnly,
  "proposal.withdraw": ownerOnly,
  "proposal.deleteDraftConfirm": ownerOnly,
  "proposal.deleteDraft": ownerOnly,
  "proposal.view": ownerOnly,
  "proposal.attachments": ownerOnly,
  "proposal.reply": ownerOnly,
  "proposal.sendReply": ownerOnly,
  "proposal.addAttachment": ownerOnly,
  "proposal.removeAttachment": ownerOnly,
  // The SPO lead reads the queue and the case as officers do, and acts on nothing.
  "queue.list": { allowed: ["officer", "spoLead"], denied: 403 },
  "queue.export": { allowed: ["officer", "spoLead"], denied: 403 },
  // The case has ACBELA and due diligence routes, not export control.
  "case.view": { allowed: ["officer", "spoLead", "dueDiligenceReviewer", "acbelaSecretary"], denied: 403 },
  "case.assign": officersOnly,
  "case.requestInformation": officersOnly,
  "case.addRoute": officersOnly,
  "case.removeRoute": officersOnly,
  "case.checkDecision": officersOnly,
  "case.decide": officersOnly,
  "case.addNote": officersOnly,
  "case.recordReview": { allowed: ["dueDiligenceReviewer"], denied: 403 },
  // The case is referred to the committee: its secretary records the meeting.
  "case.recordCommittee": { allowed: ["acbelaSecretary"], denied: 403 },
  // The case's files: whoever may see the case, and the heads whose sign-off it awaits.
  // The SPO lead reads files (the page, with no form, and each file) but adds none.
  "case.attachments": { allowed: [...caseFileWorkers, "spoLead"], denied: 403 },
  "case.addAttachment": { allowed: [...caseFileWorkers], denied: 403 },
  // A file is fetched by whoever may see its case, its proposer too; to anyone else it is not there.
  "attachment.download": { allowed: ["owner", ...caseFileWorkers, "spoLead"], denied: 404 },
  "case.screen": officersOnly,
  "case.rulesRerunCheck": officersOnly,
  "case.rulesRerun": officersOnly,
  // Screening is the due-diligence reviewer's check too; other reviewers do not see it.
  "case.screeningVerdict": { allowed: ["officer", "dueDiligenceReviewer"], denied: 403 },
  "reviews.list": { allowed: ["dueDiligenceReviewer", "exportControlReviewer", "acbelaSecretary"], denied: 403 },
  "admin.index": adminsOnly,
  "admin.people": adminsOnly,
  "admin.person": adminsOnly,
  "admin.newPerson": adminsOnly,
  "admin.createPerson": adminsOnly,
  "admin.setDepartment": adminsOnly,
  "admin.grantRole": adminsOnly,
  "admin.checkRevokeRole": adminsOnly,
  "admin.revokeRole": adminsOnly,
  "admin.checkDisable": adminsOnly,
  "admin.disable": adminsOnly,
  "admin.enable": adminsOnly,
  "admin.checklists": adminsOnly,
  "admin.checklists.save": adminsOnly,
  // Reference data: every list, the draft, publishing (admin.reference.* is covered by its prefix).
  "admin.reference": adminsOnly,
  "admin.reference.draft": adminsOnly,
  "admin.reference.publish": adminsOnly,
  "admin.reference.discard": adminsOnly,
  "admin.reference.countries": adminsOnly,
  "admin.reference.countries.add": adminsOnly,
  "admin.reference.countries.remove": adminsOnly,
  "admin.reference.restrictions": adminsOnly,
  "admin.reference.restrictions.add": adminsOnly,
  "admin.reference.restrictions.remove": adminsOnly,
  "admin.reference.restriction": adminsOnly,
  "admin.reference.restriction.save": adminsOnly,
  "admin.reference.sectors": adminsOnly,
  "admin.reference.sectors.add": adminsOnly,
  "admin.reference.sectors.remove": adminsOnly,
  "admin.reference.settings": adminsOnly,
  "admin.reference.settings.save": adminsOnly,
  "admin.organisation": adminsOnly,
  "admin.organisation.addSchool": adminsOnly,
  "admin.organisation.addDepartment": adminsOnly,
  "admin.organisation.school": adminsOnly,
  "admin.organisation.renameSchool": adminsOnly,
  "admin.organisation.retireSchool": adminsOnly,
  "admin.organisation.department": adminsOnly,
  "admin.organisation.renameDepartment": adminsOnly,
  "admin.organisation.moveDepartment": adminsOnly,
  "admin.organisation.retireDepartment": adminsOnly,
  // Its history: officers may read it too.
  "reference.versions": { allowed: ["officer", "admin"], denied: 403 },
  "reference.compare": { allowed: ["officer", "admin"], denied: 403 },
  "reference.diff": { allowed: ["officer", "admin"], denied: 403 },
  "admin.screening": adminsOnly,
  "admin.outbox": adminsOnly,
  "admin.dueDays": adminsOnly,
  "admin.saveDueDays": adminsOnly,
  "admin.outboxMessage": adminsOnly,
  "admin.outboxRetry": adminsOnly,
  "notifications.settings": { allowed: signedIn, denied: 403 },
  "notifications.saveSettings": { allowed: signedIn, denied: 403 },
  "signOff.list": { allowed: [...heads, "officer"], denied: 403 },
  "signOff.checklist": departmentSignOff,
  "signOff.sign": departmentSignOff,
  // The school's head may read the department's signed record (404 here: not signed yet).
  "signOff.record": { allowed: ["headOwnDepartment", "headOwnSchool", "officer"], denied: 403 },
  "signOff.recordPdf": { allowed: ["headOwnDepartment", "headOwnSchool", "officer"], denied: 403 },
  // A kept form comes back only to its author (tests/sessionEnd); anyone may ask for none.
  "sessionEnd.keptForm": { allowed: signedIn, denied: 403 },
  // Says "signed in or not" to the timeout warning; gives nothing else away.
  "sessionEnd.keepAlive": { allowed: ["anonymous", ...signedIn], denied: 403 },
  // Heads see the dashboard for their own unit (tests/reports); the exports are the SPO's.
  "reports.dashboard": { allowed: [...heads, "officer", "spoLead", "admin"], denied: 403 },
  "reports.csv": { allowed: ["officer", "spoLead", "admin"], denied: 403 },
  "reports.annualReturn": { allowed: ["officer", "spoLead", "admin"], denied: 403 },
  // Replaying cases changes nothing: officers run it too (reference data version 1 is seeded).
  "admin.audit": adminsOnly,
  "admin.auditCsv": adminsOnly,
  "admin.simulate": { allowed: ["officer", "admin"], denied: 403 },
  "admin.simulateCsv": { allowed: ["officer", "admin"], denied: 403 },
  // Run last for each person: it ends their session.
  "signIn.signOut": { allowed: signedIn, denied: 403 },
};

function expectationFor(route: PageRoute): Expectation | undefined {
  return expectations[route.name] ?? expectations[route.name.split(".").slice(0, 2).join(".")];
}

describe(`access: every route × every role × own or other's (${databaseLabel})`, () => {
  let testApp: TestApp;
  let routes: PageRoute[];
  const params: Record<string, string> = {};

  beforeAll(async () => {
    testApp = await startTestApp();
    const { services } = testApp;
    routes = allRoutes(services).sort(
      (a, b) => Number(a.name === "signIn.signOut") - Number(b.name === "signIn.signOut"),
    );
    const submitted = await submittedCase(services, "ab123", {
      department: "ENG",
      partnerCountry: "RU",
      relationship: "new",
    });
    const owner = await services.prisma.user.findUniqueOrThrow({ where: { username: "ab123" } });
    const draft = await services.proposals.createDraft(owner.id);
    const task = await services.prisma.caseTask.findFirstOrThrow({
      where: { proposalId: submitted.id, kind: "department_sign_off" },
    });
    // Admin routes act on a person who is not one of the personas, with a role to remove.
    const target = await services.prisma.user.create({
      data: {
        username: "zz999",
        displayName: "Target Person",
        email: "zz999@cam.ac.uk",
        roles: { create: { role: "ADMIN" } },
      },
    });
    const grant = await services.prisma.roleAssignment.findFirstOrThrow({ where: { userId: target.id } });
    const attachment = await services.prisma.attachment.create({
      data: {
        proposalId: submitted.id,
        fileName: "letter.txt",
        contentType: "text/plain; charset=utf-8",
        size: 5,
        sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        content: new Uint8Array(Buffer.from("hello")),
        uploadedById: owner.id,
        addedAs: "proposer",
      },
    });
    Object.assign(params, {
      attachmentId: attachment.id,
      submitted: submitted.id,
      draft: draft.id,
      taskId: task.id,
      person: target.id,
      grantId: grant.id,
      route: "due_diligence",
    });
  });
  afterAll(() => testApp.close());

  function urlFor(route: PageRoute): string {
    return (
      route.path
        .replace(":taskId", params.taskId!)
        .replace(":attachmentId", params.attachmentId!)
        .replace(":grantId", params.grantId!)
        .replace(":route", params.route!)
        // A well-formed id of no match: those allowed get past access to the form's checks.
        .replace(":matchId", "00000000-0000-4000-8000-000000000000")
        .replace(/^\/admin\/people\/:id/, `/admin/people/${params.person}`)
        // A well-formed id of no list version: admins get past access to a 404, others are turned away first.
        .replace(/^\/admin\/screening\/versions\/:id/, "/admin/screening/versions/00000000-0000-4000-8000-000000000000")
        // A well-formed id of no school or department: admins get past access to a 404.
        .replace(
          /^\/admin\/organisation\/(schools|departments)\/:id/,
          "/admin/organisation/$1/00000000-0000-4000-8000-000000000000",
        )
        .replace(":list", "former-soviet-union")
        .replace(":index", "0")
        .replace(":a/diff/:b", "1/diff/1")
        .replace(/^\/admin\/outbox\/:id/, "/admin/outbox/00000000-0000-4000-8000-000000000000")
        .replace(/^\/admin\/reference\/versions\/:version/, "/admin/reference/versions/1")
        .replace(/^\/cases\/:id/, `/cases/${params.submitted}`)
        .replace(/^\/proposals\/:id/, () =>
          /^proposal\.(step|save|checkAnswers|submit)\b/.test(route.name)
            ? `/proposals/${params.draft}`
            : `/proposals/${params.submitted}`,
        )
    );
  }

  it("has an expectation for every route in the route table", () => {
    const missing = routes
      .filter((route) => !expectationFor(route))
      .map((route) => `${route.method.toUpperCase()} ${route.path} (${route.name})`);
    expect(missing).toEqual([]);
    expect(routes.length).toBeGreaterThan(60);
  });

  for (const persona of Object.keys(personas) as Persona[]) {
    it(`turns away or lets in ${persona} on every route`, async () => {
      const username = personas[persona];
      const browser = username ? await signInAs(testApp.app, username) : new Browser(testApp.app);
      if (!username) await browser.get("/sign-in");
      const wrong: string[] = [];
      for (const route of routes) {
        const expectation = expectationFor(route)!;
        const url = urlFor(route);
        const page = route.method === "get" ? await browser.get(url) : await browser.post(url, {});
        const where = `${route.method.toUpperCase()} ${url} (${route.name})`;
        if (page.status >= 500) wrong.push(`${where}: ${page.status}`);
        else if (expectation.allowed.includes(persona)) {
          if ([401, 403].includes(page.status) || (expectation.denied === 404 && page.status === 404))
            wrong.push(`${where}: refused with ${page.status}`);
        } else if (persona === "anonymous") {
          const toSignIn = page.status === 303 && page.location?.startsWith("/sign-in");
          if (!(route.method === "get" ? toSignIn : [401, 403].includes(page.status)))
            wrong.push(`${where}: anonymous got ${page.status} ${page.location ?? ""}`);
        } else if (page.status !== expectation.denied) {
          wrong.push(`${where}: expected ${expectation.denied}, got ${page.status}`);
        }
      }
      expect(wrong).toEqual([]);
    }, 120_000);
  }

  it("ignores or refuses injected fields: status, owner, version, another department", async () => {
    const browser = await signInAs(testApp.app, "ab123");
    const injected = await browser.post(`/proposals/${params.draft}/title`, {
      title: "Injected",
      summary: "x",
      status: "DECIDED",
      ownerId: "00000000-0000-4000-8000-000000000000",
      version: "999",
    });
    expect(injected.status).toBe(400);
    const draft = await testApp.services.prisma.proposal.findUniqueOrThrow({ where: { id: params.draft } });
    expect(draft.status).toBe("DRAFT");
    expect(draft.title).not.toBe("Injected");
    const department = await browser.post(`/proposals/${params.draft}/title`, {
      title: "Fine",
      summary: "x",
      department: "CHEM",
    });
    expect(department.status).toBe(400);
  });
});
