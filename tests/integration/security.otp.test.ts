import request from 'supertest';
import { registerAndLogin } from '../support/factories';
import { api, bootAuthApp, isResetMail, otpIn, useApp, waitForNth } from './auth.helpers';

/**
 * Item 8: an OTP's attempt cap holds under a parallel burst. The auth limiters are out of the way here
 * (they have their own tests), so only the per-code cap (OTP_MAX_ATTEMPTS = 5) decides.
 */
const t = useApp(() => bootAuthApp({ RATE_LIMIT_AUTH_MAX: '100000', RATE_LIMIT_GENERAL_MAX: '100000' }));

const wrongCode = (otp: string, i: number) => String((Number(otp) + 1 + i) % 1_000_000).padStart(6, '0');

describe('item 8: OTP attempts are checked and counted atomically', () => {
  it('100 parallel codes: exactly 5 are evaluated, the rest refused, and the right one arriving last is refused', async () => {
    const u = await registerAndLogin(t.app);
    const email = u.user.email;
    await request(t.app).post(api('/forgot-password')).send({ email }).expect(200);
    const otp = otpIn(await waitForNth(t.smtp, isResetMail(email), 1));

    // The right code three times, at the end of the burst.
    const codes = [...Array.from({ length: 97 }, (_, i) => wrongCode(otp, i)), otp, otp, otp];
    const responses = await Promise.all(
      codes.map((code) => request(t.app).post(api('/verify-otp')).send({ email, otp: code })),
    );

    expect(responses.filter((r) => r.status === 200)).toHaveLength(0);
    const burnt = responses.filter((r) => r.status === 429);
    expect(burnt).toHaveLength(1);
    expect(burnt[0]!.body.code).toBe('otp_attempts_exceeded');
    const counted = responses
      .filter((r) => r.status === 400 && r.body.data?.attemptsRemaining > 0)
      .map((r) => r.body.data.attemptsRemaining as number)
      .sort();
    expect(counted).toEqual([1, 2, 3, 4]);
    // Everything else found no live code.
    expect(responses.filter((r) => r.status === 400 && r.body.data?.attemptsRemaining === 0)).toHaveLength(
      95,
    );
    // The burnt code cannot reset the password.
    const reset = await request(t.app)
      .post(api('/reset-password'))
      .send({ email, otp, newPassword: 'violet-harbor-comet-77' });
    expect(reset.status).toBe(400);
  });
});
