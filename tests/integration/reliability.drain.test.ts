import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Express } from 'express';
import request from 'supertest';
import { freePort } from '../../src/embedded/redis';
import { startFakeGroq, type FakeGroq } from '../support/fake-groq';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * A deploy stops the worker (SIGTERM) while a slow model call is in flight: the worker takes no new job,
 * waits for the running one to finish (up to AI_TIMEOUT_MS + margin) and only then exits — the job
 * completes once, with one model call, instead of being abandoned and paid for twice.
 */
const ROOT = path.resolve(__dirname, '../..');
let fake: FakeGroq;
let t: TestApp;
let app: Express;
let registerAndLogin: (app: Express) => Promise<TestUser>;

beforeAll(async () => {
  fake = await startFakeGroq();
  Object.assign(process.env, { AI_PROVIDER: 'groq', GROQ_API_KEY: 'test', GROQ_BASE_URL: fake.url });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  t = await support.bootApp(); // api only: the job runs in the separate worker process
  app = t.app;
});
afterAll(async () => {
  await t?.close();
  await fake?.close();
});

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

it('a stopping worker finishes its active job before it exits', async () => {
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/worker.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      WORKER_METRICS_PORT: String(port),
      LOG_LEVEL: 'info',
      // Shorter than the model call: the drain has its own deadline (WORKER_DRAIN_TIMEOUT_MS), so the
      // job is not cut off by the general shutdown step timeout (as it was: 8 s, then exit).
      SHUTDOWN_TIMEOUT_MS: '1000',
      JEST_WORKER_ID: undefined,
    },
  });
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    await until(async () => {
      const r = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
      return r?.status === 200 ? true : undefined;
    }, 'worker health');

    const u = await registerAndLogin(app);
    const auth = { Authorization: `Bearer ${u.token}` };
    const session = await request(app)
      .post('/api/v1/session/create')
      .set(auth)
      .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Draining'] })
      .expect(201);
    fake.enqueue({ delayMs: 3000 }); // a slow, good answer
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth)
      .send({ sessionId: session.body.data.session._id, count: 2 })
      .expect(202);

    await until(async () => (fake.requests.length === 1 ? true : undefined), 'the model call');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    const status = await request(app).get(`/api/v1/queue/question/${res.body.jobId}`).set(auth).expect(200);
    expect(status.body.status).toBe('completed');
    expect(fake.requests).toHaveLength(1);
    expect(out).toContain('waiting for active jobs');
    expect(out).not.toContain('handed back unfinished jobs');
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 120_000);
