import bcrypt from 'bcrypt';
import { config } from '../../config';
import { AppError } from '../../lib/errors';

/**
 * bcrypt with bounded work: at most BCRYPT_MAX_CONCURRENT hashes run at once (bcrypt uses libuv's
 * thread pool, 4 threads by default) and at most BCRYPT_MAX_QUEUED wait. Past that, the request is
 * answered 503 at once instead of queueing behind a failed-login flood, so a real login waits for a
 * few hashes at most. The rate limiters run before any of this, so shed requests cost almost nothing.
 */
let active = 0;
const waiting: Array<() => void> = [];

async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (active < config.security.bcryptMaxConcurrent) {
    active += 1;
  } else {
    if (waiting.length >= config.security.bcryptMaxQueued) {
      throw new AppError(503, 'server_busy', 'The server is busy checking passwords. Please retry shortly', {
        retryAfterSeconds: 1,
      });
    }
    // The slot is handed over directly by the finishing hash (`active` stays the same).
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active -= 1;
  }
}

export const hashPassword = (password: string): Promise<string> =>
  withSlot(() => bcrypt.hash(password, config.auth.bcryptRounds));

export const comparePassword = (password: string, hash: string): Promise<boolean> =>
  withSlot(() => bcrypt.compare(password, hash));
