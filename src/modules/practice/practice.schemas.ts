import { z } from 'zod';
import { idParams, paginationQuery } from '../../http/schemas';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { masterySchema } from '../questions/question-entity.schemas';
import { ATTEMPT_STATUS } from './attempt.model';

export const ANSWER_MAX_CHARS = 5000;

/** POST /question/:id/attempts */
export const attemptBody = z
  .object({
    answer: z
      .string({ error: 'answer is required' })
      .trim()
      .min(1, 'answer must not be empty')
      .max(ANSWER_MAX_CHARS, `answer must be at most ${ANSWER_MAX_CHARS} characters`),
  })
  .strict();

/** GET /question/:id/attempts */
export const attemptsQuery = paginationQuery(20, 100).strict();
export type AttemptsQuery = z.infer<typeof attemptsQuery>;

/** POST /question/:id/explain takes no body; unknown fields are refused like everywhere else. */
export const explainBody = z.object({}).strict();

/**
 * What the worker accepts from a provider before storing an evaluation. The provider's own parser
 * already rejects malformed output; this is the storage contract (a provider bug must not store a score
 * of 11 or NaN).
 */
export const evaluationResult = z.object({
  score: z.number().finite().min(0).max(10),
  feedback: z.string().trim().min(1).max(5000),
  strengths: z.array(z.string().max(500)).max(10),
  improvements: z.array(z.string().max(500)).max(10),
});

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

const dateTime = z.string().openapi({ format: 'date-time' });

export const attemptSchema = z
  .object({
    _id: z.string(),
    id: z.string(),
    question: z.string().openapi({ description: 'The question id.' }),
    session: z.string().openapi({ description: 'The session id.' }),
    answer: z.string(),
    status: z.enum(ATTEMPT_STATUS),
    score: z.number().nullable().openapi({ description: '0..10 once evaluated.' }),
    feedback: z.string().nullable(),
    strengths: z.array(z.string()),
    improvements: z.array(z.string()),
    provider: z.string().nullable(),
    error: z.string().optional().openapi({ description: 'Why the evaluation failed (failed only).' }),
    topic: z.string(),
    difficulty: z.string(),
    evaluatedAt: dateTime.nullable(),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .openapi('Attempt', { description: 'An answer to a question and its AI evaluation.' });

export const explanationSchema = z
  .object({
    questionId: z.string(),
    explanation: z.string(),
    keyPoints: z.array(z.string()),
    example: z.string().optional(),
    provider: z.string(),
    cached: z.boolean(),
    generatedAt: dateTime,
  })
  .openapi('Explanation', { description: 'The concept behind a question, explained.' });

const jobParams = z.object({ jobId: z.string().min(1).max(100) });

const jobAccepted = (example: string) => ({
  jobId: z.string(),
  checkStatusUrl: z.string().openapi({ example }),
});

/** The job envelope the status endpoints share: job fields at the top level, the result under data. */
const jobStatusEnvelope = (data: z.ZodType) =>
  z.object({
    success: z.boolean().openapi({ description: 'false when the job failed' }),
    status: z.string().openapi({ example: 'completed' }),
    progress: z.number(),
    jobId: z.string(),
    type: z.string(),
    message: z.string(),
    error: z.string().optional(),
    data: data.optional(),
  });

const AI_ERRORS = ['ai_quota_exceeded'] as const;

export const submitAttemptRoute = defineRoute({
  summary: 'Answer a question: the AI scores it in the worker',
  description:
    'Records the attempt and queues its evaluation (score 0–10, feedback, strengths, improvements); ' +
    'poll `checkStatusUrl` or wait for the `notification` socket event.',
  params: idParams,
  body: attemptBody,
  example: { answer: 'The event loop runs timers, then I/O callbacks, then setImmediate callbacks...' },
  responses: {
    202: {
      description: 'Queued',
      schema: envelope(
        z.object({ attempt: attemptSchema }),
        jobAccepted('/api/v1/queue/evaluation/665f1c2ab4d3e9a1c0ffee02'),
      ),
    },
  },
  errors: ['question_not_found', ...AI_ERRORS],
});

export const listAttemptsRoute = defineRoute({
  summary: "A question's attempts, newest first, and its mastery",
  params: idParams,
  query: attemptsQuery,
  responses: {
    200: {
      description: 'One page of attempts',
      schema: listEnvelope(z.object({ attempts: z.array(attemptSchema), mastery: masterySchema })),
    },
  },
  errors: ['question_not_found'],
});

export const explainRoute = defineRoute({
  summary: 'Explain the concept behind a question',
  description:
    'Served from the per-question cache when it holds an explanation of the current text; otherwise the ' +
    'worker writes it and the request waits up to REGENERATE_WAIT_MS (200), or answers 202 with a job id.',
  params: idParams,
  body: explainBody,
  responses: {
    200: {
      description: 'The explanation',
      schema: envelope(z.object({ explanation: explanationSchema })),
    },
    202: {
      description: 'Still running: poll `checkStatusUrl`',
      schema: envelope(undefined, jobAccepted('/api/v1/queue/explanation/x0123456789abcdef')),
    },
  },
  errors: ['question_not_found', 'ai_failed', ...AI_ERRORS],
});

export const evaluationStatusRoute = defineRoute({
  summary: 'Status of an answer evaluation',
  params: jobParams,
  responses: {
    200: {
      description: 'The job state; `data.attempt` holds the attempt (scored once completed)',
      schema: jobStatusEnvelope(z.object({ attempt: attemptSchema })),
    },
  },
  errors: ['job_not_found'],
});

export const explanationStatusRoute = defineRoute({
  summary: 'Status of a concept explanation',
  params: jobParams,
  responses: {
    200: {
      description: 'The job state; `data.explanation` once completed',
      schema: jobStatusEnvelope(z.object({ explanation: explanationSchema })),
    },
  },
  errors: ['job_not_found'],
});
