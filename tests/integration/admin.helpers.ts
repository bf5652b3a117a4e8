import type { Express } from 'express';
import request from 'supertest';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Shared by the admin, quota and template tests: boots the app after setting extra environment (config
 * is read once, at first import), optionally with the real worker processors.
 */
export async function bootWithEnv(env: Record<string, string>, { worker = false } = {}): Promise<TestApp> {
  Object.assign(process.env, env);
  const { bootApp } = await import('../support/app');
  const app = await bootApp();
  if (worker) {
    const { startTestWorker } = await import('../support/worker');
    startTestWorker(2);
  }
  return app;
}

/** Requests as a user (Bearer token). */
export const as = (app: Express, u: TestUser) => ({
  get: (p: string) => request(app).get(p).set('Authorization', `Bearer ${u.token}`),
  post: (p: string) => request(app).post(p).set('Authorization', `Bearer ${u.token}`),
  put: (p: string) => request(app).put(p).set('Authorization', `Bearer ${u.token}`),
  patch: (p: string) => request(app).patch(p).set('Authorization', `Bearer ${u.token}`),
  del: (p: string) => request(app).delete(p).set('Authorization', `Bearer ${u.token}`),
});

/** A registered user promoted to admin (through the same function as `npm run user:promote`). */
export async function makeAdmin(u: TestUser): Promise<TestUser> {
  const { promoteUser } = await import('../../src/cli/promote-user');
  if (!(await promoteUser({ email: u.user.email, role: 'admin' }))) throw new Error('promotion failed');
  return u;
}

export async function newSession(app: Express, u: TestUser, body: Record<string, unknown> = {}) {
  const res = await as(app, u)
    .post('/api/v1/session/create')
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js'], ...body });
  if (res.status !== 201) throw new Error(`session create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.data.session._id as string;
}

/** Polls a job through /queue/job/:jobId until it completed or failed. */
export async function waitForJob(app: Express, u: TestUser, jobId: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await as(app, u).get(`/api/v1/queue/job/${jobId}`);
    if (res.status !== 200) throw new Error(`job status ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.status === 'completed' || res.body.status === 'failed') return res.body;
    if (Date.now() > until) throw new Error(`job ${jobId} still ${res.body.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
