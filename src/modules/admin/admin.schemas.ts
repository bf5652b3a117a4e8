import { z } from 'zod';
import { idParams, paginationQuery, queryBoolean } from '../../http/schemas';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { USER_ROLES } from '../users/user.model';
import { userSchema } from '../auth/auth.schemas';

const role = z.enum(USER_ROLES, { error: `role must be one of ${USER_ROLES.join(', ')}` });

export const listUsersQuery = paginationQuery(20, 100)
  .extend({
    search: z.string().trim().max(200).optional(),
    role: role.optional(),
    disabled: queryBoolean.optional(),
  })
  .strict();
export type ListUsersQuery = z.infer<typeof listUsersQuery>;

export const updateUserBody = z
  .object({
    disabled: z.boolean({ error: 'disabled must be a boolean' }).optional(),
    role: role.optional(),
  })
  .strict()
  .refine((v) => v.disabled !== undefined || v.role !== undefined, {
    message: 'Provide disabled and/or role',
  });
export type UpdateUserInput = z.infer<typeof updateUserBody>;

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

/** A user as admins see it: the public user plus the disabled flag. */
// A copy of the shape, not `.extend()`: an extended strict object would become an unsatisfiable `allOf`.
const adminUserSchema = z.strictObject({ ...userSchema.shape, disabled: z.boolean() }).openapi('AdminUser');

const counts = z.record(z.string(), z.number().int());
const statsSchema = z
  .strictObject({
    users: z.strictObject({ total: z.number().int(), admins: z.number().int(), disabled: z.number().int() }),
    sessions: z.strictObject({ total: z.number().int(), byStatus: counts }),
    questions: z.strictObject({ total: z.number().int(), bySource: counts }),
    jobs: z.record(z.string(), counts).openapi({ description: 'Per queue: job counts by state' }),
    cache: z.strictObject({
      hits: z.number().int(),
      misses: z.number().int(),
      hitRate: z.number().nullable(),
      byArea: z.record(z.string(), z.strictObject({ hits: z.number().int(), misses: z.number().int() })),
    }),
    ai: z.strictObject({
      day: z.string().openapi({ description: 'UTC day, YYYY-MM-DD' }),
      calls: z.number().int(),
      byOperation: counts,
      promptTokens: z.number().int(),
      completionTokens: z.number().int(),
      totalTokens: z.number().int(),
    }),
    generatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AdminStats');

export const listUsersRoute = defineRoute({
  summary: 'Search users (admins only)',
  query: listUsersQuery,
  responses: {
    200: {
      description: 'One page of users, newest first',
      schema: listEnvelope(z.object({ users: z.array(adminUserSchema) })),
    },
  },
});
export const updateUserRoute = defineRoute({
  summary: 'Disable/enable a user or change their role (admins only)',
  description: 'Disabling revokes every session of the user and closes their sockets.',
  params: idParams,
  body: updateUserBody,
  example: { disabled: true },
  responses: {
    200: { description: 'The updated user', schema: envelope(z.object({ user: adminUserSchema })) },
  },
  errors: ['user_not_found', 'cannot_modify_self'],
});
export const statsRoute = defineRoute({
  summary: "Totals, queue states and today's cache and AI figures (admins only)",
  responses: { 200: { description: 'The statistics', schema: envelope(statsSchema) } },
});
