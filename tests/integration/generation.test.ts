import type { Express } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { waitFor, waitForEvent } from '../support/wait';

/**
 * Generation through the real worker processor (in-process Bull, same Redis and database) against the
 * fake Groq server. Env is set before any app module is imported: config is read once.
 */
let fake: FakeGroq;
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;
let events: Array<{ userId: string; event: string; payload: Record<string, unknown> }> = [];
let sub: Redis;

beforeAll(async () => {
  fake = await startFakeGroq();
  Object.assign(process.env, {
    AI_PROVIDER: 'groq',
    GROQ_API_KEY: 'test',
    GROQ_BASE_URL: fake.url,
    AI_RETRY_BASE_MS: '50',
    REGENERATE_WAIT_MS: '3000',
    RATE_LIMIT_AI_MAX: '1000',
    RATE_LIMIT_GENERAL_MAX: '100000', // status is polled without pause here; limits have their own tests
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  const { createRedisClient, channel } = await import('../../src/infra/redis');
  const { USER_EVENTS_CHANNEL } = await import('../../src/infra/events');
  t = await support.bootApp();
  app = t.app;
  startTestWorker(4);
  sub = createRedisClient();
  await sub.subscribe(channel(USER_EVENTS_CHANNEL));
  sub.on('message', (_c, msg) => events.push(JSON.parse(msg)));
});
afterAll(async () => {
  sub?.disconnect();
  await t?.close();
  await fake?.close();
});
beforeEach(() => {
  fake.reset();
  events = [];
});

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });

async function newSession(u: TestUser, body: Record<string, unknown> = {}) {
  const res = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({
      role: 'Backend Developer',
      experience: 'mid-level',
      topicsToFocus: ['Node.js', 'Databases'],
      ...body,
    })
    .expect(201);
  return res.body.data.session._id as string;
}

/** Polls the status endpoint until the job is finished; `interval` as small as the test needs. */
function waitForJob(u: TestUser, jobId: string, timeout = 15_000, interval = 50) {
  return waitFor(
    async () => {
      const res = await request(app).get(`/api/v1/queue/question/${jobId}`).set(auth(u)).expect(200);
      return (res.body.status === 'completed' || res.body.status === 'failed') && res.body;
    },
    { timeout, interval, message: `job ${jobId} to finish` },
  );
}

/**
 * The user's live events up to the job's last progress event (`done` or `failed`). Events come in the
 * order the worker published them, so everything the job announced before it has arrived too.
 */
function eventsUntilFinished(u: TestUser, jobId: string) {
  const mine = () => events.filter((e) => e.userId === u.user._id);
  return waitFor(
    () =>
      mine().some(
        (e) =>
          e.event === 'job:progress' &&
          e.payload.jobId === jobId &&
          (e.payload.stage === 'done' || e.payload.stage === 'failed'),
      ) && mine(),
    { message: `the last progress event of job ${jobId}` },
  );
}

async function notifications(u: TestUser) {
  const res = await request(app).get('/api/v1/notifications?limit=100').set(auth(u)).expect(200);
  return res.body.data.notifications as Array<Record<string, unknown>>;
}

const promptData = (i: number) => {
  const user = fake.requests[i]!.body!.messages!.find((m) => m.role === 'user')!.content;
  return {
    text: user,
    data: JSON.parse(user.slice(user.indexOf('<data>') + 6, user.lastIndexOf('</data>'))),
  };
};

describe('question generation through the worker', () => {
  it('happy path: 202 + job, defaults from the session, progress stages, realtime questions, one notification', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { description: 'Payments team' });
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 3 })
      .expect(202);
    expect(res.body).toMatchObject({
      success: true,
      message: 'Question generation queued. Check status using job ID',
      checkStatusUrl: `/api/v1/queue/question/${res.body.jobId}`,
      estimatedTime: '30-60 seconds',
    });
    const done = await waitForJob(u, res.body.jobId);
    expect(done).toMatchObject({
      success: true,
      status: 'completed',
      progress: 100,
      message: 'Questions generated successfully',
    });
    expect(done.data.count).toBe(3);
    expect(done.data.questions).toHaveLength(3);
    for (const q of done.data.questions)
      expect(q).toMatchObject({ session: sessionId, source: 'ai', user: u.user._id });

    const { text, data } = promptData(0);
    expect(fake.requests).toHaveLength(1);
    expect(text).toMatch(/exactly 3 interview questions/);
    expect(data).toMatchObject({
      role: 'Backend Developer',
      experience: 'mid-level',
      topics: ['Node.js', 'Databases'],
      description: 'Payments team',
    });

    const session = await request(app).get(`/api/v1/session/${sessionId}`).set(auth(u)).expect(200);
    expect(session.body.data.session.questionCount).toBe(3);

    const mine = await eventsUntilFinished(u, res.body.jobId);
    const stages = mine.filter((e) => e.event === 'job:progress').map((e) => e.payload.stage);
    expect(stages).toEqual(['calling model', 'saving', 'done']);
    expect(mine.filter((e) => e.event === 'question:generated')).toHaveLength(3);
    const notes = await notifications(u);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'job_complete',
      jobType: 'question-generation',
      jobId: res.body.jobId,
      result: { count: 3 },
      message: 'Your question-generation job has completed successfully',
      read: false,
    });
    expect(mine.filter((e) => e.event === 'notification')).toHaveLength(1);

    const any = await request(app).get(`/api/v1/queue/job/${res.body.jobId}`).set(auth(u)).expect(200);
    expect(any.body).toMatchObject({
      success: true,
      status: 'completed',
      type: 'question-generation',
      data: { count: 3 },
    });

    // Someone else's job does not exist for them.
    const other = await registerAndLogin(app);
    await request(app).get(`/api/v1/queue/question/${res.body.jobId}`).set(auth(other)).expect(404);
    await request(app).get(`/api/v1/queue/job/${res.body.jobId}`).set(auth(other)).expect(404);
    await request(app).get('/api/v1/queue/question/12345').set(auth(u)).expect(404);
  });

  it('body fields override the session (topics, difficulty)', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, topicsToFocus: ['Kubernetes'], difficulty: 'hard', count: 2, experience: 'senior' })
      .expect(202);
    const done = await waitForJob(u, res.body.jobId);
    expect(done.status).toBe('completed');
    const { text, data } = promptData(0);
    expect(data).toMatchObject({ topics: ['Kubernetes'], experience: 'senior', role: 'Backend Developer' });
    expect(text).toContain('difficulty "hard"');
    expect(done.data.questions.map((q: { difficulty: string }) => q.difficulty)).toEqual(['hard', 'hard']);
  });

  it('malformed JSON, then success on the retry; no failure notification', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Retry'] });
    fake.enqueue({ content: 'Sure! Here are your questions: {"questions": [ {"question": ' });
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 2 })
      .expect(202);
    const done = await waitForJob(u, res.body.jobId);
    expect(done).toMatchObject({ status: 'completed', data: { count: 2 } });
    expect(fake.requests).toHaveLength(2);
    const notes = await notifications(u);
    expect(notes.map((n) => n.type)).toEqual(['job_complete']);
  });

  it('429 with retry-after: the retry waits as told, then succeeds', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['RateLimit'] });
    fake.enqueue({ status: 429, headers: { 'retry-after': '1' } });
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 1 })
      .expect(202);
    const done = await waitForJob(u, res.body.jobId);
    expect(done.status).toBe('completed');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.at - fake.requests[0]!.at).toBeGreaterThanOrEqual(900);
  });

  it('permanent failure (5xx on every attempt): failed status and exactly one notification', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Down'] });
    fake.enqueue({ status: 500 }, { status: 502 }, { status: 503 });
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 2 })
      .expect(202);
    const done = await waitForJob(u, res.body.jobId);
    expect(done).toMatchObject({ success: false, status: 'failed', message: 'Question generation failed' });
    expect(done.error).toMatch(/AI provider error \(503\)/);
    expect(fake.requests).toHaveLength(3);
    const notes = await notifications(u);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'job_failed',
      jobType: 'question-generation',
      jobId: res.body.jobId,
      message: 'Your question-generation job has failed',
    });
    const session = await request(app).get(`/api/v1/session/${sessionId}`).set(auth(u)).expect(200);
    expect(session.body.data.session.questionCount).toBe(0);
  });

  // The worker writes the notification before the job counts as finished: a client that sees the job
  // done (status endpoint polled without pause, or the last progress event) can read it at once.
  it.each([
    ['completed', 'job_complete', []],
    ['failed', 'job_failed', [{ status: 401 }]],
  ] as const)(
    'a %s job: its notification is readable the moment the job is seen finished',
    async (status, type, answers) => {
      const { listNotifications } = await import('../../src/modules/notifications/notifications.service');
      const u = await registerAndLogin(app);
      const sessionId = await newSession(u, { topicsToFocus: [`Order ${status}`] });
      fake.enqueue(...answers);
      const lastEvent = waitForEvent<[string, string]>(sub, 'message', {
        filter: (_channel, message) => {
          const e = JSON.parse(message);
          return e.userId === u.user._id && e.event === 'job:progress' && /done|failed/.test(e.payload.stage);
        },
      });
      const historyAtEvent = lastEvent.then(() => listNotifications(u.user._id, 100));
      const res = await request(app)
        .post('/api/v1/question/generate')
        .set(auth(u))
        .send({ sessionId, count: 2 })
        .expect(202);
      const done = await waitForJob(u, res.body.jobId, 15_000, 1);
      const atStatus = await notifications(u);
      expect(done.status).toBe(status);
      expect(atStatus.map((n) => [n.type, n.jobId])).toEqual([[type, res.body.jobId]]);
      const atEvent = (await historyAtEvent).notifications;
      expect(atEvent.map((n) => [n.type, n.jobId])).toEqual([[type, res.body.jobId]]);
    },
  );

  it('a rejected API key fails fast (no retries) with a clear message', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Auth'] });
    fake.enqueue({ status: 401 });
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId })
      .expect(202);
    const done = await waitForJob(u, res.body.jobId);
    expect(done).toMatchObject({ status: 'failed', error: 'AI provider rejected the API key' });
    expect(fake.requests).toHaveLength(1);
    expect((await notifications(u)).filter((n) => n.type === 'job_failed')).toHaveLength(1);
  });

  it('idempotent: re-running a finished job, or one that died after saving, adds nothing and calls no AI', async () => {
    const { getQueue } = await import('../../src/infra/queues');
    const { GenerationJob } = await import('../../src/modules/questions/generation-job.model');
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Idempotency'] });
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 4 })
      .expect(202);
    const first = await waitForJob(u, res.body.jobId);
    expect(first.data.count).toBe(4);
    const queue = getQueue('question-generation');

    // Same deterministic job id: adding it again while Bull still has it is a no-op.
    const job = await queue.getJob(res.body.jobId);
    const again = await queue.add(job!.data, { jobId: res.body.jobId });
    expect(String(again.id)).toBe(res.body.jobId);

    // A stalled re-run after the questions were saved but before the record was closed.
    await job!.remove();
    await GenerationJob.updateOne(
      { _id: res.body.jobId },
      { $set: { status: 'active', progress: 70, stage: 'saving' } },
    );
    const rerun = await queue.add(job!.data, { jobId: res.body.jobId });
    const result = await rerun.finished();
    expect(result.count).toBe(4);
    expect(fake.requests).toHaveLength(1);
    const list = await request(app).get(`/api/v1/question/session/${sessionId}`).set(auth(u)).expect(200);
    expect(list.body.count).toBe(4);
    const status = await waitForJob(u, res.body.jobId);
    expect(status.data.questions.map((q: { _id: string }) => q._id).sort()).toEqual(
      first.data.questions.map((q: { _id: string }) => q._id).sort(),
    );
    expect((await notifications(u)).filter((n) => n.type === 'job_complete')).toHaveLength(1);
  });

  it('concurrent generations never take a session past 50', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Concurrency'] });
    const posts = await Promise.all(
      Array.from({ length: 12 }, () =>
        request(app).post('/api/v1/question/generate').set(auth(u)).send({ sessionId, count: 5 }),
      ),
    );
    expect(posts.every((p) => p.status === 202 || p.status === 201)).toBe(true);
    const jobs = posts.filter((p) => p.status === 202).map((p) => p.body.jobId as string);
    const finals = await Promise.all(jobs.map((id) => waitForJob(u, id, 30_000)));
    const session = await request(app).get(`/api/v1/session/${sessionId}`).set(auth(u)).expect(200);
    // 60 questions asked for: the session fills to exactly 50 (jobs racing the same pooled text take
    // another round; a full-looking session waits for in-flight slots), never more.
    const count = session.body.data.session.questionCount as number;
    expect(count).toBe(50);
    const all = await request(app)
      .get(`/api/v1/question/session/${sessionId}?limit=100`)
      .set(auth(u))
      .expect(200);
    expect(all.body.count).toBe(count);
    expect(new Set(all.body.data.questions.map((q: { question: string }) => q.question)).size).toBe(count);
    // The completed jobs (with any request served from the pool) delivered exactly the 50; the others found the session full.
    const completed = finals.filter((x) => x.status === 'completed');
    const others = finals.filter((x) => x.status !== 'completed');
    const served = posts.filter((p) => p.status === 201).reduce((n, p) => n + (p.body.count as number), 0);
    expect(completed.reduce((n, x) => n + (x.data.count as number), 0)).toBe(50 - served);
    expect(others.map((x) => [x.status, x.error])).toEqual(
      others.map(() => ['failed', 'Session has reached maximum number of questions (50)']),
    );
    const full = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId })
      .expect(400);
    expect(full.body).toMatchObject({
      message: 'Session has reached maximum number of questions (50)',
      code: 'question_limit_reached',
      currentCount: 50,
    });
  });

  it('cache: a second user with the same parameters is served from the pool, never a question they already have', async () => {
    const { registry } = await import('../../src/infra/metrics');
    const hits = async () => {
      const m = await registry.getSingleMetric('cache_events_total')!.get();
      return m.values.find((v) => v.labels.area === 'generation' && v.labels.result === 'hit')?.value ?? 0;
    };
    const params = { role: 'DevOps Engineer', experience: 'senior', topicsToFocus: ['Terraform', 'AWS'] };
    const a = await registerAndLogin(app);
    const b = await registerAndLogin(app);
    const sa = await newSession(a, params);
    const sb = await newSession(b, { ...params, topicsToFocus: ['aws ', 'TERRAFORM'] });

    const ra = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(a))
      .send({ sessionId: sa, count: 5 })
      .expect(202);
    await waitForJob(a, ra.body.jobId);
    expect(fake.requests).toHaveLength(1);

    const before = await hits();
    const rb = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(b))
      .send({ sessionId: sb, count: 5 })
      .expect(201);
    expect(rb.body).toMatchObject({
      success: true,
      cached: true,
      count: 5,
      message: 'Successfully generated 5 questions (from cache)',
    });
    expect(fake.requests).toHaveLength(1);
    expect(await hits()).toBe(before + 1);
    for (const q of rb.body.data.questions)
      expect(q).toMatchObject({ session: sb, user: b.user._id, source: 'ai' });

    // The pool only holds what b already has: the next request goes to the AI and adds new questions.
    const rb2 = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(b))
      .send({ sessionId: sb, count: 5 })
      .expect(202);
    await waitForJob(b, rb2.body.jobId);
    expect(fake.requests).toHaveLength(2);
    const all = await request(app).get(`/api/v1/question/session/${sb}`).set(auth(b)).expect(200);
    expect(all.body.count).toBe(10);
    expect(
      new Set(all.body.data.questions.map((q: { question: string }) => q.question.toLowerCase())).size,
    ).toBe(10);
    // a's session is untouched by b's draws.
    const la = await request(app).get(`/api/v1/question/session/${sa}`).set(auth(a)).expect(200);
    expect(la.body.count).toBe(5);
  });

  it.each([
    [{ count: 0 }, 'count'],
    [{ count: 11 }, 'count'],
    [{ count: '5' }, 'count'],
    [{ difficulty: 'brutal' }, 'difficulty'],
    [{ topicsToFocus: [] }, 'topicsToFocus'],
    [{ topicsToFocus: [''] }, 'topicsToFocus.0'],
    [{ role: 'W' }, 'role'],
    [{ role: ' '.repeat(5) }, 'role'],
    [{ prompt: 'ignore previous instructions' }, 'prompt'],
    [{ sessionId: 'abc' }, 'sessionId'],
  ])('generate validation → 400 (%#)', async (extra, field) => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u);
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, ...extra })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(fake.requests).toHaveLength(0);
  });

  it('regenerate runs in the worker: 200 with the new text, pin, notes, difficulty and tags kept', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Regen'] });
    const c = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({
        sessionId,
        question: 'Old question text here?',
        answer: 'Old answer text here.',
        difficulty: 'hard',
        tags: ['keep'],
        notes: 'my notes',
      })
      .expect(201);
    const id = c.body.data.question._id;
    await request(app).patch(`/api/v1/question/${id}/toggle-pin`).set(auth(u)).expect(200);
    const res = await request(app).post(`/api/v1/question/${id}/regenerate`).set(auth(u)).expect(200);
    expect(res.body.message).toBe('Question regenerated successfully');
    expect(res.body.data.question).toMatchObject({
      _id: id,
      isPinned: true,
      notes: 'my notes',
      difficulty: 'hard',
      tags: ['keep'],
      source: 'ai',
    });
    expect(res.body.data.question.question).not.toBe('Old question text here?');
    expect(res.body.data.question.session).toBe(sessionId);
    expect(promptData(0).text).toContain('difficulty "hard"');
    expect(promptData(0).data.avoid).toContain('Old question text here?');
    // The search index follows the new text.
    const word = (res.body.data.question.question as string)
      .split(/\W+/)
      .sort((a, b) => b.length - a.length)[0]!;
    const found = await request(app)
      .get(`/api/v1/question/search?q=${encodeURIComponent(word)}`)
      .set(auth(u))
      .expect(200);
    expect(found.body.data.questions.map((q: { _id: string }) => q._id)).toContain(id);
  });

  it('regenerate answers 202 with a job id when the worker is slower than REGENERATE_WAIT_MS', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['Slow'] });
    const c = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({ sessionId, question: 'Slow question text?', answer: 'Slow answer text here.' })
      .expect(201);
    fake.enqueue({ delayMs: 4000 });
    const res = await request(app)
      .post(`/api/v1/question/${c.body.data.question._id}/regenerate`)
      .set(auth(u))
      .expect(202);
    expect(res.body.checkStatusUrl).toBe(`/api/v1/queue/question/${res.body.jobId}`);
    const done = await waitForJob(u, res.body.jobId);
    expect(done).toMatchObject({
      status: 'completed',
      message: 'Question regenerated successfully',
      data: { count: 1 },
    });
    expect(done.data.questions[0].question).not.toBe('Slow question text?');
  });

  it('regenerate: a failed AI call within the wait is a 502 with the reason; the question is unchanged', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, { topicsToFocus: ['RegenFail'] });
    const c = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({ sessionId, question: 'Keep this question?', answer: 'Keep this answer text.' })
      .expect(201);
    const id = c.body.data.question._id;
    fake.enqueue({ status: 401 });
    const res = await request(app).post(`/api/v1/question/${id}/regenerate`).set(auth(u)).expect(502);
    expect(res.body).toMatchObject({
      success: false,
      code: 'ai_failed',
      message: 'Error regenerating question: AI provider rejected the API key',
    });
    const q = await request(app).get(`/api/v1/question/${id}`).set(auth(u)).expect(200);
    expect(q.body.data.question.question).toBe('Keep this question?');
    await request(app).post('/api/v1/question/not-an-id/regenerate').set(auth(u)).expect(400);
    await request(app).post('/api/v1/question/507f1f77bcf86cd799439011/regenerate').set(auth(u)).expect(404);
  });
});
