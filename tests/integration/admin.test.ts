import { Types } from 'mongoose';
import request from 'supertest';
import { defaultResponse, startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { as, bootWithEnv, makeAdmin, newSession, waitForJob } from './admin.helpers';

/** Admin routes and the bull-board dashboard, through the real app, worker and the fake Groq server. */
let t: TestApp;
let fake: FakeGroq;
let admin: TestUser;
let registerAndLogin: (app: TestApp['app']) => Promise<TestUser>;
let login: typeof import('../support/factories').login;
let onAccountDisabled: typeof import('../../src/modules/admin/admin.service').onAccountDisabled;

beforeAll(async () => {
  fake = await startFakeGroq();
  t = await bootWithEnv(
    { AI_PROVIDER: 'groq', GROQ_API_KEY: 'test', GROQ_BASE_URL: fake.url, AI_RETRY_BASE_MS: '50' },
    { worker: true },
  );
  ({ registerAndLogin, login } = await import('../support/factories'));
  ({ onAccountDisabled } = await import('../../src/modules/admin/admin.service'));
  admin = await makeAdmin(await registerAndLogin(t.app));
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const someId = new Types.ObjectId().toHexString();
const adminRoutes = [
  ['get', '/api/v1/admin/users'],
  ['patch', `/api/v1/admin/users/${someId}`],
  ['get', '/api/v1/admin/stats'],
  ['get', '/admin/queues'],
  ['get', '/admin/queues/api/queues'],
] as const;

describe('admin guard', () => {
  it.each(adminRoutes)('%s %s: 401 without a session', async (method, path) => {
    const res = await request(t.app)[method](path).send({});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: 'unauthenticated' });
  });

  it.each(adminRoutes)('%s %s: 403 for a user who is not an admin', async (method, path) => {
    const u = await registerAndLogin(t.app);
    const res = await request(t.app)[method](path).set('Authorization', `Bearer ${u.token}`).send({});
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ success: false, code: 'forbidden' });
  });

  it('401 for a revoked token (logged out admin)', async () => {
    const other = await makeAdmin(await registerAndLogin(t.app));
    await as(t.app, other).post('/api/v1/user/logout').expect(200);
    await as(t.app, other).get('/api/v1/admin/stats').expect(401);
    await request(t.app).get('/admin/queues').set('Cookie', other.cookie).expect(401);
  });

  it('the dashboard serves admins by cookie or bearer, with every queue', async () => {
    const page = await request(t.app).get('/admin/queues').set('Cookie', admin.cookie).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('/admin/queues');
    const api = await request(t.app)
      .get('/admin/queues/api/queues')
      .set('Authorization', `Bearer ${admin.token}`)
      .expect(200);
    const names = (api.body.queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual([
      'answer-evaluation',
      'email-notifications',
      'export-generation',
      'question-generation',
    ]);
  });
});

describe('GET /api/v1/admin/users', () => {
  it('searches email and name as plain text, filters, paginates', async () => {
    const tag = `zq${Date.now()}`;
    const made: TestUser[] = [];
    for (let i = 0; i < 3; i++) {
      const { register } = await import('../support/factories');
      const creds = await register(t.app, { email: `${tag}.${i}@example.test`, fullname: `Person ${i}` });
      made.push({ ...(await login(t.app, creds.email, creds.password)), password: creds.password });
    }
    const byName = await registerAndLogin(t.app).then(async (u) => {
      await as(t.app, u)
        .put('/api/v1/user/profile')
        .send({ fullname: `Named ${tag.toUpperCase()}` })
        .expect(200);
      return u;
    });

    const all = await as(t.app, admin).get(`/api/v1/admin/users?search=${tag}`).expect(200);
    expect(all.body).toMatchObject({
      success: true,
      count: 4,
      pagination: { page: 1, limit: 20, total: 4, pages: 1 },
    });
    const ids = all.body.data.users.map((u: { _id: string }) => u._id);
    expect(ids.sort()).toEqual([...made.map((m) => m.user._id), byName.user._id].sort());
    const one = all.body.data.users[0];
    expect(one).toEqual(
      expect.objectContaining({
        _id: expect.any(String),
        email: expect.any(String),
        role: 'user',
        disabled: false,
      }),
    );
    expect(one.password).toBeUndefined();
    expect(one.tokenVersion).toBeUndefined();

    const page = await as(t.app, admin).get(`/api/v1/admin/users?search=${tag}&limit=3&page=2`).expect(200);
    expect(page.body).toMatchObject({ count: 1, pagination: { page: 2, limit: 3, total: 4, pages: 2 } });

    // Pattern characters are text: no match, never a 500.
    const regex = await as(t.app, admin)
      .get(`/api/v1/admin/users?search=${encodeURIComponent('.*(')}`)
      .expect(200);
    expect(regex.body.count).toBe(0);

    const admins = await as(t.app, admin).get('/api/v1/admin/users?role=admin&limit=100').expect(200);
    expect(admins.body.data.users.every((u: { role: string }) => u.role === 'admin')).toBe(true);
    expect(admins.body.data.users.map((u: { _id: string }) => u._id)).toContain(admin.user._id);
  });

  it.each([
    'limit=0',
    'limit=101',
    'page=x',
    'role=root',
    'disabled=maybe',
    'sort=email',
    `search=${'x'.repeat(201)}`,
  ])('?%s → 400', async (qs) => {
    const res = await as(t.app, admin).get(`/api/v1/admin/users?${qs}`).expect(400);
    expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
  });
});

describe('PATCH /api/v1/admin/users/:id', () => {
  it('disabling ends every login of the user and refuses new ones; enabling lets them back in', async () => {
    const target = await registerAndLogin(t.app);
    const second = await login(t.app, target.user.email, target.password); // a second device
    await as(t.app, target).get('/api/v1/user/profile').expect(200);
    const disabledCalls: string[] = [];
    const off = onAccountDisabled('test-recorder', async (id) => void disabledCalls.push(id));
    let res: request.Response;
    try {
      res = await as(t.app, admin)
        .patch(`/api/v1/admin/users/${target.user._id}`)
        .send({ disabled: true })
        .expect(200);
    } finally {
      off();
    }
    expect(res.body).toMatchObject({
      success: true,
      message: 'User updated successfully',
      data: { user: { _id: target.user._id, disabled: true, role: 'user' } },
    });
    expect(disabledCalls).toEqual([target.user._id]);
    for (const token of [target.token, second.token]) {
      const r = await request(t.app)
        .get('/api/v1/user/profile')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      expect(['account_disabled', 'token_revoked']).toContain(r.body.code);
    }
    const refused = await request(t.app)
      .post('/api/v1/user/login')
      .send({ email: target.user.email, password: target.password })
      .expect(403);
    expect(refused.body.code).toBe('account_disabled');
    const listed = await as(t.app, admin)
      .get(`/api/v1/admin/users?disabled=true&search=${encodeURIComponent(target.user.email)}`)
      .expect(200);
    expect(listed.body.data.users.map((u: { _id: string }) => u._id)).toEqual([target.user._id]);

    await as(t.app, admin)
      .patch(`/api/v1/admin/users/${target.user._id}`)
      .send({ disabled: false })
      .expect(200);
    // Old tokens stay dead (the token version moved on); a new login works.
    await request(t.app)
      .get('/api/v1/user/profile')
      .set('Authorization', `Bearer ${target.token}`)
      .expect(401);
    const back = await login(t.app, target.user.email, target.password);
    const history = await request(t.app)
      .get('/api/v1/user/history?limit=100')
      .set('Authorization', `Bearer ${back.token}`)
      .expect(200);
    const events = JSON.stringify(history.body.data);
    expect(events).toContain('account_disabled');
    expect(events).toContain('account_enabled');
  });

  it('promotes and demotes; the new role applies on the next request', async () => {
    const u = await registerAndLogin(t.app);
    await as(t.app, u).get('/api/v1/admin/stats').expect(403);
    const up = await as(t.app, admin)
      .patch(`/api/v1/admin/users/${u.user._id}`)
      .send({ role: 'admin' })
      .expect(200);
    expect(up.body.data.user.role).toBe('admin');
    await as(t.app, u).get('/api/v1/admin/stats').expect(200);
    await as(t.app, admin).patch(`/api/v1/admin/users/${u.user._id}`).send({ role: 'user' }).expect(200);
    await as(t.app, u).get('/api/v1/admin/stats').expect(403);
  });

  it('an admin cannot disable or demote themselves (nothing changes)', async () => {
    for (const body of [{ disabled: true }, { role: 'user' }, { disabled: true, role: 'admin' }]) {
      const res = await as(t.app, admin)
        .patch(`/api/v1/admin/users/${admin.user._id}`)
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({ success: false, code: 'cannot_modify_self' });
    }
    // Harmless self-updates are fine.
    await as(t.app, admin)
      .patch(`/api/v1/admin/users/${admin.user._id}`)
      .send({ disabled: false })
      .expect(200);
    await as(t.app, admin).get('/api/v1/admin/stats').expect(200);
  });

  it.each([
    [{}, 'validation_error'],
    [{ disabled: 'yes' }, 'validation_error'],
    [{ role: 'root' }, 'validation_error'],
    [{ role: 'admin', fullname: 'x' }, 'validation_error'],
    [{ tokenVersion: 0 }, 'validation_error'],
  ])('body %j → 400', async (body, code) => {
    const u = await registerAndLogin(t.app);
    const res = await as(t.app, admin).patch(`/api/v1/admin/users/${u.user._id}`).send(body).expect(400);
    expect(res.body.code).toBe(code);
    await as(t.app, u).get('/api/v1/user/profile').expect(200);
  });

  it('unknown user → 404; bad id → 400', async () => {
    const missing = await as(t.app, admin)
      .patch(`/api/v1/admin/users/${someId}`)
      .send({ disabled: true })
      .expect(404);
    expect(missing.body.code).toBe('user_not_found');
    await as(t.app, admin).patch('/api/v1/admin/users/nope').send({ disabled: true }).expect(400);
  });
});

describe('GET /api/v1/admin/stats', () => {
  it('counts users, sessions, questions, jobs per queue state, cache hit rate, AI calls and tokens today', async () => {
    const before = (await as(t.app, admin).get('/api/v1/admin/stats').expect(200)).body.data;
    expect(Object.keys(before.jobs).sort()).toEqual([
      'answer-evaluation',
      'email-notifications',
      'export-generation',
      'question-generation',
    ]);
    expect(before.jobs['question-generation']).toEqual({
      waiting: expect.any(Number),
      active: expect.any(Number),
      completed: expect.any(Number),
      failed: expect.any(Number),
      delayed: expect.any(Number),
      paused: expect.any(Number),
    });

    const u = await registerAndLogin(t.app);
    const topics = [`Stats topic ${Date.now()}`];
    const s1 = await newSession(t.app, u, { topicsToFocus: topics });
    fake.enqueue((req) => ({
      ...defaultResponse(req),
      usage: { prompt_tokens: 120, completion_tokens: 80 },
    }));
    const queued = await as(t.app, u)
      .post('/api/v1/question/generate')
      .send({ sessionId: s1, count: 2 })
      .expect(202);
    await waitForJob(t.app, u, queued.body.jobId);
    const s2 = await newSession(t.app, u, { topicsToFocus: topics });
    await as(t.app, u).post('/api/v1/question/generate').send({ sessionId: s2, count: 2 }).expect(201);

    const after = (await as(t.app, admin).get('/api/v1/admin/stats').expect(200)).body.data;
    expect(after.users.total).toBe(before.users.total + 1);
    expect(after.users.admins).toBeGreaterThanOrEqual(1);
    expect(after.sessions.total).toBe(before.sessions.total + 2);
    expect(after.sessions.byStatus.pending).toBe((before.sessions.byStatus.pending ?? 0) + 2);
    expect(after.questions.total).toBe(before.questions.total + 4);
    expect(after.questions.bySource.ai).toBe((before.questions.bySource.ai ?? 0) + 4);
    expect(after.jobs['question-generation'].completed).toBe(
      before.jobs['question-generation'].completed + 1,
    );
    expect(after.cache.hits).toBe(before.cache.hits + 1);
    expect(after.cache.misses).toBe(before.cache.misses + 1);
    expect(after.cache.hitRate).toBeCloseTo(after.cache.hits / (after.cache.hits + after.cache.misses));
    expect(after.ai.day).toBe(new Date().toISOString().slice(0, 10));
    expect(after.ai.calls).toBe(before.ai.calls + 1);
    expect(after.ai.byOperation.generate).toBe((before.ai.byOperation.generate ?? 0) + 1);
    expect(after.ai.promptTokens).toBe(before.ai.promptTokens + 120);
    expect(after.ai.completionTokens).toBe(before.ai.completionTokens + 80);
    expect(after.ai.totalTokens).toBe(before.ai.totalTokens + 200);
  });
});
