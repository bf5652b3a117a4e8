/**
 * Recovery times around dependency outages (issue 14), measured on the real app in-process against a
 * private redis-server and a private embedded MongoDB server (with a data directory), both started here.
 *
 *   npx tsx bench/recovery.ts            # BENCH_ROUNDS=5 outages of each kind
 *
 * For each outage: how long a request takes to be answered 503 while the dependency is down, and how
 * long after the dependency is back the same app instance serves 200 again (polled every 20 ms). Then:
 * how long a job whose worker "crashed" (its lock is never renewed) takes to be re-run and completed with
 * the default lock/stalled timings, and how long the reconciler takes to finish a job Redis lost.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (xs: number[]) =>
  !xs.length
    ? 'not measured'
    : `median ${pct(xs, 50).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

async function main() {
  const { startRedisServer } = await import('../src/embedded/redis');
  const { startEmbeddedMongo } = await import('@intervai/mongo-embedded');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-recovery-'));
  let redis = await startRedisServer();
  let mongo = await startEmbeddedMongo({ port: 0, dbPath: dataDir, quiet: true });
  const mongoPort = mongo.port;
  Object.assign(process.env, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    REDIS_URL: redis.url,
    MONGODB_URI: `${mongo.uri}/bench_recovery`,
    REDIS_PREFIX: 'bench:',
    BULL_PREFIX: 'benchbull',
    AI_PROVIDER: 'offline',
    BCRYPT_ROUNDS: '4',
    JWT_SECRET: 'bench-secret-that-is-long-enough-for-hs256-0123456789',
    RATE_LIMIT_GENERAL_MAX: '100000',
    RATE_LIMIT_AI_MAX: '100000',
    DATA_DIR: dataDir,
  });
  const request = (await import('supertest')).default;
  const mongoose = (await import('mongoose')).default;
  const { createApp } = await import('../src/http/app');
  const { connectMongo, disconnectMongo } = await import('../src/infra/mongo');
  const { closeRedis, createRedisClient } = await import('../src/infra/redis');
  const { closeQueues, getQueue } = await import('../src/infra/queues');
  const { registerAllProcessors } = await import('../src/start-worker');
  const { reconcileJobs } = await import('../src/infra/reconciler');
  const { jobRecordKinds } = await import('../src/jobs');

  await connectMongo(process.env.MONGODB_URI!);
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  const app = createApp();
  const admin = createRedisClient();

  const email = `bench.${Date.now()}@example.test`;
  await request(app)
    .post('/api/v1/user/register')
    .send({ fullname: 'Bench', email, password: 'bench-password-1' });
  const login = await request(app).post('/api/v1/user/login').send({ email, password: 'bench-password-1' });
  const token = login.body.data.token as string;
  const authed = (p: string) => request(app).get(p).set('Authorization', `Bearer ${token}`);

  async function timeTo(probe: () => Promise<boolean>): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      if (await probe()) return performance.now() - t0;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
  async function timed(p: string): Promise<{ ms: number; status: number }> {
    const t0 = performance.now();
    const res = await authed(p);
    return { ms: performance.now() - t0, status: res.status };
  }

  const results: Record<string, number[]> = {
    'redis down: 503 latency': [],
    'redis back: time to first 200': [],
    'mongo down: 503 latency': [],
    'mongo back: time to first 200': [],
  };
  for (let i = 0; i < ROUNDS; i++) {
    await redis.stop();
    for (let k = 0; k < 5; k++) {
      const r = await timed('/api/v1/user/profile');
      if (r.status !== 503) throw new Error(`expected 503 during the Redis outage, got ${r.status}`);
      results['redis down: 503 latency'].push(r.ms);
    }
    const restarted = performance.now();
    redis = await startRedisServer({ port: redis.port });
    await timeTo(async () => (await authed('/api/v1/user/profile')).status === 200);
    results['redis back: time to first 200'].push(performance.now() - restarted);

    await mongo.stop();
    for (let k = 0; k < 5; k++) {
      const r = await timed('/api/v1/session');
      if (r.status !== 503) throw new Error(`expected 503 during the MongoDB outage, got ${r.status}`);
      results['mongo down: 503 latency'].push(r.ms);
    }
    const mongoRestarted = performance.now();
    mongo = await startEmbeddedMongo({ port: mongoPort, dbPath: dataDir, quiet: true });
    await timeTo(async () => (await authed('/api/v1/session')).status === 200);
    results['mongo back: time to first 200'].push(performance.now() - mongoRestarted);
  }

  // Jobs: a session to generate into.
  const session = await request(app)
    .post('/api/v1/session/create')
    .set('Authorization', `Bearer ${token}`)
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Bench'] });
  const sessionId = session.body.data.session._id as string;
  const queue = getQueue('question-generation');
  const statusOf = async (jobId: string) =>
    (await authed(`/api/v1/queue/question/${jobId}`)).body.status as string;
  const generate = async (topic: string) =>
    (
      await request(app)
        .post('/api/v1/question/generate')
        .set('Authorization', `Bearer ${token}`)
        .send({ sessionId, count: 1, topicsToFocus: [topic] })
    ).body.jobId as string;

  // A crashed worker: the job is active under a lock nobody renews.
  await queue.pause(true, true);
  const crashedId = await generate('Crash');
  const job = (await queue.getJob(crashedId))!;
  await job.takeLock();
  await queue.client.lrem(queue.toKey('wait'), 0, crashedId);
  await queue.client.lpush(queue.toKey('active'), crashedId);
  const crashedAt = performance.now();
  await queue.resume(true);
  registerAllProcessors(2);
  let lastState = '';
  await timeTo(async () => {
    if (process.env.BENCH_TRACE) {
      const lock = await queue.client.pttl(`${queue.toKey(crashedId)}:lock`);
      const marked = await queue.client.sismember(queue.toKey('stalled'), crashedId);
      const check = await queue.client.pttl(queue.toKey('stalled-check'));
      const state = `${await (await queue.getJob(crashedId))?.getState()}/${await statusOf(crashedId)} lock ${lock > 0 ? 'held' : 'gone'} marked ${marked} check ${check > 0 ? 'set' : 'none'}`;
      if (state !== lastState) console.log(`  ${(performance.now() - crashedAt).toFixed(0)} ms: ${state}`);
      lastState = state;
    }
    return (await statusOf(crashedId)) === 'completed';
  });
  const crashRecovery = performance.now() - crashedAt;

  // Redis loses a waiting job; one reconciler pass (what the worker runs every RECONCILE_INTERVAL_MS).
  await queue.pause(true, true);
  const lostId = await generate('Lost');
  await admin.flushall();
  await queue.resume(true);
  const wiped = performance.now();
  await reconcileJobs(jobRecordKinds, Date.now(), 0);
  await timeTo(async () => (await statusOf(lostId)) === 'completed');
  const lostRecovery = performance.now() - wiped;

  console.log(`\nRecovery (${ROUNDS} outages of each kind, ${os.cpus().length} CPUs)`);
  for (const [k, v] of Object.entries(results)) console.log(`  ${k}: ${fmt(v)}`);
  console.log(
    `  crashed worker's job completed after: ${crashRecovery.toFixed(0)} ms (lock 10 s, stalled check every 5 s)`,
  );
  console.log(
    `  job lost in a Redis wipe completed after one reconciler pass: ${lostRecovery.toFixed(0)} ms`,
  );

  admin.disconnect();
  await closeQueues(true);
  await closeRedis();
  await disconnectMongo();
  await mongo.stop();
  await redis.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
