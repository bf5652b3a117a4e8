import type { Express } from 'express';
import request from 'supertest';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Practice without an AI key: the offline provider scores in the real worker from the coverage of the
 * model answer's key ideas, and explains from the model answer.
 */
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;
let entry: { question: string; answer: string };

beforeAll(async () => {
  process.env.AI_PROVIDER = 'offline';
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  const { BANK } = await import('../../src/ai');
  // A real bank entry: its model answer is what a copy is compared with.
  entry = BANK.find((e) => e.topicId === 'sql' && e.difficulty === 'medium')!;
  t = await support.bootApp();
  app = t.app;
  startTestWorker(2);
});
afterAll(async () => t?.close());

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

async function newQuestion(u: TestUser) {
  const s = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['SQL'] })
    .expect(201);
  const q = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({
      sessionId: s.body.data.session._id,
      question: entry.question,
      answer: entry.answer,
      category: 'SQL',
    })
    .expect(201);
  return q.body.data.question._id as string;
}

async function score(u: TestUser, questionId: string, answer: string) {
  const sent = await request(app)
    .post(`/api/v1/question/${questionId}/attempts`)
    .set(auth(u))
    .send({ answer })
    .expect(202);
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await request(app).get(sent.body.checkStatusUrl).set(auth(u)).expect(200);
    if (res.body.status === 'completed') return res.body.data.attempt;
    if (res.body.status === 'failed' || Date.now() > until) throw new Error(JSON.stringify(res.body));
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('offline practice', () => {
  it('a copy of the model answer scores high, a partial one in between, an off-topic one low', async () => {
    const u = await registerAndLogin(app);
    const questionId = await newQuestion(u);
    const copy = await score(u, questionId, entry.answer);
    const firstSentence = entry.answer.split(/(?<=\.)\s+/)[0]!;
    const partial = await score(u, questionId, firstSentence);
    const offTopic = await score(
      u,
      questionId,
      'I enjoy hiking in the mountains on weekends and cooking pasta for my friends afterwards.',
    );
    expect(copy).toMatchObject({ status: 'completed', provider: 'offline' });
    expect(copy.score).toBeGreaterThanOrEqual(9);
    expect(offTopic.score).toBeLessThanOrEqual(2);
    expect(partial.score).toBeGreaterThan(offTopic.score);
    expect(partial.score).toBeLessThan(copy.score);
    expect(copy.strengths.length).toBeGreaterThan(0);
    expect(offTopic.improvements.length).toBeGreaterThan(0);
    expect(typeof offTopic.feedback).toBe('string');

    // Deterministic: the same answer scores the same.
    expect((await score(u, questionId, entry.answer)).score).toBe(copy.score);
  });

  it('explains from the model answer without a key, and caches it', async () => {
    const u = await registerAndLogin(app);
    const questionId = await newQuestion(u);
    const res = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(200);
    expect(res.body.data.explanation).toMatchObject({ questionId, provider: 'offline', cached: false });
    expect(res.body.data.explanation.keyPoints.length).toBeGreaterThan(0);
    const again = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(200);
    expect(again.body.data.explanation).toMatchObject({
      cached: true,
      explanation: res.body.data.explanation.explanation,
    });
  });
});
