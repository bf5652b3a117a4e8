import request from 'supertest';
import { bearer, registerAndLogin, uniqueEmail } from '../support/factories';
import {
  api,
  bootAuthApp,
  emailJobResults,
  isPasswordChangedMail,
  isResetMail,
  otpIn,
  useApp,
  waitForNth,
} from './auth.helpers';

// Auth limiter out of the way here (it has its own file); OTP limits stay at the contract defaults.
const t = useApp(() => bootAuthApp({ RATE_LIMIT_AUTH_MAX: '1000' }));

const post = (path: string, body: unknown) =>
  request(t.app)
    .post(api(path))
    .send(body as object);

async function requestOtp(email: string, nth = 1): Promise<string> {
  const res = await post('/forgot-password', { email });
  expect(res.status).toBe(200);
  return otpIn(await waitForNth(t.smtp, isResetMail(email), nth));
}

const wrongCode = (otp: string) => String((Number(otp) + 1) % 1_000_000).padStart(6, '0');

describe('forgot-password', () => {
  it('answers identically for known and unknown emails and mails only the known one', async () => {
    const known = await registerAndLogin(t.app, { fullname: '<b>Eve</b> & co' });
    const unknown = uniqueEmail('nobody');
    const a = await post('/forgot-password', { email: known.user.email });
    const b = await post('/forgot-password', { email: unknown });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
    expect(strip(a.body)).toEqual(strip(b.body));
    expect(a.body).toMatchObject({
      success: true,
      message: 'If the email exists, an OTP has been sent',
      data: { expiresIn: '10 minutes' },
    });

    const mail = await t.smtp.waitFor(isResetMail(known.user.email));
    expect(otpIn(mail)).toMatch(/^\d{6}$/);
    expect(mail.fromName).toBe('IntervAI');
    expect(mail.text).toContain('10 minutes');
    // The user's name is escaped in the HTML part.
    expect(mail.html).toContain('&lt;b&gt;Eve&lt;/b&gt; &amp; co');
    expect(mail.html).not.toContain('<b>Eve</b>');
    // The worker finished the unknown email's job without sending anything.
    expect(await emailJobResults((d) => d.to === unknown)).toEqual([{ sent: false, reason: 'no_account' }]);
    expect(t.smtp.mails.some((m) => m.to === unknown)).toBe(false);
  });

  it('allows 3 OTP requests per email per hour, then 429 (also for unknown emails)', async () => {
    for (const email of [uniqueEmail('limited'), (await registerAndLogin(t.app)).user.email]) {
      for (let i = 0; i < 3; i++) expect((await post('/forgot-password', { email })).status).toBe(200);
      const res = await post('/forgot-password', { email: email.toUpperCase() });
      expect(res.status).toBe(429);
      expect(res.body).toMatchObject({ success: false, code: 'otp_rate_limited' });
    }
  });
});

describe('verify-otp and reset-password', () => {
  it('resets the password with the mailed code, revokes every token and sends a notice', async () => {
    const u = await registerAndLogin(t.app, { password: 'old-password-1' });
    const second = await post('/login', { email: u.user.email, password: 'old-password-1' });
    const otp = await requestOtp(u.user.email);

    const verified = await post('/verify-otp', { email: u.user.email, otp: Number(otp) });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ message: 'OTP verified successfully' });
    expect(verified.body.data.expiresIn).toMatch(/minutes?$/);

    const same = await post('/reset-password', { email: u.user.email, otp, newPassword: 'old-password-1' });
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('password_reused');

    const reset = await post('/reset-password', { email: u.user.email, otp, newPassword: 'new-password-2' });
    expect(reset.status).toBe(200);
    expect(reset.body.message).toBe('Password reset successfully. You can now login with your new password');

    for (const token of [u.token, second.body.data.token as string]) {
      const res = await request(t.app).get('/api/v1/user/profile').set('Authorization', bearer(token));
      expect(res.status).toBe(401);
    }
    expect((await post('/login', { email: u.user.email, password: 'old-password-1' })).status).toBe(401);
    expect((await post('/login', { email: u.user.email, password: 'new-password-2' })).status).toBe(200);

    // Single use.
    const again = await post('/reset-password', { email: u.user.email, otp, newPassword: 'new-password-3' });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('invalid_otp');

    const notice = await t.smtp.waitFor(isPasswordChangedMail(u.user.email));
    expect(notice.text).toContain(u.user.email);

    const history = await post('/login', { email: u.user.email, password: 'new-password-2' });
    const events = await request(t.app)
      .get('/api/v1/user/history?limit=50')
      .set('Authorization', bearer(history.body.data.token));
    const names = events.body.data.events.map((e: { event: string }) => e.event);
    expect(names).toEqual(
      expect.arrayContaining([
        'password_reset_requested',
        'password_reset_completed',
        'login_success',
        'register',
      ]),
    );
  });

  it('counts wrong codes across verify-otp and reset-password and burns the code on the 5th', async () => {
    const u = await registerAndLogin(t.app);
    const otp = await requestOtp(u.user.email);
    const wrong = wrongCode(otp);
    const remaining: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res =
        i % 2 === 0
          ? await post('/verify-otp', { email: u.user.email, otp: wrong })
          : await post('/reset-password', { email: u.user.email, otp: wrong, newPassword: 'whatever-new-1' });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ message: 'Invalid or expired OTP', code: 'invalid_otp' });
      remaining.push(res.body.data.attemptsRemaining);
    }
    expect(remaining).toEqual([4, 3, 2, 1]);
    const burnt = await post('/reset-password', {
      email: u.user.email,
      otp: wrong,
      newPassword: 'whatever-new-1',
    });
    expect(burnt.status).toBe(429);
    expect(burnt.body.code).toBe('otp_attempts_exceeded');
    // The right code no longer works either.
    const late = await post('/verify-otp', { email: u.user.email, otp });
    expect(late.status).toBe(400);
    expect(late.body.data.attemptsRemaining).toBe(0);

    // A new code replaces the burnt one with a fresh attempt count.
    const fresh = await requestOtp(u.user.email, 2);
    const miss = await post('/verify-otp', { email: u.user.email, otp: wrongCode(fresh) });
    expect(miss.body.data.attemptsRemaining).toBe(4);
    expect((await post('/verify-otp', { email: u.user.email, otp: fresh })).status).toBe(200);

    const login = await post('/login', { email: u.user.email, password: u.password });
    const events = await request(t.app)
      .get('/api/v1/user/history')
      .set('Authorization', bearer(login.body.data.token));
    expect(events.body.data.events.map((e: { event: string }) => e.event)).toContain('otp_burnt');
  });

  it('a new code replaces the previous one', async () => {
    const u = await registerAndLogin(t.app);
    const first = await requestOtp(u.user.email);
    let second = await requestOtp(u.user.email, 2);
    // One time in a million the new random code equals the old one: a third request tells them apart.
    if (second === first) second = await requestOtp(u.user.email, 3);
    expect(second).not.toBe(first);
    expect((await post('/verify-otp', { email: u.user.email, otp: first })).status).toBe(400);
    expect((await post('/verify-otp', { email: u.user.email, otp: second })).status).toBe(200);
  });

  it('never stores the code in clear in Redis', async () => {
    const u = await registerAndLogin(t.app);
    const otp = await requestOtp(u.user.email);
    const { getRedis } = await import('../../src/infra/redis');
    const { config } = await import('../../src/config');
    const redis = getRedis();
    const keys = await redis.keys(`${config.redis.prefix}otp:*`);
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) {
      const bare = key.slice(config.redis.prefix.length);
      const type = await redis.type(bare);
      const values = type === 'hash' ? Object.values(await redis.hgetall(bare)) : [await redis.get(bare)];
      for (const v of values) expect(v).not.toBe(otp);
    }
  });
});

describe('notification mails (email-notifications queue)', () => {
  it("job-finished mails are rendered by the worker and honour the user's preferences", async () => {
    const on = await registerAndLogin(t.app, { fullname: 'Olive <On>' });
    const off = await registerAndLogin(t.app);
    await request(t.app)
      .put('/api/v1/user/profile')
      .set('Authorization', bearer(off.token))
      .send({ preferences: { emailNotifications: { export: false } } });
    const { enqueueEmail } = await import('../../src/modules/email/email.queue');
    const { getQueue } = await import('../../src/infra/queues');
    const data = {
      title: 'PDF export',
      status: 'completed' as const,
      message: 'Your export is ready.',
      link: '/api/v1/export/download/x.pdf',
    };
    const skippedId = await enqueueEmail({
      userId: off.user._id,
      to: off.user.email,
      template: 'job-finished',
      category: 'export',
      data,
    });
    await enqueueEmail({
      userId: on.user._id,
      to: on.user.email,
      template: 'job-finished',
      category: 'export',
      data: { ...data, fullname: on.user.fullname },
    });

    const mail = await t.smtp.waitFor((m) => m.to === on.user.email && /PDF export is ready/.test(m.subject));
    expect(mail.html).toContain('Olive &lt;On&gt;');
    expect(mail.text).toContain('/api/v1/export/download/x.pdf');
    const job = await getQueue('email-notifications').getJob(skippedId);
    expect(await job?.finished()).toEqual({ sent: false, reason: 'preference_off' });
    expect(t.smtp.mails.some((m) => m.to === off.user.email && /PDF export/.test(m.subject))).toBe(false);
  });

  it('the password-changed notice is a security mail the user can turn off', async () => {
    const u = await registerAndLogin(t.app, { password: 'password-before' });
    await request(t.app)
      .put('/api/v1/user/profile')
      .set('Authorization', bearer(u.token))
      .send({ preferences: { emailNotifications: { security: false } } });
    const res = await request(t.app)
      .post('/api/v1/user/change-password')
      .set('Authorization', bearer(u.token))
      .send({ currentPassword: 'password-before', newPassword: 'password-after' });
    expect(res.status).toBe(200);
    const results = await emailJobResults((d) => d.to === u.user.email && d.template === 'password-changed');
    expect(results).toEqual([{ sent: false, reason: 'preference_off' }]);
  });
});
