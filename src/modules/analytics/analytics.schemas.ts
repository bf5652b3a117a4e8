import { z } from 'zod';
import { defineRoute, envelope } from '../../http/route-spec';
import { objectId } from '../../http/schemas';
import { isValidTimeZone } from './days';

export const sessionParams = z.object({ sessionId: objectId });

/** `?tz=Europe/Paris`: the days of scoreTrend, activity and streakDays are that zone's (default UTC). */
export const userQuery = z
  .object({
    tz: z
      .string()
      .max(64)
      .refine(isValidTimeZone, { message: 'tz must be an IANA time zone such as Europe/Paris' })
      .default('UTC'),
  })
  .strict();

export const trendingQuery = z
  .object({
    limit: z.coerce
      .number({ error: 'limit must be a number between 1 and 50' })
      .int('limit must be a whole number')
      .min(1, 'limit must be between 1 and 50')
      .max(50, 'limit must be between 1 and 50')
      .default(10),
  })
  .strict();

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

const difficultyCounts = z.object({
  easy: z.number().int(),
  medium: z.number().int(),
  hard: z.number().int(),
});
const day = z.string().openapi({ example: '2026-12-02', description: 'A local day, YYYY-MM-DD' });
/** A mean score 0..10 with one decimal, or null without scored attempts. */
const meanScore = z.number().min(0).max(10).nullable();

/** `GET /analytics/user`: the old figures plus practice figures (scored attempts only). */
export const userAnalyticsSchema = z
  .object({
    totalSessions: z.number().int(),
    totalQuestions: z.number().int(),
    pinnedQuestions: z.number().int(),
    averageQuestionsPerSession: z.number().int(),
    recentSessions: z
      .array(
        z.object({
          _id: z.string(),
          role: z.string(),
          experience: z.string(),
          status: z.string(),
          createdAt: z.string().openapi({ format: 'date-time' }),
        }),
      )
      .openapi({ description: 'The 5 newest sessions' }),
    totalAttempts: z.number().int(),
    averageScore: meanScore,
    scoreTrend: z
      .array(z.object({ date: day, attempts: z.number().int(), averageScore: z.number() }))
      .openapi({ description: 'Days of the last 30 with scored attempts' }),
    activity: z
      .array(z.object({ date: day, questions: z.number().int(), attempts: z.number().int() }))
      .openapi({ description: 'Each of the last 30 days, oldest first' }),
    difficultyBreakdown: difficultyCounts,
    topicMastery: z.array(
      z.object({
        topic: z.string(),
        questions: z.number().int(),
        attempts: z.number().int(),
        averageScore: meanScore,
      }),
    ),
    weakestTopics: z
      .array(
        z.object({
          topic: z.string(),
          questions: z.number().int(),
          attempts: z.number().int(),
          averageScore: meanScore,
        }),
      )
      .openapi({ description: 'Up to 3 topics with at least 2 scored attempts, lowest mean first' }),
    scoreDistribution: z.array(
      z.object({ range: z.enum(['0-2', '2-4', '4-6', '6-8', '8-10']), count: z.number().int() }),
    ),
    streakDays: z.number().int(),
    timezone: z.string(),
  })
  .openapi('UserAnalytics');

/** `GET /analytics/session/:sessionId`: the old figures plus practice figures. */
export const sessionAnalyticsSchema = z
  .object({
    sessionId: z.string(),
    totalQuestions: z.number().int(),
    pinnedQuestions: z.number().int(),
    difficultyBreakdown: difficultyCounts,
    avgAnswerLength: z.number().int().openapi({ description: 'Characters (Unicode code points)' }),
    topics: z.array(z.string()),
    role: z.string(),
    experience: z.string(),
    attempts: z.number().int(),
    averageScore: meanScore,
    scoresByDifficulty: z.object({
      easy: z.object({ attempts: z.number().int(), averageScore: meanScore }),
      medium: z.object({ attempts: z.number().int(), averageScore: meanScore }),
      hard: z.object({ attempts: z.number().int(), averageScore: meanScore }),
    }),
  })
  .openapi('SessionAnalytics');

export const trendingTopicSchema = z
  .object({ topic: z.string(), count: z.number().int() })
  .openapi('TrendingTopic');

export const userAnalyticsRoute = defineRoute({
  summary: 'Your figures: sessions, questions, practice scores, topic mastery, activity',
  query: userQuery,
  responses: { 200: { description: 'The figures', schema: envelope(userAnalyticsSchema) } },
});

export const sessionAnalyticsRoute = defineRoute({
  summary: 'Figures for one of your sessions',
  params: sessionParams,
  invalidInput: 'Invalid session ID',
  responses: { 200: { description: 'The figures', schema: envelope(sessionAnalyticsSchema) } },
  errors: ['session_not_found'],
});

export const trendingRoute = defineRoute({
  summary: 'Most requested topics of the last 7 days (public)',
  query: trendingQuery,
  responses: {
    200: {
      description: 'Most requested first',
      schema: envelope(z.object({ topics: z.array(trendingTopicSchema) }), { count: z.number().int() }),
    },
  },
});
