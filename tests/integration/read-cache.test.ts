import type { Express } from 'express';
import mongoose from 'mongoose';
import request from 'supertest';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { waitFor } from '../support/wait';

/**
 * The read cache (src/http/read-cache.ts): a session's questions, a session and the session list are
 * answered from Redis when nothing of the user's changed, with `304` to a matching `If-None-Match`, and
 * never after a write: every write path is followed by a read that must show it (offline AI provider and
 * the real worker processors, so generation, regeneration and practice scoring run as in production).
 */
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;
let entry: { question: string; answer: string };

beforeAll(async () => {
  Object.assign(process.env, {
    AI_PROVIDER: 'offline',
    RATE_LIMIT_GENERAL_MAX: '100000',
    RATE_LIMIT_AI_MAX: '1000',
    REGENERATE_WAIT_MS: '5000',
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  const { BANK } = await import('../../src/ai');
  entry = BANK.find((e) => e.topicId === 'sql' && e.difficulty === 'medium')!;
  t = await support.bootApp();
  app = t.app;
  startTestWorker(2);
});
afterAll(async () => t?.close());

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
const get = (u: TestUser, path: string) => request(app).get(path).set(auth(u));

/** Database commands on the collections the cached reads come from, while `fn` runs. */
async function dataQueriesDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  mongoose.set('debug', (collection: string, method: string) => {
    if (['sessions', 'questions', 'attempts'].includes(collection)) seen.push(`${collection}.${method}`);
  });
  try {
    await fn();
  } finally {
    mongoose.set('debug', false);
  }
  return seen;
}

async function newSession(u: TestUser, topics = ['SQL']) {
  const res = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: topics })
    .expect(201);
  return res.body.data.session._id as string;
}

async function addQuestion(u: TestUser, sessionId: string, question = entry.question, answer = entry.answer) {
  const res = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({ sessionId, question, answer, category: 'SQL' })
    .expect(201);
  return res.body.data.question._id as string;
}

/** Reads the three cached screens twice (the second read is a cache hit) and returns the last bodies. */
async function primed(u: TestUser, sessionId: string) {
  const paths = [`/api/v1/question/session/${sessionId}`, `/api/v1/session/${sessionId}`, '/api/v1/session'];
  for (const p of paths) await get(u, p).expect(200);
  const [questions, session, list] = await Promise.all(paths.map((p) => get(u, p).expect(200)));
  return { questions: questions.body, session: session.body, list: list.body };
}

const questionsOf = async (u: TestUser, sessionId: string) =>
  (await get(u, `/api/v1/question/session/${sessionId}`).expect(200)).body.data.questions as Array<
    Record<string, unknown>
  >;

describe('read cache', () => {
  it('answers a repeated read from the cache, identical and without touching the data collections', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    await addQuestion(u, sessionId);
    const path = `/api/v1/question/session/${sessionId}`;
    const first = await get(u, path).expect(200);
    let second: request.Response | undefined;
    const queries = await dataQueriesDuring(async () => {
      second = await get(u, path).expect(200);
    });
    expect(queries).toEqual([]);
    expect(second!.text).toBe(first.text);
    expect(second!.headers['etag']).toBe(first.headers['etag']);
    expect(second!.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second!.headers['x-request-id']).toBeDefined();
    expect(second!.body.data.questions).toHaveLength(1);
  });

  it('answers 304 to a matching If-None-Match without the database, 200 to a stale one', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    const path = `/api/v1/session/${sessionId}`;
    const first = await get(u, path).expect(200);
    const etag = first.headers['etag'] as string;
    const queries = await dataQueriesDuring(() => get(u, path).set('If-None-Match', etag).expect(304));
    expect(queries).toEqual([]);
    await addQuestion(u, sessionId);
    const after = await get(u, path).set('If-None-Match', etag).expect(200);
    expect(after.headers['etag']).not.toBe(etag);
    expect(after.body.data.session.questions).toHaveLength(1);
  });

  it('keeps users apart: 401 without a token, 404 for another user, cached or not', async () => {
    const [u, other] = await Promise.all([registerAndLogin(app), registerAndLogin(app)]);
    const sessionId = await newSession(u);
    await primed(u, sessionId);
    await request(app).get(`/api/v1/question/session/${sessionId}`).expect(401);
    await request(app)
      .get(`/api/v1/session/${sessionId}`)
      .set(auth({ ...u, token: 'nope' }))
      .expect(401);
    const foreign = await get(other, `/api/v1/question/session/${sessionId}`).expect(404);
    expect(foreign.body).toMatchObject({ success: false, code: 'session_not_found' });
    await get(other, `/api/v1/session/${sessionId}`).expect(404);
    expect((await get(other, '/api/v1/session').expect(200)).body.data.sessions).toEqual([]);
    await get(u, '/api/v1/question/session/not-an-id').expect(400);
  });

  it('a logout ends cached reads for that token at once', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    await primed(u, sessionId);
    await request(app).post('/api/v1/user/logout').set(auth(u)).expect(200);
    await get(u, `/api/v1/question/session/${sessionId}`).expect(401);
  });
});

describe('no stale read after a write', () => {
  it('session create, update and delete', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    await primed(u, sessionId);
    const second = await newSession(u, ['APIs']);
    const list = (await get(u, '/api/v1/session').expect(200)).body;
    expect(list.data.sessions.map((s: { _id: string }) => s._id)).toEqual([second, sessionId]);
    expect(list.pagination.total).toBe(2);

    await primed(u, sessionId);
    await request(app)
      .put(`/api/v1/session/${sessionId}`)
      .set(auth(u))
      .send({ status: 'completed' })
      .expect(200);
    expect((await get(u, `/api/v1/session/${sessionId}`).expect(200)).body.data.session.status).toBe(
      'completed',
    );
    const listed = (await get(u, '/api/v1/session').expect(200)).body.data.sessions;
    expect(listed.find((s: { _id: string }) => s._id === sessionId).status).toBe('completed');

    await primed(u, sessionId);
    await request(app).delete(`/api/v1/session/${sessionId}`).set(auth(u)).expect(200);
    await get(u, `/api/v1/session/${sessionId}`).expect(404);
    await get(u, `/api/v1/question/session/${sessionId}`).expect(404);
    expect(
      (await get(u, '/api/v1/session').expect(200)).body.data.sessions.map((s: { _id: string }) => s._id),
    ).toEqual([second]);
  });

  it('custom question add, update, pin and delete', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    await primed(u, sessionId);
    const id = await addQuestion(u, sessionId);
    expect((await questionsOf(u, sessionId)).map((q) => q._id)).toEqual([id]);
    expect((await get(u, `/api/v1/session/${sessionId}`).expect(200)).body.data.session.questionCount).toBe(
      1,
    );
    expect((await get(u, '/api/v1/session').expect(200)).body.data.sessions[0].questions).toHaveLength(1);

    await primed(u, sessionId);
    await request(app).put(`/api/v1/question/${id}`).set(auth(u)).send({ notes: 'new notes' }).expect(200);
    expect((await questionsOf(u, sessionId))[0].notes).toBe('new notes');
    expect(
      (await get(u, `/api/v1/session/${sessionId}`).expect(200)).body.data.session.questions[0].notes,
    ).toBe('new notes');

    await primed(u, sessionId);
    await request(app).patch(`/api/v1/question/${id}/toggle-pin`).set(auth(u)).expect(200);
    expect((await questionsOf(u, sessionId))[0].isPinned).toBe(true);

    await primed(u, sessionId);
    await request(app).delete(`/api/v1/question/${id}`).set(auth(u)).expect(200);
    expect(await questionsOf(u, sessionId)).toEqual([]);
    expect((await get(u, `/api/v1/session/${sessionId}`).expect(200)).body.data.session.questionCount).toBe(
      0,
    );
  });

  it('bulk delete, difficulty and pin', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    const a = await addQuestion(u, sessionId);
    const b = await addQuestion(u, sessionId, 'What is a database transaction and why use one?');
    await primed(u, sessionId);
    await request(app)
      .post('/api/v1/bulk/difficulty')
      .set(auth(u))
      .send({ questionIds: [a, b], difficulty: 'hard' })
      .expect(200);
    expect((await questionsOf(u, sessionId)).map((q) => q.difficulty)).toEqual(['hard', 'hard']);

    await primed(u, sessionId);
    await request(app)
      .post('/api/v1/bulk/toggle-pin')
      .set(auth(u))
      .send({ questionIds: [a], isPinned: true })
      .expect(200);
    expect((await questionsOf(u, sessionId)).find((q) => q._id === a)!.isPinned).toBe(true);

    await primed(u, sessionId);
    await request(app)
      .post('/api/v1/bulk/delete')
      .set(auth(u))
      .send({ questionIds: [a] })
      .expect(200);
    expect((await questionsOf(u, sessionId)).map((q) => q._id)).toEqual([b]);
    expect((await get(u, `/api/v1/session/${sessionId}`).expect(200)).body.data.session.questionCount).toBe(
      1,
    );
  });

  it('generation in the worker, and regeneration', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, ['SQL', 'Databases']);
    await primed(u, sessionId);
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 3 })
      .expect((r) => expect([201, 202]).toContain(r.status));
    // Polls the cached read itself: it must show the questions as soon as the worker has stored them.
    const generated = await waitFor(
      async () => {
        const qs = await questionsOf(u, sessionId);
        return qs.length === 3 && qs;
      },
      { timeout: 20_000, interval: 50, message: `generation ${res.body.jobId ?? ''} to show in the session` },
    );
    expect((await get(u, `/api/v1/session/${sessionId}`).expect(200)).body.data.session.questionCount).toBe(
      3,
    );

    await primed(u, sessionId);
    const id = generated[0]!._id as string;
    const regen = await request(app).post(`/api/v1/question/${id}/regenerate`).set(auth(u)).expect(200);
    const text = regen.body.data.question.question as string;
    expect(text).not.toBe(generated[0]!.question);
    expect((await questionsOf(u, sessionId)).find((q) => q._id === id)!.question).toBe(text);
  });

  it('practice scoring (mastery) in the worker', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    const id = await addQuestion(u, sessionId);
    await primed(u, sessionId);
    const before = (await questionsOf(u, sessionId))[0]!.mastery as { attempts: number };
    expect(before.attempts).toBe(0);
    await request(app)
      .post(`/api/v1/question/${id}/attempts`)
      .set(auth(u))
      .send({ answer: entry.answer })
      .expect(202);
    // The cached read shows the attempt once the worker has scored it.
    const mastery = await waitFor(
      async () => {
        const m = (await questionsOf(u, sessionId))[0]!.mastery as { attempts: number };
        return m.attempts === 1 && m;
      },
      { timeout: 20_000, interval: 50, message: 'the scored attempt to show in the session' },
    );
    expect(mastery).toMatchObject({ attempts: 1 });
  });

  it('account deletion', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    await addQuestion(u, sessionId);
    await primed(u, sessionId);
    await request(app).delete('/api/v1/user/profile').set(auth(u)).send({ password: u.password }).expect(200);
    await get(u, `/api/v1/question/session/${sessionId}`).expect(401);
    await get(u, '/api/v1/session').expect(401);
    // Nothing of the account is left in Redis: no read version, no cached entry.
    const { getRedis } = await import('../../src/infra/redis');
    const { config } = await import('../../src/config');
    const keys = await getRedis().keys(`${config.redis.prefix}*${u.user._id}*`);
    expect(keys.filter((k) => !k.startsWith(`${config.redis.prefix}rl:`))).toEqual([]);
  });
});
