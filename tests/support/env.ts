import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { withDatabase } from './mongo-uri';

/**
 * Runs before each test file (Jest `setupFiles`), before any project module is imported: gives the file
 * its own database, Redis key prefix, Bull prefix and data directory, so files can run in parallel.
 */
const tag = `${process.pid}_${randomBytes(3).toString('hex')}`;

process.env.NODE_ENV = 'test';
if (process.env.TEST_MONGODB_BASE_URI) {
  process.env.MONGODB_URI = withDatabase(process.env.TEST_MONGODB_BASE_URI, `test_${tag}`);
}
if (process.env.TEST_REDIS_URL) process.env.REDIS_URL = process.env.TEST_REDIS_URL;
process.env.REDIS_PREFIX = `t_${tag}:`;
process.env.BULL_PREFIX = `bull_${tag}`;
process.env.DATA_DIR = path.join(os.tmpdir(), `intervai-test-${tag}`);
process.env.JWT_SECRET ??= 'test-secret-that-is-long-enough-for-hs256-0123456789';
process.env.BCRYPT_ROUNDS = '4';
process.env.LOG_LEVEL ??= 'error';
process.env.AI_PROVIDER ??= 'offline';
// Registration, session-creation and hashing-queue bounds are proven by their own tests
// (security.*.test.ts); elsewhere they stay out of the way of test data set-up.
process.env.RATE_LIMIT_REGISTER_MAX ??= '100000';
process.env.RATE_LIMIT_SESSION_CREATE_MAX ??= '100000';
process.env.BCRYPT_MAX_QUEUED ??= '10000';
delete process.env.SMTP_URL;
delete process.env.GROQ_API_KEY;
