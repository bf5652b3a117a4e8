import { createHash, randomInt } from 'node:crypto';
import { getRedis } from '../../infra/redis';
import { metrics } from '../../infra/metrics';
import { logger } from '../../infra/logger';
import { config } from '../../config';
import { questionFingerprint } from './fingerprint';
import { recordCacheLookup } from '../usage/ai-stats';

/**
 * Generation cache: a pool of generated questions per normalised (role, experience, sorted topics,
 * difficulty), shared across users and sessions. A session is only ever handed pool entries whose
 * fingerprint it does not already have. Stored as a Redis hash `cache:generation:<key>`
 * (fingerprint → JSON question), capped in size, expiring GENERATION_CACHE_TTL_SECONDS after the last
 * addition.
 */
export interface CacheKeyParams {
  role: string;
  experience: string;
  topics: readonly string[];
  difficulty?: string | null;
}

export interface PooledQuestion {
  question: string;
  answer: string;
  difficulty: 'easy' | 'medium' | 'hard';
  topic: string;
  /** The AI provider that wrote it (entries pooled before this field existed lack it). */
  provider?: 'groq' | 'offline';
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

/** Canonical material of a cache key: trimmed, case-folded, topics de-duplicated and sorted (input untouched). */
export function cacheKeyMaterial(p: CacheKeyParams): string {
  const topics = [...new Set(p.topics.map(norm).filter(Boolean))].sort();
  return JSON.stringify([
    norm(p.role),
    norm(p.experience),
    topics,
    p.difficulty ? norm(p.difficulty) : 'any',
  ]);
}

export function generationCacheKey(p: CacheKeyParams): string {
  return `cache:generation:${createHash('sha1').update(cacheKeyMaterial(p)).digest('hex')}`;
}

/**
 * Up to `n` pooled questions whose fingerprints are not in `exclude`, in random order (so sessions
 * drawing from one pool do not all get the same first five). Counts a hit when `n` were found, else a miss.
 */
export async function takeFromPool(
  p: CacheKeyParams,
  exclude: ReadonlySet<string>,
  n: number,
  opts: { countMetric?: boolean } = {},
): Promise<PooledQuestion[]> {
  let picked: PooledQuestion[] = [];
  try {
    const all = await getRedis().hgetall(generationCacheKey(p));
    const candidates = Object.entries(all).filter(([fp]) => !exclude.has(fp));
    for (let i = candidates.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
    }
    picked = candidates.slice(0, n).flatMap(([, json]) => {
      try {
        return [JSON.parse(json) as PooledQuestion];
      } catch {
        return [];
      }
    });
  } catch (err) {
    logger.warn('generation cache read failed', { error: (err as Error).message });
  }
  if (opts.countMetric !== false) {
    metrics.cacheEvents.inc({ area: 'generation', result: picked.length >= n ? 'hit' : 'miss' });
    void recordCacheLookup('generation', picked.length >= n);
  }
  return picked;
}

/** Adds validated questions to the pool (bounded; refreshed TTL). */
export async function addToPool(p: CacheKeyParams, items: readonly PooledQuestion[]): Promise<void> {
  if (!items.length) return;
  const key = generationCacheKey(p);
  try {
    const redis = getRedis();
    const size = await redis.hlen(key);
    const room = config.cache.generationPoolMax - size;
    if (room > 0) {
      const fields: string[] = [];
      for (const q of items.slice(0, room)) fields.push(questionFingerprint(q.question), JSON.stringify(q));
      await redis
        .multi()
        .hset(key, ...fields)
        .expire(key, config.cache.generationTtlSeconds)
        .exec();
    }
  } catch (err) {
    logger.warn('generation cache write failed', { error: (err as Error).message });
  }
}

/**
 * Whether a generation for this session may feed the shared pool: only when every question the model
 * would be told to avoid is itself shared material (a pool entry of this profile). A custom, template or
 * edited question, or one from an earlier private generation, is the user's own text: output shaped by
 * it stays in the user's session.
 */
export async function avoidListIsShared(
  p: CacheKeyParams,
  sessionFingerprints: ReadonlySet<string>,
): Promise<boolean> {
  if (!sessionFingerprints.size) return true;
  try {
    const pooled = await getRedis().hmget(generationCacheKey(p), ...sessionFingerprints);
    return pooled.every((entry) => entry !== null);
  } catch (err) {
    // Unknown means private: the output still serves its own session.
    logger.warn('generation cache read failed', { error: (err as Error).message });
    return false;
  }
}
