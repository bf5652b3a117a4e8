import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import type { Express } from 'express';
import type Redis from 'ioredis';
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import { startRedisServer, type RedisServerHandle } from '../../src/embedded/redis';
import { startEmbeddedMongo, type EmbeddedMongo } from '@intervai/mongo-embedded';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Outages of the app's own dependencies. This file starts a PRIVATE redis-server and a PRIVATE embedded
 * MongoDB server (with a data directory, so a restart keeps the data), points the app at them, then
 * stops, restarts and wipes them. The suite's shared servers are never touched.
 */
let redis: RedisServerHandle;
let mongo: EmbeddedMongo;
let mongoPort: number;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'intervai-outage-'));
let t: TestApp;
let app: Express;
let admin: Redis;
let server: http.Server;
let url: string;
let realtime: { close(): Promise<void> };
let registerAndLogin: (app: Express) => Promise<TestUser>;

beforeAll(async () => {
  redis = await startRedisServer();
  mongo = await startEmbeddedMongo({ port: 0, dbPath: dataDir, quiet: true });
  mongoPort = mongo.port;
  Object.assign(process.env, {
    REDIS_URL: redis.url,
    MONGODB_URI: `${mongo.uri}/outages`,
    // Fast queue recovery so the stalled-job case runs in seconds.
    QUEUE_LOCK_DURATION_MS: '1000',
    QUEUE_STALLED_INTERVAL_MS: '1000',
    RECONCILE_GRACE_MS: '0',
  });
  const support = await import('../support/app');
  ({ registerAndLogin } = await import('../support/factories'));
  const { createRedisClient } = await import('../../src/infra/redis');
  const { attachRealtime } = await import('../../src/infra/realtime');
  const { authenticate } = await import('../../src/modules/auth/token.service');
  t = await support.bootApp();
  app = t.app;
  admin = createRedisClient();
  server = http.createServer(app);
  realtime = attachRealtime(server, authenticate);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await realtime?.close();
  await new Promise((r) => server?.close(r));
  admin?.disconnect();
  await t?.close();
  await mongo?.stop();
  await redis?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const auth = (u: TestUser) => ({ Authorization: `Bearer ${u.token}` });
const profile = (token: string) =>
  request(app).get('/api/v1/user/profile').set('Authorization', `Bearer ${token}`);

async function until<T>(probe: () => Promise<T | undefined>, what: string, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Resolves with the handshake error data, or 'connected'. */
function handshake(token: string): Promise<'connected' | { message: string; data?: unknown }> {
  return new Promise((resolve) => {
    const socket = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    });
    socket.once('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.once('connect_error', (err: Error & { data?: unknown }) => {
      socket.disconnect();
      resolve({ message: err.message, data: err.data });
    });
  });
}

function expectDependency503(res: request.Response) {
  expect(res.status).toBe(503);
  expect(res.body).toMatchObject({ success: false, code: 'dependency_unavailable' });
  expect(res.body.requestId).toEqual(expect.any(String));
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
}

/** Log lines (as production writes them: JSON) and console output from now until `stop()`. */
async function captureLogs() {
  const { logger } = await import('../../src/infra/logger');
  const winston = (await import('winston')).default;
  const { Writable } = await import('node:stream');
  const lines: string[] = [];
  const consoleOut: string[] = [];
  const transport = new winston.transports.Stream({
    format: winston.format.json(),
    stream: new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8').trimEnd());
        done();
      },
    }),
  });
  const level = logger.level;
  const original = { warn: console.warn, error: console.error };
  console.warn = (...a: unknown[]) => void consoleOut.push(a.map(String).join(' '));
  console.error = (...a: unknown[]) => void consoleOut.push(a.map(String).join(' '));
  logger.level = 'info';
  logger.add(transport);
  return {
    console: consoleOut,
    stop() {
      logger.remove(transport);
      logger.level = level;
      Object.assign(console, original);
      return lines;
    },
  };
}

async function restartRedis(): Promise<void> {
  redis = await startRedisServer({ port: redis.port });
}

describe('Redis outage', () => {
  it('answers 503 dependency_unavailable (not 401/500) on REST and on the socket handshake, and recovers without a restart', async () => {
    const u = await registerAndLogin(app);
    expect((await profile(u.token)).status).toBe(200);
    const logs = await captureLogs();

    await redis.stop();
    expectDependency503(await profile(u.token));
    // Login needs Redis for its rate limits (the limiter's store errors must not print stacks).
    expectDependency503(
      await request(app).post('/api/v1/user/login').send({ email: u.user.email, password: u.password }),
    );
    // Routes that only need Redis for rate limits / sessions answer the same way.
    expectDependency503(await request(app).get('/api/v1/session').set(auth(u)));
    expect(await handshake(u.token)).toEqual({
      message: 'Service temporarily unavailable',
      data: { code: 'dependency_unavailable', status: 503, retryAfterSeconds: expect.any(Number) },
    });

    await restartRedis();
    // The same app instance recovers by itself; the token was never dropped.
    await until(async () => ((await profile(u.token)).status === 200 ? true : undefined), 'recovery');
    expect(await handshake(u.token)).toBe('connected');

    // One JSON line per state change, however many clients and requests met the outage.
    const lines = logs.stop();
    const redisLines = lines.filter((l) => l.includes('"dependency":"redis"'));
    expect(redisLines.map((l) => JSON.parse(l).message)).toEqual(['dependency down', 'dependency up']);
    expect(lines.every((l) => !l.includes('\n'))).toBe(true);
    expect(logs.console.join('')).not.toMatch(/express-rate-limit|\n\s+at /);
  });

  it('keeps valid logins and refusals across a Redis wipe (sessions are durable in MongoDB)', async () => {
    const kept = await registerAndLogin(app);
    const loggedOut = await registerAndLogin(app);
    const rotated = await registerAndLogin(app);
    await request(app).post('/api/v1/user/logout').set(auth(loggedOut)).expect(200);
    const fresh = await request(app).post('/api/v1/user/refresh-token').set(auth(rotated)).expect(200);
    const freshToken = fresh.body.data.token as string;
    const other = await request(app)
      .post('/api/v1/user/login')
      .send({ email: kept.user.email, password: kept.password })
      .expect(200);
    // Revoke the second login from the first.
    await request(app).delete('/api/v1/user/sessions').set(auth(kept)).expect(200);

    await admin.flushall();

    expect((await profile(kept.token)).status).toBe(200);
    expect((await profile(freshToken)).status).toBe(200);
    expect(await handshake(kept.token)).toBe('connected');
    for (const refused of [loggedOut.token, rotated.token, other.body.data.token as string]) {
      const res = await profile(refused);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('token_revoked');
    }
    expect(await handshake(loggedOut.token)).toMatchObject({ message: 'Invalid or expired token' });
    // Refilled from MongoDB: the session list is intact.
    const list = await request(app).get('/api/v1/user/sessions').set(auth(kept)).expect(200);
    expect(list.body.data.sessions).toHaveLength(1);
  });
});

describe('MongoDB outage', () => {
  it('answers 503 on REST and on a handshake that needs MongoDB, and recovers without a restart', async () => {
    const u = await registerAndLogin(app);
    await request(app).get('/api/v1/session').set(auth(u)).expect(200);

    await mongo.stop();
    // Authentication is served from Redis; the route itself needs MongoDB.
    expectDependency503(await request(app).get('/api/v1/session').set(auth(u)));
    expectDependency503(
      await request(app).post('/api/v1/user/login').send({ email: u.user.email, password: u.password }),
    );
    // A token without its Redis copy must be checked in MongoDB: 503, not 401.
    await admin.flushall();
    expectDependency503(await profile(u.token));
    expect(await handshake(u.token)).toMatchObject({ data: { code: 'dependency_unavailable' } });

    mongo = await startEmbeddedMongo({ port: mongoPort, dbPath: dataDir, quiet: true });
    await until(
      async () =>
        (await request(app).get('/api/v1/session').set(auth(u))).status === 200 ? true : undefined,
      'recovery',
    );
    expect((await profile(u.token)).status).toBe(200);
  });
});

describe('jobs across Redis losing its data', () => {
  async function newSession(u: TestUser, topic: string) {
    const res = await request(app)
      .post('/api/v1/session/create')
      .set(auth(u))
      .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: [topic] })
      .expect(201);
    return res.body.data.session._id as string;
  }
  const status = async (u: TestUser, jobId: string) =>
    (await request(app).get(`/api/v1/queue/question/${jobId}`).set(auth(u)).expect(200)).body;
  const notices = async (u: TestUser, jobId: string) =>
    (
      (await request(app).get('/api/v1/notifications?limit=100').set(auth(u)).expect(200)).body.data
        .notifications as Array<{ jobId: string; type: string }>
    ).filter((n) => n.jobId === jobId);

  it('a job accepted before a wipe is re-enqueued by the reconciler and completes, with one notice', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, 'Reconciler');
    // No worker yet: the job waits in the queue when Redis loses it.
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 2 })
      .expect(202);
    await admin.flushall();

    const { registerAllProcessors } = await import('../../src/start-worker');
    const { startReconciler } = await import('../../src/infra/reconciler');
    const { jobRecordKinds } = await import('../../src/jobs');
    const { registry } = await import('../../src/infra/metrics');
    registerAllProcessors(2);
    const stop = startReconciler(jobRecordKinds, 200);
    try {
      const done = await until(async () => {
        const s = await status(u, res.body.jobId);
        return s.status === 'completed' || s.status === 'failed' ? s : undefined;
      }, 'the lost job to finish');
      expect(done.status).toBe('completed');
      await until(async () => ((await notices(u, res.body.jobId)).length ? true : undefined), 'the notice');
      expect(await notices(u, res.body.jobId)).toEqual([
        expect.objectContaining({ type: 'job_complete', jobId: res.body.jobId }),
      ]);
      const metric = await registry.getSingleMetricAsString('job_reconciler_repairs_total');
      expect(metric).toMatch(
        /job_reconciler_repairs_total\{kind="question-generation",action="requeued"\} [1-9]/,
      );
    } finally {
      await stop();
    }
  });

  it('a job that used its attempts and was lost is failed and notified exactly once', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, 'Lost attempts');
    const { getQueue } = await import('../../src/infra/queues');
    const queue = getQueue('question-generation');
    await queue.pause(true, true); // this process's worker takes nothing while the record is staged
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 2 })
      .expect(202);
    // The record says every attempt ran (as after three crashed runs), then Redis loses the job.
    const { GenerationJob } = await import('../../src/modules/questions/generation-job.model');
    await GenerationJob.updateOne({ _id: res.body.jobId }, { $set: { status: 'active', attempts: 3 } });
    await admin.flushall();

    const { reconcileJobs } = await import('../../src/infra/reconciler');
    const { jobRecordKinds } = await import('../../src/jobs');
    // Two reconcilers at once (two workers): still one notice.
    const [a, b] = await Promise.all([reconcileJobs(jobRecordKinds), reconcileJobs(jobRecordKinds)]);
    expect([...a, ...b].filter((r) => r.id === res.body.jobId)).toEqual([
      expect.objectContaining({ action: 'failed' }),
    ]);
    await queue.resume(true);
    expect((await status(u, res.body.jobId)).status).toBe('failed');
    await until(async () => ((await notices(u, res.body.jobId)).length ? true : undefined), 'notice');
    expect(await notices(u, res.body.jobId)).toEqual([expect.objectContaining({ type: 'job_failed' })]);
  });

  it('an export that used its attempts and was lost is failed and notified exactly once', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, 'Lost export');
    await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({
        sessionId,
        question: 'What is a replica set?',
        answer: 'A group of mongod processes with the same data.',
      })
      .expect(201);
    const { getQueue } = await import('../../src/infra/queues');
    const queue = getQueue('export-generation');
    await queue.pause(true, true);
    const res = await request(app)
      .post(`/api/v1/export/export/${sessionId}?format=csv`)
      .set(auth(u))
      .expect(202);
    const { Export } = await import('../../src/modules/exports/export.model');
    await Export.updateOne({ _id: res.body.jobId }, { $set: { status: 'active', attempts: 3 } });
    await admin.flushall();

    const { reconcileJobs } = await import('../../src/infra/reconciler');
    const { jobRecordKinds } = await import('../../src/jobs');
    const [a, b] = await Promise.all([reconcileJobs(jobRecordKinds), reconcileJobs(jobRecordKinds)]);
    expect([...a, ...b].filter((r) => r.id === res.body.jobId)).toEqual([
      expect.objectContaining({ kind: 'export-generation', action: 'failed' }),
    ]);
    await queue.resume(true);
    const exportStatus = await request(app).get(`/api/v1/export/status/${res.body.jobId}`).set(auth(u));
    expect(exportStatus.body.status).toBe('failed');
    await until(async () => ((await notices(u, res.body.jobId)).length ? true : undefined), 'notice');
    expect(await notices(u, res.body.jobId)).toEqual([expect.objectContaining({ type: 'job_failed' })]);
  });

  it('an answer evaluation that used its attempts and was lost is failed and notified exactly once', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, 'Lost evaluation');
    const q = await request(app)
      .post('/api/v1/question/custom')
      .set(auth(u))
      .send({
        sessionId,
        question: 'What is a replica set?',
        answer: 'A group of mongod processes with the same data.',
      })
      .expect(201);
    const { getQueue } = await import('../../src/infra/queues');
    const queue = getQueue('answer-evaluation');
    await queue.pause(true, true);
    const res = await request(app)
      .post(`/api/v1/question/${q.body.data.question._id}/attempts`)
      .set(auth(u))
      .send({ answer: 'Several servers holding the same data.' })
      .expect(202);
    const { Attempt } = await import('../../src/modules/practice/attempt.model');
    await Attempt.updateOne({ _id: res.body.jobId }, { $set: { status: 'active', tries: 3 } });
    await admin.flushall();

    const { reconcileJobs } = await import('../../src/infra/reconciler');
    const { jobRecordKinds } = await import('../../src/jobs');
    const [a, b] = await Promise.all([reconcileJobs(jobRecordKinds), reconcileJobs(jobRecordKinds)]);
    expect([...a, ...b].filter((r) => r.id === res.body.jobId)).toEqual([
      expect.objectContaining({ kind: 'answer-evaluation', action: 'failed' }),
    ]);
    await queue.resume(true);
    expect(await Attempt.findById(res.body.jobId).lean()).toMatchObject({ status: 'failed' });
    await until(async () => ((await notices(u, res.body.jobId)).length ? true : undefined), 'notice');
    expect(await notices(u, res.body.jobId)).toEqual([expect.objectContaining({ type: 'job_failed' })]);
  });

  it('a job the queue fails by itself (stalled past maxStalledCount) is finalised once', async () => {
    const u = await registerAndLogin(app);
    const sessionId = await newSession(u, 'Stalling');
    const { getQueue } = await import('../../src/infra/queues');
    const queue = getQueue('question-generation');
    await queue.pause(true, true);
    const res = await request(app)
      .post('/api/v1/question/generate')
      .set(auth(u))
      .send({ sessionId, count: 2 })
      .expect(202);
    const jobId = res.body.jobId as string;
    // As if its worker had crashed on it twice already and crashes again now: the job is active under
    // a lock nobody renews (it expires in QUEUE_LOCK_DURATION_MS).
    const job = (await queue.getJob(jobId))!;
    await queue.client.hset(queue.toKey(jobId), 'stalledCounter', '2');
    await job.takeLock();
    await queue.client.lrem(queue.toKey('wait'), 0, jobId);
    await queue.client.lpush(queue.toKey('active'), jobId);

    // Bull's stalled check (run by this process's worker) fails it inside its script.
    const s = await until(async () => {
      const v = await status(u, jobId);
      return v.status === 'failed' ? v : undefined;
    }, 'the stalled job to be finalised');
    expect(s.error).toMatch(/interrupted too many times/);
    expect(await (await queue.getJob(jobId))!.isFailed()).toBe(true);
    await until(async () => ((await notices(u, jobId)).length ? true : undefined), 'notice');
    await queue.resume(true);
    expect(await notices(u, jobId)).toEqual([expect.objectContaining({ type: 'job_failed' })]);
  });
});
