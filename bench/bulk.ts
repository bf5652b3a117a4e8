/**
 * Bulk operations and the AI quota check (issue 12).
 *
 *   npx tsx bench/bulk.ts                  # embedded MongoDB + a redis-server on a free port
 *   BENCH_IDS=500 BENCH_QUOTA_CALLS=2000 npx tsx bench/bulk.ts
 *
 * 1. BENCH_IDS questions spread over sessions of 50, deleted by one bulk call (`bulkDeleteQuestions`:
 *    one find, one deleteMany, one session updateMany) and, for comparison, one by one (`deleteQuestion`,
 *    what a client without bulk routes does). Same for setting the difficulty.
 * 2. `consumeAiQuota` (one Lua script per call) under BENCH_CONCURRENCY concurrent callers.
 */
import { startBenchServices } from './services';

const IDS = Number(process.env.BENCH_IDS ?? 500);
const QUOTA_CALLS = Number(process.env.BENCH_QUOTA_CALLS ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 50);

async function main() {
  const stopServices = await startBenchServices('bench_bulk', {
    AI_DAILY_QUOTA: String(QUOTA_CALLS * 2),
    RATE_LIMIT_AI_MAX: String(QUOTA_CALLS * 2),
  });
  const mongoose = (await import('mongoose')).default;
  const { Types } = mongoose;
  const { connectMongo } = await import('../src/infra/mongo');
  const { getRedis, closeRedis } = await import('../src/infra/redis');
  const { createSession } = await import('../src/modules/sessions/sessions.service');
  const { insertQuestions, deleteQuestion, updateQuestion } =
    await import('../src/modules/questions/questions.service');
  const { bulkDeleteQuestions, bulkSetDifficulty } = await import('../src/modules/questions/questions.bulk');
  const { consumeAiQuota } = await import('../src/modules/usage/usage.service');
  await connectMongo(process.env.MONGODB_URI!, { attempts: 3, delayMs: 200 });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));

  const userId = new Types.ObjectId().toHexString();
  let serial = 0;
  async function seed(n: number): Promise<string[]> {
    const ids: string[] = [];
    while (ids.length < n) {
      const s = await createSession(userId, {
        role: 'Backend Developer',
        experience: 'senior',
        topicsToFocus: ['Node.js'],
      });
      const batch = Array.from({ length: Math.min(50, n - ids.length) }, () => ({
        question: `Benchmark question number ${++serial} about streams`,
        answer: `Benchmark answer ${serial} that is long enough`,
        source: 'custom' as const,
      }));
      const inserted = await insertQuestions(String(s._id), userId, batch);
      ids.push(...inserted.map((q) => String(q._id)));
    }
    return ids;
  }
  const time = async (fn: () => Promise<unknown>) => {
    const started = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  const rows: Array<[string, number]> = [];
  let ids = await seed(IDS);
  rows.push([
    `bulk difficulty, ${IDS} ids (1 request)`,
    await time(() => bulkSetDifficulty(userId, ids, 'hard')),
  ]);
  rows.push([
    `difficulty one by one, ${IDS} requests`,
    await time(async () => {
      for (const id of ids) await updateQuestion(userId, id, { difficulty: 'easy' });
    }),
  ]);
  rows.push([`bulk delete, ${IDS} ids (1 request)`, await time(() => bulkDeleteQuestions(userId, ids))]);
  ids = await seed(IDS);
  rows.push([
    `delete one by one, ${IDS} requests`,
    await time(async () => {
      for (const id of ids) await deleteQuestion(userId, id);
    }),
  ]);

  const user = { id: userId, role: 'user' as const };
  let next = 0;
  const quotaMs = await time(() =>
    Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < QUOTA_CALLS) await consumeAiQuota(user);
      }),
    ),
  );

  console.log(`\nBulk operations (service layer, embedded MongoDB), ${IDS} questions:`);
  for (const [label, ms] of rows) console.log(`  ${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms`);
  console.log(
    `\nconsumeAiQuota: ${QUOTA_CALLS} calls, ${CONCURRENCY} concurrent: ${quotaMs.toFixed(0)} ms → ` +
      `${Math.round((QUOTA_CALLS / quotaMs) * 1000)} checks/s`,
  );

  const redis = getRedis();
  const keys = await redis.keys(`${process.env.REDIS_PREFIX}*`);
  if (keys.length) await redis.del(...keys.map((k) => k.slice(process.env.REDIS_PREFIX!.length)));
  await closeRedis();
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await stopServices();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
