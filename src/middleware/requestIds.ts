import type { IncomingMessage } from "node:http";

/**
 * The X-Request-Id a client (or a proxy) sent, for tracing: logged beside the reference
 * the server makes, never used as it, so a client cannot choose, forge or repeat the
 * reference an error page shows. Cut short: it is the client's text in our logs.
 */
export function clientRequestId(req: IncomingMessage): string | undefined {
  const value = req.headers["x-request-id"];
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first.slice(0, 128) : undefined;
}
