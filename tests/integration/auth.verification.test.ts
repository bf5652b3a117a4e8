import request from 'supertest';
import { uniqueEmail } from '../support/factories';
import { waitFor } from '../support/wait';
import { api, bootAuthApp, isResetMail, isVerificationMail, otpIn, useApp, waitForNth } from './auth.helpers';

// Short OTP lifetime to exercise expiry; logins need a verified email here.
const t = useApp(() =>
  bootAuthApp({ OTP_EXPIRY_SECONDS: '2', REQUIRE_EMAIL_VERIFICATION: 'true', RATE_LIMIT_AUTH_MAX: '1000' }),
);

const post = (path: string, body: object) => request(t.app).post(api(path)).send(body);

async function registerOnly(): Promise<{ email: string; password: string }> {
  const email = uniqueEmail('verify');
  const password = 'password-verify-1';
  expect((await post('/register', { fullname: 'Vera Fied', email, password })).status).toBe(201);
  return { email, password };
}

/** Waits until Redis has expired the stored code (its TTL is OTP_EXPIRY_SECONDS). */
async function codeExpired(key: string): Promise<void> {
  const { getRedis } = await import('../../src/infra/redis');
  await waitFor(async () => (await getRedis().exists(key)) === 0, {
    interval: 50,
    message: `${key} to expire`,
  });
}

describe('email verification', () => {
  it('mails a code at registration; login is refused until the email is verified', async () => {
    const { email, password } = await registerOnly();
    const mail = await t.smtp.waitFor(isVerificationMail(email));
    expect(mail.text).toContain('2 seconds');
    expect(mail.subject).toBe('Verify your email - IntervAI');

    const refused = await post('/login', { email, password });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('email_not_verified');

    const verified = await post('/verify-email', { email, otp: otpIn(mail) });
    expect(verified.status).toBe(200);
    expect(verified.body.data.user.emailVerified).toBe(true);
    const ok = await post('/login', { email, password });
    expect(ok.status).toBe(200);
    expect(ok.body.data.user.emailVerified).toBe(true);
    const again = await post('/verify-email', { email, otp: otpIn(mail) });
    expect(again.status).toBe(400);
  });

  it('resend-verification answers the same for unknown emails and sends a fresh code', async () => {
    const { email } = await registerOnly();
    await t.smtp.waitFor(isVerificationMail(email));
    const known = await post('/resend-verification', { email });
    const unknown = await post('/resend-verification', { email: uniqueEmail('ghost') });
    expect(known.status).toBe(200);
    expect({ ...known.body, requestId: 0 }).toEqual({ ...unknown.body, requestId: 0 });
    const second = await waitForNth(t.smtp, isVerificationMail(email), 2);
    expect((await post('/verify-email', { email, otp: otpIn(second) })).status).toBe(200);
  });
});

describe('OTP expiry', () => {
  it('a code stops working once OTP_EXPIRY_SECONDS have passed', async () => {
    const { email } = await registerOnly();
    const mail = await t.smtp.waitFor(isVerificationMail(email));
    await codeExpired(`otp:email-verification:${email.toLowerCase()}`);
    const late = await post('/verify-email', { email, otp: otpIn(mail) });
    expect(late.status).toBe(400);
    expect(late.body).toMatchObject({ message: 'Invalid or expired OTP', data: { attemptsRemaining: 0 } });

    expect((await post('/forgot-password', { email })).status).toBe(200);
    const reset = await t.smtp.waitFor(isResetMail(email));
    expect(reset.text).toContain('valid for 2 seconds');
    await codeExpired(`otp:${email.toLowerCase()}`);
    const expired = await post('/reset-password', {
      email,
      otp: otpIn(reset),
      newPassword: 'another-password-1',
    });
    expect(expired.status).toBe(400);
    expect(expired.body.code).toBe('invalid_otp');
  });
});
