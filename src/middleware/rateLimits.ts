import type { Request, RequestHandler, Router } from "express";
import { ipKeyGenerator, rateLimit, type ClientRateLimitInfo, type Options, type Store } from "express-rate-limit";
import type { PageRoute } from "../routing/pageRoute";
import type { RateLimitCounter } from "../rateLimits/rateLimitCounter";

/**
 * Limits on the requests worth attacking: signing in and submitting. They are attached
 * to named routes, on the same router and path as the route itself, so a request is
 * limited exactly when it reaches the route, however its address is spelled (Express
 * matches paths regardless of case and of a trailing slash). The counts are kept in the
 * database, so every app instance shares one limit.
 */
export type RateLimitName = "signIn" | "submit";

/** The routes (by their name in the route table) each limit guards. */
export const limitedRoutes: Readonly<Record<string, RateLimitName>> = {
  "signIn.development": "signIn",
  "signIn.saml.start": "signIn",
  // Not in the route table: mounted before CSRF by setUpSamlCallback, which applies it.
  "signIn.saml.callback": "signIn",
  "proposal.submit": "submit",
};

export type RateLimiters = Record<RateLimitName, RequestHandler>;

/** express-rate-limit's store interface over the shared counter. */
class DatabaseStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly counter: RateLimitCounter,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const hit = await this.counter.get(this.prefix + key);
    return hit && { totalHits: hit.hits, resetTime: hit.resetAt };
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const hit = await this.counter.hit(this.prefix + key, this.windowMs);
    return { totalHits: hit.hits, resetTime: hit.resetAt };
  }

  decrement(key: string): Promise<void> {
    return this.counter.unhit(this.prefix + key);
  }

  resetKey(key: string): Promise<void> {
    return this.counter.reset(this.prefix + key);
  }
}

function limiter(
  counter: RateLimitCounter,
  options: { name: RateLimitName; perMinute: number; key: (req: Request) => string },
) {
  return rateLimit({
    windowMs: 60_000,
    limit: options.perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: new DatabaseStore(counter, `${options.name}:`),
    keyGenerator: options.key,
    handler: (_req, res) => {
      res.status(429).render("errors/tooManyRequests", { title: "Too many attempts" });
    },
  });
}

export function rateLimiters(
  settings: { signInPerMinute: number; submitPerMinute: number },
  counter: RateLimitCounter,
): RateLimiters {
  const address = (req: Request) => ipKeyGenerator(req.ip ?? "");
  return {
    // Per address: whoever is trying has no account yet.
    signIn: limiter(counter, { name: "signIn", perMinute: settings.signInPerMinute, key: address }),
    // Per person when signed in (people share addresses behind a NAT), else per address.
    submit: limiter(counter, {
      name: "submit",
      perMinute: settings.submitPerMinute,
      key: (req) => req.session.userId ?? address(req),
    }),
  };
}

/**
 * Mounts each limited route's limiter on the router, before the routes themselves: the
 * same method and path on the same router match exactly the same requests.
 */
export function applyRateLimits(router: Router, routes: readonly PageRoute[], limiters: RateLimiters): void {
  for (const route of routes) {
    const name = limitedRoutes[route.name];
    if (name) router[route.method](route.path, limiters[name]);
  }
}
