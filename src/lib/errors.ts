import type { ErrorCode } from './error-codes';

/** Typed errors thrown by services; the error middleware maps them to the contract's envelope. */
export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** Extra top-level fields kept for compatibility (e.g. `currentCount`, `data.attemptsRemaining`). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends AppError {
  constructor(
    readonly errors: FieldError[],
    message = 'Validation error',
  ) {
    super(400, 'validation_error', message, { errors });
  }
}
export class BadRequestError extends AppError {
  constructor(message: string, code: ErrorCode = 'bad_request', extra?: Record<string, unknown>) {
    super(400, code, message, extra);
  }
}
export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required', code: ErrorCode = 'unauthenticated') {
    super(401, code, message);
  }
}
export class ForbiddenError extends AppError {
  constructor(message = 'Forbidden', code: ErrorCode = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFoundError extends AppError {
  constructor(message = 'Not found', code: ErrorCode = 'not_found') {
    super(404, code, message);
  }
}
export class ConflictError extends AppError {
  constructor(message: string, code: ErrorCode = 'conflict') {
    super(409, code, message);
  }
}
export class TooManyRequestsError extends AppError {
  constructor(
    message = 'Too many requests. Please try again later.',
    code: ErrorCode = 'rate_limited',
    extra?: Record<string, unknown>,
  ) {
    super(429, code, message, extra);
  }
}
/** @public 503 `dependency_unavailable`: for features whose dependency is down. */
export class ServiceUnavailableError extends AppError {
  constructor(message = 'Service temporarily unavailable', code: ErrorCode = 'dependency_unavailable') {
    super(503, code, message);
  }
}

/** An invalid or missing setting. Thrown while the configuration loads; entry points print it as one line. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
