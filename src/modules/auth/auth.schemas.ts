import { z } from 'zod';
import { config } from '../../config';
import { paginationQuery } from '../../http/schemas';
import { defineRoute, envelope, listEnvelope } from '../../http/route-spec';
import { AUDIT_EVENTS } from '../users/audit.service';
import { NOTIFICATION_CATEGORIES, USER_ROLES } from '../users/user.service';
import { normalizeOtp } from './otp.service';
import { stripUnsafeChars } from '../../lib/sanitize';
import { weakPasswordReason } from './password-strength';

/** Request schemas of /api/v1/user. Bodies are strict: unknown fields are a 400, never stored. */

// One plain address: RFC 5322 "dot-atom" local part and a dotted host name. No quotes, comments,
// display names, commas or semicolons, which mail libraries read as extra recipients.
const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const emailField = z
  .string({ error: 'Email must be a string' })
  .trim()
  .min(1, 'Email is required')
  .max(254, 'Email is too long')
  .regex(EMAIL, 'Invalid email format')
  .toLowerCase();

// bcrypt only reads the first 72 bytes: longer passwords would silently collide, so they are refused.
const passwordBytes = (value: string) => Buffer.byteLength(value, 'utf8') <= 72;

export const newPasswordField = z
  .string({ error: 'Password must be a string' })
  .min(config.auth.passwordMinLength, `Password must be at least ${config.auth.passwordMinLength} characters`)
  .refine(passwordBytes, 'Password must be at most 72 bytes')
  .superRefine((value, ctx) => {
    const reason = weakPasswordReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

const currentPasswordField = z
  .string({ error: 'Password must be a string' })
  .min(1, 'Password is required')
  .max(256, 'Password is too long');

export const otpField = z
  .union([z.string().max(16), z.number()], { error: 'OTP must be a 6-digit string or number' })
  .transform((value, ctx) => {
    const otp = normalizeOtp(value);
    if (!otp) {
      ctx.addIssue({ code: 'custom', message: 'OTP must be 6 digits' });
      return z.NEVER;
    }
    return otp;
  });

// Control and bidi override characters are dropped before the length rules apply.
const fullnameField = z
  .string({ error: 'Full name must be a string' })
  .transform(stripUnsafeChars)
  .pipe(
    z
      .string()
      .trim()
      .min(2, 'Full name must be at least 2 characters')
      .max(100, 'Full name must be at most 100 characters'),
  );

export const registerBody = z.strictObject({
  fullname: fullnameField,
  email: emailField,
  password: newPasswordField,
});
export const loginBody = z.strictObject({ email: emailField, password: currentPasswordField });
export const emailOnlyBody = z.strictObject({ email: emailField });
export const otpBody = z.strictObject({ email: emailField, otp: otpField });
export const resetPasswordBody = z.strictObject({
  email: emailField,
  otp: otpField,
  newPassword: newPasswordField,
});
export const changePasswordBody = z.strictObject({
  currentPassword: currentPasswordField,
  newPassword: newPasswordField,
});
export const deleteAccountBody = z.strictObject({ password: currentPasswordField });

export const updateProfileBody = z
  .strictObject({
    fullname: fullnameField.optional(),
    preferences: z
      .strictObject({
        emailNotifications: z
          .strictObject({
            generation: z.boolean().optional(),
            export: z.boolean().optional(),
            practice: z.boolean().optional(),
            security: z.boolean().optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .refine((body) => body.fullname !== undefined || body.preferences !== undefined, {
    message: 'Provide fullname and/or preferences',
  });

export const sessionIdParams = z.strictObject({ sessionId: z.uuid('Must be a valid session id') });
export const historyQuery = paginationQuery(20, 100);

// ---- HTTP contract: response shapes and one spec per route line (validated and documented) ----

/**
 * A user as every account endpoint returns it (`toPublicUser`): explicit fields only, never the password
 * hash, the token version, the disabled flag or `__v`. Strict, so the contract test fails on any extra field.
 */
export const userSchema = z
  .strictObject({
    _id: z.string(),
    fullname: z.string(),
    email: z.string(),
    role: z.enum(USER_ROLES),
    emailVerified: z.boolean(),
    preferences: z.strictObject({
      emailNotifications: z.strictObject(
        Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, z.boolean()])) as Record<
          (typeof NOTIFICATION_CATEGORIES)[number],
          z.ZodBoolean
        >,
      ),
    }),
    createdAt: z.string().openapi({ format: 'date-time' }),
    updatedAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('User');

/** A freshly issued token: also set as the httpOnly cookie `token`. */
const tokenFields = {
  token: z.string().openapi({ description: 'JWT for `Authorization: Bearer <token>`' }),
  expiresIn: z.number().int().openapi({ description: 'Lifetime of the token in seconds' }),
  expiresAt: z.string().openapi({ format: 'date-time' }),
};

const loginSessionSchema = z
  .strictObject({
    id: z.string(),
    device: z.string(),
    userAgent: z.string(),
    ip: z.string(),
    createdAt: z.string().openapi({ format: 'date-time' }),
    lastSeenAt: z.string().openapi({ format: 'date-time' }),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    current: z.boolean().openapi({ description: 'The login session of the token making this request' }),
  })
  .openapi('LoginSession');

const auditEventSchema = z
  .strictObject({
    id: z.string(),
    event: z.enum(AUDIT_EVENTS),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    createdAt: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('AuditEvent');

const userEnvelope = envelope(z.object({ user: userSchema }));
const otpExpiry = envelope(
  z.object({
    expiresIn: z.string().openapi({ description: 'How long the code stays valid, e.g. "10 minutes"' }),
  }),
);
const EMAIL_EXAMPLE = 'ada@example.com';
const PASSWORD_EXAMPLE = 'correct horse battery';

export const registerRoute = defineRoute({
  summary: 'Register an account',
  description: 'A verification code is mailed to the address (see `/verify-email`).',
  body: registerBody,
  example: { fullname: 'Ada Lovelace', email: EMAIL_EXAMPLE, password: PASSWORD_EXAMPLE },
  responses: { 201: { description: 'The new account', schema: userEnvelope } },
  errors: ['email_taken', 'duplicate', 'server_busy'],
});
export const loginRoute = defineRoute({
  summary: 'Log in',
  description: 'Sets the httpOnly cookie `token` and returns the same token for `Authorization: Bearer`.',
  body: loginBody,
  example: { email: EMAIL_EXAMPLE, password: PASSWORD_EXAMPLE },
  responses: {
    200: {
      description: 'Logged in',
      schema: envelope(z.object({ user: userSchema, ...tokenFields })),
    },
  },
  errors: ['invalid_credentials', 'account_disabled', 'email_not_verified', 'server_busy'],
});
export const logoutRoute = defineRoute({
  summary: 'Log out: clears the cookie and revokes the token',
  responses: { 200: { description: 'Logged out', schema: envelope() } },
});
export const refreshTokenRoute = defineRoute({
  summary: 'Rotate the token (the old one is revoked)',
  responses: { 200: { description: 'A new token', schema: envelope(z.object(tokenFields)) } },
});
export const forgotPasswordRoute = defineRoute({
  summary: 'Mail a password-reset code',
  description: 'Same answer for known and unknown emails.',
  body: emailOnlyBody,
  example: { email: EMAIL_EXAMPLE },
  responses: { 200: { description: 'If the email exists, a code was sent', schema: otpExpiry } },
  errors: ['otp_rate_limited'],
});
export const verifyOtpRoute = defineRoute({
  summary: 'Check a password-reset code (counts wrong attempts)',
  body: otpBody,
  example: { email: EMAIL_EXAMPLE, otp: '123456' },
  responses: { 200: { description: 'The code is valid', schema: otpExpiry } },
  errors: ['invalid_otp', 'otp_attempts_exceeded'],
});
export const resetPasswordRoute = defineRoute({
  summary: 'Set a new password with a reset code (single use; ends every session)',
  body: resetPasswordBody,
  example: { email: EMAIL_EXAMPLE, otp: '123456', newPassword: 'another horse battery' },
  responses: { 200: { description: 'Password reset', schema: envelope() } },
  errors: ['invalid_otp', 'otp_attempts_exceeded', 'password_reused', 'server_busy'],
});
export const verifyEmailRoute = defineRoute({
  summary: 'Verify the email address with the mailed code',
  body: otpBody,
  example: { email: EMAIL_EXAMPLE, otp: '123456' },
  responses: { 200: { description: 'Email verified', schema: userEnvelope } },
  errors: ['invalid_otp', 'otp_attempts_exceeded'],
});
export const resendVerificationRoute = defineRoute({
  summary: 'Mail a new email-verification code',
  description: 'Same answer whether or not the account exists or is already verified.',
  body: emailOnlyBody,
  example: { email: EMAIL_EXAMPLE },
  responses: { 200: { description: 'A code was sent if needed', schema: otpExpiry } },
  errors: ['otp_rate_limited'],
});
export const changePasswordRoute = defineRoute({
  summary: 'Change the password (other sessions are signed out; this one gets a new token)',
  body: changePasswordBody,
  example: { currentPassword: PASSWORD_EXAMPLE, newPassword: 'another horse battery' },
  responses: { 200: { description: 'Password changed', schema: envelope(z.object(tokenFields)) } },
  errors: ['invalid_password', 'password_reused', 'server_busy'],
});
export const getProfileRoute = defineRoute({
  summary: 'The current user',
  responses: { 200: { description: 'The user', schema: userEnvelope } },
  errors: ['user_not_found'],
});
export const updateProfileRoute = defineRoute({
  summary: 'Update the full name and/or email notification preferences',
  body: updateProfileBody,
  example: { fullname: 'Ada King', preferences: { emailNotifications: { export: false } } },
  responses: { 200: { description: 'The updated user', schema: userEnvelope } },
  errors: ['user_not_found'],
});
export const deleteAccountRoute = defineRoute({
  summary: 'Delete the account and all of its data (password confirmed)',
  body: deleteAccountBody,
  example: { password: PASSWORD_EXAMPLE },
  responses: {
    200: {
      description: 'Account deleted; `cleanup.failed` names data that could not be removed yet',
      schema: envelope(
        z.object({
          deleted: z.boolean(),
          cleanup: z.object({ succeeded: z.array(z.string()), failed: z.array(z.string()) }),
        }),
      ),
    },
  },
  errors: ['invalid_password', 'server_busy'],
});
export const listLoginSessionsRoute = defineRoute({
  summary: 'Active login sessions (device, IP, created, last seen)',
  responses: {
    200: {
      description: 'The sessions',
      schema: envelope(z.object({ sessions: z.array(loginSessionSchema) }), { count: z.number().int() }),
    },
  },
});
export const revokeOtherSessionsRoute = defineRoute({
  summary: 'Revoke every login session but this one',
  responses: {
    200: {
      description: 'Revoked',
      schema: envelope(z.object({ revokedCount: z.number().int() })),
    },
  },
});
export const revokeLoginSessionRoute = defineRoute({
  summary: 'Revoke one login session (revoking the current one also clears the cookie)',
  params: sessionIdParams,
  responses: {
    200: {
      description: 'Revoked',
      schema: envelope(z.object({ sessionId: z.string(), current: z.boolean() })),
    },
  },
  errors: ['session_not_found'],
});
export const historyRoute = defineRoute({
  summary: 'Security audit trail: logins, failures, password changes, resets',
  query: historyQuery,
  responses: {
    200: {
      description: 'One page of events, newest first',
      schema: listEnvelope(z.object({ events: z.array(auditEventSchema) })),
    },
  },
});
