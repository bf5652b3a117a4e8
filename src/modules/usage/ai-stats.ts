import type { AiCallOptions, AiProvider, AiUsage } from '../../ai/provider';
import { getRedis } from '../../infra/redis';
import { logger } from '../../infra/logger';
import { utcDay } from './usage.service';

/**
 * Service-wide daily counters for the admin stats, kept in Redis so every api and worker process adds to
 * the same figures: `stats:ai:<day>` (calls, promptTokens, completionTokens, per-operation calls) and
 * `stats:cache:<day>` (`<area>:hit` / `<area>:miss`). Kept 8 days. Counting never fails the caller.
 */
const KEEP_SECONDS = 8 * 24 * 3600;
export const aiStatsKey = (day = utcDay()) => `stats:ai:${day}`;
export const cacheStatsKey = (day = utcDay()) => `stats:cache:${day}`;

async function bump(key: string, fields: Record<string, number>): Promise<void> {
  try {
    const multi = getRedis().multi();
    for (const [field, by] of Object.entries(fields)) if (by) multi.hincrby(key, field, by);
    await multi.expire(key, KEEP_SECONDS).exec();
  } catch (err) {
    logger.warn('usage stats write failed', { key, error: (err as Error).message });
  }
}

export const recordAiCall = (operation: string) =>
  bump(aiStatsKey(), { calls: 1, [`calls:${operation}`]: 1 });

export const recordAiTokens = (usage: AiUsage) =>
  bump(aiStatsKey(), { promptTokens: usage.promptTokens, completionTokens: usage.completionTokens });

export const recordCacheLookup = (area: string, hit: boolean) =>
  bump(cacheStatsKey(), { [`${area}:${hit ? 'hit' : 'miss'}`]: 1 });

export interface DailyAiStats {
  day: string;
  calls: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  byOperation: Record<string, number>;
  cache: {
    hits: number;
    misses: number;
    hitRate: number | null;
    byArea: Record<string, { hits: number; misses: number }>;
  };
}

export async function readDailyStats(day = utcDay()): Promise<DailyAiStats> {
  const [ai, cache] = await Promise.all([
    getRedis().hgetall(aiStatsKey(day)),
    getRedis().hgetall(cacheStatsKey(day)),
  ]);
  const n = (v: string | undefined) => Number(v ?? 0) || 0;
  const byOperation: Record<string, number> = {};
  for (const [k, v] of Object.entries(ai)) if (k.startsWith('calls:')) byOperation[k.slice(6)] = n(v);
  const byArea: Record<string, { hits: number; misses: number }> = {};
  let hits = 0;
  let misses = 0;
  for (const [k, v] of Object.entries(cache)) {
    const [area, result] = k.split(':') as [string, string];
    const counts = (byArea[area] ??= { hits: 0, misses: 0 });
    if (result === 'hit') counts.hits += n(v);
    else counts.misses += n(v);
  }
  for (const counts of Object.values(byArea)) {
    hits += counts.hits;
    misses += counts.misses;
  }
  return {
    day,
    calls: n(ai.calls),
    promptTokens: n(ai.promptTokens),
    completionTokens: n(ai.completionTokens),
    totalTokens: n(ai.promptTokens) + n(ai.completionTokens),
    byOperation,
    cache: { hits, misses, hitRate: hits + misses ? hits / (hits + misses) : null, byArea },
  };
}

/** The provider, with every call and its reported token usage counted in the daily AI stats. */
export function withAiStats(provider: AiProvider): AiProvider {
  const counted =
    <I>(operation: string, call: (input: I, opts?: AiCallOptions) => Promise<unknown>) =>
    (input: I, opts: AiCallOptions = {}) => {
      void recordAiCall(operation);
      return call.call(provider, input, {
        ...opts,
        onUsage: (usage: AiUsage) => {
          void recordAiTokens(usage);
          opts.onUsage?.(usage);
        },
      });
    };
  return {
    name: provider.name,
    generateQuestions: counted('generate', provider.generateQuestions) as AiProvider['generateQuestions'],
    evaluateAnswer: counted('evaluate', provider.evaluateAnswer) as AiProvider['evaluateAnswer'],
    explainConcept: counted('explain', provider.explainConcept) as AiProvider['explainConcept'],
  };
}
