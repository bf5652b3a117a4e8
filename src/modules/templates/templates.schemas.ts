import { z } from 'zod';
import { paginationQuery } from '../../http/schemas';
import { emailField } from '../auth/auth.schemas';
import { EXPERIENCE, roleText } from '../sessions/sessions.schemas';

const percent = z.number().int().min(0).max(100);

/** Free-text role, the same rule as a session's. */
const role = roleText;

const fields = {
  name: z.string({ error: 'Name must be a string' }).trim().min(1, 'Name is required').max(100),
  description: z.string().trim().max(1000),
  role,
  experience: z.enum(EXPERIENCE, { error: `Invalid experience. Allowed: ${EXPERIENCE.join(', ')}` }),
  topicsToFocus: z
    .array(
      // No schema-wide `error`: zod gives it to the checks too (a long topic read "must be a string").
      z.string().trim().min(1, 'Topics must be non-empty strings').max(100),
    )
    .min(1, 'topicsToFocus must be a non-empty array')
    .max(20, 'At most 20 topics'),
  questionCount: z
    .number()
    .int()
    .min(1, 'questionCount must be 1..10')
    .max(10, 'questionCount must be 1..10'),
  difficultyMix: z
    .object({ easy: percent.default(0), medium: percent.default(0), hard: percent.default(0) })
    .strict()
    .refine((m) => m.easy + m.medium + m.hard === 100, {
      message: 'difficultyMix percentages must add up to 100',
    }),
  isPublic: z.boolean({ error: 'isPublic must be a boolean' }),
};

export const createTemplateBody = z
  .object({
    name: fields.name,
    description: fields.description.optional(),
    role: fields.role,
    experience: fields.experience,
    topicsToFocus: fields.topicsToFocus,
    questionCount: fields.questionCount.optional(),
    difficultyMix: fields.difficultyMix.optional(),
    isPublic: fields.isPublic.optional(),
  })
  .strict();
export type CreateTemplateInput = z.infer<typeof createTemplateBody>;

export const updateTemplateBody = z
  .object({
    name: fields.name.optional(),
    description: fields.description.optional(),
    role: fields.role.optional(),
    experience: fields.experience.optional(),
    topicsToFocus: fields.topicsToFocus.optional(),
    questionCount: fields.questionCount.optional(),
    difficultyMix: fields.difficultyMix.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Provide at least one field to update',
  });
export type UpdateTemplateInput = z.infer<typeof updateTemplateBody>;

/** Exactly one of `{ email }` (share with that address) or `{ isPublic }`. */
export const shareBody = z
  .object({ email: emailField.optional(), isPublic: fields.isPublic.optional() })
  .strict()
  .refine((v) => (v.email === undefined) !== (v.isPublic === undefined), {
    message: 'Provide either email or isPublic',
  });
export type ShareInput = z.infer<typeof shareBody>;

export const applyBody = z
  .object({ generate: z.boolean({ error: 'generate must be a boolean' }).default(false) })
  .strict();

export const listTemplatesQuery = paginationQuery(20, 100).strict();
export type ListTemplatesQuery = z.infer<typeof listTemplatesQuery>;
