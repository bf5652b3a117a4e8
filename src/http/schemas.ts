import { z } from 'zod';

/** Shared request building blocks. ObjectIds are checked here so invalid ids never reach Mongoose. */
export const objectId = z.string().regex(/^[a-fA-F\d]{24}$/, 'Must be a valid id');
export const idParams = z.object({ id: objectId });

/** `?page&limit` with the contract's defaults (20, max 100). Non-numeric values are 400s, never NaN. */
export const paginationQuery = (defaultLimit = 20, maxLimit = 100) =>
  z.object({
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    limit: z.coerce.number().int().min(1).max(maxLimit).default(defaultLimit),
  });

/** Query-string booleans: only the words true/false (and 1/0) are accepted. */
export const queryBoolean = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** A trimmed string that must not be blank after trimming. */
export const nonBlank = (min: number, max: number) => z.string().trim().min(min).max(max);
