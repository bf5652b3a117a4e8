import type { TestApp } from '../support/app';
import type { EmailJobResult } from '../../src/modules/email/email.jobs';
import type { EmailJobData } from '../../src/modules/email/email.queue';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../support/smtp-capture';
import { waitFor } from '../support/wait';

/** Path of an account route: `api('/login')` is `/api/v1/user/login`. */
export const api = (path: string) => `/api/v1/user${path}`;

/**
 * One app for the calling test file: booted in a `beforeAll`, closed in an `afterAll` (hooks run in the
 * order they are declared, so later `beforeAll`s can already use it). The returned handle forwards to
 * the booted app and may be used from then on:
 *
 *   const t = useApp(bootApp);                                         // the plain app
 *   const t = useApp(() => bootAuthApp({ RATE_LIMIT_AUTH_MAX: '1000' })); // with SMTP capture and worker
 *   it('...', async () => { await request(t.app).get(api('/profile')); await t.smtp.waitFor(...); });
 */
export function useApp<T extends TestApp>(boot: () => Promise<T>): T {
  let booted: T | undefined;
  beforeAll(async () => {
    booted = await boot();
  });
  afterAll(async () => {
    await booted?.close();
  });
  return new Proxy({} as T, {
    get(_target, key) {
      if (!booted)
        throw new Error(`the test app is not booted yet (read of "${String(key)}" before its beforeAll ran)`);
      return booted[key as keyof T];
    },
  });
}

/**
 * Boots the app after setting extra environment (config is read once, at first import, so the app is
 * imported dynamically here), optionally with a real SMTP capture and the real worker processors.
 */
export interface AuthTestApp extends TestApp {
  smtp: SmtpCapture;
}

export async function bootAuthApp(
  env: Record<string, string> = {},
  { worker = true } = {},
): Promise<AuthTestApp> {
  const smtp = await startSmtpCapture();
  process.env.SMTP_URL = smtp.url;
  Object.assign(process.env, env);
  const { bootApp } = await import('../support/app');
  const app = await bootApp();
  if (worker) {
    const { registerAllProcessors } = await import('../../src/start-worker');
    registerAllProcessors(2);
  }
  return {
    app: app.app,
    smtp,
    async close() {
      await app.close();
      await smtp.close();
    },
  };
}

/** The 6-digit code in a mail, read from its plain-text part as a user would. */
export function otpIn(mail: CapturedMail): string {
  const match = /\b(\d{6})\b/.exec(mail.text);
  if (!match) throw new Error(`no OTP in mail "${mail.subject}"`);
  return match[1];
}

export const isResetMail = (email: string) => (m: CapturedMail) =>
  m.to === email.toLowerCase() && /Password Reset OTP/.test(m.subject);
export const isVerificationMail = (email: string) => (m: CapturedMail) =>
  m.to === email.toLowerCase() && /Verify your email/.test(m.subject);
export const isPasswordChangedMail = (email: string) => (m: CapturedMail) =>
  m.to === email.toLowerCase() && /Password Changed/.test(m.subject);

/** Waits for the n-th (1-based) mail matching the predicate. */
export function waitForNth(
  smtp: SmtpCapture,
  predicate: (m: CapturedMail) => boolean,
  n: number,
  timeout = 10_000,
): Promise<CapturedMail> {
  return waitFor(() => smtp.mails.filter(predicate)[n - 1], {
    timeout,
    message: `${n} matching mails (received ${smtp.mails.length})`,
  });
}

/**
 * Waits until the worker has finished the mail job(s) matching `predicate` and returns their results
 * (`{ sent, reason }`): how a test knows a mail was *not* sent, without waiting an arbitrary time.
 */
export async function emailJobResults(
  predicate: (data: EmailJobData) => boolean,
  timeout = 10_000,
): Promise<EmailJobResult[]> {
  const { getQueue } = await import('../../src/infra/queues');
  const queue = getQueue('email-notifications');
  return waitFor(
    async () => {
      const done = (await queue.getJobs(['completed'])).filter((j) => predicate(j.data));
      return done.length > 0 && done.map((j) => j.returnvalue as EmailJobResult);
    },
    { timeout, message: 'a finished mail job' },
  );
}
