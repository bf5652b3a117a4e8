import Redis from 'ioredis';
import { config } from '../../src/config';
import { closeQueues, registerProcessor } from '../../src/infra/queues';
import { bootApp, type TestApp } from '../support/app';
import { waitFor } from '../support/wait';

// closeQueues must close every Redis connection Bull made, including the blocking ones that
// queue.close() ends and then reconnects: a leftover keeps the process (or Jest) alive.
describe('closeQueues', () => {
  let t: TestApp;
  let observer: Redis;
  beforeAll(async () => {
    t = await bootApp();
    observer = new Redis(config.redis.url!);
  });
  afterAll(async () => {
    observer.disconnect();
    await t.close();
  });

  /** This file's queue connections, by the name queues.ts gives them (the Bull prefix is per file). */
  const queueConnections = async () => {
    const list = (await observer.client('LIST')) as string;
    return list.split('\n').filter((line) => line.includes(` name=${config.redis.bullPrefix}:`)).length;
  };

  it('leaves no queue connection open after a processor has run', async () => {
    const queue = registerProcessor({ queue: 'export-generation', handle: async () => 'done' }, 1);
    const job = await queue.add({ userId: 'u1' } as never);
    await expect(job.finished()).resolves.toBe('done');
    expect(await queueConnections()).toBeGreaterThanOrEqual(3); // client, subscriber, blocking client
    await closeQueues();
    // The server drops a closed connection from CLIENT LIST shortly after the client closed it.
    await waitFor(async () => (await queueConnections()) === 0, { message: 'no queue connection left' });
    expect(await queueConnections()).toBe(0);
  });
});
