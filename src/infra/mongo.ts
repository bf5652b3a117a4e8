import mongoose from 'mongoose';
import { config } from '../config';
import { reportDown, reportUp } from './dependencies';
import { logger } from './logger';

// Query filters are sanitised (operators inside user values become literals) and unknown filter paths are
// dropped, so a request body can never smuggle `{ $gt: '' }` into a query.
mongoose.set('sanitizeFilter', true);
mongoose.set('strictQuery', true);
// Fail fast: an operation while MongoDB is unreachable errors after about a second (Mongoose's buffer
// while it knows the connection is down, the driver's server selection otherwise) instead of waiting;
// the error handler answers 503. Buffering itself stays on, so models compiled before the first connect
// (index builds) wait for it.
mongoose.set('bufferTimeoutMS', config.reliability.mongoServerSelectionTimeoutMs);

let stateEventsWired = false;
let closing = false;
function wireStateEvents(): void {
  if (stateEventsWired) return;
  stateEventsWired = true;
  const conn = mongoose.connection;
  conn.on('disconnected', () => {
    if (!closing) reportDown('mongo', new Error('connection lost'));
  });
  conn.on('connected', () => reportUp('mongo'));
  conn.on('reconnected', () => reportUp('mongo'));
}

const STATES = ['disconnected', 'connected', 'connecting', 'disconnecting'] as const;

export async function connectMongo(
  uri: string,
  { attempts = 10, delayMs = 1000 } = {},
): Promise<typeof mongoose> {
  for (let attempt = 1; ; attempt++) {
    try {
      wireStateEvents();
      closing = false;
      await mongoose.connect(uri, {
        serverSelectionTimeoutMS: config.reliability.mongoServerSelectionTimeoutMs,
        maxPoolSize: 20,
      });
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
  closing = true;
  try {
    await mongoose.disconnect();
  } finally {
    closing = false;
  }
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
    reportUp('mongo');
    return true;
  } catch {
    return false;
  }
}
