import { randomBytes } from 'node:crypto';
import { publishUserEvent } from '../../infra/events';
import { getRedis } from '../../infra/redis';
import { logger } from '../../infra/logger';
import { MAX_NOTIFICATIONS } from './notifications.schemas';

export { MAX_NOTIFICATIONS };

/**
 * Notification history per user in Redis: list `notifications:<userId>` (JSON, newest first, capped at
 * 100, 30-day TTL refreshed on write), read ids in set `notifications:<userId>:read`. Written once per
 * event by the worker (a dedupe key makes a re-run or duplicate hook call a no-op) and published as a
 * `notification` user event for live delivery.
 */
const TTL_SECONDS = 30 * 24 * 3600;

export interface Notification {
  id: string;
  type: 'job_complete' | 'job_failed';
  jobType: string;
  jobId: string;
  result?: unknown;
  error?: string;
  message: string;
  timestamp: number;
  read: boolean;
}

/** The fields a notification shows, picked one by one: nothing else stored with it leaves the server. */
export function toNotificationDto(n: Notification, read: boolean): Notification {
  return {
    id: n.id,
    type: n.type,
    jobType: n.jobType,
    jobId: n.jobId,
    ...(n.result !== undefined ? { result: n.result } : {}),
    ...(n.error !== undefined ? { error: n.error } : {}),
    message: n.message,
    timestamp: n.timestamp,
    read,
  };
}

const listKey = (userId: string) => `notifications:${userId}`;
const readKey = (userId: string) => `notifications:${userId}:read`;

async function push(
  userId: string,
  n: Omit<Notification, 'id' | 'timestamp' | 'read'>,
): Promise<Notification | null> {
  const redis = getRedis();
  // Once per (job, outcome): a stalled re-run or a repeated final-failure hook does not notify twice.
  const first = await redis.set(
    `notifications:sent:${n.jobType}:${n.jobId}:${n.type}`,
    '1',
    'EX',
    TTL_SECONDS,
    'NX',
  );
  if (first !== 'OK') return null;
  const timestamp = Date.now();
  const notification: Notification = {
    ...n,
    timestamp,
    id: `notif_${timestamp}_${randomBytes(6).toString('hex')}`,
    read: false,
  };
  await redis
    .multi()
    .lpush(listKey(userId), JSON.stringify(notification))
    .ltrim(listKey(userId), 0, MAX_NOTIFICATIONS - 1)
    .expire(listKey(userId), TTL_SECONDS)
    .exec();
  await publishUserEvent(userId, 'notification', notification);
  return notification;
}

export function notifyJobComplete(userId: string, jobType: string, jobId: string, result: unknown) {
  return push(userId, {
    type: 'job_complete',
    jobType,
    jobId,
    result,
    message: `Your ${jobType} job has completed successfully`,
  }).catch((err: Error) => {
    logger.warn('notification write failed', { error: err.message });
    return null;
  });
}

export function notifyJobFailed(userId: string, jobType: string, jobId: string, error: string) {
  return push(userId, {
    type: 'job_failed',
    jobType,
    jobId,
    error,
    message: `Your ${jobType} job has failed`,
  }).catch((err: Error) => {
    logger.warn('notification write failed', { error: err.message });
    return null;
  });
}

export async function listNotifications(userId: string, limit: number) {
  const redis = getRedis();
  const [raw, readIds, all] = await Promise.all([
    redis.lrange(listKey(userId), 0, limit - 1),
    redis.smembers(readKey(userId)),
    redis.lrange(listKey(userId), 0, MAX_NOTIFICATIONS - 1),
  ]);
  const read = new Set(readIds);
  const parse = (s: string): Notification | null => {
    try {
      return JSON.parse(s) as Notification;
    } catch {
      return null;
    }
  };
  const notifications = raw.flatMap((s) => {
    const n = parse(s);
    return n ? [toNotificationDto(n, read.has(n.id))] : [];
  });
  const unreadCount = all.reduce((acc, s) => {
    const n = parse(s);
    return n && !read.has(n.id) ? acc + 1 : acc;
  }, 0);
  return { notifications, unreadCount };
}

/** Marks the given ids (only ones in the user's history) or all as read; returns how many were marked. */
export async function markRead(userId: string, opts: { ids?: string[]; all?: boolean }): Promise<number> {
  const redis = getRedis();
  const existing = (await redis.lrange(listKey(userId), 0, MAX_NOTIFICATIONS - 1)).flatMap((s) => {
    try {
      return [(JSON.parse(s) as Notification).id];
    } catch {
      return [];
    }
  });
  const wanted = opts.all ? existing : existing.filter((id) => opts.ids?.includes(id));
  if (!wanted.length) return 0;
  await redis
    .multi()
    .sadd(readKey(userId), ...wanted)
    .expire(readKey(userId), TTL_SECONDS)
    .exec();
  return wanted.length;
}

export async function clearNotifications(userId: string): Promise<void> {
  await getRedis().del(listKey(userId), readKey(userId));
}
