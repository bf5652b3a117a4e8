import { getRedis } from '../../infra/redis';
import { cached } from './analytics.cache';
import { dayRange, localDay } from './days';

/**
 * Trending topics over a sliding 7-day window of UTC daily buckets: one Redis hash per day
 * (`analytics:trending:day:<YYYY-MM-DD>`, topic → count) that expires after the window has passed it.
 * The window is today and the 6 days before, so a generation 7 or more days old no longer counts.
 * Topics are case-normalised; every generation request counts once per distinct topic, whether the
 * generation cache served it or the worker did.
 */
export const TRENDING_WINDOW_DAYS = 7;
const BUCKET_TTL_SECONDS = (TRENDING_WINDOW_DAYS + 1) * 24 * 3600;
const RESULT_TTL_SECONDS = 60;
const bucketKey = (day: string) => `analytics:trending:day:${day}`;
const VERSION_KEY = 'cache:analytics:trending:ver';

export const normaliseTopic = (topic: string) =>
  topic.trim().replace(/\s+/g, ' ').toLowerCase().slice(0, 100);

/** Counts a generation's topics in the bucket of `at` (UTC day). */
export async function recordGenerationTopics(
  topics: readonly string[],
  at: Date = new Date(),
): Promise<void> {
  const unique = [...new Set(topics.map(normaliseTopic).filter(Boolean))];
  if (!unique.length) return;
  const key = bucketKey(localDay(at, 'UTC'));
  const m = getRedis().multi();
  for (const t of unique) m.hincrby(key, t, 1);
  await m.expire(key, BUCKET_TTL_SECONDS).incr(VERSION_KEY).exec();
}

async function computeTrending(limit: number, today: string) {
  const redis = getRedis();
  const days = dayRange(today, TRENDING_WINDOW_DAYS);
  const buckets = await Promise.all(days.map((d) => redis.hgetall(bucketKey(d))));
  const totals = new Map<string, number>();
  for (const b of buckets)
    for (const [topic, n] of Object.entries(b)) totals.set(topic, (totals.get(topic) ?? 0) + Number(n));
  return [...totals]
    .map(([topic, count]) => ({ topic, count }))
    .sort((a, b) => b.count - a.count || (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0))
    .slice(0, limit);
}

/** The `limit` most requested topics of the window, most requested first (ties by name). */
export async function trendingTopics(limit: number, now: Date = new Date()) {
  const version = (await getRedis().get(VERSION_KEY)) ?? '0';
  const today = localDay(now, 'UTC');
  return cached(
    'trending',
    `cache:analytics:trending:v${version}:${today}:${limit}`,
    RESULT_TTL_SECONDS,
    () => computeTrending(limit, today),
  );
}
