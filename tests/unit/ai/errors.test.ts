import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  PermissionDeniedError,
  RateLimitError,
} from 'groq-sdk';
import {
  AiError,
  AUTH_ERROR_MESSAGE,
  MAX_RETRY_AFTER_MS,
  parseRetryAfter,
  toAiError,
} from '../../../src/ai/errors';

const headers = (h: Record<string, string> = {}) => new Headers(h);
const body = (message: string, code?: string) => ({
  error: { message, type: 'invalid_request_error', code },
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it('reads delta-seconds (including fractions)', () => {
    expect(parseRetryAfter(headers({ 'retry-after': '2' }), now)).toBe(2000);
    expect(parseRetryAfter(headers({ 'retry-after': '0.5' }), now)).toBe(500);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now)).toBe(30_000);
    expect(parseRetryAfter(headers({ 'retry-after': 'Wed, 31 Dec 2025 23:00:00 GMT' }), now)).toBe(0);
  });

  it('prefers retry-after-ms', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '150', 'retry-after': '9' }), now)).toBe(150);
  });

  it('works with plain header objects and is case-insensitive', () => {
    expect(parseRetryAfter({ 'Retry-After': '3' }, now)).toBe(3000);
  });

  it('ignores garbage and absent headers, and clamps huge values', () => {
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(parseRetryAfter(headers(), now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter(headers({ 'retry-after': '999999' }), now)).toBe(MAX_RETRY_AFTER_MS);
  });
});

describe('toAiError', () => {
  it('401 and 403 → auth, not retryable, with the fixed message', () => {
    for (const err of [
      new AuthenticationError(401, body('Invalid API Key', 'invalid_api_key'), undefined, headers()),
      new PermissionDeniedError(403, body('Forbidden'), undefined, headers()),
    ]) {
      const e = toAiError(err);
      expect(e).toBeInstanceOf(AiError);
      expect(e.kind).toBe('auth');
      expect(e.retryable).toBe(false);
      expect(e.message).toBe(AUTH_ERROR_MESSAGE);
      expect(e.message).toBe('AI provider rejected the API key');
    }
  });

  it('429 → rate_limit, retryable, with retryAfterMs from the header', () => {
    const e = toAiError(
      new RateLimitError(429, body('Rate limit reached'), undefined, headers({ 'retry-after': '7' })),
    );
    expect(e.kind).toBe('rate_limit');
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBe(7000);
    expect(e.status).toBe(429);
  });

  it('429 without a header → retryable with no retryAfterMs', () => {
    const e = toAiError(new RateLimitError(429, body('slow down'), undefined, headers()));
    expect(e.retryable).toBe(true);
    expect(e.retryAfterMs).toBeUndefined();
  });

  it('5xx → server, retryable', () => {
    for (const status of [500, 502, 503]) {
      const e = toAiError(new InternalServerError(status, body('oops'), undefined, headers()));
      expect(e.kind).toBe('server');
      expect(e.retryable).toBe(true);
      expect(e.message).toContain(String(status));
    }
  });

  it('timeouts and connection errors → retryable', () => {
    const t = toAiError(new APIConnectionTimeoutError());
    expect(t.kind).toBe('timeout');
    expect(t.retryable).toBe(true);
    const c = toAiError(
      new APIConnectionError({ message: 'Connection error.', cause: new Error('ECONNREFUSED') }),
    );
    expect(c.kind).toBe('server');
    expect(c.retryable).toBe(true);
    const raw = toAiError(
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
    );
    expect(raw.retryable).toBe(true);
    const aborted = toAiError(new APIUserAbortError());
    expect(aborted.kind).toBe('timeout');
    expect(aborted.retryable).toBe(true);
  });

  it('other 4xx → bad_request, not retryable', () => {
    for (const err of [
      new BadRequestError(400, body('context_length_exceeded'), undefined, headers()),
      APIError.generate(404, body('model not found'), undefined, headers()),
      APIError.generate(413, body('too large'), undefined, headers()),
    ]) {
      const e = toAiError(err);
      expect(e.kind).toBe('bad_request');
      expect(e.retryable).toBe(false);
    }
  });

  it('408 → timeout (retryable); Groq json_validate_failed → bad_output (retryable)', () => {
    expect(toAiError(APIError.generate(408, body('timeout'), undefined, headers())).kind).toBe('timeout');
    const e = toAiError(
      new BadRequestError(400, body('Failed to generate JSON', 'json_validate_failed'), undefined, headers()),
    );
    expect(e.kind).toBe('bad_output');
    expect(e.retryable).toBe(true);
  });

  it('passes AiErrors through unchanged', () => {
    const original = new AiError('bad_output', 'nothing valid');
    expect(toAiError(original)).toBe(original);
  });

  it('AiError defaults retryable by kind and allows overriding', () => {
    expect(new AiError('bad_output', 'x').retryable).toBe(true);
    expect(new AiError('bad_request', 'x').retryable).toBe(false);
    expect(new AiError('bad_output', 'x', { retryable: false }).retryable).toBe(false);
    expect(new AiError('server', 'x')).toBeInstanceOf(Error);
  });
});
