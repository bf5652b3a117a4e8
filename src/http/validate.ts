import type { Request } from 'express';
import { z } from 'zod';
import { AppError, ValidationError, type FieldError } from '../lib/errors';

type Issue = z.core.$ZodIssue & { input?: unknown };

/** `topicsToFocus.0` → `topicsToFocus[0]`: how a person names the field in a message. */
const labelOf = (path: readonly PropertyKey[]) =>
  path.length === 0
    ? 'The input'
    : path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

const TYPE_NAMES: Record<string, string> = {
  int: 'an integer',
  bigint: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'a boolean (true or false)',
  array: 'an array',
  object: 'an object',
  date: 'a date',
};
const typeName = (expected: string) => TYPE_NAMES[expected] ?? `a ${expected}`;

const FORMAT_NAMES: Record<string, string> = {
  datetime: 'an ISO 8601 date-time',
  date: 'an ISO 8601 date (YYYY-MM-DD)',
  email: 'a valid email address',
  url: 'a valid URL',
};
const formatName = (format: string) => FORMAT_NAMES[format] ?? `a valid ${format}`;

const plural = (n: number | bigint, one: string) => `${n} ${one}${Number(n) === 1 ? '' : 's'}`;

/** What a person can act on, for one issue whose schema set no message of its own. */
function humanMessage(issue: Issue, field: string): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `${field} must be ${typeName(issue.expected)}`;
    case 'too_big': {
      const n = issue.maximum;
      if (issue.origin === 'string') return `${field} is too long (at most ${plural(n, 'character')})`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${field} has too many items (at most ${n})`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false
          ? `${field} must be less than ${n}`
          : `${field} must be at most ${n}`;
      }
      return `${field} is too large (at most ${n})`;
    }
    case 'too_small': {
      const n = issue.minimum;
      if (issue.origin === 'string') return `${field} is too short (at least ${plural(n, 'character')})`;
      if (issue.origin === 'array' || issue.origin === 'set')
        return `${field} needs at least ${plural(n, 'item')}`;
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        return issue.inclusive === false
          ? `${field} must be more than ${n}`
          : `${field} must be at least ${n}`;
      }
      return `${field} is too small (at least ${n})`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `${field} must be ${JSON.stringify(issue.values[0])}`
        : `${field} must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? `${field} has an invalid format`
        : `${field} must be ${formatName(issue.format)}`;
    case 'not_multiple_of':
      return `${field} must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_union': {
      // "from must be an ISO 8601 date-time or an ISO 8601 date (YYYY-MM-DD)", when every option says what it wants.
      const wants = issue.errors.map(([first]) =>
        first?.code === 'invalid_type'
          ? typeName(first.expected)
          : first?.code === 'invalid_format' && first.format !== 'regex'
            ? formatName(first.format)
            : undefined,
      );
      return wants.length && wants.every(Boolean)
        ? `${field} must be ${[...new Set(wants)].join(' or ')}`
        : `${field} is not valid`;
    }
    default:
      return undefined;
  }
}

/** zod's own (English) message for an issue: those are replaced, a schema's own messages are kept. */
function isZodDefault(issue: Issue): boolean {
  const made = z.config().localeError?.(issue as never);
  const text = typeof made === 'string' ? made : made?.message;
  if (!text) return false;
  // "Invalid input: expected number, received NaN": what was received needs the input, which may be absent.
  if (issue.code === 'invalid_type')
    return issue.message.startsWith(text.slice(0, text.lastIndexOf('received ')));
  return issue.message === text;
}

/** A field that was not sent at all. `input` is there when the parse ran with `reportInput` (parseWith does). */
const isMissing = (issue: Issue) =>
  issue.path.length > 0 &&
  ('input' in issue
    ? issue.input === undefined && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code)
    : issue.code === 'invalid_type' && issue.message.endsWith('received undefined'));

/**
 * zod issues → the contract's `errors: [{ field, message }]`, one central wording a person can act on:
 * "<field> is required", "<field> must be a number", "<field> is too long (at most N characters)".
 * zod's default texts ("Invalid input: expected string, received undefined") never reach a client;
 * a message a schema sets itself is kept, except that a missing field always reads "<field> is required".
 */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.map((raw) => {
    const issue = raw as Issue;
    if (issue.code === 'unrecognized_keys') {
      return { field: issue.keys.join(','), message: `Unknown field(s): ${issue.keys.join(', ')}` };
    }
    const field = issue.path.map(String).join('.') || '(root)';
    const label = labelOf(issue.path);
    if (isMissing(issue)) return { field, message: `${label} is required` };
    const message = (isZodDefault(issue) && humanMessage(issue, label)) || issue.message;
    return { field, message };
  });
}

export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  message = 'Validation error',
): z.infer<S> {
  // reportInput: toFieldErrors tells a missing field ("is required") from a wrong one.
  const result = schema.safeParse(input, { reportInput: true });
  if (!result.success) throw new ValidationError(toFieldErrors(result.error), message);
  return result.data;
}

const JSON_TYPES = ['application/json', 'application/*+json'];

/** An empty body (`Content-Length: 0`, as clients send for a bare POST) is no body: it validates as `{}`. */
const sendsBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * 415 for a body that is not JSON (curl -d sends a form by default): JSON routes say how to send it.
 */
export function requireJsonBody(req: Request): void {
  if (sendsBody(req) && !req.is(JSON_TYPES)) {
    throw new AppError(
      415,
      'unsupported_media_type',
      'Request body must be JSON: send it with the header Content-Type: application/json',
    );
  }
}
