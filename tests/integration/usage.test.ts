import type Redis from 'ioredis';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { as, bootWithEnv, makeAdmin, newSession, waitForJob } from './admin.helpers';

/**
 * The daily AI quota and the hourly AI limit, through the real routes and the real worker (offline
 * provider). Only requests that reach the model count; answers from the generation cache do not.
 */
let t: TestApp;
let redis: Redis;
let registerAndLogin: (app: TestApp['app']) => Promise<TestUser>;
let keys: typeof import('../../src/modules/usage/usage.service');

const QUOTA = 3;

beforeAll(async () => {
  t = await bootWithEnv(
    { AI_DAILY_QUOTA: String(QUOTA), RATE_LIMIT_AI_MAX: '20', REGENERATE_WAIT_MS: '10000' },
    { worker: true },
  );
  ({ registerAndLogin } = await import('../support/factories'));
  keys = await import('../../src/modules/usage/usage.service');
  redis = (await import('../../src/infra/redis')).getRedis();
});
afterAll(() => t.close());

const usage = async (u: TestUser) => (await as(t.app, u).get('/api/v1/user/usage').expect(200)).body.data;
const generate = (u: TestUser, sessionId: string, count = 3) =>
  as(t.app, u).post('/api/v1/question/generate').send({ sessionId, count });

describe('GET /api/v1/user/usage', () => {
  it('starts at zero with the limit and the next UTC midnight', async () => {
    const u = await registerAndLogin(t.app);
    const res = await as(t.app, u).get('/api/v1/user/usage').expect(200);
    const midnight = new Date(Math.floor(Date.now() / 86_400_000 + 1) * 86_400_000).toISOString();
    expect(res.body).toEqual({
      success: true,
      message: 'AI usage retrieved successfully',
      data: { used: 0, limit: QUOTA, remaining: QUOTA, resetsAt: midnight },
    });
  });

  it('401 without a token', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.app).get('/api/v1/user/usage').expect(401);
    expect(res.body).toMatchObject({ success: false, code: 'unauthenticated' });
  });
});

describe('daily AI quota', () => {
  it('counts model requests, not cache hits; 429 with Retry-After when exhausted; resets with the day', async () => {
    const u = await registerAndLogin(t.app);
    const topics = [`Quota topic ${Date.now()}`];
    const s1 = await newSession(t.app, u, { topicsToFocus: topics });

    // 1: a miss goes to the model.
    const first = await generate(u, s1).expect(202);
    const done = await waitForJob(t.app, u, first.body.jobId);
    expect(done.status).toBe('completed');
    expect(await usage(u)).toMatchObject({ used: 1, remaining: QUOTA - 1 });

    // The same parameters again for a fresh session: served from the cache, not counted.
    const s2 = await newSession(t.app, u, { topicsToFocus: topics });
    const cached = await generate(u, s2).expect(201);
    expect(cached.body.cached).toBe(true);
    expect(await usage(u)).toMatchObject({ used: 1, remaining: QUOTA - 1 });

    // 2: regenerate always reaches the model.
    const qid = cached.body.data.questions[0]._id;
    const regen = await as(t.app, u).post(`/api/v1/question/${qid}/regenerate`);
    expect([200, 202]).toContain(regen.status);
    // 3: a miss with other topics.
    const s3 = await newSession(t.app, u, { topicsToFocus: [`${topics[0]} other`] });
    await generate(u, s3, 2).expect(202);
    expect(await usage(u)).toMatchObject({ used: QUOTA, remaining: 0 });

    // Exhausted: model requests are refused and change nothing...
    const s4 = await newSession(t.app, u, { topicsToFocus: [`${topics[0]} more`] });
    const refused = await generate(u, s4).expect(429);
    expect(refused.body).toMatchObject({
      success: false,
      code: 'ai_quota_exceeded',
      message: expect.stringContaining(`Daily AI quota of ${QUOTA} requests reached`),
      limit: QUOTA,
      resetsAt: (await usage(u)).resetsAt,
      requestId: expect.any(String),
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBe(refused.body.retryAfterSeconds);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    const regenRefused = await as(t.app, u).post(`/api/v1/question/${qid}/regenerate`).expect(429);
    expect(regenRefused.body.code).toBe('ai_quota_exceeded');
    expect(
      (await as(t.app, u).get(`/api/v1/session/${s4}`).expect(200)).body.data.session.questionCount,
    ).toBe(0);
    expect(await usage(u)).toMatchObject({ used: QUOTA, remaining: 0 });

    // ...while the cache still serves (a cache hit never needs quota).
    const s5 = await newSession(t.app, u, { topicsToFocus: topics });
    expect((await generate(u, s5).expect(201)).body.cached).toBe(true);

    // A new day: today's counter becomes yesterday's (what midnight does), and the quota is back.
    const today = keys.dailyQuotaKey(u.user._id);
    await redis.rename(today, keys.dailyQuotaKey(u.user._id, '2000-01-01'));
    expect(await usage(u)).toMatchObject({ used: 0, remaining: QUOTA });
    await generate(u, s4).expect(202);
    expect(await usage(u)).toMatchObject({ used: 1 });
  });

  it('is per user: one user exhausting it does not affect another', async () => {
    const [a, b] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    await redis.set(keys.dailyQuotaKey(a.user._id), String(QUOTA));
    const sa = await newSession(t.app, a, { topicsToFocus: [`Per user ${Date.now()}`] });
    await generate(a, sa).expect(429);
    const sb = await newSession(t.app, b, { topicsToFocus: [`Per user b ${Date.now()}`] });
    await generate(b, sb).expect(202);
    expect(await usage(b)).toMatchObject({ used: 1 });
  });

  it('concurrent requests never overshoot the quota (atomic check-and-count)', async () => {
    const u = await registerAndLogin(t.app);
    const sessions = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        newSession(t.app, u, { topicsToFocus: [`Race ${i} ${Date.now()}`] }),
      ),
    );
    const results = await Promise.all(sessions.map((s) => generate(u, s, 1)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429]);
    expect(await usage(u)).toMatchObject({ used: QUOTA, remaining: 0 });
  });

  it('admins are exempt (their use is still shown)', async () => {
    const admin = await makeAdmin(await registerAndLogin(t.app));
    for (let i = 0; i < QUOTA + 1; i++) {
      const s = await newSession(t.app, admin, { topicsToFocus: [`Admin ${i} ${Date.now()}`] });
      await generate(admin, s, 1).expect(202);
    }
    expect(await usage(admin)).toMatchObject({
      used: QUOTA + 1,
      limit: null,
      remaining: null,
      exempt: true,
    });
  });
});

describe('hourly AI limit', () => {
  it('counts only model requests: a full window refuses a miss with 429 but still serves cache hits', async () => {
    const u = await registerAndLogin(t.app);
    const topics = [`Hourly ${Date.now()}`];
    const s1 = await newSession(t.app, u, { topicsToFocus: topics });
    const first = await generate(u, s1).expect(202);
    await waitForJob(t.app, u, first.body.jobId);
    // Cache hits leave the hourly window alone.
    for (let i = 0; i < 3; i++) {
      const s = await newSession(t.app, u, { topicsToFocus: topics });
      await generate(u, s).expect(201);
    }
    expect(await redis.get(keys.hourlyLimitKey(u.user._id))).toBe('1');

    // Fill the window (as 20 model requests in the hour would).
    await redis.set(keys.hourlyLimitKey(u.user._id), '20', 'PX', 60_000);
    const s2 = await newSession(t.app, u, { topicsToFocus: [`${topics[0]} miss`] });
    const refused = await generate(u, s2).expect(429);
    expect(refused.body).toMatchObject({
      success: false,
      code: 'rate_limited',
      message: 'AI generation limit reached. Please try again later',
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Refused by the hourly limit: the daily quota was not spent.
    expect(await usage(u)).toMatchObject({ used: 1 });
    const s3 = await newSession(t.app, u, { topicsToFocus: topics });
    await generate(u, s3).expect(201);

    // The window ends: model requests go through again.
    await redis.del(keys.hourlyLimitKey(u.user._id));
    await generate(u, s2).expect(202);
  });
});
