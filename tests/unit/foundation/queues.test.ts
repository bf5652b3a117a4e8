import { isFinalAttempt, smartBackoff } from '../../../src/infra/queues';
import type { Job } from 'bull';

describe('job retry policy', () => {
  it('honours retry-after hints and otherwise backs off exponentially with a cap', () => {
    const err = Object.assign(new Error('429'), { retryAfterMs: 1500 });
    expect(smartBackoff(1, err, 2000)).toBe(1500);
    expect(smartBackoff(1, new Error('x'), 2000)).toBe(2000);
    expect(smartBackoff(2, new Error('x'), 2000)).toBe(4000);
    expect(smartBackoff(3, new Error('x'), 2000)).toBe(8000);
    expect(smartBackoff(20, new Error('x'), 2000)).toBe(60_000);
    expect(smartBackoff(1, Object.assign(new Error(), { retryAfterMs: 10 ** 9 }), 2000)).toBe(120_000);
  });

  it('knows the last attempt, and treats non-retryable errors as final', () => {
    const job = (attemptsMade: number) => ({ attemptsMade, opts: { attempts: 3 } }) as unknown as Job;
    expect(isFinalAttempt(job(0), new Error())).toBe(false);
    expect(isFinalAttempt(job(1), new Error())).toBe(false);
    expect(isFinalAttempt(job(2), new Error())).toBe(true);
    expect(isFinalAttempt(job(0), Object.assign(new Error(), { retryable: false }))).toBe(true);
  });
});
