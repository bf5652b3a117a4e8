import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { config } from '../config';
import { logger } from './logger';

export interface MailMessage {
  to: string;
  subject: string;
  html: string;
  text: string;
}

/**
 * One transport per process. With SMTP_URL (or the legacy SMTP_* settings) mail goes out over SMTP;
 * without it each message is written as an .eml file to MAIL_OUTBOX_DIR, so local runs need no mail server.
 */
let transport: Transporter | undefined;
let outboxMode = false;

function getTransport(): Transporter {
  if (transport) return transport;
  if (config.mail.smtpUrl) {
    transport = nodemailer.createTransport(config.mail.smtpUrl);
  } else {
    outboxMode = true;
    transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    logger.info(`SMTP not configured: mail is written to ${config.mail.outboxDir}`);
  }
  return transport;
}

export async function sendMail(message: MailMessage): Promise<{ messageId: string; file?: string }> {
  const t = getTransport();
  const info = await t.sendMail({
    from: { name: config.mail.fromName, address: config.mail.from },
    to: message.to,
    subject: message.subject,
    html: message.html,
    text: message.text,
  });
  if (!outboxMode) return { messageId: info.messageId };
  await fs.mkdir(config.mail.outboxDir, { recursive: true });
  const safeTo = message.to.replace(/[^a-z0-9@._-]/gi, '_');
  const file = path.join(config.mail.outboxDir, `${Date.now()}-${safeTo}.eml`);
  await fs.writeFile(file, (info as unknown as { message: Buffer }).message);
  logger.info('mail written to outbox', { file, subject: message.subject });
  return { messageId: info.messageId, file };
}

export function closeMailer(): void {
  transport?.close();
  transport = undefined;
}
