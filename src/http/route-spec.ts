import type { Request, RequestHandler } from 'express';
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { ErrorCode } from '../lib/error-codes';
import { parseWith, requireJsonBody, toFieldErrors } from './validate';

// Schemas name themselves for the OpenAPI document with `.openapi('Name')`; every schema module imports this one first.
extendZodWithOpenApi(z);

/** What a success response looks like, for the OpenAPI document (JSON unless `contentType` says otherwise). */
export interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  /** e.g. `application/pdf` for downloads, `text/plain` for metrics; several for a file of any format. */
  contentType?: string | readonly string[];
}

/**
 * Everything one route line needs besides its handler: the schemas that validate its input and the
 * documentation of what it answers. `validate(spec)` on the route line enforces the schemas; the
 * OpenAPI document is built from the same objects found on the mounted routers (src/http/openapi.ts),
 * so a route cannot be mounted without being documented, nor documented without being mounted.
 */
export interface RouteSpec {
  summary: string;
  description?: string;
  body?: z.ZodType;
  query?: z.ZodType;
  params?: z.ZodType;
  // 503 only where a route answers its own body then (e.g. /ready), not the error envelope.
  responses: Partial<Record<200 | 201 | 202 | 204 | 302 | 304 | 503, ResponseDoc>>;
  /** Error codes this route can answer beyond the ones every route of its kind can (see openapi.ts). */
  errors?: readonly ErrorCode[];
  /** Request body example shown in Swagger UI and used by the Postman collection. */
  example?: unknown;
  /**
   * The 400's `message` for invalid input, where the old API answered one of its own (default
   * "Validation error"); `errors` lists the fields as always. A function decides per failing part and
   * may add top-level fields (bulk's `invalidIds`); returning undefined keeps the default.
   */
  invalidInput?: string | ((failure: InputFailure) => InvalidInputReply | undefined);
}

export interface InputFailure {
  part: 'params' | 'query' | 'body';
  error: z.ZodError;
  /** The raw input of that part, as received. */
  input: unknown;
}
export interface InvalidInputReply {
  message: string;
  extra?: Record<string, unknown>;
}

/** Identity helper that keeps the literal types of a spec (so `inputOf` knows its schemas). */
export const defineRoute = <const S extends RouteSpec>(spec: S): S => spec;

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;
export interface RouteInput<S extends RouteSpec> {
  body: Parsed<S['body']>;
  query: Parsed<S['query']>;
  params: Parsed<S['params']>;
}

interface ValidatedRequest extends Request {
  validated?: { spec: RouteSpec; input: RouteInput<RouteSpec> };
}

export type ValidateMiddleware = RequestHandler & { readonly spec: RouteSpec };

/**
 * The route's input check: 415 for a body that is not JSON, then 400 with field errors for params,
 * query and body (in that order). Controllers read the parsed values with `inputOf(req, spec)`.
 */
export function validate(spec: RouteSpec): ValidateMiddleware {
  const middleware: RequestHandler = (req: ValidatedRequest, _res, next) => {
    if (spec.body) requireJsonBody(req);
    const parse = spec.invalidInput === undefined ? parseWith : parseFor(spec);
    const input = {
      params: spec.params ? parse(spec.params, req.params, 'params') : undefined,
      query: spec.query ? parse(spec.query, req.query, 'query') : undefined,
      // Express 5 leaves req.body undefined without a body: validate it as {} so fields read "is required".
      body: spec.body ? parse(spec.body, req.body ?? {}, 'body') : undefined,
    };
    req.validated = { spec, input };
    next();
  };
  return Object.assign(middleware, { spec });
}

/** Parsing with the spec's own 400 message (`invalidInput`). */
const parseFor =
  (spec: RouteSpec) =>
  (schema: z.ZodType, input: unknown, part: InputFailure['part']): unknown => {
    const result = schema.safeParse(input, { reportInput: true });
    if (result.success) return result.data;
    const custom = spec.invalidInput;
    const reply =
      typeof custom === 'function' ? custom({ part, error: result.error, input }) : { message: custom! };
    throw new AppError(400, 'validation_error', reply?.message ?? 'Validation error', {
      errors: toFieldErrors(result.error),
      ...reply?.extra,
    });
  };

/** The parsed input of a request that passed `validate(spec)` on its route line. */
export function inputOf<S extends RouteSpec>(req: Request, spec: S): RouteInput<S> {
  const validated = (req as ValidatedRequest).validated;
  // A programming error, not a client one: the route line validates with a different spec.
  if (validated?.spec !== spec) throw new Error(`Route "${spec.summary}" does not validate with this spec`);
  return validated.input as RouteInput<S>;
}

/** How the OpenAPI builder recognises guards on a route: marks set by the auth module. */
export interface GuardDoc {
  auth?: boolean;
  roles?: readonly string[];
}
const guardDocs = new WeakMap<object, GuardDoc>();
export function documentGuard<H extends RequestHandler>(handler: H, doc: GuardDoc): H {
  guardDocs.set(handler, doc);
  return handler;
}
export const guardDocOf = (handler: unknown): GuardDoc | undefined =>
  typeof handler === 'function' ? guardDocs.get(handler) : undefined;

/** The success envelope `{ success: true, message, data?, ...top-level extras }` around a data schema. */
export function envelope(data?: z.ZodType, extras: z.ZodRawShape = {}) {
  return z.object({
    success: z.literal(true),
    message: z.string(),
    ...extras,
    ...(data ? { data } : {}),
  });
}

export const paginationSchema = z.object({
  page: z.number().int(),
  limit: z.number().int(),
  total: z.number().int(),
  pages: z.number().int(),
});

/** A paginated list envelope: `count`, `pagination` and `data`. */
export const listEnvelope = (data: z.ZodType) =>
  envelope(data, { count: z.number().int(), pagination: paginationSchema });
