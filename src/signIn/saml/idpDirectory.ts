// What we currently know about the IdP. From the settings alone (or a metadata file) it
// never changes. From a metadata URL it is fetched at start-up and refreshed on a
// schedule; each copy must carry a valid signature by SAML_IDP_METADATA_CERT, and a
// refresh that fails (unreachable, badly signed, expired, malformed) keeps the last good
// copy. Until the first good copy arrives, sign-in is unavailable (503), and fetching is
// retried every minute.
import type { Logger } from "pino";
import type { SamlSettings } from "../../config/saml";
import { parseIdpMetadata, verifiedMetadata, type IdpDescription } from "./idpMetadata";

/** The IdP, complete enough to sign someone in with. */
export interface CurrentIdp {
  entityId: string;
  ssoUrl: string;
  sloUrl?: string;
  certificates: string[];
}

const retryAfterFailureMs = 60_000;
const fetchTimeoutMs = 30_000;
/** A federation's aggregate is large (tens of MB); anything far larger is not metadata. */
const maximumMetadataBytes = 200 * 1024 * 1024;

/** The settings' own values win over the metadata's. */
function complete(settings: SamlSettings, metadata: IdpDescription | undefined): CurrentIdp | undefined {
  const entityId = settings.idpIssuer ?? metadata?.entityId;
  const ssoUrl = settings.idpSsoUrl ?? metadata?.ssoUrl;
  const certificates = settings.idpCertificates.length > 0 ? settings.idpCertificates : (metadata?.certificates ?? []);
  if (!entityId || !ssoUrl || certificates.length === 0) return undefined;
  const sloUrl = settings.idpSloUrl ?? metadata?.sloUrl;
  return { entityId, ssoUrl, certificates, ...(sloUrl ? { sloUrl } : {}) };
}

export interface IdpDirectory {
  /** The IdP as now known; undefined while metadata from a URL has not been fetched yet. */
  current(): CurrentIdp | undefined;
  /** Resolves once the first fetch has finished, well or not (immediately without a URL). */
  ready(): Promise<void>;
  /** Fetches the metadata now; keeps the last good copy on failure. True if it was taken. */
  refresh(): Promise<boolean>;
  /** When the metadata was last taken, for the logs and tests. */
  lastLoadedAt(): Date | undefined;
  stop(): void;
}

export function idpDirectory(settings: SamlSettings, logger?: Logger): IdpDirectory {
  const source = settings.idpMetadataUrl;
  if (!source) {
    const fixed = complete(settings, undefined);
    return {
      current: () => fixed,
      ready: () => Promise.resolve(),
      refresh: () => Promise.resolve(true),
      lastLoadedAt: () => undefined,
      stop: () => {},
    };
  }

  const { url, signers, refreshMs } = source;
  let metadata: IdpDescription | undefined;
  let loadedAt: Date | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  async function fetchOnce(): Promise<IdpDescription> {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(fetchTimeoutMs),
      redirect: "error",
      headers: { accept: "application/samlmetadata+xml, application/xml, text/xml" },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > maximumMetadataBytes) throw new Error("too large");
    const xml = await response.text();
    if (xml.length > maximumMetadataBytes) throw new Error("too large");
    return parseIdpMetadata(verifiedMetadata(xml, signers), settings.idpIssuer);
  }

  async function refresh(): Promise<boolean> {
    try {
      const fetched = await fetchOnce();
      if (!complete(settings, fetched)) throw new Error("does not give a sign-on address and a signing certificate");
      metadata = fetched;
      loadedAt = new Date();
      logger?.info({ url, certificates: fetched.certificates.length }, "IdP metadata loaded");
      return true;
    } catch (error) {
      // The reason only: a failed refresh is routine, the last good copy stays in use.
      logger?.warn(
        { url, reason: (error as Error).message, keeping: Boolean(metadata) },
        "IdP metadata refresh failed",
      );
      return false;
    }
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      void refresh().then((ok) => schedule(ok || metadata ? refreshMs : retryAfterFailureMs));
    }, delayMs);
    timer.unref();
  }

  const first = refresh().then((ok) => {
    schedule(ok ? refreshMs : retryAfterFailureMs);
  });

  return {
    current: () => complete(settings, metadata),
    ready: () => first,
    refresh,
    lastLoadedAt: () => loadedAt,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
