import { z } from 'zod';
import { defineRoute, envelope, type InputFailure } from '../../http/route-spec';
import { toFieldErrors } from '../../http/validate';
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

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

/**
 * The old API's 400 for a bulk body: bad ids give "Invalid question IDs found" and `invalidIds` (besides
 * the usual `errors`); other problems give the first field's message.
 */
function bulkInvalid({ error, input }: InputFailure) {
  const ids = (input as { questionIds?: unknown } | undefined)?.questionIds;
  const invalidIds = error.issues
    .filter((i) => i.path[0] === 'questionIds' && typeof i.path[1] === 'number')
    .map((i) => (ids as unknown[])[i.path[1] as number]);
  if (invalidIds.length) return { message: 'Invalid question IDs found', extra: { invalidIds } };
  return { message: toFieldErrors(error)[0]?.message ?? 'Validation error' };
}

/** Per-id outcome: ids that do not exist or belong to someone else fail with `not_found`. */
export const bulkResultsSchema = z
  .object({
    requested: z.number().int().openapi({ description: 'Distinct ids in the request' }),
    succeeded: z.number().int(),
    failed: z.number().int(),
    failures: z.array(z.object({ id: z.string(), reason: z.enum(['not_found']) })),
  })
  .openapi('BulkResults');

const bulkEnvelope = (countField: 'deletedCount' | 'modifiedCount') =>
  envelope(z.object({ results: bulkResultsSchema }), { [countField]: z.number().int() });

const exampleIds = ['665f1c2ab1e4c1a2b3c4d5e6', '665f1c2ab1e4c1a2b3c4d5e7'];

export const bulkDeleteRoute = defineRoute({
  summary: 'Delete several of your questions',
  description: `1..${BULK_MAX_IDS} ids; duplicates count once.`,
  body: bulkDeleteBody,
  invalidInput: bulkInvalid,
  example: { questionIds: exampleIds },
  responses: {
    200: { description: '`deletedCount` at the top level (old shape)', schema: bulkEnvelope('deletedCount') },
  },
});

export const bulkDifficultyRoute = defineRoute({
  summary: 'Set the difficulty of several of your questions',
  body: bulkDifficultyBody,
  invalidInput: bulkInvalid,
  example: { questionIds: exampleIds, difficulty: 'hard' },
  responses: {
    200: {
      description: '`modifiedCount` at the top level (old shape)',
      schema: bulkEnvelope('modifiedCount'),
    },
  },
});

export const bulkPinRoute = defineRoute({
  summary: 'Pin or unpin several of your questions (sets, does not flip)',
  body: bulkPinBody,
  invalidInput: bulkInvalid,
  example: { questionIds: exampleIds, isPinned: true },
  responses: {
    200: {
      description: '`modifiedCount` at the top level (old shape)',
      schema: bulkEnvelope('modifiedCount'),
    },
  },
});
