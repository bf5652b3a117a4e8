import { Writable } from 'node:stream';
import request from 'supertest';
import winston from 'winston';
import { api, bootAuthApp, isResetMail, isVerificationMail, otpIn, useApp } from './auth.helpers';
import { uniqueEmail } from '../support/factories';
import { waitFor } from '../support/wait';

// Everything written while the flows run, at the most verbose log level: the logger's formatted lines
// (an extra transport, after redaction), and anything written to stdout/stderr or the console.
const captured: string[] = [];
const writes = {
  out: process.stdout.write.bind(process.stdout),
  err: process.stderr.write.bind(process.stderr),
};
const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;
const originalConsole = consoleMethods.map((m) => console[m]);

// Hooks run in declaration order: capture, boot, add the sink; then restore the output, close the app.
beforeAll(() => {
  const capture = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  for (const m of consoleMethods)
    console[m] = (...args: unknown[]) => void captured.push(args.map(String).join(' '));
});
afterAll(() => {
  process.stdout.write = writes.out;
  process.stderr.write = writes.err;
  consoleMethods.forEach((m, i) => (console[m] = originalConsole[i]));
});
const t = useApp(() => bootAuthApp({ LOG_LEVEL: 'silly', RATE_LIMIT_AUTH_MAX: '1000' }));
beforeAll(async () => {
  const { logger } = await import('../../src/infra/logger');
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      captured.push(chunk.toString('utf8'));
      done();
    },
  });
  logger.add(new winston.transports.Stream({ stream: sink }));
});

it('no password, token, OTP or hash reaches a log line during the account flows', async () => {
  const secrets: string[] = [];
  const email = uniqueEmail('logs');
  const password = 'Sup3r-Secret-Passw0rd';
  const newPassword = 'An0ther-Secret-Passw0rd';
  const finalPassword = 'Th1rd-Secret-Passw0rd';
  secrets.push(password, newPassword, finalPassword);

  expect(
    (await request(t.app).post(api('/register')).send({ fullname: 'Log Watcher', email, password })).status,
  ).toBe(201);
  const verifyCode = otpIn(await t.smtp.waitFor(isVerificationMail(email)));
  secrets.push(verifyCode);
  expect((await request(t.app).post(api('/verify-email')).send({ email, otp: verifyCode })).status).toBe(200);

  // Failures carry secrets in their bodies too.
  await request(t.app).post(api('/login')).send({ email, password: 'Wr0ng-Secret-Guess' });
  secrets.push('Wr0ng-Secret-Guess');
  await request(t.app).post(api('/register')).send({ fullname: 'X', email: 'bad', password: 'Sh0rt' });
  const login = await request(t.app).post(api('/login')).send({ email, password });
  const token = login.body.data.token as string;
  secrets.push(token);

  const refreshed = await request(t.app).post(api('/refresh-token')).set('Authorization', `Bearer ${token}`);
  secrets.push(refreshed.body.data.token);
  await request(t.app).get(api('/profile')).set('Authorization', `Bearer ${token}`); // revoked: a 401
  const changed = await request(t.app)
    .post(api('/change-password'))
    .set('Cookie', `token=${refreshed.body.data.token}`)
    .send({ currentPassword: password, newPassword });
  expect(changed.status).toBe(200);
  secrets.push(changed.body.data.token);

  expect((await request(t.app).post(api('/forgot-password')).send({ email })).status).toBe(200);
  const resetCode = otpIn(await t.smtp.waitFor(isResetMail(email)));
  secrets.push(resetCode);
  await request(t.app)
    .post(api('/verify-otp'))
    .send({ email, otp: String((Number(resetCode) + 1) % 1_000_000).padStart(6, '0') });
  expect(
    (
      await request(t.app)
        .post(api('/reset-password'))
        .send({ email, otp: resetCode, newPassword: finalPassword })
    ).status,
  ).toBe(200);

  const last = await request(t.app).post(api('/login')).send({ email, password: finalPassword });
  secrets.push(last.body.data.token);
  const { User } = await import('../../src/modules/users/user.model');
  const stored = await User.findOne({ email }).select('+password').lean<{ password: string }>();
  secrets.push(stored!.password);
  expect(
    (
      await request(t.app)
        .delete(api('/profile'))
        .set('Authorization', `Bearer ${last.body.data.token}`)
        .send({ password: finalPassword })
    ).status,
  ).toBe(200);
  // Every log line of the flows is in: the mail jobs are done, and a line logged now has arrived.
  const { getQueue } = await import('../../src/infra/queues');
  await waitFor(async () => {
    const c = await getQueue('email-notifications').getJobCounts();
    return c.waiting + c.active + c.delayed === 0;
  });
  const { logger } = await import('../../src/infra/logger');
  logger.info('end of the account flows');
  await waitFor(() => captured.join('').includes('end of the account flows'));

  const output = captured.join('');
  // The capture really saw the flows (one access-log line per request at least).
  expect(output).toContain('"route":"/api/v1/user/login"');
  expect(output).toContain('email sent');
  for (const secret of secrets) {
    const pattern = /^\d{6}$/.test(secret) ? new RegExp(`(?<![\\d])${secret}(?![\\d])`) : secret;
    expect({
      secret: secret.slice(0, 4),
      found: typeof pattern === 'string' ? output.includes(pattern) : pattern.test(output),
    }).toEqual({
      secret: secret.slice(0, 4),
      found: false,
    });
  }
  expect(output).not.toMatch(/eyJ[\w-]{8,}\.[\w-]{8,}/);
  expect(output).not.toMatch(/\$2[aby]\$\d\d\$/);
});
