import { Types } from 'mongoose';
import { Attempt } from '../practice/attempt.model';
import { Question } from '../questions/question.model';
import { Session } from '../sessions/session.model';
import { findOwnedSession } from '../sessions/sessions.service';
import { cached, RESULT_TTL_SECONDS, userVersion } from './analytics.cache';
import { dayRange, localDay } from './days';

/**
 * Per-user and per-session analytics. Every figure comes from MongoDB aggregation pipelines that start
 * with an indexed `$match` on the owner (questions {user, createdAt}, attempts {user, status, createdAt},
 * sessions {user, createdAt}); only the grouped rows reach the api. Results are cached per user version
 * (see analytics.cache.ts) and per local day, so "last 30 days" rolls over at the user's midnight.
 *
 * Practice figures count scored attempts only (status completed): a queued or failed evaluation has no
 * score to report.
 */
export const TREND_DAYS = 30;
const STREAK_LOOKBACK_DAYS = 366;
/** Score histogram: lower bound inclusive, upper exclusive (a 10 lands in 8-10). */
export const SCORE_BUCKETS = [0, 2, 4, 6, 8, 10.5] as const;
const BUCKET_LABELS = ['0-2', '2-4', '4-6', '6-8', '8-10'] as const;
const WEAKEST_TOPICS = 3;
const MIN_ATTEMPTS_FOR_WEAKEST = 2;
const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
type Difficulty = (typeof DIFFICULTIES)[number];

const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const oid = (id: string) => new Types.ObjectId(id);

/** `category` as a topic inside a pipeline: trimmed, lower-cased, "general" when empty (as topicOf). */
const TOPIC_EXPR = {
  $let: {
    vars: { t: { $toLower: { $trim: { input: { $ifNull: ['$category', ''] } } } } },
    in: { $cond: [{ $eq: ['$$t', ''] }, 'general', '$$t'] },
  },
};
const dayExpr = (field: string, timezone: string) => ({
  $dateToString: { date: field, format: '%Y-%m-%d', timezone },
});

/** A UTC instant no later than local midnight of `day` in any time zone (offsets reach +14:00). */
const safeLowerBound = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 14 * 3600_000);

interface Group {
  _id: string | null;
  n: number;
  avg?: number | null;
  pinned?: number;
}

async function questionFacets(userId: string, timezone: string, firstDay: string) {
  const [row] = await Question.aggregate<{
    totals: Group[];
    byDifficulty: Group[];
    byTopic: Group[];
    perDay: Group[];
  }>([
    { $match: { user: oid(userId) } },
    {
      $facet: {
        totals: [{ $group: { _id: null, n: { $sum: 1 }, pinned: { $sum: { $cond: ['$isPinned', 1, 0] } } } }],
        byDifficulty: [{ $group: { _id: '$difficulty', n: { $sum: 1 } } }],
        byTopic: [{ $group: { _id: TOPIC_EXPR, n: { $sum: 1 } } }],
        perDay: [
          { $match: { createdAt: { $gte: safeLowerBound(firstDay) } } },
          { $group: { _id: dayExpr('$createdAt', timezone), n: { $sum: 1 } } },
          { $match: { _id: { $gte: firstDay } } },
        ],
      },
    },
  ]);
  return row ?? { totals: [], byDifficulty: [], byTopic: [], perDay: [] };
}

async function attemptFacets(userId: string, timezone: string, firstDay: string, streakFrom: string) {
  const [row] = await Attempt.aggregate<{
    totals: Group[];
    byTopic: Group[];
    perDay: Group[];
    days: Group[];
    distribution: Group[];
  }>([
    { $match: { user: oid(userId), status: 'completed' } },
    {
      $facet: {
        totals: [{ $group: { _id: null, n: { $sum: 1 }, avg: { $avg: '$score' } } }],
        byTopic: [{ $group: { _id: '$topic', n: { $sum: 1 }, avg: { $avg: '$score' } } }],
        perDay: [
          { $match: { createdAt: { $gte: safeLowerBound(firstDay) } } },
          { $group: { _id: dayExpr('$createdAt', timezone), n: { $sum: 1 }, avg: { $avg: '$score' } } },
          { $match: { _id: { $gte: firstDay } } },
        ],
        days: [
          { $match: { createdAt: { $gte: safeLowerBound(streakFrom) } } },
          { $group: { _id: dayExpr('$createdAt', timezone), n: { $sum: 1 } } },
        ],
        distribution: [
          {
            $bucket: {
              groupBy: '$score',
              boundaries: [...SCORE_BUCKETS],
              default: 'other',
              output: { n: { $sum: 1 } },
            },
          },
        ],
      },
    },
  ]);
  return row ?? { totals: [], byTopic: [], perDay: [], days: [], distribution: [] };
}

/** Consecutive local days with a scored attempt, ending today (or yesterday: today is not over yet). */
export function streakFrom(days: Set<string>, today: string): number {
  const range = dayRange(today, STREAK_LOOKBACK_DAYS).reverse(); // today first
  let i = days.has(range[0]!) ? 0 : 1;
  let streak = 0;
  for (; i < range.length && days.has(range[i]!); i++) streak++;
  return streak;
}

export async function computeUserAnalytics(userId: string, timezone: string, now = new Date()) {
  const today = localDay(now, timezone);
  const days = dayRange(today, TREND_DAYS);
  const firstDay = days[0]!;
  const streakStart = dayRange(today, STREAK_LOOKBACK_DAYS)[0]!;
  const [totalSessions, recentSessions, q, a] = await Promise.all([
    Session.countDocuments({ user: userId }),
    Session.find({ user: userId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(5)
      .select('_id role experience status createdAt')
      .lean(),
    questionFacets(userId, timezone, firstDay),
    attemptFacets(userId, timezone, firstDay, streakStart),
  ]);

  const totalQuestions = q.totals[0]?.n ?? 0;
  const totalAttempts = a.totals[0]?.n ?? 0;
  const difficultyBreakdown: Record<Difficulty, number> = { easy: 0, medium: 0, hard: 0 };
  for (const g of q.byDifficulty)
    if (g._id && g._id in difficultyBreakdown) difficultyBreakdown[g._id as Difficulty] = g.n;

  const topics = new Map<
    string,
    { topic: string; questions: number; attempts: number; averageScore: number | null }
  >();
  const topicRow = (t: string) => {
    let r = topics.get(t);
    if (!r) topics.set(t, (r = { topic: t, questions: 0, attempts: 0, averageScore: null }));
    return r;
  };
  for (const g of q.byTopic) topicRow(g._id ?? 'general').questions = g.n;
  for (const g of a.byTopic) {
    const r = topicRow(g._id ?? 'general');
    r.attempts = g.n;
    r.averageScore = typeof g.avg === 'number' ? oneDecimal(g.avg) : null;
  }
  const topicMastery = [...topics.values()].sort((x, y) =>
    x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : 0,
  );
  // Ranked on the unrounded mean, ties by name.
  const rawAvg = new Map(a.byTopic.map((g) => [g._id ?? 'general', g.avg ?? 0]));
  const weakestTopics = topicMastery
    .filter((t) => t.attempts >= MIN_ATTEMPTS_FOR_WEAKEST)
    .sort((x, y) => (rawAvg.get(x.topic) ?? 0) - (rawAvg.get(y.topic) ?? 0) || (x.topic < y.topic ? -1 : 1))
    .slice(0, WEAKEST_TOPICS);

  const qPerDay = new Map(q.perDay.map((g) => [g._id, g.n]));
  const aPerDay = new Map(a.perDay.map((g) => [g._id, g]));
  const activity = days.map((date) => ({
    date,
    questions: qPerDay.get(date) ?? 0,
    attempts: aPerDay.get(date)?.n ?? 0,
  }));
  const scoreTrend = days
    .filter((d) => aPerDay.has(d))
    .map((date) => {
      const g = aPerDay.get(date)!;
      return { date, attempts: g.n, averageScore: oneDecimal(g.avg ?? 0) };
    });
  const byBucket = new Map(a.distribution.map((g) => [g._id, g.n]));
  const scoreDistribution = BUCKET_LABELS.map((range, i) => ({
    range,
    count: byBucket.get(SCORE_BUCKETS[i] as unknown as string) ?? 0,
  }));

  return {
    totalSessions,
    totalQuestions,
    pinnedQuestions: q.totals[0]?.pinned ?? 0,
    averageQuestionsPerSession: totalSessions > 0 ? Math.round(totalQuestions / totalSessions) : 0,
    // Picked field by field: nothing else of a session document leaves the server.
    recentSessions: recentSessions.map((s) => ({
      _id: String(s._id),
      role: s.role,
      experience: s.experience,
      status: s.status,
      createdAt: s.createdAt,
    })),
    totalAttempts,
    averageScore: totalAttempts ? oneDecimal(a.totals[0]?.avg ?? 0) : null,
    scoreTrend,
    activity,
    difficultyBreakdown,
    topicMastery,
    weakestTopics,
    scoreDistribution,
    streakDays: streakFrom(new Set(a.days.map((g) => g._id as string)), today),
    timezone,
  };
}
export type UserAnalytics = Awaited<ReturnType<typeof computeUserAnalytics>>;

export async function userAnalytics(userId: string, timezone: string): Promise<UserAnalytics> {
  const version = await userVersion(userId);
  const today = localDay(new Date(), timezone);
  return cached(
    'analytics',
    `cache:analytics:user:${userId}:v${version}:${timezone}:${today}`,
    RESULT_TTL_SECONDS,
    () => computeUserAnalytics(userId, timezone),
  );
}

export async function computeSessionAnalytics(
  userId: string,
  session: { _id: unknown; topicsToFocus: string[]; role: string; experience: string },
) {
  const sessionId = String(session._id);
  const match = { session: oid(sessionId), user: oid(userId) };
  const [questions, attempts] = await Promise.all([
    Question.aggregate<Group & { length: number }>([
      { $match: match },
      {
        $group: {
          _id: '$difficulty',
          n: { $sum: 1 },
          pinned: { $sum: { $cond: ['$isPinned', 1, 0] } },
          length: { $sum: { $strLenCP: { $ifNull: ['$answer', ''] } } },
        },
      },
    ]),
    Attempt.aggregate<Group>([
      { $match: { ...match, status: 'completed' } },
      { $group: { _id: '$difficulty', n: { $sum: 1 }, avg: { $avg: '$score' }, sum: { $sum: '$score' } } },
    ]),
  ]);
  const difficultyBreakdown: Record<Difficulty, number> = { easy: 0, medium: 0, hard: 0 };
  let totalQuestions = 0;
  let pinnedQuestions = 0;
  let answerChars = 0;
  for (const g of questions) {
    if (g._id && g._id in difficultyBreakdown) difficultyBreakdown[g._id as Difficulty] = g.n;
    totalQuestions += g.n;
    pinnedQuestions += g.pinned ?? 0;
    answerChars += g.length;
  }
  const scoresByDifficulty = Object.fromEntries(
    DIFFICULTIES.map((d) => [d, { attempts: 0, averageScore: null as number | null }]),
  ) as Record<Difficulty, { attempts: number; averageScore: number | null }>;
  let attemptCount = 0;
  let scoreSum = 0;
  for (const g of attempts as Array<Group & { sum: number }>) {
    if (!g._id || !(g._id in scoresByDifficulty)) continue;
    scoresByDifficulty[g._id as Difficulty] = { attempts: g.n, averageScore: oneDecimal(g.avg ?? 0) };
    attemptCount += g.n;
    scoreSum += g.sum;
  }
  return {
    sessionId,
    totalQuestions,
    pinnedQuestions,
    difficultyBreakdown,
    // Characters as Unicode code points ($strLenCP).
    avgAnswerLength: totalQuestions ? Math.round(answerChars / totalQuestions) : 0,
    topics: session.topicsToFocus,
    role: session.role,
    experience: session.experience,
    attempts: attemptCount,
    averageScore: attemptCount ? oneDecimal(scoreSum / attemptCount) : null,
    scoresByDifficulty,
  };
}
export type SessionAnalytics = Awaited<ReturnType<typeof computeSessionAnalytics>>;

export async function sessionAnalytics(userId: string, sessionId: string): Promise<SessionAnalytics> {
  // Ownership first, so a cached entry is never a way around it.
  const session = await findOwnedSession(userId, sessionId);
  const version = await userVersion(userId);
  return cached(
    'analytics',
    `cache:analytics:session:${userId}:${sessionId}:v${version}`,
    RESULT_TTL_SECONDS,
    () => computeSessionAnalytics(userId, session),
  );
}
