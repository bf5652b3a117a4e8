import type { TestApp } from '../support/app';
import { startSmtpCapture, type CapturedMail, type SmtpCapture } from '../support/smtp-capture';

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
export async function waitForNth(
  smtp: SmtpCapture,
  predicate: (m: CapturedMail) => boolean,
  n: number,
  timeoutMs = 10_000,
): Promise<CapturedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const matching = smtp.mails.filter(predicate);
    if (matching.length >= n) return matching[n - 1];
    if (Date.now() > deadline) throw new Error(`expected ${n} matching mails, got ${matching.length}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
