import express, { type Express } from 'express';
import request from 'supertest';
import { bearer, registerAndLogin, uniqueEmail } from '../support/factories';
import { bootAuthApp, useApp } from './auth.helpers';

const t = useApp(() =>
  bootAuthApp(
    {
      TRUST_PROXY: '1',
      RATE_LIMIT_AUTH_MAX: '3',
      RATE_LIMIT_AUTH_ACCOUNT_MAX: '3',
      RATE_LIMIT_GENERAL_MAX: '30',
      RATE_LIMIT_AI_MAX: '2',
      RATE_LIMIT_EXPORT_MAX: '1',
    },
    { worker: false },
  ),
);
let limited: Express;
let prefix: string;
let redisKeys: (pattern: string) => Promise<string[]>;

beforeAll(async () => {
  const { aiLimiter, exportLimiter } = await import('../../src/http/rate-limit');
  const { requireAuth } = await import('../../src/modules/auth/auth.middleware');
  const { errorHandler } = await import('../../src/http/middleware');
  const { getRedis } = await import('../../src/infra/redis');
  const { config } = await import('../../src/config');
  prefix = config.redis.prefix;
  redisKeys = (pattern) => getRedis().keys(`${prefix}${pattern}`);
  // How other features mount the per-user limiters: after requireAuth.
  limited = express();
  limited.post(
    '/generate',
    requireAuth,
    aiLimiter,
    (_req, res) => void res.status(202).json({ success: true }),
  );
  limited.post(
    '/export',
    requireAuth,
    exportLimiter,
    (_req, res) => void res.status(202).json({ success: true }),
  );
  limited.use(errorHandler);
});

const loginFrom = (ip: string, email: string, password: string) =>
  request(t.app).post('/api/v1/user/login').set('X-Forwarded-For', ip).send({ email, password });

describe('auth limiter', () => {
  it('counts failed attempts per email, across IPs', async () => {
    const u = await registerAndLogin(t.app);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
      expect((await loginFrom(ip, u.user.email, 'wrong-password')).status).toBe(401);
    }
    const blocked = await loginFrom('10.0.0.4', u.user.email, u.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({
      success: false,
      code: 'rate_limited',
      requestId: expect.any(String),
    });
    expect(blocked.body.retryAfterSeconds).toBeGreaterThan(0);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.headers['ratelimit']).toMatch(/limit=3, remaining=0/);
    // Another account from the same fresh IP is not affected.
    const other = await registerAndLogin(t.app);
    expect((await loginFrom('10.0.0.4', other.user.email, other.password)).status).toBe(200);
    expect(await redisKeys('rl:auth-account:*')).toEqual(
      expect.arrayContaining([`${prefix}rl:auth-account:${u.user.email}`]),
    );
  });

  it('counts failed attempts per IP, across emails, and never counts successes', async () => {
    const u = await registerAndLogin(t.app);
    for (let i = 0; i < 5; i++)
      expect((await loginFrom('10.0.1.9', u.user.email, u.password)).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await loginFrom('10.0.1.1', uniqueEmail('spray'), 'guess-guess')).status).toBe(401);
    const blocked = await loginFrom('10.0.1.1', u.user.email, u.password);
    expect(blocked.status).toBe(429);
    // On the OTP routes, validation errors do not count; wrong codes do.
    const verifyFrom = (otp: string) =>
      request(t.app)
        .post('/api/v1/user/verify-otp')
        .set('X-Forwarded-For', '10.0.1.2')
        .send({ email: uniqueEmail(), otp });
    for (let i = 0; i < 5; i++) expect((await verifyFrom('nope')).status).toBe(400);
    for (let i = 0; i < 3; i++) {
      const wrong = await verifyFrom('123456');
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('invalid_otp');
    }
    expect((await verifyFrom('123456')).status).toBe(429);
    expect((await redisKeys('rl:auth-ip:*')).length).toBeGreaterThan(0);
  });
});

describe('general limiter', () => {
  it('limits every /api request per IP and answers 429 in the envelope', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      statuses.push(
        (await request(t.app).get('/api/v1/user/profile').set('X-Forwarded-For', '10.0.3.1')).status,
      );
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    // Outside /api (health, docs) is not limited by it.
    expect((await request(t.app).get('/').set('X-Forwarded-For', '10.0.3.1')).status).toBe(200);
    expect((await request(t.app).get('/api/v1/user/profile').set('X-Forwarded-For', '10.0.3.2')).status).toBe(
      401,
    );
  });
});

describe('per-user limiters for other features', () => {
  it('aiLimiter and exportLimiter count per user, every request, in Redis shared by instances', async () => {
    const a = await registerAndLogin(t.app);
    const b = await registerAndLogin(t.app);
    const gen = (token: string, app = limited) =>
      request(app).post('/generate').set('Authorization', bearer(token));
    expect((await gen(a.token)).status).toBe(202);
    expect((await gen(a.token)).status).toBe(202);
    const third = await gen(a.token);
    expect(third.status).toBe(429);
    expect(third.body.message).toMatch(/AI generation limit/);
    expect((await gen(b.token)).status).toBe(202);

    // A second copy of the limiter module (as in another api instance) sees the same counters.
    let elsewhere: Express | undefined;
    let closeElsewhere: (() => Promise<void>) | undefined;
    await jest.isolateModulesAsync(async () => {
      const { aiLimiter } = await import('../../src/http/rate-limit');
      closeElsewhere = (await import('../../src/infra/redis')).closeRedis;
      const { errorHandler } = await import('../../src/http/middleware');
      const app = express();
      app.post(
        '/generate',
        (req, _res, next) => {
          req.user = { id: a.user._id, role: 'user', jti: 'x', tokenVersion: 0 };
          next();
        },
        aiLimiter,
        (_req, res) => void res.status(202).json({ success: true }),
      );
      app.use(errorHandler);
      elsewhere = app;
    });
    expect((await request(elsewhere as Express).post('/generate')).status).toBe(429);
    await closeElsewhere?.();

    const exp = (token: string) => request(limited).post('/export').set('Authorization', bearer(token));
    expect((await exp(a.token)).status).toBe(202);
    expect((await exp(a.token)).status).toBe(429);
    expect(await redisKeys(`rl:ai:user:${a.user._id}`)).toHaveLength(1);
  });
});
