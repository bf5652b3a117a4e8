/**
 * Generation cache over a scripted workload: how many generation requests the shared pool serves and
 * how many AI calls it saves (issue 5; the seed claimed "40% fewer AI calls").
 *
 *   npx tsx bench/generation-cache.ts            # embedded MongoDB + a redis-server on a free port
 *   MONGODB_URI=... REDIS_URL=... npx tsx bench/generation-cache.ts
 *   BENCH_USERS=60 BENCH_SEED=7 npx tsx bench/generation-cache.ts
 *
 * Runs the real api service (`requestGeneration`) and the real worker processor in-process, with the
 * offline provider standing in for the model (every provider call is counted from the
 * `ai_request_duration_seconds` metric). Without the cache every request is one AI call.
 *
 * Workload: BENCH_USERS users; each opens one session on a profile drawn from 8 common profiles with
 * Zipf-like weights (popular stacks are popular), then asks for 5 questions 1–3 times; requests from
 * all users are interleaved in random order, one at a time (a job is awaited before the next request).
 */
import { startBenchServices } from './services';

const USERS = Number(process.env.BENCH_USERS ?? 60);
/**
 * `popular` (default): 8 common profiles, Zipf weights. `long-tail`: random role × experience × 2 of 16
 * topics (combinations rarely repeat). `mixed`: each user is popular or long-tail with equal odds.
 */
const SCENARIO = (['long-tail', 'mixed'] as const).find((s) => s === process.env.BENCH_SCENARIO) ?? 'popular';
const ROLES = [
  'Backend Developer',
  'Frontend Developer',
  'Full Stack Developer',
  'DevOps Engineer',
  'Data Scientist',
  'practice',
] as const;
const LEVELS = ['entry-level', 'junior', 'mid-level', 'senior', 'lead', 'expert'] as const;
const TOPICS = [
  'JavaScript',
  'TypeScript',
  'React',
  'Node.js',
  'Python',
  'Java',
  'SQL',
  'MongoDB',
  'Docker',
  'Kubernetes',
  'AWS',
  'System Design',
  'Git',
  'Algorithms',
  'CSS',
  'Testing',
];
const SEED = Number(process.env.BENCH_SEED ?? 7);

const PROFILES = [
  { role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js', 'Databases'] },
  { role: 'Frontend Developer', experience: 'junior', topicsToFocus: ['JavaScript', 'React'] },
  { role: 'Full Stack Developer', experience: 'mid-level', topicsToFocus: ['JavaScript', 'Node.js'] },
  { role: 'DevOps Engineer', experience: 'senior', topicsToFocus: ['Docker', 'Kubernetes'] },
  { role: 'Data Scientist', experience: 'mid-level', topicsToFocus: ['Python', 'SQL'] },
  { role: 'Backend Developer', experience: 'senior', topicsToFocus: ['System Design'] },
  { role: 'Frontend Developer', experience: 'mid-level', topicsToFocus: ['TypeScript', 'CSS'] },
  { role: 'practice', experience: 'entry-level', topicsToFocus: ['Git', 'Algorithms'] },
] as const;
const WEIGHTS = PROFILES.map((_, i) => 1 / (i + 1));

async function main() {
  const stopServices = await startBenchServices('bench_cache', { RATE_LIMIT_AI_MAX: '100000' });
  const mongoose = (await import('mongoose')).default;
  const { connectMongo } = await import('../src/infra/mongo');
  const { registry } = await import('../src/infra/metrics');
  const { closeQueues } = await import('../src/infra/queues');
  const { getRedis, closeRedis } = await import('../src/infra/redis');
  const { registerAllProcessors } = await import('../src/start-worker');
  const { createSession } = await import('../src/modules/sessions/sessions.service');
  const { requestGeneration } = await import('../src/modules/questions/generation.service');
  const { GenerationJob } = await import('../src/modules/questions/generation-job.model');
  const { seededRandom } = await import('../src/ai/text');
  await connectMongo(process.env.MONGODB_URI!, { attempts: 3, delayMs: 200 });
  await Promise.all(Object.values(mongoose.models).map((m) => m.init()));
  registerAllProcessors(2);
  const rand = seededRandom(SEED);

  const pickProfile = (): { role: string; experience: string; topicsToFocus: readonly string[] } => {
    if (SCENARIO === 'long-tail' || (SCENARIO === 'mixed' && rand() < 0.5)) {
      const a = TOPICS[Math.floor(rand() * TOPICS.length)]!;
      let b = a;
      while (b === a) b = TOPICS[Math.floor(rand() * TOPICS.length)]!;
      return {
        role: ROLES[Math.floor(rand() * ROLES.length)]!,
        experience: LEVELS[Math.floor(rand() * LEVELS.length)]!,
        topicsToFocus: [a, b],
      };
    }
    let r = rand() * WEIGHTS.reduce((a, b) => a + b, 0);
    for (let i = 0; i < PROFILES.length; i++) if ((r -= WEIGHTS[i]!) <= 0) return PROFILES[i]!;
    return PROFILES[0]!;
  };
  const plan: Array<{ userId: string; sessionId: string }> = [];
  for (let u = 0; u < USERS; u++) {
    const userId = new mongoose.Types.ObjectId().toString();
    const p = pickProfile();
    const s = await createSession(userId, {
      role: p.role as never,
      experience: p.experience as never,
      topicsToFocus: [...p.topicsToFocus],
    });
    const rounds = 1 + Math.floor(rand() * 3);
    for (let r = 0; r < rounds; r++) plan.push({ userId, sessionId: String(s._id) });
  }
  // Interleave users, but keep each session's own requests in order (a user asks again after the first answer).
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [plan[i], plan[j]] = [plan[j]!, plan[i]!];
  }

  const aiCalls = async () => {
    const m = await registry.getSingleMetric('ai_request_duration_seconds')!.get();
    return m.values
      .filter(
        (v) =>
          (v as { metricName?: string }).metricName?.endsWith('_count') && v.labels.operation === 'generate',
      )
      .reduce((n, v) => n + v.value, 0);
  };
  let cachedResponses = 0;
  let queued = 0;
  let questions = 0;
  const started = Date.now();
  for (const step of plan) {
    const out = await requestGeneration(step.userId, { sessionId: step.sessionId, count: 5 });
    if (out.cached) {
      cachedResponses++;
      questions += out.questions.length;
      continue;
    }
    queued++;
    for (;;) {
      const rec = await GenerationJob.findById(out.jobId).lean();
      if (rec?.status === 'completed' || rec?.status === 'failed') {
        questions += rec.resultIds.length;
        break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  const elapsed = Date.now() - started;
  const calls = await aiCalls();
  const workerPool = await GenerationJob.countDocuments({
    status: 'completed',
    fromCache: mongoose.trusted({ $gt: 0 }),
  });
  const failed = await GenerationJob.countDocuments({ status: 'failed' });
  const cm = await registry.getSingleMetric('cache_events_total')!.get();
  const hits = cm.values.find((v) => v.labels.area === 'generation' && v.labels.result === 'hit')?.value ?? 0;
  const misses =
    cm.values.find((v) => v.labels.area === 'generation' && v.labels.result === 'miss')?.value ?? 0;

  console.log(
    `generation cache bench (${SCENARIO}): ${USERS} users, ${plan.length} requests of 5 questions, seed ${SEED}`,
  );
  console.log(`  served from the pool by the api (201 cached) : ${cachedResponses}`);
  console.log(
    `  queued to the worker (202)                   : ${queued} (of which served from the pool in the worker: ${workerPool}, failed: ${failed})`,
  );
  console.log(
    `  cache lookups (api)                          : ${hits} hits / ${misses} misses → hit rate ${((100 * hits) / (hits + misses)).toFixed(1)} %`,
  );
  console.log(
    `  AI calls                                     : ${calls} (without the cache: ${plan.length}) → ${(100 * (1 - calls / plan.length)).toFixed(1)} % fewer`,
  );
  console.log(
    `  questions saved                              : ${questions}; wall time ${(elapsed / 1000).toFixed(1)} s`,
  );

  await closeQueues(true);
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
