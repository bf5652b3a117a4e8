import { config } from '../../config';

/**
 * Mail templates: each renders a subject, an HTML body and a plain-text body. Every value that comes
 * from a user (names, emails, titles) is HTML-escaped in the HTML part; the brand is EMAIL_FROM_NAME.
 */
export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

/** Strips line breaks from values placed in headers (subject) or single-line text. */
const oneLine = (value: unknown): string =>
  String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .trim();

function layout(brand: string, title: string, bodyHtml: string): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="background:#ffffff;border-radius:8px;padding:32px">
<tr><td style="font-size:20px;font-weight:bold;color:#3b5bdb;padding-bottom:16px">${escapeHtml(brand)}</td></tr>
<tr><td style="font-size:15px;line-height:1.6">${bodyHtml}</td></tr>
<tr><td style="font-size:12px;color:#7b8794;padding-top:24px">This message was sent by ${escapeHtml(brand)}. Please do not reply to it.</td></tr>
</table></td></tr></table></body></html>`;
}

const codeBlock = (code: string) =>
  `<p style="font-size:32px;letter-spacing:8px;font-weight:bold;text-align:center;margin:24px 0">${escapeHtml(code)}</p>`;

export interface OtpMailData {
  fullname: string;
  otp: string;
  /** Human text of the real expiry setting, e.g. "10 minutes". */
  expiresIn: string;
}

export function passwordResetOtpMail(d: OtpMailData, brand = config.mail.fromName): RenderedMail {
  const subject = `Password Reset OTP - ${oneLine(brand)}`;
  const html = layout(
    brand,
    subject,
    `<p>Hello ${escapeHtml(d.fullname)},</p>
<p>We received a request to reset your password. Your one-time code is:</p>${codeBlock(d.otp)}
<p>It is valid for ${escapeHtml(d.expiresIn)} and can be used once.</p>
<p>If you did not ask for this, ignore this email: your password stays unchanged. Never share this code with anyone.</p>`,
  );
  const text = `Hello ${oneLine(d.fullname)},

We received a request to reset your password. Your one-time code is: ${d.otp}

It is valid for ${d.expiresIn} and can be used once.
If you did not ask for this, ignore this email: your password stays unchanged. Never share this code with anyone.

${oneLine(brand)}`;
  return { subject, html, text };
}

export function emailVerificationMail(d: OtpMailData, brand = config.mail.fromName): RenderedMail {
  const subject = `Verify your email - ${oneLine(brand)}`;
  const html = layout(
    brand,
    subject,
    `<p>Hello ${escapeHtml(d.fullname)},</p>
<p>Welcome! Confirm your email address with this code:</p>${codeBlock(d.otp)}
<p>It is valid for ${escapeHtml(d.expiresIn)}.</p>
<p>If you did not create an account, ignore this email.</p>`,
  );
  const text = `Hello ${oneLine(d.fullname)},

Welcome! Confirm your email address with this code: ${d.otp}

It is valid for ${d.expiresIn}.
If you did not create an account, ignore this email.

${oneLine(brand)}`;
  return { subject, html, text };
}

export interface PasswordChangedMailData {
  fullname: string;
  email: string;
  /** ISO date of the change. */
  when: string;
  how: 'reset' | 'change';
}

export function passwordChangedMail(d: PasswordChangedMailData, brand = config.mail.fromName): RenderedMail {
  const subject = `Password Changed Successfully - ${oneLine(brand)}`;
  const when = new Date(d.when).toUTCString();
  const how = d.how === 'reset' ? 'reset with a one-time code' : 'changed from your account settings';
  const html = layout(
    brand,
    subject,
    `<p>Hello ${escapeHtml(d.fullname)},</p>
<p>The password of your account <strong>${escapeHtml(d.email)}</strong> was ${how} on ${escapeHtml(when)}.</p>
<p>Every device that was signed in has been signed out.</p>
<p>If this was not you, reset your password immediately and contact support.</p>`,
  );
  const text = `Hello ${oneLine(d.fullname)},

The password of your account ${oneLine(d.email)} was ${how} on ${when}.
Every device that was signed in has been signed out.
If this was not you, reset your password immediately and contact support.

${oneLine(brand)}`;
  return { subject, html, text };
}

export interface JobFinishedMailData {
  fullname?: string;
  /** What finished, e.g. "Question generation" or "PDF export". */
  title: string;
  status: 'completed' | 'failed';
  /** One or two sentences about the result (or the failure). */
  message: string;
  /** Optional absolute or app-relative link (e.g. a download URL). */
  link?: string;
  linkText?: string;
}

/** Generic "your job finished" mail for generation, export and practice features. */
export function jobFinishedMail(d: JobFinishedMailData, brand = config.mail.fromName): RenderedMail {
  const verb = d.status === 'completed' ? 'is ready' : 'failed';
  const subject = `${oneLine(d.title)} ${verb} - ${oneLine(brand)}`;
  const safeLink = d.link && /^(https?:\/\/|\/)[^\s"'<>]*$/i.test(d.link) ? d.link : undefined;
  const html = layout(
    brand,
    subject,
    `<p>Hello${d.fullname ? ` ${escapeHtml(d.fullname)}` : ''},</p>
<p><strong>${escapeHtml(d.title)}</strong> ${verb}.</p>
<p>${escapeHtml(d.message)}</p>${
      safeLink ? `<p><a href="${escapeHtml(safeLink)}">${escapeHtml(d.linkText ?? 'Open')}</a></p>` : ''
    }`,
  );
  const text = `Hello${d.fullname ? ` ${oneLine(d.fullname)}` : ''},

${oneLine(d.title)} ${verb}.
${d.message}
${safeLink ? `\n${d.linkText ?? 'Open'}: ${safeLink}\n` : ''}
${oneLine(brand)}`;
  return { subject, html, text };
}
