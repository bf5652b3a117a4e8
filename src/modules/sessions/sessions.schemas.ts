import { z } from 'zod';
import { idParams, paginationQuery } from '../../http/schemas';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { EXPERIENCE, ROLES, SESSION_STATUS } from './session.model';
import { questionSchema, questionSummarySchema } from '../questions/question-entity.schemas';

// Other features validate roles and experience levels against the same lists.
export { EXPERIENCE, ROLES, SESSION_STATUS };

const topics = z
  .array(
    // No schema-wide `error` here: zod would give it to every check too, so a too-long topic read "must be
    // a string". Type and length messages come from validate.ts (toFieldErrors).
    z.string().trim().min(1, 'Topics must be non-empty strings').max(100),
  )
  .min(1, 'topicsToFocus must be a non-empty array')
  .max(20, 'At most 20 topics');

/** Free text, 2..100 characters after trimming; the old role values are simply valid texts. */
export const roleText = z
  .string()
  .trim()
  .min(2, 'role must be 2 to 100 characters')
  .max(100, 'role must be 2 to 100 characters');

const fields = {
  role: roleText,
  experience: z.enum(EXPERIENCE, { error: `Invalid experience. Allowed: ${EXPERIENCE.join(', ')}` }),
  topicsToFocus: topics,
  description: z.string().trim().max(1000),
  status: z.enum(SESSION_STATUS, { error: `Invalid status. Allowed: ${SESSION_STATUS.join(', ')}` }),
  duration: z.number().int().min(1).max(300),
};

export const createSessionBody = z
  .object({
    role: fields.role,
    experience: fields.experience,
    topicsToFocus: fields.topicsToFocus,
    description: fields.description.optional(),
    status: fields.status.optional(),
    duration: fields.duration.optional(),
  })
  .strict();
export type CreateSessionInput = z.infer<typeof createSessionBody>;

export const updateSessionBody = z
  .object({
    role: fields.role.optional(),
    experience: fields.experience.optional(),
    topicsToFocus: fields.topicsToFocus.optional(),
    description: fields.description.optional(),
    status: fields.status.optional(),
    duration: fields.duration.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: 'Provide at least one field to update',
  });
export type UpdateSessionInput = z.infer<typeof updateSessionBody>;

export const listSessionsQuery = paginationQuery(20, 100)
  .extend({ status: fields.status.optional() })
  .strict();
export type ListSessionsQuery = z.infer<typeof listSessionsQuery>;

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

const sessionFields = z.object({
  _id: z.string(),
  id: z.string(),
  user: z.string(),
  role: z.string(),
  experience: z.enum(EXPERIENCE),
  topicsToFocus: z.array(z.string()),
  description: z.string(),
  status: z.enum(SESSION_STATUS),
  duration: z.number().int(),
  questionCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A session with its questions in full (create, detail, update): pinned first, then newest. */
export const sessionSchema = sessionFields.extend({ questions: z.array(questionSchema) }).openapi('Session');

/** A session as the list shows it: each question in brief (`GET /session/:id` has them in full). */
const sessionListItemSchema = sessionFields
  .extend({ questions: z.array(questionSummarySchema) })
  .openapi('SessionListItem');

const sessionEnvelope = envelope(z.object({ session: sessionSchema }));

export const createSessionRoute = defineRoute({
  summary: 'Create an interview session',
  body: createSessionBody,
  example: { role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js', 'MongoDB'] },
  responses: { 201: { description: 'The new session', schema: sessionEnvelope } },
  errors: ['session_limit_reached'],
});
export const listSessionsRoute = defineRoute({
  summary: "List the user's sessions, newest first",
  query: listSessionsQuery,
  responses: {
    200: {
      description: 'One page of sessions',
      schema: listEnvelope(z.object({ sessions: z.array(sessionListItemSchema) })),
    },
  },
});
export const getSessionRoute = defineRoute({
  summary: 'A session with its questions, pinned first then newest',
  params: idParams,
  responses: { 200: { description: 'The session', schema: sessionEnvelope } },
  errors: ['session_not_found'],
});
export const updateSessionRoute = defineRoute({
  summary: 'Update a session',
  params: idParams,
  body: updateSessionBody,
  example: { status: 'in-progress' },
  responses: { 200: { description: 'The updated session', schema: sessionEnvelope } },
  errors: ['session_not_found'],
});
export const deleteSessionRoute = defineRoute({
  summary: 'Delete a session and everything under it',
  params: idParams,
  responses: {
    200: { description: 'Deleted', schema: envelope(z.object({ deletedId: z.string() })) },
  },
  errors: ['session_not_found'],
});
