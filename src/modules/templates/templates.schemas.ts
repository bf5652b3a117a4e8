import { z } from 'zod';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { idParams, paginationQuery } from '../../http/schemas';
import { emailField } from '../auth/auth.schemas';
import { questionItemSchema } from '../queue/queue.schemas';
import { EXPERIENCE, roleText, sessionSchema } from '../sessions/sessions.schemas';

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

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

const isoDate = z.string().openapi({ format: 'date-time' });

/** A template as every endpoint returns it (templates.service.ts `toTemplateDto`). */
export const templateSchema = z
  .object({
    _id: z.string(),
    id: z.string(),
    owner: z.string().openapi({ description: "The owner's user id" }),
    isOwner: z.boolean(),
    name: z.string(),
    description: z.string(),
    role: z.string(),
    experience: z.enum(EXPERIENCE),
    topicsToFocus: z.array(z.string()),
    questionCount: z.number().int().min(1).max(10),
    difficultyMix: z.object({ easy: percent, medium: percent, hard: percent }),
    visibility: z.enum(['public', 'shared', 'private']),
    isPublic: z.boolean(),
    sharedWith: z
      .array(z.string())
      .optional()
      .openapi({ description: 'Emails it is shared with; only its owner sees this field' }),
    usageCount: z.number().int(),
    createdAt: isoDate,
    updatedAt: isoDate,
  })
  .openapi('Template');

const templateEnvelope = envelope(z.object({ template: templateSchema }));
const templateList = listEnvelope(z.object({ templates: z.array(templateSchema) }));
const templateExample = {
  name: 'Backend mid-level',
  role: 'Backend Developer',
  experience: 'mid-level',
  topicsToFocus: ['Node.js', 'MongoDB'],
  questionCount: 5,
  difficultyMix: { easy: 20, medium: 60, hard: 20 },
};

export const createTemplateRoute = defineRoute({
  summary: 'Create a session template',
  body: createTemplateBody,
  example: templateExample,
  responses: { 201: { description: 'The new template', schema: templateEnvelope } },
  errors: ['template_name_taken'],
});
export const listTemplatesRoute = defineRoute({
  summary: 'My templates and the ones shared with me, most recently changed first',
  query: listTemplatesQuery,
  responses: { 200: { description: 'One page of templates', schema: templateList } },
});
export const listPublicTemplatesRoute = defineRoute({
  summary: 'Public templates, most used first',
  query: listTemplatesQuery,
  responses: { 200: { description: 'One page of public templates', schema: templateList } },
});
export const getTemplateRoute = defineRoute({
  summary: 'A template you own, that is shared with you, or that is public',
  params: idParams,
  responses: { 200: { description: 'The template', schema: templateEnvelope } },
  errors: ['template_not_found'],
});
export const updateTemplateRoute = defineRoute({
  summary: 'Update a template (owner only)',
  params: idParams,
  body: updateTemplateBody,
  example: { questionCount: 8 },
  responses: { 200: { description: 'The updated template', schema: templateEnvelope } },
  errors: ['template_not_found', 'not_template_owner', 'template_name_taken'],
});
export const deleteTemplateRoute = defineRoute({
  summary: 'Delete a template (owner only)',
  params: idParams,
  responses: {
    200: { description: 'Deleted', schema: envelope(z.object({ deletedId: z.string() })) },
  },
  errors: ['template_not_found', 'not_template_owner'],
});
export const shareTemplateRoute = defineRoute({
  summary: 'Share a template with an email address, or make it public or private (owner only)',
  params: idParams,
  body: shareBody,
  example: { email: 'friend@example.com' },
  responses: { 200: { description: 'The template after sharing', schema: templateEnvelope } },
  errors: ['template_not_found', 'not_template_owner', 'cannot_share_with_self'],
});
export const applyTemplateRoute = defineRoute({
  summary: 'Create a session from a template, optionally generating its questions',
  description:
    'Without `generate`: 201 with the session. With `generate: true`: 201 with the questions when the ' +
    'generation cache has them (`cached: true`, `count`), else 202 with the generation job ' +
    '(`jobId`, `checkStatusUrl`). If generation is refused (quota, rate limit) no session is left behind.',
  params: idParams,
  body: applyBody,
  example: { generate: true },
  responses: {
    201: {
      description: 'The session (and, from the generation cache, its questions)',
      schema: envelope(
        z.object({
          session: sessionSchema,
          template: templateSchema,
          questions: z.array(questionItemSchema).optional(),
        }),
        { count: z.number().int().optional(), cached: z.literal(true).optional() },
      ),
    },
    202: {
      description: 'The session; question generation queued',
      schema: envelope(z.object({ session: sessionSchema, template: templateSchema }), {
        jobId: z.string(),
        checkStatusUrl: z.string().openapi({ example: '/api/v1/queue/question/665f1c2ab1e4c1a2b3c4d5e6' }),
        estimatedTime: z.string(),
      }),
    },
  },
  errors: ['template_not_found', 'session_limit_reached', 'ai_quota_exceeded'],
});
