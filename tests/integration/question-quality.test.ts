import request from 'supertest';
import { BANK } from '../../src/ai/offline-bank';
import { getRedis } from '../../src/infra/redis';
import { DURATIONS_KEY, estimateFromDurations } from '../../src/modules/questions/generation-timing';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, type TestUser } from '../support/factories';
import { startTestWorker } from '../support/worker';

/**
 * Question quality with the offline provider (tests/support/env.ts sets AI_PROVIDER=offline): free-text
 * roles, the options endpoint, uncovered topics reported and replaced by their closest bank topic,
 * regenerate keeping the question's topic, the provider on each question, and estimatedTime from recent
 * durations. Everything goes through HTTP and the real worker processors.
 */
let t: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  process.env.REGENERATE_WAIT_MS ??= '10000';
  t = await bootApp();
  startTestWorker(2);
  [alice, bob] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
});
afterAll(() => t.close());

const as = (u: TestUser) => ({
  get: (p: string) => request(t.app).get(p).set('Authorization', bearer(u.token)),
  post: (p: string) => request(t.app).post(p).set('Authorization', bearer(u.token)),
  put: (p: string) => request(t.app).put(p).set('Authorization', bearer(u.token)),
});

async function newSession(u: TestUser, body: Record<string, unknown>) {
  const res = await as(u)
    .post('/api/v1/session/create')
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js'], ...body })
    .expect(201);
  return res.body.data.session._id as string;
}

async function waitForJob(u: TestUser, jobId: string) {
  const until = Date.now() + 20_000;
  for (;;) {
    const res = await as(u).get(`/api/v1/queue/question/${jobId}`).expect(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Generates and waits: the questions whether they came from the pool (201) or a job (202). */
async function generate(u: TestUser, body: Record<string, unknown>) {
  const res = await as(u).post('/api/v1/question/generate').send(body);
  if (res.status === 201) return { res, questions: res.body.data.questions, result: res.body.data };
  expect(res.status).toBe(202);
  const done = await waitForJob(u, res.body.jobId);
  expect(done.status).toBe('completed');
  return { res, questions: done.data.questions, result: done.data };
}

const bankTopicOf = (question: string) => BANK.find((e) => e.question === question)?.topicId;

describe('GET /api/v1/meta/options', () => {
  it('answers without auth: roles, experience levels, statuses, difficulties, export formats, bank topics', async () => {
    const res = await request(t.app).get('/api/v1/meta/options').expect(200);
    expect(res.body).toMatchObject({ success: true, message: 'Options retrieved successfully' });
    const d = res.body.data;
    expect(Object.keys(d).sort()).toEqual(
      ['difficulties', 'experienceLevels', 'exportFormats', 'roles', 'statuses', 'topics'].sort(),
    );
    expect(d.roles.slice(0, 9)).toEqual([
      'interviewer',
      'interviewee',
      'mock-interview',
      'practice',
      'Backend Developer',
      'Frontend Developer',
      'Full Stack Developer',
      'DevOps Engineer',
      'Data Scientist',
    ]);
    expect(d.roles).toContain('Data Engineer');
    expect(d.experienceLevels).toEqual(['entry-level', 'junior', 'mid-level', 'senior', 'lead', 'expert']);
    expect(d.statuses).toEqual(['pending', 'in-progress', 'completed', 'cancelled']);
    expect(d.difficulties).toEqual(['easy', 'medium', 'hard']);
    expect(d.exportFormats).toEqual(['pdf', 'csv', 'docx']);
    expect(d.topics.length).toBeGreaterThanOrEqual(40);
    expect(d.topics).toEqual(expect.arrayContaining(['Data Engineering', 'Go', 'Apache Kafka', 'MongoDB']));
    expect(res.headers['cache-control']).toBe('public, max-age=300');
  });

  it('every topic it offers is covered by the bank: generating on it reports nothing uncovered', async () => {
    const { body } = await request(t.app).get('/api/v1/meta/options').expect(200);
    const topics: string[] = body.data.topics;
    const sessionId = await newSession(alice, { topicsToFocus: topics.slice(0, 20) });
    const res = await as(alice)
      .post('/api/v1/question/generate')
      .send({ sessionId, topicsToFocus: topics.slice(20, 40), count: 1 });
    expect([201, 202]).toContain(res.status);
    expect(res.body.data.uncoveredTopics).toEqual([]);
  });
});

describe('free-text roles', () => {
  it('accepts roles no list foresees (trimmed), keeps the old values valid, and updates them', async () => {
    const a = await as(alice)
      .post('/api/v1/session/create')
      .send({ role: '  Data Engineer ', experience: 'senior', topicsToFocus: ['SQL'] })
      .expect(201);
    expect(a.body.data.session.role).toBe('Data Engineer');
    const old = await as(alice)
      .post('/api/v1/session/create')
      .send({ role: 'mock-interview', experience: 'junior', topicsToFocus: ['SQL'] })
      .expect(201);
    expect(old.body.data.session.role).toBe('mock-interview');
    const upd = await as(alice)
      .put(`/api/v1/session/${a.body.data.session._id}`)
      .send({ role: 'SRE' })
      .expect(200);
    expect(upd.body.data.session.role).toBe('SRE');
    // someone else's session stays theirs
    await as(bob).put(`/api/v1/session/${a.body.data.session._id}`).send({ role: 'SRE' }).expect(404);
  });

  it.each([[' a '], ['x'.repeat(101)], [''], [7], [null]])(
    'refuses role %p with a 400 naming it',
    async (role) => {
      const res = await as(alice)
        .post('/api/v1/session/create')
        .send({ role, experience: 'junior', topicsToFocus: ['SQL'] })
        .expect(400);
      expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('role');
    },
  );

  it('a free-text role drives the offline topics: a Data Engineer with no topic of its own gets data engineering', async () => {
    const sessionId = await newSession(alice, { role: 'Data Engineer', topicsToFocus: ['Quantum knitting'] });
    const { questions, result } = await generate(alice, { sessionId, count: 4 });
    expect(result.uncoveredTopics).toEqual([{ topic: 'Quantum knitting', closestTopic: null }]);
    const topics = questions.map((q: { question: string }) => bankTopicOf(q.question));
    expect(topics).toContain('data-engineering');
    expect(topics.every((id: string) => ['data-engineering', 'sql', 'python', 'kafka'].includes(id))).toBe(
      true,
    );
  });

  it('generate accepts a free-text role override and refuses a blank one', async () => {
    const sessionId = await newSession(alice, { topicsToFocus: ['Go'] });
    await as(alice).post('/api/v1/question/generate').send({ sessionId, role: ' ' }).expect(400);
    const { questions } = await generate(alice, { sessionId, role: 'Go Developer', count: 2 });
    expect(questions.map((q: { question: string }) => bankTopicOf(q.question))).toEqual(['go', 'go']);
  });
});

describe('uncovered topics', () => {
  it('are reported on the 202, in the job result and in the notification, and replaced by the closest topic', async () => {
    const sessionId = await newSession(alice, { topicsToFocus: ['SQL', 'Borrow checker'] });
    const res = await as(alice).post('/api/v1/question/generate').send({ sessionId, count: 6 }).expect(202);
    const expected = [{ topic: 'Borrow checker', closestTopic: 'Rust' }];
    expect(res.body.data).toEqual({ uncoveredTopics: expected });
    const done = await waitForJob(alice, res.body.jobId);
    expect(done.data.uncoveredTopics).toEqual(expected);
    expect(done.data.count).toBe(6);
    const byTopic = done.data.questions.map((q: { question: string; category: string }) => [
      q.category,
      bankTopicOf(q.question),
    ]);
    // both topics served, never a random one, and the Rust questions are labelled Rust
    expect(new Set(byTopic.map((x: string[]) => x.join('/')))).toEqual(new Set(['SQL/sql', 'Rust/rust']));

    const notes = await as(alice).get('/api/v1/notifications?limit=100').expect(200);
    const note = notes.body.data.notifications.find((n: { jobId: string }) => n.jobId === res.body.jobId);
    expect(note.result.uncoveredTopics).toEqual(expected);
  });

  it('are reported on the 201 served from the generation cache too', async () => {
    const body = { role: 'Backend Developer', experience: 'senior', topicsToFocus: ['Kafka', 'Elixir'] };
    const first = await newSession(bob, body);
    await generate(bob, { sessionId: first, count: 5 }); // fills the shared pool
    const second = await newSession(bob, body);
    const res = await as(bob)
      .post('/api/v1/question/generate')
      .send({ sessionId: second, count: 3 })
      .expect(201);
    expect(res.body.cached).toBe(true);
    expect(res.body.data.uncoveredTopics).toEqual([{ topic: 'Elixir', closestTopic: null }]);
  });
});

describe('provider on questions', () => {
  it('AI questions say offline wrote them; custom questions have a null provider', async () => {
    const sessionId = await newSession(alice, { topicsToFocus: ['Redis'] });
    const { questions } = await generate(alice, { sessionId, count: 2 });
    for (const q of questions) expect(q).toMatchObject({ source: 'ai', provider: 'offline' });
    const custom = await as(alice)
      .post('/api/v1/question/custom')
      .send({ sessionId, question: 'What is my favourite cache?', answer: 'Redis, because it is fast.' })
      .expect(201);
    expect(custom.body.data.question.source).toBe('custom');
    // One shape per entity: the field is there on every question, null when people wrote it.
    expect(custom.body.data.question).toHaveProperty('provider', null);
    const list = await as(alice).get(`/api/v1/question/session/${sessionId}`).expect(200);
    expect(list.body.data.questions.map((q: { provider?: string }) => q.provider ?? null)).toEqual([
      'offline',
      'offline',
      null,
    ]);
  });
});

describe('regenerate keeps the question topic', () => {
  it('a MongoDB question comes back about MongoDB, still labelled MongoDB, in a MongoDB + Node.js session', async () => {
    const sessionId = await newSession(alice, { topicsToFocus: ['MongoDB', 'Node.js'] });
    const { questions } = await generate(alice, { sessionId, count: 6 });
    const mongo = questions.filter((q: { category: string }) => q.category === 'MongoDB');
    expect(mongo.length).toBeGreaterThanOrEqual(2);
    for (const q of mongo.slice(0, 2)) {
      const res = await as(alice).post(`/api/v1/question/${q._id}/regenerate`).expect(200);
      const next = res.body.data.question;
      expect(next.question).not.toBe(q.question);
      expect(next).toMatchObject({
        _id: q._id,
        category: 'MongoDB',
        difficulty: q.difficulty,
        provider: 'offline',
      });
      expect(bankTopicOf(next.question)).toBe('mongodb');
    }
    // and a Node.js one stays Node.js
    const node = questions.find((q: { category: string }) => q.category === 'Node.js');
    const res = await as(alice).post(`/api/v1/question/${node._id}/regenerate`).expect(200);
    expect(bankTopicOf(res.body.data.question.question)).toBe('nodejs');
  });

  it("another user's question is a 404 and stays unchanged", async () => {
    const sessionId = await newSession(alice, { topicsToFocus: ['Vue'] });
    const { questions } = await generate(alice, { sessionId, count: 1 });
    await as(bob).post(`/api/v1/question/${questions[0]._id}/regenerate`).expect(404);
    await request(t.app).post(`/api/v1/question/${questions[0]._id}/regenerate`).expect(401);
    const same = await as(alice).get(`/api/v1/question/${questions[0]._id}`).expect(200);
    expect(same.body.data.question.question).toBe(questions[0].question);
  });
});

describe('estimatedTime', () => {
  it('comes from the durations of recent generations, recorded by each completed job', async () => {
    const redis = getRedis();
    const before = await redis.llen(DURATIONS_KEY);
    for (const topic of ['Angular', 'Spring Boot', 'PHP']) {
      const sessionId = await newSession(bob, { topicsToFocus: [topic] });
      const res = await as(bob).post('/api/v1/question/generate').send({ sessionId, count: 2 }).expect(202);
      await waitForJob(bob, res.body.jobId);
    }
    // the processor records the duration before it marks the record completed
    const durations = (await redis.lrange(DURATIONS_KEY, 0, -1)).map(Number);
    expect(durations.length).toBe(Math.min(50, before + 3));
    const sessionId = await newSession(bob, { topicsToFocus: ['Ruby'] });
    const res = await as(bob).post('/api/v1/question/generate').send({ sessionId, count: 2 }).expect(202);
    const expected = estimateFromDurations(durations, 'offline');
    expect(res.body).toMatchObject({ estimatedTime: expected.text, estimatedSeconds: expected.seconds });
    expect(res.body.estimatedTime).toMatch(/^\d+-\d+ (seconds|minutes)$/);
    await waitForJob(bob, res.body.jobId);
  });
});
