import mongoose from 'mongoose';
import { logger } from './logger';

// Query filters are sanitised (operators inside user values become literals) and unknown filter paths are
// dropped, so a request body can never smuggle `{ $gt: '' }` into a query.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);

const STATES = ['disconnected', 'connected', 'connecting', 'disconnecting'] as const;

export async function connectMongo(
  uri: string,
  { attempts = 10, delayMs = 1000 } = {},
): Promise<typeof mongoose> {
  for (let attempt = 1; ; attempt++) {
    try {
      await mongoose.connect(uri, { serverSelectionTimeoutMS: 5000, maxPoolSize: 20 });
      logger.info('mongo connected', { db: mongoose.connection.name });
      return mongoose;
    } catch (err) {
      if (attempt >= attempts) throw err;
      logger.warn(`mongo connection failed (attempt ${attempt}/${attempts}), retrying`, {
        error: (err as Error).message,
      });
      await new Promise((r) => setTimeout(r, delayMs * Math.min(attempt, 5)));
    }
  }
}

export async function disconnectMongo(): Promise<void> {
  await mongoose.disconnect();
}

export function mongoStatus(): { status: string; connected: boolean } {
  const state = mongoose.connection.readyState as number;
  return { status: STATES[state] ?? 'unknown', connected: state === 1 };
}

export async function pingMongo(timeoutMs = 1500): Promise<boolean> {
  const db = mongoose.connection.db;
  if (mongoose.connection.readyState !== 1 || !db) return false;
  try {
    await Promise.race([
      db.admin().command({ ping: 1 }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('ping timeout')), timeoutMs).unref()),
    ]);
    return true;
  } catch {
    return false;
  }
}
