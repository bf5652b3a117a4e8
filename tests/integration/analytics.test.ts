import type { Express } from 'express';
import { trusted, Types } from 'mongoose';
import request from 'supertest';
import { startFakeGroq, type FakeGroq, defaultResponse } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Analytics through HTTP against hand-computed figures of factory data. Attempts are scored by the real
 * worker; the fake Groq server gives each answer the score written in it ("score=7"), so every figure
 * is known in advance.
 */
let fake: FakeGroq;
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;
type Models = typeof import('../../src/modules/practice/attempt.model') &
  typeof import('../../src/modules/questions/question.model');
let models: Models;
let analytics: typeof import('../../src/modules/analytics/analytics.service');
let trending: typeof import('../../src/modules/analytics/trending.service');

beforeAll(async () => {
  fake = await startFakeGroq();
  fake.setDefault(scoreFromAnswer);
  Object.assign(process.env, {
    AI_PROVIDER: 'groq',
    GROQ_API_KEY: 'test',
    GROQ_BASE_URL: fake.url,
    AI_RETRY_BASE_MS: '50',
    RATE_LIMIT_AI_MAX: '1000',
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  models = {
    ...(await import('../../src/modules/practice/attempt.model')),
    ...(await import('../../src/modules/questions/question.model')),
  };
  analytics = await import('../../src/modules/analytics/analytics.service');
  trending = await import('../../src/modules/analytics/trending.service');
  t = await support.bootApp();
  app = t.app;
  startTestWorker(4);
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

function scoreFromAnswer(req: Parameters<typeof defaultResponse>[0]) {
  const user = req.body?.messages?.find((m) => m.role === 'user')?.content ?? '';
  const score = /score=(\d+(?:\.\d+)?)/.exec(user)?.[1];
  if (!score) return defaultResponse(req);
  return { content: JSON.stringify({ score: Number(score), feedback: `Scored ${score}` }) };
}

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
const today = () => new Date().toISOString().slice(0, 10);

async function newSession(u: TestUser, topicsToFocus: string[]) {
  const res = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus })
    .expect(201);
  return res.body.data.session._id as string;
}

async function newQuestion(
  u: TestUser,
  sessionId: string,
  body: { question: string; answer: string; category: string; difficulty: string },
) {
  const res = await request(app)
    .post('/api/v1/question/custom')
    .set(auth(u))
    .send({ sessionId, ...body })
    .expect(201);
  return res.body.data.question._id as string;
}

async function practise(u: TestUser, questionId: string, score: number) {
  const sent = await request(app)
    .post(`/api/v1/question/${questionId}/attempts`)
    .set(auth(u))
    .send({ answer: `My answer, score=${score}` })
    .expect(202);
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await request(app).get(sent.body.checkStatusUrl).set(auth(u)).expect(200);
    if (res.body.status === 'completed') return sent.body.jobId as string;
    if (res.body.status === 'failed' || Date.now() > until) throw new Error(JSON.stringify(res.body));
    await new Promise((r) => setTimeout(r, 50));
  }
}

const A1 = 'An index is a sorted structure that lets the database find rows without scanning.';
const A2 = 'A JOIN combines rows of two tables on a related column.';
const A3 = 'The event loop runs callbacks when the call stack is empty.';
const A4 = 'Tell the story with situation, task, action and result.';

/**
 * Factory data, hand-computed figures:
 * S1 (Node.js, SQL): Q1 sql easy pinned [4, 6]; Q2 "  SQL " medium [2]; Q3 Node.js hard [9, 8]
 * S2 (Behavioral): Q4 no category medium [10]
 */
async function seed() {
  const u = await registerAndLogin(app);
  const s1 = await newSession(u, ['Node.js', 'SQL']);
  const s2 = await newSession(u, ['Behavioral']);
  const q1 = await newQuestion(u, s1, {
    question: 'What is an index?',
    answer: A1,
    category: 'SQL',
    difficulty: 'easy',
  });
  const q2 = await newQuestion(u, s1, {
    question: 'What is a JOIN?',
    answer: A2,
    category: '  sql ',
    difficulty: 'medium',
  });
  const q3 = await newQuestion(u, s1, {
    question: 'What is the event loop?',
    answer: A3,
    category: 'Node.js',
    difficulty: 'hard',
  });
  const q4 = await newQuestion(u, s2, {
    question: 'Tell me about a conflict.',
    answer: A4,
    category: '',
    difficulty: 'medium',
  });
  await request(app).patch(`/api/v1/question/${q1}/toggle-pin`).set(auth(u)).expect(200);
  const attempts: Record<string, string[]> = { q1: [], q2: [], q3: [], q4: [] };
  for (const [key, id, score] of [
    ['q1', q1, 4],
    ['q1', q1, 6],
    ['q2', q2, 2],
    ['q3', q3, 9],
    ['q3', q3, 8],
    ['q4', q4, 10],
  ] as const)
    attempts[key]!.push(await practise(u, id, score));
  return { u, s1, s2, q1, q2, q3, q4, attempts };
}

let data: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  data = await seed();
}, 60_000);

describe('GET /analytics/user', () => {
  it('every figure matches the hand-computed values', async () => {
    const res = await request(app).get('/api/v1/analytics/user').set(auth(data.u)).expect(200);
    expect(res.body).toMatchObject({ success: true, message: 'User analytics retrieved successfully' });
    const d = res.body.data;
    expect(d).toMatchObject({
      totalSessions: 2,
      totalQuestions: 4,
      pinnedQuestions: 1,
      averageQuestionsPerSession: 2,
      totalAttempts: 6,
      averageScore: 6.5, // 39 / 6
      difficultyBreakdown: { easy: 1, medium: 2, hard: 1 },
      streakDays: 1,
      timezone: 'UTC',
    });
    expect(d.recentSessions.map((s: { _id: string }) => s._id)).toEqual([data.s2, data.s1]);
    expect(Object.keys(d.recentSessions[0]).sort()).toEqual([
      '_id',
      'createdAt',
      'experience',
      'role',
      'status',
    ]);
    expect(d.topicMastery).toEqual([
      { topic: 'general', questions: 1, attempts: 1, averageScore: 10 },
      { topic: 'node.js', questions: 1, attempts: 2, averageScore: 8.5 },
      { topic: 'sql', questions: 2, attempts: 3, averageScore: 4 },
    ]);
    // At least two attempts: general (one attempt) is not a weakest topic.
    expect(d.weakestTopics.map((w: { topic: string }) => w.topic)).toEqual(['sql', 'node.js']);
    expect(d.scoreDistribution).toEqual([
      { range: '0-2', count: 0 },
      { range: '2-4', count: 1 }, // 2: lower bound inclusive
      { range: '4-6', count: 1 }, // 4
      { range: '6-8', count: 1 }, // 6 (8 is not in here: upper bound exclusive)
      { range: '8-10', count: 3 }, // 8, 9, 10
    ]);
    expect(d.activity).toHaveLength(30);
    expect(d.activity[29]).toEqual({ date: today(), questions: 4, attempts: 6 });
    expect(
      d.activity
        .slice(0, 29)
        .every((a: { questions: number; attempts: number }) => !a.questions && !a.attempts),
    ).toBe(true);
    expect(d.scoreTrend).toEqual([{ date: today(), attempts: 6, averageScore: 6.5 }]);
  });

  it('days, trend and streak follow the time zone across a DST change', async () => {
    const { u, attempts } = data;
    // Move the six attempts to known instants (raw driver: Mongoose keeps createdAt immutable) around New York's spring-forward (2024-03-10 07:00Z).
    const at = [
      '2024-03-10T06:30:00Z', // 01:30 EST, Mar 10 (UTC: Mar 10)
      '2024-03-10T07:30:00Z', // 03:30 EDT, Mar 10
      '2024-03-09T04:30:00Z', // 23:30 EST, Mar 8 (UTC: Mar 9)
      '2024-03-07T12:00:00Z', // Mar 7 both
      '2024-03-07T13:00:00Z',
      '2024-02-01T12:00:00Z', // outside the 30 days
    ];
    const ids = [...attempts.q1, ...attempts.q2, ...attempts.q3, ...attempts.q4];
    const original = await models.Attempt.find({ _id: trusted({ $in: ids }) })
      .select('createdAt')
      .lean();
    try {
      await Promise.all(
        ids.map((id, i) =>
          models.Attempt.collection.updateOne(
            { _id: new Types.ObjectId(id) },
            { $set: { createdAt: new Date(at[i]!) } },
          ),
        ),
      );
      const now = new Date('2024-03-10T12:00:00Z');
      const ny = await analytics.computeUserAnalytics(u.user._id, 'America/New_York', now);
      // q1 [4, 6] on Mar 10, q2 [2] on Mar 8, q3 [9, 8] on Mar 7, q4 [10] in February.
      expect(ny.scoreTrend).toEqual([
        { date: '2024-03-07', attempts: 2, averageScore: 8.5 },
        { date: '2024-03-08', attempts: 1, averageScore: 2 },
        { date: '2024-03-10', attempts: 2, averageScore: 5 },
      ]);
      expect(ny.streakDays).toBe(1); // Mar 10, no Mar 9
      expect(ny.activity[0]!.date).toBe('2024-02-10');
      expect(ny.activity[29]).toEqual({ date: '2024-03-10', questions: 0, attempts: 2 });
      const utc = await analytics.computeUserAnalytics(u.user._id, 'UTC', now);
      expect(utc.scoreTrend.map((s) => s.date)).toEqual(['2024-03-07', '2024-03-09', '2024-03-10']);
      expect(utc.streakDays).toBe(2); // Mar 9 and 10
      // Yesterday still counts towards a running streak; the day after, it is broken.
      expect(
        (await analytics.computeUserAnalytics(u.user._id, 'UTC', new Date('2024-03-11T12:00:00Z')))
          .streakDays,
      ).toBe(2);
      expect(
        (await analytics.computeUserAnalytics(u.user._id, 'UTC', new Date('2024-03-12T12:00:00Z')))
          .streakDays,
      ).toBe(0);
      expect(utc.totalAttempts).toBe(6);
    } finally {
      await Promise.all(
        original.map((o) =>
          models.Attempt.collection.updateOne({ _id: o._id }, { $set: { createdAt: o.createdAt } }),
        ),
      );
    }
  });

  it('is cached, and the writes that change it invalidate it', async () => {
    const u = await registerAndLogin(app);
    const s = await newSession(u, ['Go']);
    const q = await newQuestion(u, s, {
      question: 'What is a goroutine?',
      answer: A3,
      category: 'Go',
      difficulty: 'easy',
    });
    const get = async () =>
      (await request(app).get('/api/v1/analytics/user').set(auth(u)).expect(200)).body.data;
    expect(await get()).toMatchObject({
      totalQuestions: 1,
      pinnedQuestions: 0,
      totalAttempts: 0,
      averageScore: null,
    });

    // A change made behind the services' back is not seen: the answer comes from the cache.
    await models.Question.updateOne({ _id: q }, { $set: { isPinned: true } });
    expect((await get()).pinnedQuestions).toBe(0);
    await models.Question.updateOne({ _id: q }, { $set: { isPinned: false } });

    await request(app).patch(`/api/v1/question/${q}/toggle-pin`).set(auth(u)).expect(200);
    expect((await get()).pinnedQuestions).toBe(1);
    await practise(u, q, 3);
    expect(await get()).toMatchObject({ totalAttempts: 1, averageScore: 3 });
    await request(app).put(`/api/v1/question/${q}`).set(auth(u)).send({ difficulty: 'hard' }).expect(200);
    expect((await get()).difficultyBreakdown).toEqual({ easy: 0, medium: 0, hard: 1 });
    await newQuestion(u, s, {
      question: 'What is a channel?',
      answer: A2,
      category: 'Go',
      difficulty: 'easy',
    });
    expect((await get()).totalQuestions).toBe(2);
    await request(app).delete(`/api/v1/question/${q}`).set(auth(u)).expect(200);
    expect(await get()).toMatchObject({ totalQuestions: 1, totalAttempts: 0 });
    await newSession(u, ['Rust']);
    expect((await get()).totalSessions).toBe(2);
    await request(app).delete(`/api/v1/session/${s}`).set(auth(u)).expect(200);
    expect(await get()).toMatchObject({ totalSessions: 1, totalQuestions: 0 });
  });

  it('401 without a token, 400 for an unknown time zone or field', async () => {
    await request(app).get('/api/v1/analytics/user').expect(401);
    const bad = await request(app)
      .get('/api/v1/analytics/user?tz=Mars/Olympus')
      .set(auth(data.u))
      .expect(400);
    expect(bad.body).toMatchObject({ success: false, code: 'validation_error' });
    await request(app).get('/api/v1/analytics/user?x=1').set(auth(data.u)).expect(400);
    await request(app).get('/api/v1/analytics/user?tz=Europe/Paris').set(auth(data.u)).expect(200);
  });
});

describe('GET /analytics/session/:sessionId', () => {
  it('old fields and practice figures match the hand-computed values', async () => {
    const res = await request(app).get(`/api/v1/analytics/session/${data.s1}`).set(auth(data.u)).expect(200);
    expect(res.body.message).toBe('Session analytics retrieved successfully');
    expect(res.body.data).toEqual({
      sessionId: data.s1,
      totalQuestions: 3,
      pinnedQuestions: 1,
      difficultyBreakdown: { easy: 1, medium: 1, hard: 1 },
      avgAnswerLength: Math.round((A1.length + A2.length + A3.length) / 3),
      topics: ['Node.js', 'SQL'],
      role: 'Backend Developer',
      experience: 'mid-level',
      attempts: 5,
      averageScore: 5.8, // (4 + 6 + 2 + 9 + 8) / 5
      scoresByDifficulty: {
        easy: { attempts: 2, averageScore: 5 },
        medium: { attempts: 1, averageScore: 2 },
        hard: { attempts: 2, averageScore: 8.5 },
      },
    });
    const empty = await newSession(data.u, ['Empty']);
    const e = await request(app).get(`/api/v1/analytics/session/${empty}`).set(auth(data.u)).expect(200);
    expect(e.body.data).toMatchObject({
      totalQuestions: 0,
      avgAnswerLength: 0,
      attempts: 0,
      averageScore: null,
    });
  });

  it('owner only (404), 400 for a bad id, 401 without a token', async () => {
    const other = await registerAndLogin(app);
    const foreign = await request(app)
      .get(`/api/v1/analytics/session/${data.s1}`)
      .set(auth(other))
      .expect(404);
    expect(foreign.body).toMatchObject({ success: false, code: 'session_not_found' });
    await request(app)
      .get('/api/v1/analytics/session/0123456789abcdef01234567')
      .set(auth(data.u))
      .expect(404);
    const bad = await request(app).get('/api/v1/analytics/session/nope').set(auth(data.u)).expect(400);
    expect(bad.body.message).toBe('Invalid session ID');
    await request(app).get(`/api/v1/analytics/session/${data.s1}`).expect(401);
  });
});

describe('GET /analytics/trending', () => {
  it('counts generations served by the worker and by the cache, case-normalised, public', async () => {
    const u = await registerAndLogin(app);
    const body = { topicsToFocus: ['Kafka', ' kafka ', 'Go Lang'], count: 2 };
    const s1 = await newSession(u, ['x']);
    const queued = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId: s1, ...body })
      .expect(202);
    const until = Date.now() + 15_000;
    for (;;) {
      const st = await request(app)
        .get(`/api/v1/queue/question/${queued.body.jobId}`)
        .set(auth(u))
        .expect(200);
      if (st.body.status === 'completed') break;
      if (st.body.status === 'failed' || Date.now() > until) throw new Error(JSON.stringify(st.body));
      await new Promise((r) => setTimeout(r, 50));
    }
    const s2 = await newSession(u, ['x']);
    const served = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId: s2, ...body })
      .expect(201);
    expect(served.body.cached).toBe(true);

    const res = await request(app).get('/api/v1/analytics/trending').expect(200);
    expect(res.body).toMatchObject({ success: true, message: 'Trending topics retrieved successfully' });
    expect(res.body.data.topics).toEqual(
      expect.arrayContaining([
        { topic: 'kafka', count: 2 },
        { topic: 'go lang', count: 2 },
      ]),
    );
    expect(res.body.count).toBe(res.body.data.topics.length);
  });

  it('a sliding 7-day window of daily buckets: 7 and 8 days old no longer count', async () => {
    const now = Date.now();
    const daysAgo = (n: number) => new Date(now - n * 86_400_000);
    await trending.recordGenerationTopics(['Elixir'], daysAgo(8));
    await trending.recordGenerationTopics(['Elixir', 'Zig'], daysAgo(7));
    await trending.recordGenerationTopics(['ZIG'], daysAgo(6));
    await trending.recordGenerationTopics(['zig'], daysAgo(0));
    const res = await request(app).get('/api/v1/analytics/trending?limit=50').expect(200);
    const topics = res.body.data.topics as Array<{ topic: string; count: number }>;
    expect(topics.find((x) => x.topic === 'zig')).toEqual({ topic: 'zig', count: 2 });
    expect(topics.find((x) => x.topic === 'elixir')).toBeUndefined();
  });

  it('orders by count then name, honours limit, and caches until the next generation', async () => {
    await trending.recordGenerationTopics(['Alpha', 'Beta']);
    await trending.recordGenerationTopics(['Beta']);
    const all = (await request(app).get('/api/v1/analytics/trending?limit=50').expect(200)).body.data
      .topics as Array<{
      topic: string;
      count: number;
    }>;
    for (let i = 1; i < all.length; i++) {
      const [a, b] = [all[i - 1]!, all[i]!];
      expect(a.count > b.count || (a.count === b.count && a.topic < b.topic)).toBe(true);
    }
    const one = await request(app).get('/api/v1/analytics/trending?limit=1').expect(200);
    expect(one.body.count).toBe(1);
    expect(one.body.data.topics).toEqual([all[0]]);
    const def = await request(app).get('/api/v1/analytics/trending').expect(200);
    expect(def.body.count).toBe(Math.min(10, all.length));
    await trending.recordGenerationTopics(['Beta']);
    const after = (await request(app).get('/api/v1/analytics/trending?limit=50').expect(200)).body.data
      .topics;
    expect(after.find((x: { topic: string }) => x.topic === 'beta').count).toBe(
      all.find((x) => x.topic === 'beta')!.count + 1,
    );
  });

  it('400 for a limit outside 1..50 or not a number', async () => {
    for (const q of ['limit=0', 'limit=51', 'limit=abc', 'limit=2.5', 'other=1']) {
      const res = await request(app).get(`/api/v1/analytics/trending?${q}`).expect(400);
      expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
    }
    await request(app).get('/api/v1/analytics/trending?limit=50').expect(200);
  });
});
