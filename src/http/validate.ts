import type { Request } from 'express';
import { z } from 'zod';
import { ValidationError, type FieldError } from '../lib/errors';

/** zod issues → the contract's `errors: [{ field, message }]`. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(','), message: `Unknown field(s): ${issue.keys.join(', ')}` };
    }
    return { field: issue.path.map(String).join('.') || '(root)', message: issue.message };
  });
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message = 'Validation error',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldErrors(result.error), message);
  return result.data;
}

// Express 5 leaves req.body undefined when no body parser matched (no JSON content type): treat it as {}.
export const parseBody = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> =>
  parseWith(schema, req.body ?? {});
export const parseQuery = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> =>
  parseWith(schema, req.query);
export const parseParams = <S extends z.ZodType>(schema: S, req: Request): z.infer<S> =>
  parseWith(schema, req.params);
