import { config } from '../../config';
import { logger } from '../../infra/logger';
import { getRedis } from '../../infra/redis';

/**
 * `estimatedTime` for a queued generation, from how long recent generations really took (request to
 * completion, queue wait included): the most recent RECENT durations live in a Redis list shared by every
 * instance. With fewer than MIN_SAMPLES the provider's typical time is quoted instead.
 */
export const DURATIONS_KEY = 'stats:generation:durations';
const RECENT = 50;
const MIN_SAMPLES = 3;

export interface TimeEstimate {
  /** Human text, as the old API's "30-60 seconds". */
  text: string;
  /** Typical (median) wait in whole seconds. */
  seconds: number;
}

const DEFAULTS: Record<'groq' | 'offline', TimeEstimate> = {
  groq: { text: '30-60 seconds', seconds: 45 },
  offline: { text: '1-5 seconds', seconds: 3 },
};

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

/** Median to 90th percentile of recent durations (ms), in seconds or, past two minutes, minutes. */
export function estimateFromDurations(
  durationsMs: readonly number[],
  provider: 'groq' | 'offline' = config.ai.provider,
): TimeEstimate {
  const valid = durationsMs.filter((d) => Number.isFinite(d) && d >= 0).sort((a, b) => a - b);
  if (valid.length < MIN_SAMPLES) return DEFAULTS[provider];
  const median = quantile(valid, 0.5) / 1000;
  const p90 = quantile(valid, 0.9) / 1000;
  const lo = Math.max(1, Math.floor(median));
  const hi = Math.max(lo + 1, Math.ceil(p90));
  const seconds = Math.max(1, Math.round(median));
  if (hi >= 120) {
    const loMin = Math.max(1, Math.floor(lo / 60));
    return { text: `${loMin}-${Math.max(loMin + 1, Math.ceil(hi / 60))} minutes`, seconds };
  }
  return { text: `${lo}-${hi} seconds`, seconds };
}

/** Records one finished generation (best effort: an estimate is never worth failing a job). */
export async function recordGenerationDuration(ms: number): Promise<void> {
  try {
    await getRedis()
      .multi()
      .lpush(DURATIONS_KEY, String(Math.round(ms)))
      .ltrim(DURATIONS_KEY, 0, RECENT - 1)
      .exec();
  } catch (err) {
    logger.warn('could not record generation duration', { error: (err as Error).message });
  }
}

export async function estimateGenerationTime(): Promise<TimeEstimate> {
  try {
    const raw = await getRedis().lrange(DURATIONS_KEY, 0, RECENT - 1);
    return estimateFromDurations(raw.map(Number));
  } catch {
    return DEFAULTS[config.ai.provider];
  }
}
