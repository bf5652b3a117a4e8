import { Types } from 'mongoose';
import request from 'supertest';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { as, bootWithEnv, newSession, waitForJob } from './admin.helpers';
import { expectMatchesSchema } from './contract.helpers';

/** GET /api/v1/queue/job/:jobId: any of the caller's jobs, whatever its kind, through the job-kind registry. */
let t: TestApp;
let fake: FakeGroq;
let registerAndLogin: (app: TestApp['app']) => Promise<TestUser>;
let registerJobStatusSource: typeof import('../../src/modules/queue/queue.service').registerJobStatusSource;

beforeAll(async () => {
  fake = await startFakeGroq();
  t = await bootWithEnv(
    {
      AI_PROVIDER: 'groq',
      GROQ_API_KEY: 'test',
      GROQ_BASE_URL: fake.url,
      AI_RETRY_BASE_MS: '50',
      REGENERATE_WAIT_MS: '0',
    },
    { worker: true },
  );
  ({ registerAndLogin } = await import('../support/factories'));
  ({ registerJobStatusSource } = await import('../../src/modules/queue/queue.service'));
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

describe('GET /api/v1/queue/job/:jobId', () => {
  it('a generation job: completed with its questions, for its owner only', async () => {
    const [u, other] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    const sid = await newSession(t.app, u, { topicsToFocus: [`Queue ${Date.now()}`] });
    const queued = await as(t.app, u)
      .post('/api/v1/question/generate')
      .send({ sessionId: sid, count: 2 })
      .expect(202);
    const done = await waitForJob(t.app, u, queued.body.jobId);
    expect(done).toMatchObject({
      success: true,
      status: 'completed',
      progress: 100,
      jobId: queued.body.jobId,
      type: 'question-generation',
      message: 'Job completed',
      data: { count: 2 },
    });
    expect(done.data.questions).toHaveLength(2);
    const foreign = await as(t.app, other).get(`/api/v1/queue/job/${queued.body.jobId}`).expect(404);
    expect(foreign.body).toMatchObject({ success: false, code: 'job_not_found' });
  });

  it('a regeneration job that failed: success false with the error', async () => {
    const u = await registerAndLogin(t.app);
    const sid = await newSession(t.app, u, { topicsToFocus: [`Queue fail ${Date.now()}`] });
    const q = await as(t.app, u)
      .post('/api/v1/question/custom')
      .send({
        sessionId: sid,
        question: 'What is backpressure in streams?',
        answer: 'Slowing a producer down.',
      })
      .expect(201);
    fake.rejectKey = 'test'; // every AI call is refused (401): not retryable
    try {
      const res = await as(t.app, u)
        .post(`/api/v1/question/${q.body.data.question._id}/regenerate`)
        .expect(202);
      const failed = await waitForJob(t.app, u, res.body.jobId);
      expect(failed).toMatchObject({
        success: false,
        status: 'failed',
        type: 'question-regeneration',
        message: 'Job failed',
        error: expect.any(String),
      });
      const { jobStatusSchema } = await import('../../src/modules/queue/queue.schemas');
      expectMatchesSchema(jobStatusSchema, failed);
    } finally {
      fake.rejectKey = undefined;
    }
  });

  it('asks every registered job kind: a kind added with one registration is served', async () => {
    const u = await registerAndLogin(t.app);
    const exportId = `export-${Date.now()}`;
    registerJobStatusSource('test-export', async (userId, jobId) =>
      userId === u.user._id && jobId === exportId
        ? {
            jobId,
            type: 'export-generation',
            status: 'completed',
            progress: 100,
            extra: { downloadUrl: '/api/v1/export/download/x.pdf' },
          }
        : null,
    );
    const res = await as(t.app, u).get(`/api/v1/queue/job/${exportId}`).expect(200);
    expect(res.body).toMatchObject({
      success: true,
      status: 'completed',
      type: 'export-generation',
      downloadUrl: '/api/v1/export/download/x.pdf',
    });
  });

  it('unknown, malformed or over-long ids → 404/400; no token → 401', async () => {
    const u = await registerAndLogin(t.app);
    await as(t.app, u).get(`/api/v1/queue/job/${new Types.ObjectId().toHexString()}`).expect(404);
    await as(t.app, u).get('/api/v1/queue/job/not-a-job').expect(404);
    await as(t.app, u)
      .get(`/api/v1/queue/job/${'x'.repeat(101)}`)
      .expect(400);
    const res = await request(t.app)
      .get(`/api/v1/queue/job/${new Types.ObjectId().toHexString()}`)
      .expect(401);
    expect(res.body.code).toBe('unauthenticated');
  });
});
