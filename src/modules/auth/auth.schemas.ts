import { z } from 'zod';
import { config } from '../../config';
import { paginationQuery } from '../../http/schemas';
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
