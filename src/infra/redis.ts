import Redis, { type RedisOptions } from 'ioredis';
import { config } from '../config';
import { reportDown, reportUp } from './dependencies';

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
    // Reconnect quickly (at most 1 s apart) so recovery is noticed within about a second.
    retryStrategy: (times) => Math.min(times * 100, 1000),
    ...options,
  });
  // Every client reports errors, but only a state change is logged (dependencies.ts), once.
  client.on('error', (err) => reportDown('redis', err));
  client.on('ready', () => reportUp('redis'));
  return client;
}

/**
 * A client for the request path: fails fast instead of waiting for Redis to come back. Commands queue
 * only until the first connection is ready (start-up); after that a command sent while disconnected is
 * rejected at once, one in flight when the connection drops is rejected at the next reconnect attempt,
 * and none waits longer than REDIS_COMMAND_TIMEOUT_MS. The error becomes a 503 in the error handler.
 * Bull's clients are different (they need maxRetriesPerRequest null, see queues.ts).
 */
export function createFailFastRedisClient(options: RedisOptions = {}): Redis {
  const client = createRedisClient({
    maxRetriesPerRequest: 1,
    connectTimeout: config.redis.connectTimeoutMs,
    commandTimeout: config.redis.commandTimeoutMs,
    ...options,
  });
  client.once('ready', () => {
    client.options.enableOfflineQueue = false;
  });
  return client;
}

export function getRedis(): Redis {
  commandClient ??= createFailFastRedisClient({ keyPrefix: config.redis.prefix });
  return commandClient;
}

/** Publisher without key prefix: channel names are prefixed explicitly via `channel()`. */
export function getPublisher(): Redis {
  publisherClient ??= createFailFastRedisClient();
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
    // A command error can mark Redis down without the connection dropping; a good ping clears it.
    if (reply === 'PONG') reportUp('redis');
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
