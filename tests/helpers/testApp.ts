// The app over a test database, and a browser-like client: it keeps cookies, reads the
// CSRF token from the pages it gets and sends it back with every form, as a browser does.
import type { Express } from "express";
import * as cheerio from "cheerio";
import request from "supertest";
import { afterAll, beforeAll } from "vitest";
import type { CurrentUser } from "../../src/domain/roles";
import { createApp, createLogger } from "../../src/app";
import type { QueryObserver } from "../../src/db/database";
import { testConfig, type Config } from "../../src/config";
import { createServices, type ServiceOptions, type Services } from "../../src/services";
import { createTestDatabase, type TestDatabase } from "./testDatabase";

export interface TestApp {
  app: Express;
  services: Services;
  testDatabase: TestDatabase;
  close(): Promise<void>;
}

export async function startTestApp(
  options: {
    config?: Record<string, string>;
    seed?: boolean;
    services?: ServiceOptions;
    /** Sees every SQL statement the app sends (statement budgets). */
    onQuery?: QueryObserver;
  } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase({ seed: options.seed, onQuery: options.onQuery });
  const config: Config = testConfig(options.config);
  const services = createServices(testDatabase.database, config, options.services);
  const app = createApp(services, createLogger("silent"));
  return { app, services, testDatabase, close: () => testDatabase.drop() };
}

export type Page = {
  status: number;
  $: cheerio.CheerioAPI;
  text: string;
  headers: Record<string, string>;
  location?: string;
};

function toPage(response: request.Response): Page {
  const text = (response.text as string | undefined) ?? "";
  return {
    status: response.status,
    $: cheerio.load(text),
    text,
    headers: response.headers,
    location: response.headers.location,
  };
}

export class Browser {
  readonly agent: ReturnType<typeof request.agent>;
  private csrfToken: string | undefined;

  constructor(readonly app: Express) {
    this.agent = request.agent(app);
  }

  async get(url: string): Promise<Page> {
    const page = toPage(await this.agent.get(url));
    const token = page.$('input[name="_csrf"]').first().val();
    if (typeof token === "string" && token) this.csrfToken = token;
    return page;
  }

  /** Posts a form as a browser would: urlencoded, with the page's CSRF token. */
  async post(
    url: string,
    fields: Record<string, string | string[]> = {},
    options: { csrf?: string | null } = {},
  ): Promise<Page> {
    if (this.csrfToken === undefined && options.csrf === undefined) await this.get("/sign-in");
    const token = options.csrf === undefined ? this.csrfToken : options.csrf;
    const body = new URLSearchParams();
    if (token !== null && token !== undefined) body.append("_csrf", token);
    for (const [name, value] of Object.entries(fields)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(name, item);
    }
    return toPage(await this.agent.post(url).type("form").send(body.toString()));
  }

  /** Follows a 303 from a POST, like a browser. */
  async follow(page: Page): Promise<Page> {
    if (!page.location) throw new Error(`expected a redirect, got ${page.status}`);
    return this.get(page.location);
  }

  get token(): string | undefined {
    return this.csrfToken;
  }
}

/** A browser signed in through the development sign-in page as the named demo person. */
export async function signInAs(app: Express, username: string): Promise<Browser> {
  const browser = new Browser(app);
  await browser.get("/sign-in");
  const response = await browser.post("/sign-in/development", { username });
  if (response.status !== 303) throw new Error(`sign-in as ${username} failed with ${response.status}`);
  await browser.get("/");
  return browser;
}

/** The signed-in person as the services see them (roles and scopes loaded), by username. */
export async function personNamed(services: Services, username: string): Promise<CurrentUser> {
  const user = await services.users.findByUsername(username);
  const active = user ? await services.users.findActive(user.id) : null;
  if (!active) throw new Error(`no active person ${username}`);
  return active;
}

/**
 * The shared set-up of a route test file: the app over a database of its own, started
 * before the file's tests and dropped after them, and browsers signed in as demo people
 * (each signed in once, on first use).
 */
export function useTestApp(options: Parameters<typeof startTestApp>[0] = {}) {
  let started: TestApp | undefined;
  const browsers = new Map<string, Promise<Browser>>();
  beforeAll(async () => {
    started = await startTestApp(options);
  });
  afterAll(async () => {
    await started?.close();
  });
  const testApp = (): TestApp => {
    if (!started) throw new Error("useTestApp: the app is only there inside tests and hooks");
    return started;
  };
  return {
    get app(): Express {
      return testApp().app;
    },
    get services(): Services {
      return testApp().services;
    },
    /** A browser signed in as this demo person, shared by the file's tests. */
    as(username: string): Promise<Browser> {
      let browser = browsers.get(username);
      if (!browser) browsers.set(username, (browser = signInAs(testApp().app, username)));
      return browser;
    },
    /** A fresh browser signed in as this demo person (its own cookies). */
    fresh(username: string): Promise<Browser> {
      return signInAs(testApp().app, username);
    },
    person(username: string): Promise<CurrentUser> {
      return personNamed(testApp().services, username);
    },
  };
}
