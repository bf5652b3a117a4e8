import { getQueue, type BaseJobData } from '../../infra/queues';
import type { NotificationCategory } from '../users/user.model';
import type { JobFinishedMailData, PasswordChangedMailData } from './templates';

/**
 * Producer side of the `email-notifications` queue. The api only enqueues; the worker renders and sends.
 *
 *   await enqueueEmail({ userId, to, template: 'job-finished', category: 'export',
 *                        data: { title: 'PDF export', status: 'completed', message: '...', link } });
 *
 * With `category`, the mail is skipped when the user turned that category off in their preferences.
 * OTP mails carry no code: the worker issues the code itself, so no one-time code ever sits in a job.
 */
export type EmailJobData = BaseJobData & { to: string; requestId?: string } & (
    | { template: 'password-reset-otp' | 'email-verification'; data?: undefined; category?: undefined }
    | { template: 'password-changed'; data: PasswordChangedMailData; category?: NotificationCategory }
    | { template: 'job-finished'; data: JobFinishedMailData; category?: NotificationCategory }
  );

export async function enqueueEmail(job: EmailJobData): Promise<string> {
  const queued = await getQueue('email-notifications').add(job, {
    // Mail jobs hold addresses: keep finished ones only briefly.
    removeOnComplete: { age: 3600, count: 100 },
  });
  return String(queued.id);
}
