import { z } from 'zod';
import { idParams, nonBlank, objectId, paginationQuery, queryBoolean } from '../../http/schemas';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { EXPERIENCE, roleText } from '../sessions/sessions.schemas';
import { DIFFICULTY } from './question.model';
import { questionSchema, sessionSummarySchema } from './question-entity.schemas';

const difficulty = z.enum(DIFFICULTY, { error: 'difficulty must be one of easy, medium, hard' });
const tags = z.array(z.string().trim().min(1).max(50)).max(20);
const questionText = nonBlank(5, 2000);
const answerText = nonBlank(10, 5000);
const category = z.string().trim().max(100);
const notes = z.string().trim().max(1000);

export const sessionIdParams = z.object({ sessionId: objectId });

export const generateBody = z
  .object({
    sessionId: objectId,
    role: roleText.optional(),
    experience: z
      .enum(EXPERIENCE, { error: `Invalid experience. Allowed: ${EXPERIENCE.join(', ')}` })
      .optional(),
    topicsToFocus: z
      .array(z.string().trim().min(1, 'All topics must be non-empty strings').max(100))
      .min(1)
      .max(20)
      .optional(),
    count: z.number().int().min(1).max(10).default(5),
    difficulty: difficulty.optional(),
  })
  .strict();
export type GenerateInput = z.infer<typeof generateBody>;

export const customBody = z
  .object({
    sessionId: objectId,
    question: questionText,
    answer: answerText,
    difficulty: difficulty.optional(),
    category: category.optional(),
    tags: tags.optional(),
    notes: notes.optional(),
  })
  .strict();
export type CustomInput = z.infer<typeof customBody>;

export const updateBody = z
  .object({
    question: questionText.optional(),
    answer: answerText.optional(),
    notes: notes.optional(),
    difficulty: difficulty.optional(),
    category: category.optional(),
    tags: tags.optional(),
    isPinned: z.boolean().optional(),
    isAnswered: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Please provide at least one field to update',
  });
export type UpdateInput = z.infer<typeof updateBody>;

/** Lists default to 50 per page (a whole session) so old clients that never paginate still get everything. */
export const listQuery = paginationQuery(50, 100)
  .extend({
    difficulty: difficulty.optional(),
    pinned: queryBoolean.optional(),
    category: category.optional(),
    tag: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type ListQuery = z.infer<typeof listQuery>;

const date = z.iso
  .datetime({ offset: true })
  .or(z.iso.date())
  .transform((s) => new Date(s));

export const searchQuery = paginationQuery(20, 100)
  .extend({
    // Optional when a filter is given (the controller requires one or the other).
    // A schema-wide `error` would also answer .max(): a long q read "please provide a search query".
    q: z.string().max(200).optional(),
    sessionId: objectId.optional(),
    difficulty: difficulty.optional(),
    pinned: queryBoolean.optional(),
    tags: z
      .string()
      .max(500)
      .transform((s) =>
        s
          .split(',')
          .map((t) => t.trim())
          .filter(Boolean),
      )
      .optional(),
    category: category.optional(),
    from: date.optional(),
    to: date.optional(),
  })
  .strict();
export type SearchQuery = z.infer<typeof searchQuery>;

/** Search needs text or at least one filter (a bare search would just list everything). */
export const hasSearchCriteria = (q: SearchQuery) =>
  Boolean(q.q?.trim()) ||
  [q.sessionId, q.difficulty, q.pinned, q.category, q.from, q.to].some((v) => v !== undefined) ||
  Boolean(q.tags?.length);

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

const sessionSummaryField = sessionSummarySchema.nullable().openapi({
  description: 'The session the question belongs to (context beside the question; `session` stays the id).',
});

/** A question with its session's summary beside it (detail). */
const questionWithSession = questionSchema.extend({ sessionSummary: sessionSummaryField });

/** A search hit: the question, its session's summary and, for text searches, its relevance. */
const searchHit = questionSchema
  .extend({
    sessionSummary: sessionSummaryField,
    score: z.number().optional().openapi({ description: 'Relevance (text searches only).' }),
  })
  .openapi('QuestionSearchHit');

const uncoveredTopicsField = z
  .array(z.object({ topic: z.string(), closestTopic: z.string().nullable() }))
  .openapi({
    description:
      'Requested topics the offline question bank does not cover, with the bank topic used instead ' +
      '(always empty with a real model).',
  });

const questionEnvelope = envelope(z.object({ question: questionSchema }));
const questionsListEnvelope = listEnvelope(z.object({ questions: z.array(questionSchema) }));
const jobAccepted = {
  jobId: z.string(),
  checkStatusUrl: z.string().openapi({ example: '/api/v1/queue/question/665f1c2ab4d3e9a1c0ffee01' }),
};
const AI_ERRORS = ['ai_quota_exceeded'] as const;

export const generateRoute = defineRoute({
  summary: 'Generate questions for a session',
  description:
    'Missing fields default to the session’s own. When the generation cache holds enough questions the ' +
    'session does not already have, they are saved at once (201, `cached: true`); otherwise the request is ' +
    'queued (202) and the worker saves them: poll `checkStatusUrl` or listen for `question:generated` on the ' +
    'socket. Only queued requests count against the AI limits. A session holds at most 50 questions.',
  body: generateBody,
  example: { sessionId: '665f1c2ab4d3e9a1c0ffee00', count: 5, difficulty: 'medium' },
  responses: {
    201: {
      description: 'Served from the generation cache: the saved questions',
      schema: envelope(
        z.object({ questions: z.array(questionSchema), uncoveredTopics: uncoveredTopicsField }),
        { count: z.number().int(), cached: z.literal(true) },
      ),
    },
    202: {
      description: 'Queued: the worker generates them',
      schema: envelope(z.object({ uncoveredTopics: uncoveredTopicsField }), {
        ...jobAccepted,
        estimatedTime: z.string().openapi({ example: '10-15 seconds' }),
        estimatedSeconds: z.number(),
      }),
    },
  },
  errors: ['session_not_found', 'question_limit_reached', ...AI_ERRORS],
});

export const searchRoute = defineRoute({
  summary: "Search the user's questions",
  description:
    'Typo-tolerant text search (`q` is text, never a regex) and/or filters; at least one of them is ' +
    'required. Text searches sort by relevance, filter-only searches newest first.',
  query: searchQuery,
  responses: {
    200: {
      description: 'One page of matching questions, each with its session summary',
      schema: listEnvelope(z.object({ questions: z.array(searchHit), searchQuery: z.string() })),
    },
  },
});

export const customRoute = defineRoute({
  summary: 'Add a question written by the user',
  body: customBody,
  example: {
    sessionId: '665f1c2ab4d3e9a1c0ffee00',
    question: 'How does the Node.js event loop schedule timers?',
    answer: 'Timers run in the timers phase once their threshold has elapsed...',
    difficulty: 'medium',
    tags: ['node', 'event-loop'],
  },
  responses: { 201: { description: 'The new question', schema: questionEnvelope } },
  errors: ['session_not_found', 'question_limit_reached', 'duplicate_question'],
});

export const listBySessionRoute = defineRoute({
  summary: "A session's questions, oldest first",
  params: sessionIdParams,
  query: listQuery,
  responses: { 200: { description: 'One page of questions', schema: questionsListEnvelope } },
  errors: ['session_not_found'],
});

export const pinnedRoute = defineRoute({
  summary: "A session's pinned questions, newest first",
  params: sessionIdParams,
  responses: {
    200: {
      description: 'The pinned questions',
      schema: envelope(z.object({ questions: z.array(questionSchema) }), { count: z.number().int() }),
    },
  },
  errors: ['session_not_found'],
});

const byDifficulty = z.object({ easy: z.number().int(), medium: z.number().int(), hard: z.number().int() });
export const statsRoute = defineRoute({
  summary: "A session's question figures",
  params: sessionIdParams,
  responses: {
    200: {
      description: 'Counts by pin state, difficulty and source, the cap, and practice figures',
      schema: envelope(
        z.object({
          stats: z.object({
            total: z.number().int(),
            pinned: z.number().int(),
            unpinned: z.number().int(),
            byDifficulty,
            bySource: z.object({
              ai: z.number().int(),
              custom: z.number().int(),
              template: z.number().int(),
            }),
            limit: z.number().int(),
            remaining: z.number().int(),
            practice: z.object({
              attempts: z.number().int(),
              averageScore: z.number().nullable(),
              practisedQuestions: z.number().int(),
            }),
          }),
          session: z.object({
            role: z.string(),
            experience: z.string(),
            topics: z.array(z.string()),
          }),
        }),
      ),
    },
  },
  errors: ['session_not_found'],
});

export const regenerateRoute = defineRoute({
  summary: 'Replace a question and its answer',
  description:
    'Keeps pin, notes, difficulty, category and tags. The AI call runs in the worker: the request waits ' +
    'up to REGENERATE_WAIT_MS and answers 200 with the question, or 202 with a job id when the worker is slower.',
  params: idParams,
  responses: {
    200: { description: 'The regenerated question', schema: questionEnvelope },
    202: { description: 'Still running: poll `checkStatusUrl`', schema: envelope(undefined, jobAccepted) },
  },
  errors: ['question_not_found', 'session_not_found', 'ai_failed', ...AI_ERRORS],
});

export const togglePinRoute = defineRoute({
  summary: 'Pin or unpin a question',
  params: idParams,
  responses: {
    200: {
      description: 'The new pin state and the question',
      schema: envelope(z.object({ isPinned: z.boolean(), question: questionSchema })),
    },
  },
  errors: ['question_not_found'],
});

export const getQuestionRoute = defineRoute({
  summary: 'A question, with its session summary',
  params: idParams,
  responses: {
    200: {
      description: 'The question',
      schema: envelope(z.object({ question: questionWithSession })),
    },
  },
  errors: ['question_not_found'],
});

export const updateQuestionRoute = defineRoute({
  summary: 'Update a question',
  params: idParams,
  body: updateBody,
  example: { notes: 'Mention setImmediate vs setTimeout(0)', difficulty: 'hard' },
  responses: { 200: { description: 'The updated question', schema: questionEnvelope } },
  errors: ['question_not_found', 'duplicate_question'],
});

export const deleteQuestionRoute = defineRoute({
  summary: 'Delete a question',
  params: idParams,
  responses: {
    200: { description: 'Deleted', schema: envelope(z.object({ deletedId: z.string() })) },
  },
  errors: ['question_not_found'],
});
