/**
 * Uncached analytics latency: the aggregation pipelines behind GET /api/v1/analytics/user and
 * /analytics/session/:id, on the embedded MongoDB-compatible server (or MONGODB_URI).
 *
 *   npx tsx bench/analytics.ts
 *   BENCH_QUESTIONS=2000 BENCH_ATTEMPTS=10000 npx tsx bench/analytics.ts
 *
 * Seeds, for the measured user and for a second one (noise the owner $match must skip): sessions of 50
 * questions in 12 topics, and scored attempts spread over the last 60 days. Then times
 * computeUserAnalytics (two $facet pipelines + session queries) and computeSessionAnalytics. A cache hit
 * is one Redis GET and is not measured here.
 */
import mongoose, { Types } from 'mongoose';

const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 1000);
const ATTEMPTS = Number(process.env.BENCH_ATTEMPTS ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const TOPICS = [
  'SQL',
  'Node.js',
  'React',
  'Docker',
  'Kubernetes',
  'Go',
  'Kafka',
  'Security',
  'Python',
  'AWS',
  'Git',
  '',
];
const LEVELS = ['easy', 'medium', 'hard'] as const;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function main() {
  let stop: (() => Promise<unknown>) | undefined;
  let uri = process.env.MONGODB_URI;
  let where = 'MONGODB_URI';
  if (!uri) {
    const { startEmbeddedMongo } = await import('@intervai/mongo-embedded');
    const server = await startEmbeddedMongo({ port: 0, quiet: true });
    uri = server.uri;
    stop = () => server.stop();
    where = 'embedded server, same process';
  }
  await mongoose.connect(`${uri.replace(/\/$/, '')}/bench_analytics_${process.pid}`);
  const { Question } = await import('../src/modules/questions/question.model');
  const { Session } = await import('../src/modules/sessions/session.model');
  const { Attempt } = await import('../src/modules/practice/attempt.model');
  const analytics = await import('../src/modules/analytics/analytics.service');
  await Promise.all([Question.init(), Session.init(), Attempt.init()]);

  const now = Date.now();
  const users = [new Types.ObjectId(), new Types.ObjectId()];
  let firstSession: Types.ObjectId | undefined;
  for (const user of users) {
    const sessions = Array.from({ length: Math.ceil(QUESTIONS / 50) }, (_, i) => ({
      _id: new Types.ObjectId(),
      user,
      role: 'Backend Developer',
      experience: 'mid-level',
      topicsToFocus: ['SQL'],
      status: 'pending',
      questions: [],
      createdAt: new Date(now - i * 3600_000),
      updatedAt: new Date(),
    }));
    firstSession ??= sessions[0]!._id;
    await Session.collection.insertMany(sessions);
    const questions = Array.from({ length: QUESTIONS }, (_, i) => ({
      _id: new Types.ObjectId(),
      user,
      session: sessions[Math.floor(i / 50)]!._id,
      question: `Question ${i}?`,
      answer: `Answer ${i} `.repeat(20),
      category: TOPICS[i % TOPICS.length],
      difficulty: LEVELS[i % 3],
      isPinned: i % 7 === 0,
      fingerprint: `fp${i}`,
      createdAt: new Date(now - (i % 60) * 86_400_000),
      updatedAt: new Date(),
    }));
    await Question.collection.insertMany(questions);
    const attempts = Array.from({ length: ATTEMPTS }, (_, i) => {
      const q = questions[(i * 7) % questions.length]!;
      return {
        user,
        question: q._id,
        session: q.session,
        topic: (q.category || 'general').toLowerCase(),
        difficulty: q.difficulty,
        answer: 'My answer',
        status: 'completed',
        score: (i * 37) % 11,
        createdAt: new Date(now - ((i * 13) % 60) * 86_400_000 - (i % 24) * 3600_000),
        updatedAt: new Date(),
      };
    });
    await Attempt.collection.insertMany(attempts);
  }

  const time = async (fn: () => Promise<unknown>) => {
    for (let i = 0; i < 3; i++) await fn(); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = process.hrtime.bigint();
      await fn();
      ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    ms.sort((a, b) => a - b);
    return `p50 ${percentile(ms, 50).toFixed(1)} ms, p95 ${percentile(ms, 95).toFixed(1)} ms`;
  };
  const userId = String(users[0]);
  const session = await Session.findById(firstSession).lean();
  console.log(`${where}; per user: ${QUESTIONS} questions, ${ATTEMPTS} attempts (x2 users); ${RUNS} runs`);
  console.log(
    `computeUserAnalytics (UTC):              ${await time(() => analytics.computeUserAnalytics(userId, 'UTC'))}`,
  );
  console.log(
    `computeUserAnalytics (America/New_York): ${await time(() => analytics.computeUserAnalytics(userId, 'America/New_York'))}`,
  );
  console.log(
    `computeSessionAnalytics (50 questions):  ${await time(() => analytics.computeSessionAnalytics(userId, session!))}`,
  );
  await mongoose.connection.dropDatabase();
  await mongoose.disconnect();
  await stop?.();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
