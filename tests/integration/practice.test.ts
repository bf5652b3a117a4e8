import type { Express } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Practice through the real worker processor (in-process Bull, same Redis and database) against the
 * fake Groq server and the SMTP capture. Env is set before any app module is imported.
 */
let fake: FakeGroq;
let smtp: SmtpCapture;
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;
let countAttempts: (filter: Record<string, unknown>) => Promise<number>;
let events: Array<{ userId: string; event: string; payload: Record<string, unknown> }> = [];
let sub: Redis;

beforeAll(async () => {
  fake = await startFakeGroq();
  smtp = await startSmtpCapture();
  Object.assign(process.env, {
    AI_PROVIDER: 'groq',
    GROQ_API_KEY: 'test',
    GROQ_BASE_URL: fake.url,
    SMTP_URL: smtp.url,
    AI_RETRY_BASE_MS: '50',
    REGENERATE_WAIT_MS: '1500',
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  const { createRedisClient, channel } = await import('../../src/infra/redis');
  const { USER_EVENTS_CHANNEL } = await import('../../src/infra/events');
  const { Attempt } = await import('../../src/modules/practice/attempt.model');
  countAttempts = (filter) => Attempt.countDocuments(filter).exec();
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
  await smtp?.close();
});
beforeEach(() => {
  fake.reset();
  fake.setDefault();
  events = [];
});

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
const MODEL_ANSWER =
  'A closure is a function bundled with references to its surrounding lexical scope, so it keeps access to outer variables after the outer function returns.';

async function newQuestion(u: TestUser, question = 'What is a closure in JavaScript?') {
  const s = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Frontend Developer', experience: 'junior', topicsToFocus: ['JavaScript'] })
    .expect(201);
  const sessionId = s.body.data.session._id as string;
  const q = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({ sessionId, question, answer: MODEL_ANSWER, category: 'JavaScript', difficulty: 'easy' })
    .expect(201);
  return { sessionId, questionId: q.body.data.question._id as string };
}

async function submit(u: TestUser, questionId: string, answer: string) {
  const res = await request(app)
    .post(`/api/v1/question/${questionId}/attempts`)
    .set(auth(u))
    .send({ answer })
    .expect(202);
  return res.body as { jobId: string; checkStatusUrl: string; data: { attempt: Record<string, unknown> } };
}

async function waitForEvaluation(u: TestUser, jobId: string, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await request(app).get(`/api/v1/queue/evaluation/${jobId}`).set(auth(u)).expect(200);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`evaluation ${jobId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function notifications(u: TestUser) {
  const res = await request(app).get('/api/v1/notifications?limit=100').set(auth(u)).expect(200);
  return res.body.data.notifications as Array<Record<string, unknown>>;
}

const evaluationCalls = () =>
  fake.requests.filter((r) => /"score"/.test(r.body?.messages?.[0]?.content ?? ''));

const promptData = (i: number) => {
  const user = evaluationCalls()[i]!.body!.messages!.find((m) => m.role === 'user')!.content;
  return JSON.parse(user.slice(user.indexOf('<data>') + 6, user.lastIndexOf('</data>')));
};

describe('POST /question/:id/attempts through the worker (fake Groq)', () => {
  it('good evaluation: 202 + job, stored score and feedback, one notification, progress events, one email', async () => {
    const u = await registerAndLogin(app);
    const { questionId, sessionId } = await newQuestion(u);
    fake.enqueue({
      content: JSON.stringify({
        score: 8.5,
        feedback: 'Accurate and clear.',
        strengths: ['Defines lexical scope'],
        improvements: ['Show a counter example'],
      }),
    });
    const sent = await submit(u, questionId, '  A function that remembers its outer variables.  ');
    expect(sent).toMatchObject({
      success: true,
      message: 'Answer submitted for evaluation. Check status using job ID',
      checkStatusUrl: `/api/v1/queue/evaluation/${sent.jobId}`,
      data: { attempt: { status: 'waiting', question: questionId, session: sessionId, score: null } },
    });
    expect(sent.data.attempt.answer).toBe('A function that remembers its outer variables.');

    const done = await waitForEvaluation(u, sent.jobId);
    expect(done).toMatchObject({
      success: true,
      status: 'completed',
      progress: 100,
      jobId: sent.jobId,
      type: 'answer-evaluation',
      message: 'Answer evaluated successfully',
      data: {
        attempt: {
          _id: sent.jobId,
          status: 'completed',
          score: 8.5,
          feedback: 'Accurate and clear.',
          strengths: ['Defines lexical scope'],
          improvements: ['Show a counter example'],
          provider: 'groq',
          topic: 'javascript',
          difficulty: 'easy',
        },
      },
    });
    // The model saw the question, the model answer, the candidate's answer and the session's profile.
    expect(evaluationCalls()).toHaveLength(1);
    expect(promptData(0)).toMatchObject({
      question: 'What is a closure in JavaScript?',
      modelAnswer: MODEL_ANSWER,
      candidateAnswer: 'A function that remembers its outer variables.',
      role: 'Frontend Developer',
      experience: 'junior',
    });

    const notes = await notifications(u);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'job_complete',
      jobType: 'answer-evaluation',
      jobId: sent.jobId,
      result: { attemptId: sent.jobId, questionId, score: 8.5 },
    });
    const mine = events.filter((e) => e.userId === u.user._id);
    expect(mine.filter((e) => e.event === 'job:progress').map((e) => e.payload.stage)).toEqual([
      'calling model',
      'done',
    ]);
    expect(mine.filter((e) => e.event === 'notification')).toHaveLength(1);
    const mail = await smtp.waitFor(
      (m) => m.to === u.user.email && /Answer evaluation is ready/.test(m.subject),
    );
    expect(mail.text).toContain('scored 8.5/10');

    // The generic job status route knows evaluation jobs too.
    const any = await request(app).get(`/api/v1/queue/job/${sent.jobId}`).set(auth(u)).expect(200);
    expect(any.body).toMatchObject({ status: 'completed', type: 'answer-evaluation' });
    expect(any.body.data.attempt.score).toBe(8.5);
  });

  it('malformed output, then success on the retry: completed, no failure notification', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    fake.enqueue({ content: 'Here is my evaluation: {"score": ' });
    const sent = await submit(u, questionId, 'It keeps variables alive.');
    const done = await waitForEvaluation(u, sent.jobId);
    expect(done).toMatchObject({ status: 'completed', data: { attempt: { score: 7 } } });
    expect(evaluationCalls()).toHaveLength(2);
    expect((await notifications(u)).map((n) => n.type)).toEqual(['job_complete']);
  });

  it('an out-of-range score is retried like malformed output', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    fake.enqueue({ content: JSON.stringify({ score: 15, feedback: 'Superb' }) });
    const sent = await submit(u, questionId, 'It keeps variables alive.');
    const done = await waitForEvaluation(u, sent.jobId);
    expect(done).toMatchObject({ status: 'completed', data: { attempt: { score: 7 } } });
    expect(evaluationCalls()).toHaveLength(2);
  });

  it('out of range on every try: the job fails after the last attempt and is notified once', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    fake.setDefault(() => ({ content: JSON.stringify({ score: -2, feedback: 'Bad' }) }));
    const sent = await submit(u, questionId, 'It keeps variables alive.');
    const done = await waitForEvaluation(u, sent.jobId);
    expect(done).toMatchObject({
      success: false,
      status: 'failed',
      type: 'answer-evaluation',
      message: 'Answer evaluation failed',
      error: 'AI provider returned an invalid evaluation',
      data: { attempt: { status: 'failed', score: null } },
    });
    expect(evaluationCalls()).toHaveLength(3);
    const notes = await notifications(u);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({
      type: 'job_failed',
      jobType: 'answer-evaluation',
      jobId: sent.jobId,
      error: 'AI provider returned an invalid evaluation',
    });
    await smtp.waitFor((m) => m.to === u.user.email && /Answer evaluation failed/.test(m.subject));
    // A failed evaluation has no score: it does not enter the mastery.
    const list = await request(app).get(`/api/v1/question/${questionId}/attempts`).set(auth(u)).expect(200);
    expect(list.body.data.mastery).toMatchObject({ attempts: 0, latestScore: null });
  });

  it('the practice email follows the preference', async () => {
    const u = await registerAndLogin(app);
    await request(app)
      .put('/api/v1/user/profile')
      .set(auth(u))
      .send({ preferences: { emailNotifications: { practice: false } } })
      .expect(200);
    const { questionId } = await newQuestion(u);
    const sent = await submit(u, questionId, 'It keeps variables alive.');
    await waitForEvaluation(u, sent.jobId);
    // The notification is written after the email job is queued; an email job for a user with the
    // preference off completes without sending. Wait for that job's outcome rather than for time.
    const { getQueue } = await import('../../src/infra/queues');
    const queue = getQueue('email-notifications');
    const until = Date.now() + 10_000;
    let outcome: unknown;
    while (!outcome && Date.now() < until) {
      const jobs = await queue.getJobs(['completed']);
      outcome = jobs.find(
        (j) => j.data.to === u.user.email && j.data.template === 'job-finished',
      )?.returnvalue;
      if (!outcome) await new Promise((r) => setTimeout(r, 50));
    }
    expect(outcome).toEqual({ sent: false, reason: 'preference_off' });
    expect(smtp.mails.some((m) => m.to === u.user.email && /Answer evaluation/.test(m.subject))).toBe(false);
  });
});

describe('GET /question/:id/attempts and mastery', () => {
  it('lists newest first with mastery (latest, best, trend) also shown on the question and in stats', async () => {
    const u = await registerAndLogin(app);
    const { questionId, sessionId } = await newQuestion(u);
    const scores = [4, 6, 5];
    const ids: string[] = [];
    for (const score of scores) {
      fake.enqueue({ content: JSON.stringify({ score, feedback: `Scored ${score}` }) });
      const sent = await submit(u, questionId, `Answer scoring ${score}`);
      await waitForEvaluation(u, sent.jobId);
      ids.push(sent.jobId);
    }
    const res = await request(app)
      .get(`/api/v1/question/${questionId}/attempts`)
      .set('Cookie', u.cookie)
      .expect(200);
    expect(res.body.count).toBe(3);
    expect(res.body.pagination).toEqual({ page: 1, limit: 20, total: 3, pages: 1 });
    expect(res.body.data.attempts.map((a: { _id: string }) => a._id)).toEqual([...ids].reverse());
    expect(res.body.data.attempts.map((a: { score: number }) => a.score)).toEqual([5, 6, 4]);
    const mastery = { attempts: 3, latestScore: 5, bestScore: 6, averageScore: 5, trend: 'declining' };
    expect(res.body.data.mastery).toMatchObject(mastery);

    const page2 = await request(app)
      .get(`/api/v1/question/${questionId}/attempts?page=2&limit=2`)
      .set(auth(u))
      .expect(200);
    expect(page2.body.data.attempts.map((a: { _id: string }) => a._id)).toEqual([ids[0]]);

    const q = await request(app).get(`/api/v1/question/${questionId}`).set(auth(u)).expect(200);
    expect(q.body.data.question.mastery).toMatchObject(mastery);
    const list = await request(app).get(`/api/v1/question/session/${sessionId}`).set(auth(u)).expect(200);
    expect(list.body.data.questions[0].mastery).toMatchObject(mastery);
    const stats = await request(app)
      .get(`/api/v1/question/session/${sessionId}/stats`)
      .set(auth(u))
      .expect(200);
    expect(stats.body.data.stats.practice).toEqual({ attempts: 3, averageScore: 5, practisedQuestions: 1 });
    expect(stats.body.data.stats.total).toBe(1);
  });

  it('a question never practised has an empty mastery', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    const q = await request(app).get(`/api/v1/question/${questionId}`).set(auth(u)).expect(200);
    expect(q.body.data.question.mastery).toEqual({
      attempts: 0,
      latestScore: null,
      bestScore: null,
      averageScore: null,
      trend: null,
      lastAttemptAt: null,
    });
  });
});

describe('POST /question/:id/explain', () => {
  it('the worker writes it; the next request is served from the cache; an edit makes it stale', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    const first = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(200);
    expect(first.body.data.explanation).toMatchObject({
      questionId,
      keyPoints: ['First key point', 'Second key point', 'Third key point'],
      example: 'const example = true;',
      provider: 'groq',
      cached: false,
    });
    expect(first.body.data.explanation.explanation).toContain('What is a closure in JavaScript?');
    const again = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(200);
    expect(again.body.data.explanation).toMatchObject({
      cached: true,
      keyPoints: first.body.data.explanation.keyPoints,
    });
    expect(fake.requests).toHaveLength(1);

    await request(app)
      .put(`/api/v1/question/${questionId}`)
      .set(auth(u))
      .send({ question: 'What is a closure, and when does it leak memory?' })
      .expect(200);
    const edited = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(200);
    expect(edited.body.data.explanation.cached).toBe(false);
    expect(edited.body.data.explanation.explanation).toContain('leak memory');
    expect(fake.requests).toHaveLength(2);
  });

  it('answers 202 with a job when the worker is slower than the wait, and the job URL serves it', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    fake.enqueue({ delayMs: 2500 });
    const res = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(202);
    expect(res.body).toMatchObject({
      success: true,
      checkStatusUrl: `/api/v1/queue/explanation/${res.body.jobId}`,
    });
    const other = await registerAndLogin(app);
    await request(app).get(res.body.checkStatusUrl).set(auth(other)).expect(404);
    const until = Date.now() + 10_000;
    let body: Record<string, unknown> = {};
    while (body.status !== 'completed' && Date.now() < until) {
      body = (await request(app).get(res.body.checkStatusUrl).set(auth(u)).expect(200)).body;
      if (body.status !== 'completed') await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toMatchObject({ success: true, status: 'completed', type: 'concept-explanation' });
    expect((body.data as { explanation: { questionId: string } }).explanation.questionId).toBe(questionId);
  });
});

describe('POST /question/:id/explain, failures and sharing', () => {
  it('concurrent requests for one question share one job', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    fake.enqueue({ delayMs: 300 });
    const [a, b] = await Promise.all([
      request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)),
      request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.data.explanation.explanation).toBe(a.body.data.explanation.explanation);
    expect(fake.requests).toHaveLength(1);
  });

  it('a rejected key fails at once: 502 ai_failed with the job id, nothing cached', async () => {
    const u = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    fake.enqueue({ status: 401 });
    const res = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(502);
    expect(res.body).toMatchObject({ success: false, code: 'ai_failed' });
    expect(res.body.message).toContain('AI provider rejected the API key');
    expect(fake.requests).toHaveLength(1);
    const again = await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).expect(200);
    expect(again.body.data.explanation.cached).toBe(false);
  });
});

describe('validation, auth and ownership', () => {
  it('400 for bad bodies and ids, 401 without a token, 404 for missing or foreign questions', async () => {
    const u = await registerAndLogin(app);
    const other = await registerAndLogin(app);
    const { questionId } = await newQuestion(u);
    const url = `/api/v1/question/${questionId}/attempts`;
    for (const body of [
      {},
      { answer: '' },
      { answer: '   ' },
      { answer: 'x'.repeat(5001) },
      { answer: 42 },
      { answer: 'ok', extra: 1 },
    ]) {
      const res = await request(app).post(url).set(auth(u)).send(body).expect(400);
      expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
      expect(res.body.errors.length).toBeGreaterThan(0);
    }
    await request(app)
      .post(url)
      .set(auth(u))
      .send({ answer: 'x'.repeat(5000) })
      .expect(202);
    await request(app)
      .post('/api/v1/question/not-an-id/attempts')
      .set(auth(u))
      .send({ answer: 'a' })
      .expect(400);
    await request(app).get('/api/v1/question/not-an-id/attempts').set(auth(u)).expect(400);
    await request(app).post('/api/v1/question/not-an-id/explain').set(auth(u)).expect(400);
    await request(app).get(`${url}?limit=0`).set(auth(u)).expect(400);
    await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(u)).send({ x: 1 }).expect(400);

    await request(app).post(url).send({ answer: 'a' }).expect(401);
    await request(app).get(url).expect(401);
    await request(app).post(`/api/v1/question/${questionId}/explain`).expect(401);
    await request(app).get('/api/v1/queue/evaluation/0123456789abcdef01234567').expect(401);

    const missing = '0123456789abcdef01234567';
    await request(app)
      .post(`/api/v1/question/${missing}/attempts`)
      .set(auth(u))
      .send({ answer: 'a' })
      .expect(404);
    const foreign = await request(app).post(url).set(auth(other)).send({ answer: 'a' }).expect(404);
    expect(foreign.body).toMatchObject({ success: false, code: 'question_not_found' });
    await request(app).get(url).set(auth(other)).expect(404);
    await request(app).post(`/api/v1/question/${questionId}/explain`).set(auth(other)).expect(404);
    const mine = await submit(u, questionId, 'An answer');
    await request(app).get(mine.checkStatusUrl).set(auth(other)).expect(404);
    await request(app).get(`/api/v1/queue/job/${mine.jobId}`).set(auth(other)).expect(404);
    await request(app).get('/api/v1/queue/evaluation/nope').set(auth(u)).expect(404);
    // Refused requests recorded nothing.
    expect(await countAttempts({ user: other.user._id })).toBe(0);
  });
});

describe('cleanup', () => {
  it('deleting a question, a session or the account deletes its attempts', async () => {
    const u = await registerAndLogin(app);
    const a = await newQuestion(u, 'What is a closure in JavaScript?');
    const b = await newQuestion(u, 'What is hoisting in JavaScript?');
    const c = await newQuestion(u, 'What is the event loop in JavaScript?');
    for (const q of [a, b, c]) await waitForEvaluation(u, (await submit(u, q.questionId, 'Answer')).jobId);
    expect(await countAttempts({ user: u.user._id })).toBe(3);

    await request(app).delete(`/api/v1/question/${a.questionId}`).set(auth(u)).expect(200);
    expect(await countAttempts({ question: a.questionId })).toBe(0);
    await request(app).delete(`/api/v1/session/${b.sessionId}`).set(auth(u)).expect(200);
    expect(await countAttempts({ session: b.sessionId })).toBe(0);
    expect(await countAttempts({ user: u.user._id })).toBe(1);

    await request(app).delete('/api/v1/user/profile').set(auth(u)).send({ password: u.password }).expect(200);
    expect(await countAttempts({ user: u.user._id })).toBe(0);
  });
});
