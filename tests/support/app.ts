import type { Express } from 'express';
import mongoose from 'mongoose';
import { config } from '../../src/config';
import { createApp } from '../../src/http/app';
import { connectMongo, disconnectMongo } from '../../src/infra/mongo';
import { closeQueues } from '../../src/infra/queues';
import { closeRedis, getRedis } from '../../src/infra/redis';
import { closeMailer } from '../../src/infra/mailer';

export interface TestApp {
  app: Express;
  close(): Promise<void>;
}

/** Boots the real app against this file's database and Redis prefix. Call `close()` in afterAll. */
export async function bootApp(): Promise<TestApp> {
  if (!config.mongo.uri) throw new Error('MONGODB_URI is not set: is the Jest global setup running?');
  await connectMongo(config.mongo.uri, { attempts: 3, delayMs: 200 });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const app = createApp();
  return { app, close: closeEverything };
}

export async function closeEverything(): Promise<void> {
  await closeQueues(true);
  // Remove only this file's keys (its own prefix) — never flush a shared server.
  const redis = getRedis();
  const keys = await redis.keys(`${config.redis.prefix}*`).catch(() => [] as string[]);
  if (keys.length) await redis.del(...keys.map((k) => k.slice(config.redis.prefix.length)));
  await closeRedis();
  closeMailer();
  if (mongoose.connection.readyState === 1) await mongoose.connection.dropDatabase().catch(() => undefined);
  await disconnectMongo();
}
