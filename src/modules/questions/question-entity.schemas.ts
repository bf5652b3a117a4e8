import { z } from 'zod';
import '../../http/route-spec'; // extends zod with `.openapi()`
import { DIFFICULTY, QUESTION_PROVIDERS, QUESTION_SOURCES } from './question.model';

/**
 * The question entity's response schemas, in a file of their own (no imports from other features) so
 * the sessions module can document its populated questions without an import cycle. What
 * `toQuestionDto` (questions.dto.ts) returns is exactly `questionSchema`.
 */

const dateTime = z.string().openapi({ format: 'date-time', example: '2026-01-01T12:00:00.000Z' });
const id = z.string().openapi({ example: '665f1c2ab4d3e9a1c0ffee01' });

export const masterySchema = z
  .object({
    attempts: z.number().int(),
    latestScore: z.number().nullable(),
    bestScore: z.number().nullable(),
    averageScore: z.number().nullable(),
    trend: z.enum(['improving', 'declining', 'steady', 'new']).nullable(),
    lastAttemptAt: dateTime.nullable(),
  })
  .openapi('Mastery', {
    description:
      "Practice figures from the user's scored attempts at a question (all null: never practised).",
  });

export const questionSchema = z
  .object({
    _id: id,
    id: id.openapi({ description: 'Alias of `_id`.' }),
    session: id.openapi({ description: 'The id of the session the question belongs to (always an id).' }),
    user: id.openapi({ description: 'The owner.' }),
    question: z.string(),
    answer: z.string(),
    notes: z.string(),
    isPinned: z.boolean(),
    difficulty: z.enum(DIFFICULTY),
    category: z.string(),
    tags: z.array(z.string()),
    source: z.enum(QUESTION_SOURCES),
    provider: z
      .enum(QUESTION_PROVIDERS)
      .nullable()
      .openapi({ description: 'The AI provider that wrote it; null for questions people wrote.' }),
    isAnswered: z.boolean(),
    createdAt: dateTime,
    updatedAt: dateTime,
    questionWordCount: z.number().int(),
    answerWordCount: z.number().int(),
    isLongQuestion: z.boolean().openapi({ description: 'More than 100 words.' }),
    isComprehensiveAnswer: z.boolean().openapi({ description: 'An answer of more than 200 words.' }),
    mastery: masterySchema,
  })
  .openapi('Question', {
    description:
      'A question, with the same fields wherever it appears (lists, detail, search, job results, a ' +
      "session's questions, the socket `question:generated` event). `session` is always the session id; " +
      'endpoints that add context put it beside the question (`sessionSummary`).',
  });

export const sessionSummarySchema = z
  .object({
    _id: id,
    role: z.string(),
    experience: z.string(),
    topicsToFocus: z.array(z.string()),
  })
  .openapi('SessionSummary', { description: 'The session a question belongs to, in brief.' });

export const questionSummarySchema = z
  .object({
    _id: id,
    question: z.string(),
    difficulty: z.enum(DIFFICULTY),
    isPinned: z.boolean(),
  })
  .openapi('QuestionSummary', {
    description: 'What a session list shows of each of its questions (GET /session/:id has them in full).',
  });
