import type { Express } from 'express';
import request from 'supertest';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Evaluations and explanations that reach the model count against the daily AI quota (issue 12): with a
 * quota of 2, the third model-bound practice request is refused with 429 before anything is queued.
 */
let fake: FakeGroq;
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;
let countAttempts: (filter: Record<string, unknown>) => Promise<number>;

beforeAll(async () => {
  fake = await startFakeGroq();
  Object.assign(process.env, {
    AI_PROVIDER: 'groq',
    GROQ_API_KEY: 'test',
    GROQ_BASE_URL: fake.url,
    AI_DAILY_QUOTA: '2',
    REGENERATE_WAIT_MS: '200',
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { Attempt } = await import('../../src/modules/practice/attempt.model');
  countAttempts = (filter) => Attempt.countDocuments(filter).exec();
  t = await support.bootApp();
  app = t.app;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

async function newQuestion(u: TestUser) {
  const s = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Backend Developer', experience: 'junior', topicsToFocus: ['Node.js'] })
    .expect(201);
  const q = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({
      sessionId: s.body.data.session._id,
      question: 'What is the event loop in Node.js?',
      answer: 'The event loop runs callbacks from the task queues once the call stack is empty.',
    })
    .expect(201);
  return q.body.data.question._id as string;
}

it('counts evaluations and explanations against the daily AI quota, then answers 429', async () => {
  const u = await registerAndLogin(app);
  const questionId = await newQuestion(u);
  const attempt = () =>
    request(app)
      .post(`/api/v1/question/${questionId}/attempts`)
      .set(auth(u))
      .send({ answer: 'It runs callbacks.' });

  await attempt().expect(202);
  // An explanation not in the cache reaches the model: the second unit of the quota (answered 200 or 202).
  const explained = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u));
  expect([200, 202]).toContain(explained.status);

  const refused = await attempt().expect(429);
  expect(refused.body).toMatchObject({ success: false, code: 'ai_quota_exceeded' });
  expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  // Nothing was recorded for the refused attempt.
  expect(await countAttempts({ user: u.user._id })).toBe(1);

  const usage = await request(app).get('/api/v1/user/usage').set(auth(u)).expect(200);
  expect(usage.body.data).toMatchObject({ used: 2, limit: 2, remaining: 0 });
});
