import { z } from 'zod';
import { paginationQuery, queryBoolean } from '../../http/schemas';
import { USER_ROLES } from '../users/user.model';

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
