/**
 * Every error `code` the API answers, with its HTTP status and what it means to a client. The error
 * classes accept only these codes, and the OpenAPI document lists them, so a new code cannot ship
 * undocumented.
 */
export const errorCodes = {
  validation_error: [400, 'The request has invalid or missing fields; `errors` lists each field and why.'],
  invalid_json: [400, 'The body is not valid JSON.'],
  invalid_value: [400, 'A value has the wrong type for its field.'],
  invalid_content_encoding: [400, 'The body does not match its Content-Encoding header.'],
  bad_request: [400, 'The request cannot be processed as sent.'],
  invalid_otp: [
    400,
    'The one-time code is wrong or expired; `data.attemptsRemaining` says how many tries are left.',
  ],
  invalid_password: [400, 'The current password is wrong (change-password, account deletion).'],
  password_reused: [400, 'The new password is the same as the current one.'],
  empty_session: [400, 'The session has no questions to export.'],
  duplicate_question: [409, 'The session already has this question.'],
  question_limit_reached: [
    400,
    'The session already holds the maximum number of questions; `currentCount` says how many.',
  ],
  cannot_share_with_self: [400, 'A template cannot be shared with its own owner.'],
  cannot_modify_self: [400, 'An admin cannot disable or demote their own account.'],
  unauthenticated: [401, 'No token was sent (cookie `token` or `Authorization: Bearer`).'],
  invalid_token: [401, 'The token is malformed or its signature is wrong.'],
  token_expired: [401, 'The token has expired; log in again.'],
  token_revoked: [401, 'The token was revoked (logout, password change or reset, refresh).'],
  invalid_credentials: [401, 'Wrong email or password.'],
  metrics_token_required: [401, 'The metrics endpoint needs the operator token.'],
  forbidden: [403, 'The account lacks the role this route needs.'],
  account_disabled: [
    403,
    'The account was disabled by an administrator (403 at login; 401 on routes that need a login, whose token stops working).',
  ],
  email_not_verified: [403, 'The email address must be verified first.'],
  not_template_owner: [403, 'Only the template owner can do this.'],
  cors_rejected: [403, 'The request Origin is not allowed.'],
  not_found: [404, 'The resource does not exist or belongs to someone else.'],
  route_not_found: [404, 'No route matches this method and path.'],
  user_not_found: [404, 'The user does not exist.'],
  session_not_found: [404, 'The session does not exist or belongs to someone else.'],
  question_not_found: [404, 'The question does not exist or belongs to someone else.'],
  template_not_found: [404, 'The template does not exist or is not visible to you.'],
  job_not_found: [404, 'The job does not exist or belongs to someone else.'],
  export_not_found: [404, 'The export does not exist or belongs to someone else.'],
  file_not_found: [404, 'The export file does not exist, expired, or belongs to someone else.'],
  conflict: [409, 'The request conflicts with existing data.'],
  duplicate: [409, 'A unique value already exists.'],
  email_taken: [409, 'An account with this email already exists.'],
  template_name_taken: [409, 'You already have a template with this name.'],
  session_limit_reached: [409, 'You have the maximum number of sessions; delete one to create another.'],
  payload_too_large: [413, 'The body is larger than 1 MB.'],
  unsupported_media_type: [415, 'The body is not JSON: send it with `Content-Type: application/json`.'],
  rate_limited: [429, 'Too many requests; retry after the `Retry-After` seconds.'],
  otp_rate_limited: [429, 'Too many one-time codes requested for this email; retry in an hour.'],
  otp_attempts_exceeded: [429, 'Too many wrong codes: this OTP is burnt; request a new one.'],
  ai_quota_exceeded: [429, "Today's AI quota is used up; see GET /api/v1/user/usage."],
  internal_error: [500, 'An unexpected server error; quote `requestId` when reporting it.'],
  ai_failed: [502, 'The AI provider failed to answer.'],
  dependency_unavailable: [503, 'MongoDB or Redis is unreachable; retry after `Retry-After` seconds.'],
  server_busy: [503, 'Too many password checks in progress; retry shortly.'],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof errorCodes;
export const statusOfCode = (code: ErrorCode): number => errorCodes[code][0];
