import request from 'supertest';
import { startRedisServer, type RedisServerHandle } from '../../src/embedded/redis';
import type { TestApp } from '../support/app';

/**
 * Liveness vs readiness while Redis goes away and comes back. This file runs its own private
 * redis-server (the suite's shared one stays up for the other files), so the app modules are loaded
 * only after REDIS_URL points at it.
 */
let redis: RedisServerHandle;
let t: TestApp;

/** Polls until `check` passes or the deadline ends (then the last failure is thrown). */
async function eventually(check: () => Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

beforeAll(async () => {
  redis = await startRedisServer();
  process.env.REDIS_URL = redis.url;
  const { bootApp } = await import('../support/app');
  t = await bootApp();
});

afterAll(async () => {
  await t?.close();
  await redis?.stop();
});

describe('/health (liveness) and /ready (readiness)', () => {
  it('both answer 200 with every dependency up', async () => {
    const health = await request(t.app).get('/health').expect(200);
    expect(health.body).toMatchObject({ status: 'OK', redis: { connected: true } });
    const ready = await request(t.app).get('/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', dependencies: { redis: { status: 'up' } } });
  });

  it('with Redis stopped /health stays 200 (DEGRADED) and /ready is 503; /ready is 200 again once Redis returns', async () => {
    const port = redis.port;
    await redis.stop();

    const health = await request(t.app).get('/health').expect(200);
    expect(health.body).toMatchObject({
      success: true,
      status: 'DEGRADED',
      redis: { connected: false },
      database: { connected: true },
    });
    const notReady = await request(t.app).get('/ready').expect(503);
    expect(notReady.body).toMatchObject({
      status: 'not_ready',
      dependencies: { mongodb: { status: 'up' }, redis: { status: 'down' } },
    });

    redis = await startRedisServer({ port });
    // The same process recovers by itself: the Redis clients reconnect, no restart.
    await eventually(async () => {
      const res = await request(t.app).get('/ready');
      expect(res.status).toBe(200);
    });
    const after = await request(t.app).get('/health').expect(200);
    expect(after.body.status).toBe('OK');
  });
});
