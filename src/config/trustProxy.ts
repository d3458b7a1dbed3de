// Which proxies in front of the app are believed when they say (X-Forwarded-For,
// X-Forwarded-Proto) who the client is. Express takes a hop count or a list of addresses;
// `true` believes every hop, so a client could choose its own address by sending the
// header itself: allowed only outside production.
import { isIP } from "node:net";

export type TrustProxy = boolean | number | string[];

/** Express's (proxy-addr's) names for reserved ranges. */
const namedRanges = new Set(["loopback", "linklocal", "uniquelocal"]);

function isAddressOrSubnet(entry: string): boolean {
  if (namedRanges.has(entry)) return true;
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxyHelp =
  "must be false, the number of proxies in front of the app (e.g. 1), or their addresses or subnets, comma-separated (e.g. 10.0.0.5, 10.1.0.0/16)";

/** The setting as Express takes it, or undefined when it is none of the accepted forms. */
export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = (value ?? "").trim();
  if (text === "" || text === "false" || text === "0") return false;
  if (text === "true") return true;
  if (/^\d+$/.test(text)) return Number(text) <= 100 ? Number(text) : undefined;
  const entries = text.split(",").map((entry) => entry.trim());
  return entries.every(isAddressOrSubnet) ? entries : undefined;
}
