import type { Job } from 'bull';
import type { ProcessorDefinition } from '../../infra/queues';
import { sendMail } from '../../infra/mailer';
import { logger } from '../../infra/logger';
import { metrics } from '../../infra/metrics';
import { findUserByEmail, wantsEmail } from '../users/user.service';
import { issueOtp, otpTtlSeconds } from '../auth/otp.service';
import { describeSeconds } from '../auth/duration';
import type { EmailJobData } from './email.queue';
import {
  emailVerificationMail,
  jobFinishedMail,
  passwordChangedMail,
  passwordResetOtpMail,
  type RenderedMail,
} from './templates';

export interface EmailJobResult {
  sent: boolean;
  reason?: string;
}

/**
 * Builds the mail for a job, or says why none is sent. OTP mails issue their code here: a code is
 * issued for every request (known email or not, so verify/reset behave the same for both) and mailed
 * only to an existing account.
 */
async function compose(data: EmailJobData): Promise<RenderedMail | string> {
  switch (data.template) {
    case 'password-reset-otp': {
      const otp = await issueOtp('reset', data.to);
      const user = await findUserByEmail(data.to);
      if (!user || user.disabled) return 'no_account';
      return passwordResetOtpMail({
        fullname: user.fullname,
        otp,
        expiresIn: describeSeconds(otpTtlSeconds()),
      });
    }
    case 'email-verification': {
      const otp = await issueOtp('verify-email', data.to);
      const user = await findUserByEmail(data.to);
      if (!user || user.disabled) return 'no_account';
      if (user.emailVerified) return 'already_verified';
      return emailVerificationMail({
        fullname: user.fullname,
        otp,
        expiresIn: describeSeconds(otpTtlSeconds()),
      });
    }
    case 'password-changed':
      return passwordChangedMail(data.data);
    case 'job-finished':
      return jobFinishedMail(data.data);
    default:
      return 'unknown_template';
  }
}

export const emailProcessor: ProcessorDefinition<EmailJobData, EmailJobResult> = {
  queue: 'email-notifications',
  async handle(job: Job<EmailJobData>) {
    const data = job.data;
    if (data.category && data.userId && !(await wantsEmail(data.userId, data.category))) {
      metrics.emailsSent.inc({ template: data.template, outcome: 'skipped' });
      return { sent: false, reason: 'preference_off' };
    }
    const mail = await compose(data);
    if (typeof mail === 'string') {
      metrics.emailsSent.inc({ template: data.template, outcome: 'skipped' });
      return { sent: false, reason: mail };
    }
    try {
      await sendMail({ to: data.to, ...mail });
    } catch (err) {
      metrics.emailsSent.inc({ template: data.template, outcome: 'failed' });
      throw err;
    }
    metrics.emailsSent.inc({ template: data.template, outcome: 'sent' });
    logger.info('email sent', { template: data.template });
    return { sent: true };
  },
};
