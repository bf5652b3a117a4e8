import { z } from 'zod';
import { nonBlank, objectId, paginationQuery, queryBoolean } from '../../http/schemas';
import { EXPERIENCE, roleText } from '../sessions/sessions.schemas';
import { DIFFICULTY } from './question.model';

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
