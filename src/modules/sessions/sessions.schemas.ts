import { z } from 'zod';
import { paginationQuery } from '../../http/schemas';
import { EXPERIENCE, ROLES, SESSION_STATUS } from './session.model';

// Other features validate roles and experience levels against the same lists.
export { EXPERIENCE, ROLES, SESSION_STATUS };

const topics = z
  .array(
    z
      .string({ error: 'Each topic must be a string' })
      .trim()
      .min(1, 'Topics must be non-empty strings')
      .max(100),
  )
  .min(1, 'topicsToFocus must be a non-empty array')
  .max(20, 'At most 20 topics');

/** Free text, 2..100 characters after trimming; the old role values are simply valid texts. */
export const roleText = z
  .string({ error: 'role must be a string' })
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
