import { config } from '../../config';
import { TooManyRequestsError } from '../../lib/errors';
import { getRedis } from '../../infra/redis';

/**
 * The AI budget of a user: the hourly AI limit (RATE_LIMIT_AI_MAX per RATE_LIMIT_AI_WINDOW_MS) and the
 * daily quota (AI_DAILY_QUOTA per UTC day). Only requests that reach the model count: callers consume
 * after the generation cache was consulted and before the job is enqueued. Both counters are checked and
 * incremented by one Lua script, so concurrent requests on any api instance can never overshoot.
 *
 * Keys: `rl:ai:user:<id>` (the same fixed-window key and semantics as the `aiLimiter` middleware, so both
 * count in one window) and `quota:ai:<id>:<YYYY-MM-DD>` (expires two days after its day began).
 */
export interface QuotaUser {
  id: string;
  role: 'user' | 'admin';
}

export interface Usage {
  used: number;
  /** null for admins (exempt from the daily quota). */
  limit: number | null;
  remaining: number | null;
  resetsAt: string;
  exempt?: true;
}

const DAY_MS = 24 * 3600 * 1000;

/** The UTC day a timestamp falls in, as YYYY-MM-DD. */
export const utcDay = (at = Date.now()) => new Date(at).toISOString().slice(0, 10);
export const dailyQuotaKey = (userId: string, day = utcDay()) => `quota:ai:${userId}:${day}`;
export const hourlyLimitKey = (userId: string) => `rl:ai:user:${userId}`;

/** Start of the next UTC day. */
export function nextUtcMidnight(at = Date.now()): Date {
  return new Date(Math.floor(at / DAY_MS) * DAY_MS + DAY_MS);
}

// Returns {1, daily used} when consumed, {0, 'daily'|'hourly', ms until the window resets} when refused.
const CONSUME = `
local dmax = tonumber(ARGV[1])
local hmax = tonumber(ARGV[2])
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
if dmax >= 0 and used >= dmax then return {0, 'daily', 0} end
local hits = tonumber(redis.call('GET', KEYS[2]) or '0')
local httl = redis.call('PTTL', KEYS[2])
if httl > 0 and hits >= hmax then return {0, 'hourly', httl} end
if httl <= 0 then redis.call('SET', KEYS[2], 1, 'PX', ARGV[3]) else redis.call('INCR', KEYS[2]) end
used = redis.call('INCR', KEYS[1])
if redis.call('TTL', KEYS[1]) < 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
return {1, used, 0}
`;

export class AiQuotaExceededError extends TooManyRequestsError {}

/**
 * Counts one AI request against the user's hourly limit and daily quota, or throws 429
 * (`ai_quota_exceeded` / `rate_limited` for the hourly limit, as the old API answered, with `retryAfterSeconds` → `Retry-After`). Admins are exempt
 * from the daily quota (their use is still counted), not from the hourly limit.
 *
 * Call it right before a request reaches the model: after cache lookups, before enqueueing.
 */
export async function consumeAiQuota(user: QuotaUser): Promise<void> {
  const now = Date.now();
  const dailyMax = user.role === 'admin' ? -1 : config.ai.dailyQuota;
  const { max: hourlyMax, windowMs } = config.rateLimits.ai;
  const [ok, what, ttlMs] = (await getRedis().eval(
    CONSUME,
    2,
    dailyQuotaKey(user.id, utcDay(now)),
    hourlyLimitKey(user.id),
    String(dailyMax),
    String(hourlyMax),
    String(windowMs),
    String(2 * 24 * 3600),
  )) as [number, number | string, number];
  if (ok === 1) return;
  if (what === 'daily') {
    const resetsAt = nextUtcMidnight(now);
    throw new AiQuotaExceededError(
      `Daily AI quota of ${config.ai.dailyQuota} requests reached. It resets at ${resetsAt.toISOString()}`,
      'ai_quota_exceeded',
      {
        retryAfterSeconds: Math.max(1, Math.ceil((resetsAt.getTime() - now) / 1000)),
        limit: config.ai.dailyQuota,
        resetsAt: resetsAt.toISOString(),
      },
    );
  }
  throw new AiQuotaExceededError('AI generation limit reached. Please try again later', 'rate_limited', {
    retryAfterSeconds: Math.max(1, Math.ceil(Number(ttlMs) / 1000)),
  });
}

/** GET /user/usage: today's AI requests that reached the model. */
export async function getUsage(user: QuotaUser): Promise<Usage> {
  const now = Date.now();
  const used = Number((await getRedis().get(dailyQuotaKey(user.id, utcDay(now)))) ?? 0);
  const resetsAt = nextUtcMidnight(now).toISOString();
  if (user.role === 'admin') return { used, limit: null, remaining: null, resetsAt, exempt: true };
  const limit = config.ai.dailyQuota;
  return { used, limit, remaining: Math.max(0, limit - used), resetsAt };
}
