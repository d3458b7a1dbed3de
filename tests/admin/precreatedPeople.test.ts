// Administrators add a person before their first sign-in and change anyone's department;
// the person's first single sign-on finds the record by username instead of adding another.
import type { Express } from "express";
import { pino } from "pino";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app";
import { Browser, startTestApp, type TestApp } from "../helpers/testApp";
import { databaseLabel } from "../helpers/testDatabase";
import { TestIdentityProvider } from "../saml/testIdentityProvider";

const baseUrl = "https://spo.test.example";
const callbackPath = "/sign-in/saml/callback";
const serviceProvider = { entityId: "https://spo.test.example/saml/sp", callbackUrl: `${baseUrl}${callbackPath}` };
const bindingCookieName = "__Secure-spo.saml";

describe(`people added before they first sign in (${databaseLabel})`, () => {
  const idp = new TestIdentityProvider(serviceProvider);
  let testApp: TestApp;
  let app: Express;
  let admin: Browser;
  const prisma = () => testApp.services.prisma;

  beforeAll(async () => {
    testApp = await startTestApp({ config: { BASE_URL: baseUrl, ...idp.settings() } });
    app = createApp(testApp.services, pino({ level: "silent" }));
    // With single sign-on set up there is no demo sign-in: the administrator uses it too.
    const signedIn = await signInWithSso("adm01", "Sian Morgan");
    const cookies = ([] as string[]).concat((signedIn.headers["set-cookie"] as string[] | string | undefined) ?? []);
    admin = new Browser(app);
    admin.agent.set("Cookie", cookies.find((cookie) => cookie.startsWith("spo.sid="))!.split(";")[0]!);
  }, 60_000);
  afterAll(() => testApp.close());

  async function departmentId(code: string) {
    return (await prisma().department.findUniqueOrThrow({ where: { code } })).id;
  }

  /** Signs in through the University sign-in as this username, as the IdP's form posts it. */
  async function signInWithSso(uid: string, displayName: string) {
    const start = await new Browser(app).post("/sign-in/saml", { returnTo: "/" });
    const cookies = ([] as string[]).concat((start.headers["set-cookie"] as string[] | string | undefined) ?? []);
    const binding = cookies.find((cookie) => cookie.startsWith(`${bindingCookieName}=`))?.split(";")[0];
    const response = idp.response({
      inResponseTo: idp.readAuthnRequest(start.location!).id,
      person: { uid, displayName, mail: `${uid}@uni.example.ac.uk`, department: "CHEM" },
    });
    return request(app)
      .post(callbackPath)
      .type("form")
      .set("Cookie", binding ?? "")
      .send(new URLSearchParams({ SAMLResponse: response, RelayState: "/" }).toString());
  }

  it("adds a person, audited, with a message; refuses a username someone has", async () => {
    const form = await admin.get("/admin/people/new");
    expect(form.status).toBe(200);
    expect(form.$("h1").text()).toBe("Add a person");
    const added = await admin.post("/admin/people/new", {
      username: " NB777 ",
      displayName: "Nadia Bakr",
      email: "nb777@uni.example.ac.uk",
      departmentId: await departmentId("ENG"),
    });
    expect(added.status).toBe(303);
    const person = await prisma().user.findUniqueOrThrow({ where: { username: "nb777" } });
    expect(added.location).toBe(`/admin/people/${person.id}`);
    expect(person).toMatchObject({ displayName: "Nadia Bakr", departmentId: await departmentId("ENG") });
    const page = await admin.follow(added);
    expect(page.$(".govuk-notification-banner--success").text()).toContain("Nadia Bakr was added");
    const audit = await prisma().auditEntry.findFirstOrThrow({
      where: { entityId: person.id, action: "user.created" },
    });
    expect(audit.details).toMatchObject({ source: "admin", username: "nb777" });

    const again = await admin.post("/admin/people/new", {
      username: "nb777",
      displayName: "Someone else",
      email: "else@uni.example.ac.uk",
      departmentId: "",
    });
    expect(again.status).toBe(400);
    expect(again.$(".govuk-error-summary").text()).toContain("Someone already has this username");
    expect(await prisma().user.count({ where: { username: "nb777" } })).toBe(1);
  });

  it("explains what is missing or wrong", async () => {
    const refused = await admin.post("/admin/people/new", {
      username: "no spaces",
      displayName: "",
      email: "not-an-address",
      departmentId: "",
    });
    expect(refused.status).toBe(400);
    const errors = refused.$(".govuk-error-summary__list li").text();
    expect(errors).toContain("Username must be letters");
    expect(errors).toContain("Enter their name");
    expect(errors).toContain("Enter an e-mail address");
  });

  it("the first single sign-on becomes the person added, keeping their roles, with no second record", async () => {
    const added = await admin.post("/admin/people/new", {
      username: "pq321",
      displayName: "P. Quinn",
      email: "pq321@uni.example.ac.uk",
      departmentId: await departmentId("ENG"),
    });
    const id = added.location!.split("/").at(-1)!;
    expect((await admin.post(`/admin/people/${id}/roles`, { role: "SPO_OFFICER" })).status).toBe(303);
    const usersBefore = await prisma().user.count();

    const signedIn = await signInWithSso("pq321", "Patrick Quinn");
    expect(signedIn.status).toBe(303);
    expect(await prisma().user.count()).toBe(usersBefore);
    const person = await prisma().user.findUniqueOrThrow({
      where: { username: "pq321" },
      include: { roles: true },
    });
    expect(person.id).toBe(id);
    expect(person.displayName).toBe("Patrick Quinn");
    expect(person.roles.map((grant) => grant.role)).toEqual(["SPO_OFFICER"]);
    const session = await prisma().session.findFirst({ where: { userId: id } });
    expect(session).not.toBeNull();
  });

  it("changes someone's department, audited, with a message", async () => {
    const alex = await prisma().user.findUniqueOrThrow({ where: { username: "ab123" } });
    const chemistry = await departmentId("CHEM");
    const page = await admin.get(`/admin/people/${alex.id}`);
    expect(page.$('form[action$="/department"] select[name="departmentId"]').val()).toBe(alex.departmentId);
    const changed = await admin.post(`/admin/people/${alex.id}/department`, { departmentId: chemistry });
    expect(changed.status).toBe(303);
    expect((await admin.follow(changed)).$(".govuk-notification-banner--success").text()).toContain(
      "Alex Brown's department was changed.",
    );
    expect((await prisma().user.findUniqueOrThrow({ where: { id: alex.id } })).departmentId).toBe(chemistry);
    const audit = await prisma().auditEntry.findFirstOrThrow({
      where: { entityId: alex.id, action: "user.updated" },
      orderBy: { id: "desc" },
    });
    expect(audit.details).toMatchObject({
      source: "admin",
      fields: ["department"],
      from: alex.departmentId,
      to: chemistry,
    });
    // A department that does not exist is refused, and nothing changes.
    const forged = await admin.post(`/admin/people/${alex.id}/department`, {
      departmentId: "00000000-0000-4000-8000-000000000000",
    });
    expect(forged.status).toBe(400);
    expect((await prisma().user.findUniqueOrThrow({ where: { id: alex.id } })).departmentId).toBe(chemistry);
  });
});
