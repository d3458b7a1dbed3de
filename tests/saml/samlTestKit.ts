// Small helpers the SAML test files share: cookies as a browser would keep them, a
// logger the test can read, and a browser that starts a sign-in the way a person does
// (the sign-in page, then its button) and keeps the cookies it was given.
import { Writable } from "node:stream";
import { inflateRawSync } from "node:zlib";
import type { Express } from "express";
import { pino } from "pino";
import request from "supertest";

export function setCookies(headers: Record<string, unknown>): string[] {
  return ([] as string[]).concat((headers["set-cookie"] as string[] | string | undefined) ?? []);
}

/** `name=value` of the named cookie in a response's Set-Cookie headers. */
export function cookieFrom(headers: Record<string, unknown>, name: string): string | undefined {
  return setCookies(headers)
    .find((cookie) => cookie.startsWith(`${name}=`))
    ?.split(";")[0];
}

/** A logger whose lines the test can read. */
export function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = pino(
    { level: "info" },
    new Writable({
      write: (chunk, _encoding, done) => {
        raw.push(String(chunk));
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  /** The reason code of the last rejection logged. */
  const lastRejection = () => lines.filter((line) => line.msg === "single sign-on response rejected").at(-1)?.reason;
  return { logger, lines, raw, lastRejection };
}

/**
 * One browser: its own cookies, sent with every request it makes. (supertest's agent
 * would not send the Secure binding cookie over the test's plain http, so cookies are
 * kept here by hand, as the browser keeps them for the app's https address.)
 */
export class CookieBrowser {
  private readonly jar = new Map<string, string>();
  /** The Set-Cookie headers of the last response, as sent. */
  lastSetCookies: string[] = [];

  constructor(private readonly app: Express) {}

  keep(headers: Record<string, unknown>): void {
    this.lastSetCookies = setCookies(headers);
    for (const cookie of this.lastSetCookies) {
      const [pair = ""] = cookie.split(";");
      const name = pair.slice(0, pair.indexOf("="));
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(cookie);
      if (expired) this.jar.delete(name);
      else this.jar.set(name, pair);
    }
  }

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  header(): string {
    return [...this.jar.values()].join("; ");
  }

  /** The sign-in page, then its button: the redirect to the IdP (with the AuthnRequest). */
  async startSignIn(returnTo = "/"): Promise<string> {
    const first = await request(this.app).get("/sign-in").set("Cookie", this.header());
    this.keep(first.headers);
    const token = /name="_csrf" value="([^"]+)"/.exec(first.text)?.[1] ?? "";
    const start = await request(this.app)
      .post("/sign-in/saml")
      .set("Cookie", this.header())
      .type("form")
      .send(new URLSearchParams({ _csrf: token, returnTo }).toString());
    if (start.status !== 303) throw new Error(`starting a sign-in gave ${start.status}`);
    this.keep(start.headers);
    return start.headers.location as string;
  }

  /** The IdP's auto-submitted form, posted from this browser (its cookies go along). */
  async postResponse(samlResponse: string, relayState = "/") {
    const response = await request(this.app)
      .post("/sign-in/saml/callback")
      .set("Cookie", this.header())
      .type("form")
      .send(new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }).toString());
    this.keep(response.headers);
    return response;
  }
}

/** The AuthnRequest id in the redirect to the IdP. */
export function requestIdOf(location: string): string {
  const encoded = new URL(location).searchParams.get("SAMLRequest") ?? "";
  const xml = inflateRawSync(Buffer.from(encoded, "base64")).toString("utf8");
  return /\sID="([^"]+)"/.exec(xml)?.[1] ?? "";
}
