import { logger } from './logger';

/**
 * Dependency health as the process sees it: which errors mean "MongoDB/Redis is unreachable" (answered
 * 503 `dependency_unavailable`, never 401/500) and one JSON log line per state change (down → up → …),
 * however many clients, retries or requests hit the same outage.
 */
export type Dependency = 'mongo' | 'redis';

/** Seconds a client should wait before retrying a request that met a dependency outage. */
export const DEPENDENCY_RETRY_AFTER_SECONDS = 5;

const MONGO_ERROR_NAMES = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
  'MongooseServerSelectionError',
]);
const MONGO_MESSAGES = [
  /buffering timed out/i,
  /before initial connection is complete/i,
  /connection .* (closed|timed out)/i,
  /Client must be connected/i,
];

const REDIS_ERROR_NAMES = new Set(['MaxRetriesPerRequestError', 'AbortError', 'ClusterAllFailedError']);
const REDIS_MESSAGES = [
  /enableOfflineQueue/,
  /Connection is closed/,
  /Command timed out/,
  /Command aborted due to connection close/,
  /^LOADING /,
  /^MASTERDOWN /,
  /^READONLY /,
];
const NET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTCONN']);

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  errorLabels?: unknown;
  cause?: unknown;
  /** Errors thrown on our side for a known dependency (see `DependencyError`). */
  dependency?: unknown;
}

/** Which dependency an error says is unreachable, or null for any other error. */
export function dependencyOf(error: unknown, depth = 0): Dependency | null {
  if (!error || typeof error !== 'object' || depth > 3) return null;
  const e = error as ErrorLike;
  if (e.dependency === 'mongo' || e.dependency === 'redis') return e.dependency;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (MONGO_ERROR_NAMES.has(name) || name.startsWith('MongoNetwork')) return 'mongo';
  if (Array.isArray(e.errorLabels) && e.errorLabels.includes('ResetPool')) return 'mongo';
  if (
    MONGO_MESSAGES.some((re) => re.test(message)) &&
    /mongo|buffering|initial connection/i.test(name + message)
  )
    return 'mongo';
  if (REDIS_ERROR_NAMES.has(name) || REDIS_MESSAGES.some((re) => re.test(message))) return 'redis';
  if (typeof e.code === 'string' && NET_CODES.has(e.code)) {
    // A bare socket error: Redis when ioredis raised it (its errors carry no Mongo name).
    return /mongo/i.test(name + message) ? 'mongo' : 'redis';
  }
  return dependencyOf(e.cause, depth + 1);
}

/** An error raised on our side when a dependency cannot be used (e.g. a failed pipeline slot). */
export class DependencyError extends Error {
  constructor(
    readonly dependency: Dependency,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DependencyError';
  }
}

// ---------------------------------------------------------------------------------------------
// State changes, logged once each

const down = new Map<Dependency, number>();

/** Records that a dependency failed; logs one line only when it was believed up until now. */
export function reportDown(dep: Dependency, error?: unknown): void {
  if (down.has(dep)) return;
  down.set(dep, Date.now());
  const message =
    error && typeof (error as ErrorLike).message === 'string' ? String((error as ErrorLike).message) : '';
  logger.warn('dependency down', { dependency: dep, state: 'down', reason: message.split('\n')[0] });
}

/** Records that a dependency answers again; logs one line (with the outage length) on recovery. */
export function reportUp(dep: Dependency): void {
  const since = down.get(dep);
  if (since === undefined) return;
  down.delete(dep);
  logger.info('dependency up', { dependency: dep, state: 'up', downForMs: Date.now() - since });
}
