import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import PostalMime from 'postal-mime';

/**
 * A real SMTP server on 127.0.0.1 (random port) that keeps every mail it receives, parsed.
 *
 *   const smtp = await startSmtpCapture();
 *   process.env.SMTP_URL = smtp.url;          // before the app's config is first imported
 *   const mail = await smtp.waitFor((m) => m.to === email && /OTP/.test(m.subject));
 *   const otp = /\b(\d{6})\b/.exec(mail.text)?.[1];
 *   await smtp.close();
 */
export interface CapturedMail {
  /** First recipient (lower-cased), as given in the SMTP envelope. */
  to: string;
  recipients: string[];
  from: string;
  fromName: string;
  subject: string;
  text: string;
  html: string;
  raw: string;
  receivedAt: number;
}

export interface SmtpCapture {
  readonly url: string;
  readonly mails: CapturedMail[];
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  clear(): void;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const mails: CapturedMail[] = [];
  const waiters = new Set<{ predicate: (m: CapturedMail) => boolean; resolve: (m: CapturedMail) => void }>();

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Close lingering client connections quickly at the end of a test file.
    closeTimeout: 200,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        PostalMime.parse(raw)
          .then((parsed) => {
            const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
            const mail: CapturedMail = {
              to: recipients[0] ?? '',
              recipients,
              from: parsed.from?.address ?? '',
              fromName: parsed.from?.name ?? '',
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: parsed.html ?? '',
              raw,
              receivedAt: Date.now(),
            };
            mails.push(mail);
            for (const w of [...waiters]) {
              if (w.predicate(mail)) {
                waiters.delete(w);
                w.resolve(mail);
              }
            }
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}?ignoreTLS=true`,
    mails,
    waitFor(predicate, timeoutMs = 10_000) {
      const found = mails.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise<CapturedMail>((resolve, reject) => {
        const waiter = {
          predicate,
          resolve: (m: CapturedMail) => {
            clearTimeout(timer);
            resolve(m);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(
            new Error(
              `no matching mail within ${timeoutMs} ms (received ${mails.length}: ${mails.map((m) => `${m.to} "${m.subject}"`).join('; ')})`,
            ),
          );
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    clear() {
      mails.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
