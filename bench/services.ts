import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';

/**
 * What an in-process benchmark needs before it imports the app: a database (MONGODB_URI, or the embedded
 * server), a Redis (REDIS_URL, or a private redis-server), and key prefixes and a data directory of its
 * own, so a run never touches another's keys. Returns the function that stops what it started.
 */
export async function startBenchServices(
  dbName: string,
  env: Record<string, string> = {},
): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<unknown>> = [];
  if (!process.env.MONGODB_URI) {
    const { startEmbeddedMongo } = await import('@intervai/mongo-embedded');
    const m = await startEmbeddedMongo({ port: 0, quiet: true });
    stops.push(() => m.stop());
    process.env.MONGODB_URI = `${m.uri.replace(/\/$/, '')}/${dbName}_${process.pid}`;
  }
  if (!process.env.REDIS_URL) {
    const { startRedisServer } = await import('../src/embedded/redis');
    const r = await startRedisServer();
    stops.push(() => r.stop());
    process.env.REDIS_URL = r.url;
  }
  const tag = randomBytes(3).toString('hex');
  Object.assign(process.env, {
    NODE_ENV: 'test',
    AI_PROVIDER: 'offline',
    REDIS_PREFIX: `bench_${tag}:`,
    BULL_PREFIX: `bench_bull_${tag}`,
    DATA_DIR: path.join(os.tmpdir(), `intervai-bench-${tag}`),
    LOG_LEVEL: 'error',
    ...env,
  });
  return async () => {
    for (const stop of stops.reverse()) await stop();
  };
}
