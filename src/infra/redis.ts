import Redis, { type RedisOptions } from 'ioredis';
import { config } from '../config';
import { logger } from './logger';

/**
 * Redis clients. `redis` (commands) carries the key prefix (`REDIS_PREFIX`), so feature code writes
 * `otp:<email>` and gets `intervai:otp:<email>`. The subscriber is separate because a subscribed
 * connection cannot run other commands. Bull creates its own connections (see queues.ts).
 */
let commandClient: Redis | undefined;
let subscriberClient: Redis | undefined;
let publisherClient: Redis | undefined;

export function redisUrl(): string {
  return config.redis.url ?? 'redis://127.0.0.1:6379';
}

export function createRedisClient(options: RedisOptions = {}): Redis {
  const client = new Redis(redisUrl(), {
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    ...options,
  });
  client.on('error', (err) => logger.warn('redis error', { error: err.message }));
  return client;
}

export function getRedis(): Redis {
  commandClient ??= createRedisClient({ keyPrefix: config.redis.prefix });
  return commandClient;
}

/** Publisher without key prefix: channel names are prefixed explicitly via `channel()`. */
export function getPublisher(): Redis {
  publisherClient ??= createRedisClient();
  return publisherClient;
}

export function getSubscriber(): Redis {
  subscriberClient ??= createRedisClient({ maxRetriesPerRequest: null });
  return subscriberClient;
}

/** Fully-qualified pub/sub channel name (pub/sub ignores ioredis keyPrefix). */
export const channel = (name: string) => `${config.redis.prefix}${name}`;

export async function pingRedis(timeoutMs = 1000): Promise<boolean> {
  const client = getRedis();
  try {
    const reply = await Promise.race([
      client.ping(),
      new Promise<string>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return reply === 'PONG';
  } catch {
    return false;
  }
}

export async function closeRedis(): Promise<void> {
  const clients = [commandClient, subscriberClient, publisherClient].filter(Boolean) as Redis[];
  commandClient = subscriberClient = publisherClient = undefined;
  await Promise.all(
    clients.map(async (c) => {
      try {
        await c.quit();
      } catch {
        c.disconnect();
      }
    }),
  );
}
