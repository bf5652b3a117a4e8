/** A local frontend's dev server: http://localhost[:port] or http://127.0.0.1[:port]. */
const LOCAL_ORIGIN = /^http:\/\/(localhost|127\.0\.0\.1)(:\d{1,5})?$/;

export interface OriginPolicy {
  /** The explicit allowlist (CLIENT_URL). */
  origins: readonly string[];
  /** Outside production: also any local origin, whatever its port. */
  allowLocalhost: boolean;
}

/**
 * Whether a browser page at `origin` may call the API with credentials. One rule for REST (CORS) and the
 * socket.io handshake. No Origin (curl, Postman, same-origin GETs, server-side clients) is allowed, and
 * so is the API's own origin (`host` is the request's Host header): its own pages, such as Swagger UI,
 * send it on POSTs and socket handshakes.
 */
export function isAllowedOrigin(origin: string | undefined, policy: OriginPolicy, host?: string): boolean {
  if (origin === undefined) return true;
  if (policy.origins.includes(origin) || (policy.allowLocalhost && LOCAL_ORIGIN.test(origin))) return true;
  return host !== undefined && hostOf(origin) === host.toLowerCase();
}

function hostOf(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined;
  } catch {
    return undefined;
  }
}
