import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { TestIdentityProvider } from "../saml/testIdentityProvider";

describe("configuration", () => {
  it("defaults to the embedded database in ./data", () => {
    const config = loadConfig({});
    expect(config.database.kind).toBe("pglite");
    expect(config.demoMode).toBe(true);
    expect(config.session.cookieName).toBe("spo.sid");
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const config = loadConfig({ DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/test" });
    expect(config.database).toEqual({
      kind: "postgres",
      url: "postgresql://postgres@127.0.0.1:5432/test",
      preparedStatements: true,
    });
  });

  it("refuses to start in production without a session secret or an https base URL", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/SESSION_SECRET[\s\S]*BASE_URL/);
  });

  it("in production: __Host- Secure cookie, no demo sign-in, rotatable secrets", () => {
    const idp = new TestIdentityProvider({
      entityId: "https://spo.example.ac.uk/sign-in/saml/metadata",
      callbackUrl: "https://spo.example.ac.uk/sign-in/saml/callback",
    });
    const config = loadConfig({
      NODE_ENV: "production",
      SESSION_SECRET: `${"n".repeat(40)},${"o".repeat(40)}`,
      BASE_URL: "https://spo.example.ac.uk",
      ...idp.settings(),
    });
    expect(config.session.cookieName).toBe("__Host-spo.sid");
    expect(config.session.secureCookie).toBe(true);
    expect(config.demoMode).toBe(false);
    expect(config.developmentSignIn).toBe(false);
    expect(config.session.secrets).toHaveLength(2);
  });

  it("rejects nonsense with the variable's name", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(/PORT/);
  });
});
