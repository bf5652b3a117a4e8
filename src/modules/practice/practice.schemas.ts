import { z } from 'zod';
import { paginationQuery } from '../../http/schemas';

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
