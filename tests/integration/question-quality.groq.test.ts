import type { Express } from 'express';
import request from 'supertest';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Question quality with a model behind the fake Groq server: regenerate asks the model for the question's
 * own topic only, questions say groq wrote them, and a model covers any topic (nothing reported uncovered).
 */
let fake: FakeGroq;
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;

beforeAll(async () => {
  fake = await startFakeGroq();
  Object.assign(process.env, {
    AI_PROVIDER: 'groq',
    GROQ_API_KEY: 'test',
    GROQ_BASE_URL: fake.url,
    AI_RETRY_BASE_MS: '50',
    REGENERATE_WAIT_MS: '10000',
    RATE_LIMIT_AI_MAX: '1000',
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  t = await support.bootApp();
  app = t.app;
  startTestWorker(2);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
const promptTopics = (i: number): string[] => {
  const user = fake.requests[i]!.body!.messages!.find((m) => m.role === 'user')!.content;
  return JSON.parse(user.slice(user.indexOf('<data>') + 6, user.lastIndexOf('</data>'))).topics;
};

async function waitForJob(u: TestUser, jobId: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const res = await request(app).get(`/api/v1/queue/question/${jobId}`).set(auth(u)).expect(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('generated questions say groq wrote them, and no topic is reported uncovered', async () => {
  const u = await registerAndLogin(app);
  const s = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Data Engineer', experience: 'senior', topicsToFocus: ['Elixir', 'Quantum knitting'] })
    .expect(201);
  const res = await request(app)
    .post('/api/v1/question/generate')
    .set(auth(u))
    .send({ sessionId: s.body.data.session._id, count: 2 })
    .expect(202);
  expect(res.body.data).toEqual({ uncoveredTopics: [] });
  const done = await waitForJob(u, res.body.jobId);
  expect(done.data.uncoveredTopics).toEqual([]);
  for (const q of done.data.questions) expect(q).toMatchObject({ source: 'ai', provider: 'groq' });
  expect(promptTopics(0)).toEqual(['Elixir', 'Quantum knitting']);
});

it("regenerate asks the model for the question's own topic (its category), not the session's topics", async () => {
  const u = await registerAndLogin(app);
  const s = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['MongoDB', 'Node.js'] })
    .expect(201);
  const sessionId = s.body.data.session._id;
  const c = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({
      sessionId,
      question: 'How do MongoDB replica sets elect a primary?',
      answer: 'Members vote; a majority elects the most up-to-date eligible member.',
      category: 'MongoDB',
      difficulty: 'hard',
    })
    .expect(201);
  const res = await request(app)
    .post(`/api/v1/question/${c.body.data.question._id}/regenerate`)
    .set(auth(u))
    .expect(200);
  expect(fake.requests).toHaveLength(1);
  expect(promptTopics(0)).toEqual(['MongoDB']);
  expect(res.body.data.question).toMatchObject({
    category: 'MongoDB',
    difficulty: 'hard',
    source: 'ai',
    provider: 'groq',
  });

  // A question without a category falls back to the session's topics.
  const bare = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({ sessionId, question: 'What is an index?', answer: 'A structure that speeds up lookups.' })
    .expect(201);
  await request(app)
    .post(`/api/v1/question/${bare.body.data.question._id}/regenerate`)
    .set(auth(u))
    .expect(200);
  expect(promptTopics(1)).toEqual(['MongoDB', 'Node.js']);
});
