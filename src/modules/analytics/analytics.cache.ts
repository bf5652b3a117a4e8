import { getRedis } from '../../infra/redis';
import { logger } from '../../infra/logger';
import { metrics } from '../../infra/metrics';

/**
 * Analytics cache. Every write that changes a user's figures (sessions, questions, pins, attempts)
 * bumps the user's version key; cached results are stored under the version they were computed at, so
 * a bump makes every older entry unreachable at once (they expire on their own). A computation that
 * races a write stores under the old version and is never served.
 */
const VERSION_TTL_SECONDS = 30 * 24 * 3600;
export const RESULT_TTL_SECONDS = 10 * 60;

const versionKey = (userId: string) => `cache:analytics:ver:${userId}`;

/** Call after any write that changes the user's analytics. Best effort: a Redis error is logged. */
export async function invalidateUserAnalytics(userId: string | { toString(): string }): Promise<void> {
  const key = versionKey(String(userId));
  try {
    await getRedis().multi().incr(key).expire(key, VERSION_TTL_SECONDS).exec();
  } catch (err) {
    logger.warn('analytics cache invalidation failed', { error: (err as Error).message });
  }
}

/** Forgets a deleted user's version key (their cached entries expire on their own). */
export async function dropUserAnalytics(userId: string): Promise<void> {
  await getRedis().del(versionKey(userId));
}

export async function userVersion(userId: string): Promise<string> {
  return (await getRedis().get(versionKey(userId))) ?? '0';
}

/** Returns the cached JSON under `key` (metrics labelled `area`), or computes, stores (with TTL) and returns it. */
export async function cached<T>(
  area: string,
  key: string,
  ttlSeconds: number,
  compute: () => Promise<T>,
): Promise<T> {
  const redis = getRedis();
  const hit = await redis.get(key);
  metrics.cacheEvents.inc({ area, result: hit === null ? 'miss' : 'hit' });
  if (hit !== null) return JSON.parse(hit) as T;
  const value = await compute();
  await redis.set(key, JSON.stringify(value), 'EX', ttlSeconds);
  return value;
}
