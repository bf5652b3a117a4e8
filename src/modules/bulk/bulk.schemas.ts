import { z } from 'zod';
import { DIFFICULTY } from '../questions/question.model';

export const BULK_MAX_IDS = 500;
const OBJECT_ID = /^[a-f\d]{24}$/i;
const REQUIRED = 'questionIds array is required';

/**
 * 1..500 question ids. Each entry is checked on its own so the error names every bad id (the old API's
 * `invalidIds`); duplicates are merged and ids lower-cased.
 */
const questionIds = z
  .array(z.unknown(), { error: REQUIRED })
  .min(1, REQUIRED)
  .max(BULK_MAX_IDS, `At most ${BULK_MAX_IDS} questionIds per request`)
  .superRefine((ids, ctx) => {
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || !OBJECT_ID.test(id))
        ctx.addIssue({ code: 'custom', path: [i], message: 'Invalid question id' });
    });
  })
  .transform((ids) => [...new Set((ids as string[]).map((id) => id.toLowerCase()))]);

export const bulkDeleteBody = z.object({ questionIds }).strict();

export const bulkDifficultyBody = z
  .object({
    questionIds,
    difficulty: z.enum(DIFFICULTY, { error: 'Invalid difficulty. Use: easy, medium, or hard' }),
  })
  .strict();

export const bulkPinBody = z
  .object({ questionIds, isPinned: z.boolean({ error: 'isPinned must be a boolean' }) })
  .strict();
