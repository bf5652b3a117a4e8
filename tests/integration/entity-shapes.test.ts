import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { z } from 'zod';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { waitFor } from '../support/wait';

/**
 * One shape per entity (API contract, "Entity shapes"): the same question read through every endpoint
 * that returns it, the socket `question:generated` payload included, has the same fields — exactly the
 * documented `Question` schema — with `session` as the session id and nothing internal. Generation runs
 * through the real worker processor against the fake Groq server; the socket is a real socket.io client.
 */
let fake: FakeGroq;
let t: TestApp;
let app: Express;
let server: http.Server;
let realtime: { close(): Promise<void> };
let url: string;
let registerAndLogin: (app: Express) => Promise<TestUser>;
type EntitySchemas = typeof import('../../src/modules/questions/question-entity.schemas');
let questionSchema: EntitySchemas['questionSchema'];
let questionSummarySchema: EntitySchemas['questionSummarySchema'];
const sockets: Socket[] = [];

beforeAll(async () => {
  fake = await startFakeGroq();
  Object.assign(process.env, {
    AI_PROVIDER: 'groq',
    GROQ_API_KEY: 'test',
    GROQ_BASE_URL: fake.url,
    AI_RETRY_BASE_MS: '50',
    REGENERATE_WAIT_MS: '5000',
    RATE_LIMIT_AI_MAX: '1000',
    RATE_LIMIT_GENERAL_MAX: '100000', // job status is polled without pause
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { startTestWorker } = await import('../support/worker');
  const { attachRealtime } = await import('../../src/infra/realtime');
  const { authenticate } = await import('../../src/modules/auth/token.service');
  ({ questionSchema, questionSummarySchema } =
    await import('../../src/modules/questions/question-entity.schemas'));
  t = await support.bootApp();
  app = t.app;
  startTestWorker(2);
  server = http.createServer(app);
  realtime = attachRealtime(server, authenticate);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await realtime?.close();
  await new Promise((resolve) => server?.close(resolve));
  await t?.close();
  await fake?.close();
});

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
const INTERNAL = ['__v', 'searchTokens', 'fingerprint', 'generationJob'];
type Json = Record<string, unknown>;

function openSocket(u: TestUser): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: u.token },
      reconnection: false,
    });
    sockets.push(socket);
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function newSession(u: TestUser) {
  const res = await request(app)
    .post('/api/v1/session/create')
    .set(auth(u))
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js', 'Databases'] })
    .expect(201);
  return res.body.data.session._id as string;
}

function waitForJob(u: TestUser, jobId: string) {
  return waitFor(
    async () => {
      const res = await request(app).get(`/api/v1/queue/question/${jobId}`).set(auth(u)).expect(200);
      return (res.body.status === 'completed' || res.body.status === 'failed') && res.body;
    },
    { timeout: 15_000, interval: 50, message: `job ${jobId} to finish` },
  );
}

/**
 * `where` names the endpoint in a failure. Exactly the documented fields (the schema, strict), the session
 * as its id, nothing internal; `extra` lists the context fields an endpoint adds beside the question.
 */
function expectQuestionShape(where: string, q: Json, sessionId: string, extra: string[] = []) {
  const keys = Object.keys(q).sort();
  const expected = [...Object.keys(questionSchema.shape), ...extra].sort();
  expect({ where, keys }).toEqual({ where, keys: expected });
  expect({ where, session: q.session }).toEqual({ where, session: sessionId });
  expect({ where, internal: INTERNAL.filter((k) => k in q) }).toEqual({ where, internal: [] });
  const core = Object.fromEntries(Object.entries(q).filter(([k]) => !extra.includes(k)));
  const parsed = z.strictObject(questionSchema.shape).safeParse(core);
  expect({ where, issues: parsed.error?.issues ?? [] }).toEqual({ where, issues: [] });
}

describe('one question shape everywhere', () => {
  it('the same fields on every endpoint and on the socket; session is the id; search adds sessionSummary', async () => {
    const u = await registerAndLogin(app);
    const socket = await openSocket(u);
    const generated: Json[] = [];
    socket.on('question:generated', (payload: Json) => generated.push(payload));

    // Session A: the worker generates (202), fills the generation pool and announces each question.
    const sa = await newSession(u);
    const queued = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId: sa, count: 3 })
      .expect(202);
    const job = await waitForJob(u, queued.body.jobId);
    expect(job.status).toBe('completed');
    expect(job.data.questions).toHaveLength(3);
    for (const q of job.data.questions) expectQuestionShape('GET /queue/question/:jobId', q, sa);
    const fromJob = await waitFor(
      () => generated.filter((e) => e.jobId === queued.body.jobId).length === 3 && generated,
      { message: 'three question:generated events of the job' },
    );
    for (const e of fromJob.filter((x) => x.jobId === queued.body.jobId))
      expectQuestionShape('socket question:generated (worker)', e.question as Json, sa);

    // Session B, same parameters: served from the pool at once (201); this is "the" question below.
    const sb = await newSession(u);
    const served = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId: sb, count: 3 })
      .expect(201);
    expect(served.body.cached).toBe(true);
    const first = served.body.data.questions[0] as Json;
    const id = first._id as string;
    for (const q of served.body.data.questions) expectQuestionShape('POST /generate (201)', q, sb);
    const cachedEvent = await waitFor(() => generated.find((e) => (e.question as Json)._id === id), {
      message: 'question:generated for the cached question',
    });
    expect(cachedEvent).toMatchObject({ sessionId: sb, cached: true });
    expectQuestionShape('socket question:generated (cached)', cachedEvent.question as Json, sb);
    expect(cachedEvent.question).toEqual(first);

    const list = await request(app).get(`/api/v1/question/session/${sb}`).set(auth(u)).expect(200);
    const listed = list.body.data.questions.find((q: Json) => q._id === id);
    expectQuestionShape('GET /question/session/:id', listed, sb);
    expect(listed).toEqual(first);

    const detail = await request(app).get(`/api/v1/question/${id}`).set(auth(u)).expect(200);
    expectQuestionShape('GET /question/:id', detail.body.data.question, sb, ['sessionSummary']);
    const summary = {
      _id: sb,
      role: 'Backend Developer',
      experience: 'mid-level',
      topicsToFocus: ['Node.js', 'Databases'],
    };
    expect(detail.body.data.question.sessionSummary).toEqual(summary);

    const pinned = await request(app).patch(`/api/v1/question/${id}/toggle-pin`).set(auth(u)).expect(200);
    expect(pinned.body.data.isPinned).toBe(true);
    expectQuestionShape('PATCH /question/:id/toggle-pin', pinned.body.data.question, sb);

    const pins = await request(app).get(`/api/v1/question/session/${sb}/pinned`).set(auth(u)).expect(200);
    expect(pins.body.data.questions.map((q: Json) => q._id)).toEqual([id]);
    expectQuestionShape('GET /question/session/:id/pinned', pins.body.data.questions[0], sb);

    const updated = await request(app)
      .put(`/api/v1/question/${id}`)
      .set(auth(u))
      .send({ notes: 'Mention the thread pool', tags: ['shapes'] })
      .expect(200);
    expectQuestionShape('PUT /question/:id', updated.body.data.question, sb);
    expect(updated.body.data.question).toMatchObject({ notes: 'Mention the thread pool', isPinned: true });

    const search = await request(app)
      .get(`/api/v1/question/search?q=important&sessionId=${sb}`)
      .set(auth(u))
      .expect(200);
    expect(search.body.data.questions.length).toBeGreaterThan(0);
    for (const hit of search.body.data.questions) {
      expectQuestionShape('GET /question/search (text)', hit, sb, ['sessionSummary', 'score']);
      expect(hit.sessionSummary).toEqual(summary);
    }
    const byTag = await request(app).get('/api/v1/question/search?tags=shapes').set(auth(u)).expect(200);
    expect(byTag.body.data.questions.map((q: Json) => q._id)).toEqual([id]);
    expectQuestionShape('GET /question/search (filters)', byTag.body.data.questions[0], sb, [
      'sessionSummary',
    ]);

    const session = await request(app).get(`/api/v1/session/${sb}`).set(auth(u)).expect(200);
    expect(session.body.data.session.questions).toHaveLength(3);
    for (const q of session.body.data.session.questions) expectQuestionShape('GET /session/:id', q, sb);
    // The detail and the session's copy of the question agree field for field.
    const inSession = session.body.data.session.questions.find((q: Json) => q._id === id);
    const { sessionSummary: _omit, ...detailNow } = (
      await request(app).get(`/api/v1/question/${id}`).set(auth(u)).expect(200)
    ).body.data.question;
    expect(inSession).toEqual(detailNow);

    const regenEvent = waitFor(
      () => generated.find((e) => (e.question as Json)._id === id && e.regenerated === true),
      { message: 'question:generated for the regenerated question' },
    );
    const regen = await request(app).post(`/api/v1/question/${id}/regenerate`).set(auth(u)).expect(200);
    expectQuestionShape('POST /question/:id/regenerate', regen.body.data.question, sb);
    expect(regen.body.data.question.question).not.toBe(first.question);
    const regenerated = await regenEvent;
    expectQuestionShape('socket question:generated (regenerated)', regenerated.question as Json, sb);

    const custom = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({ sessionId: sb, question: 'What does libuv give Node.js?', answer: 'An event loop and a pool.' })
      .expect(201);
    expectQuestionShape('POST /question/custom', custom.body.data.question, sb);
    // A question people wrote has the same fields as one the AI wrote (provider is null, not absent).
    expect(custom.body.data.question.provider).toBeNull();

    // A session list shows each question in brief, and only that.
    const sessions = await request(app).get('/api/v1/session').set(auth(u)).expect(200);
    const listedB = sessions.body.data.sessions.find((s: Json) => s._id === sb);
    expect(listedB.questionCount).toBe(4);
    for (const q of listedB.questions) {
      expect(Object.keys(q).sort()).toEqual(Object.keys(questionSummarySchema.shape).sort());
      expect(z.strictObject(questionSummarySchema.shape).safeParse(q).success).toBe(true);
    }
    expect(listedB.questions.find((q: Json) => q._id === id)).toEqual({
      _id: id,
      question: regen.body.data.question.question,
      difficulty: regen.body.data.question.difficulty,
      isPinned: true,
    });
  });

  it('practice figures (mastery) are the same on every endpoint that returns the question', async () => {
    const u = await registerAndLogin(app);
    const sid = await newSession(u);
    const created = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({
        sessionId: sid,
        question: 'How does the event loop order timers?',
        answer: 'Timers phase first.',
      })
      .expect(201);
    const id = created.body.data.question._id as string;
    fake.enqueue({ content: JSON.stringify({ score: 6, feedback: 'Fair' }) });
    const sent = await request(app)
      .post(`/api/v1/question/${id}/attempts`)
      .set(auth(u))
      .send({ answer: 'The timers phase runs expired timers first.' })
      .expect(202);
    await waitFor(
      async () => {
        const res = await request(app).get(sent.body.checkStatusUrl).set(auth(u)).expect(200);
        return res.body.status === 'completed' && res.body;
      },
      { timeout: 15_000, interval: 50, message: 'the evaluation' },
    );

    const reads: Array<[string, Json]> = [];
    const body = async (where: string, req: request.Test) => {
      const res = await req.set(auth(u)).expect(200);
      return { where, res };
    };
    for (const { where, res } of [
      await body('detail', request(app).get(`/api/v1/question/${id}`)),
      await body('update', request(app).put(`/api/v1/question/${id}`).send({ notes: 'x' })),
      await body('toggle-pin', request(app).patch(`/api/v1/question/${id}/toggle-pin`)),
    ])
      reads.push([where, res.body.data.question]);
    const list = await body('list', request(app).get(`/api/v1/question/session/${sid}`));
    reads.push(['list', list.res.body.data.questions[0]]);
    const pins = await body('pinned', request(app).get(`/api/v1/question/session/${sid}/pinned`));
    reads.push(['pinned', pins.res.body.data.questions[0]]);
    const found = await body('search', request(app).get('/api/v1/question/search?q=timers'));
    reads.push(['search', found.res.body.data.questions[0]]);
    const session = await body('session', request(app).get(`/api/v1/session/${sid}`));
    reads.push(['session detail', session.res.body.data.session.questions[0]]);

    const expected = { attempts: 1, latestScore: 6, bestScore: 6, averageScore: 6, trend: 'new' };
    for (const [where, q] of reads) {
      expect({ where, id: q._id }).toEqual({ where, id });
      expect({ where, mastery: q.mastery }).toMatchObject({ where, mastery: expected });
    }
    const masteries = new Set(reads.map(([, q]) => JSON.stringify(q.mastery)));
    expect(masteries.size).toBe(1);
  });
});

describe('route specs on the question and practice routes', () => {
  it('documents every question and practice route, with the Question schema', async () => {
    const res = await request(app).get('/openapi.json').expect(200);
    const doc = res.body as {
      paths: Record<string, Record<string, Json>>;
      components: { schemas: Record<string, Json> };
    };
    const ours = Object.entries(doc.paths).filter(
      ([p]) =>
        p.startsWith('/api/v1/question') ||
        p.startsWith('/api/v1/queue/evaluation') ||
        p.startsWith('/api/v1/queue/explanation'),
    );
    const operations = ours.flatMap(([p, ops]) => Object.entries(ops).map(([m, op]) => ({ m, p, op })));
    // 11 question routes, 3 practice routes under /question, 2 practice job-status routes.
    expect(operations).toHaveLength(16);
    const undocumented = operations.filter(({ op }) => op['x-undocumented']).map(({ m, p }) => `${m} ${p}`);
    expect(undocumented).toEqual([]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Question', 'SessionSummary', 'QuestionSummary', 'Mastery', 'Attempt']),
    );
    const generate = doc.paths['/api/v1/question/generate']!.post as { responses: Record<string, unknown> };
    expect(Object.keys(generate.responses)).toEqual(expect.arrayContaining(['201', '202', '400', '404']));
    const regenerate = doc.paths['/api/v1/question/{id}/regenerate']!.post as {
      responses: Record<string, unknown>;
    };
    expect(Object.keys(regenerate.responses)).toEqual(expect.arrayContaining(['200', '202', '404', '502']));
  });

  it('answers 415 for a non-JSON body, 400 for bad fields, 401 without a token, 404 for another user’s question', async () => {
    const [a, b] = [await registerAndLogin(app), await registerAndLogin(app)];
    const sid = await newSession(a);
    await request(app)
      .post('/api/v1/question/custom')
      .set(auth(a))
      .set('Content-Type', 'text/plain')
      .send('question=hi')
      .expect(415);
    const bad = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(a))
      .send({ sessionId: sid, question: 'x', answer: 'y', extra: 1 })
      .expect(400);
    expect(bad.body.code).toBe('validation_error');
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['question', 'answer', 'extra']),
    );
    const made = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(a))
      .send({ sessionId: sid, question: 'What is a closure in JS?', answer: 'A function with its scope.' })
      .expect(201);
    const id = made.body.data.question._id as string;
    await request(app).get(`/api/v1/question/${id}`).expect(401);
    await request(app).post(`/api/v1/question/${id}/attempts`).send({ answer: 'x' }).expect(401);
    const other = await request(app).get(`/api/v1/question/${id}`).set(auth(b)).expect(404);
    expect(other.body.code).toBe('question_not_found');
    await request(app).post(`/api/v1/question/${id}/explain`).set(auth(b)).expect(404);
    await request(app).get(`/api/v1/question/${id}/attempts`).set(auth(b)).expect(404);
    await request(app)
      .get(`/api/v1/queue/evaluation/${'a'.repeat(101)}`)
      .set(auth(a))
      .expect(400);
    await request(app).get('/api/v1/queue/evaluation/unknown-job').set(auth(a)).expect(404);
    await request(app).get('/api/v1/question/not-an-id').set(auth(a)).expect(400);
  });
});
