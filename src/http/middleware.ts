import { randomUUID } from 'node:crypto';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import mongoose from 'mongoose';
import { AppError } from '../lib/errors';
import type { ErrorCode } from '../lib/error-codes';
import { logContext, logger } from '../infra/logger';
import { DEPENDENCY_RETRY_AFTER_SECONDS, dependencyOf, reportDown } from '../infra/dependencies';
import { metrics } from '../infra/metrics';

const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Echoes a sane incoming X-Request-Id or makes one; opens the log context for the request. */
export const requestId: RequestHandler = (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
  req.id = id;
  res.setHeader('X-Request-Id', id);
  logContext.run({ requestId: id }, () => next());
};

/** One access-log line and one histogram observation per request, after the response is sent. */
export const accessLog: RequestHandler = (req, res, next) => {
  const started = process.hrtime.bigint();
  res.on('finish', () => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    // Use the matched route pattern (not the raw URL) so ids do not explode label cardinality; a
    // request no route took (bad JSON, 413, 429, CORS, unknown path) is one series, whatever its path.
    // A read served from the read cache (read-cache.ts) names its route in res.locals.metricsRoute.
    const route = req.route?.path
      ? `${req.baseUrl}${req.route.path}`
      : ((res.locals.metricsRoute as string | undefined) ?? 'unmatched');
    metrics.httpRequestDuration.observe(
      { method: req.method, route, status: String(res.statusCode) },
      seconds,
    );
    // Formatting a log line costs even when its level is off: skip it then (production logs at info).
    if (!logger.isLevelEnabled('http')) return;
    logger.http('request', {
      requestId: req.id,
      userId: req.user?.id,
      method: req.method,
      route,
      path: req.originalUrl.split('?')[0],
      status: res.statusCode,
      durationMs: Math.round(seconds * 1000),
    });
  });
  next();
};

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({
    success: false,
    message: 'Route not found',
    code: 'route_not_found' satisfies ErrorCode,
    path: req.originalUrl,
    method: req.method,
    requestId: req.id,
  });
};

interface HttpishError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  code?: number | string;
  expose?: boolean;
  keyValue?: Record<string, unknown>;
}

/** A body-parser inflate failure: no `type`, a 4xx status and a zlib/brotli error code. */
function isBodyDecodingError(error: HttpishError): boolean {
  const status = error.status ?? error.statusCode ?? 500;
  return (
    !error.type &&
    status >= 400 &&
    status < 500 &&
    typeof error.code === 'string' &&
    (error.code.startsWith('Z_') ||
      error.code.startsWith('ERR__ERROR') ||
      error.code.startsWith('ERR_BROTLI'))
  );
}

/** The single place where errors become the contract's error envelope. */
export const errorHandler: ErrorRequestHandler = (error: HttpishError, req, res, _next) => {
  const body: Record<string, unknown> = { success: false };
  let status = 500;

  if (error instanceof AppError) {
    status = error.status;
    Object.assign(body, { message: error.message, code: error.code, ...(error.extra ?? {}) });
    const retryAfter = error.extra?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && !res.headersSent) res.setHeader('Retry-After', String(retryAfter));
  } else if (error.type === 'entity.parse.failed') {
    status = 400;
    Object.assign(body, { message: 'Invalid JSON payload', code: 'invalid_json' satisfies ErrorCode });
  } else if (error.type === 'entity.too.large') {
    status = 413;
    Object.assign(body, {
      message: 'Request body too large (limit 1 MB)',
      code: 'payload_too_large' satisfies ErrorCode,
    });
  } else if (isBodyDecodingError(error)) {
    // zlib/brotli failed on a body that is not in its declared Content-Encoding.
    status = 400;
    Object.assign(body, {
      message: 'Request body does not match its Content-Encoding',
      code: 'invalid_content_encoding' satisfies ErrorCode,
    });
  } else if (error.type && (error.status ?? 500) < 500) {
    // Other body-parser failures (unsupported charset/encoding, aborted requests).
    status = error.status ?? 400;
    Object.assign(body, { message: error.message, code: 'bad_request' satisfies ErrorCode });
  } else if (error instanceof mongoose.Error.ValidationError) {
    status = 400;
    const errors = Object.values(error.errors).map((e) => ({ field: e.path, message: e.message }));
    Object.assign(body, {
      message: 'Validation error',
      code: 'validation_error' satisfies ErrorCode,
      errors,
    });
  } else if (error instanceof mongoose.Error.CastError) {
    status = 400;
    Object.assign(body, { message: `Invalid ${error.path}`, code: 'invalid_value' satisfies ErrorCode });
  } else if (error.code === 11000) {
    status = 409;
    const field = Object.keys(error.keyValue ?? {})[0] ?? 'value';
    Object.assign(body, { message: `${field} already exists`, code: 'duplicate' satisfies ErrorCode });
  } else if (dependencyOf(error)) {
    // MongoDB or Redis unreachable: an honest, fast 503 (never 401/500); the outage itself is logged
    // once per state change, not once per request.
    status = 503;
    reportDown(dependencyOf(error)!, error);
    Object.assign(body, {
      message: 'Service temporarily unavailable. Please retry shortly',
      code: 'dependency_unavailable' satisfies ErrorCode,
    });
  } else if (error.message === 'Not allowed by CORS') {
    status = 403;
    Object.assign(body, { message: 'CORS policy violation', code: 'cors_rejected' satisfies ErrorCode });
  } else {
    Object.assign(body, { message: 'Internal server error', code: 'internal_error' satisfies ErrorCode });
  }

  body.requestId = req.id;
  // Read by the auth limiters to count only credential failures (see rate-limit.ts).
  res.locals.errorCode = body.code;
  if (typeof body.retryAfterSeconds === 'number' && !res.headersSent && !res.getHeader('Retry-After'))
    res.setHeader('Retry-After', String(body.retryAfterSeconds));
  // A dependency outage is reported once per state change (infra/dependencies), not per request.
  if (status >= 500 && status !== 503)
    logger.error('request failed', { error, path: req.originalUrl, method: req.method });
  if (res.headersSent) return;
  if (status === 503) res.setHeader('Retry-After', String(DEPENDENCY_RETRY_AFTER_SECONDS));
  res.status(status).json(body);
};
