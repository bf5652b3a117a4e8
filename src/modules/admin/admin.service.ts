import { BadRequestError, NotFoundError } from '../../lib/errors';
import { logger } from '../../infra/logger';
import { QUEUE_NAMES, getQueue } from '../../infra/queues';
import { refreshAuthState, revokeAllSessions } from '../auth/token.service';
import { countQuestions } from '../questions/questions.service';
import { countSessions } from '../sessions/sessions.service';
import { readDailyStats } from '../usage/ai-stats';
import { recordAudit, type ClientInfo } from '../users/audit.service';
import { countUsers, searchUsers, setAccountFlags, toAdminUser } from '../users/user.admin';
import type { ListUsersQuery, UpdateUserInput } from './admin.schemas';

/**
 * What an admin can see and do. Every change to an account goes through the users module and ends
 * what it must: disabling bumps the token version and revokes every login session (the auth middleware
 * also refuses a disabled account), and the cached auth state is refreshed so the change applies on the
 * user's next request on every instance.
 */

export type AccountHook = (userId: string) => Promise<unknown>;
const disabledHooks = new Map<string, AccountHook>();

/** Runs after an account is disabled (e.g. closing the user's sockets). */
export function onAccountDisabled(name: string, hook: AccountHook): () => void {
  disabledHooks.set(name, hook);
  return () => {
    if (disabledHooks.get(name) === hook) disabledHooks.delete(name);
  };
}

/** Every hook runs; a failing one is logged (the account is disabled whatever a hook does). */
async function runDisabledHooks(userId: string): Promise<void> {
  const entries = [...disabledHooks.entries()];
  const results = await Promise.allSettled(entries.map(([, hook]) => hook(userId)));
  results.forEach((r, i) => {
    if (r.status === 'rejected')
      logger.error('account disabled hook failed', {
        hook: entries[i]![0],
        userId,
        error: r.reason instanceof Error ? r.reason.message : String(r.reason),
      });
  });
}

export function listUsers(q: ListUsersQuery) {
  return searchUsers(q);
}

export async function updateUser(
  adminId: string,
  userId: string,
  input: UpdateUserInput,
  client: ClientInfo = {},
) {
  if (userId === adminId && (input.disabled === true || input.role === 'user')) {
    throw new BadRequestError('You cannot disable or demote your own account', 'cannot_modify_self');
  }
  const result = await setAccountFlags(userId, input);
  if (!result) throw new NotFoundError('User not found', 'user_not_found');
  const { before, after } = result;
  await refreshAuthState(userId);
  const audit = { userId, ...client, details: { by: adminId } };
  if (input.disabled === true && !before.disabled) {
    const revoked = await revokeAllSessions(userId);
    await recordAudit('account_disabled', { ...audit, details: { by: adminId, sessionsRevoked: revoked } });
    await runDisabledHooks(userId);
  } else if (input.disabled === false && before.disabled) {
    await recordAudit('account_enabled', audit);
  }
  if (input.role !== undefined && input.role !== before.role) {
    await recordAudit('role_changed', {
      ...audit,
      details: { by: adminId, from: before.role ?? 'user', to: input.role },
    });
  }
  return toAdminUser(after);
}

const JOB_STATES = ['waiting', 'active', 'completed', 'failed', 'delayed', 'paused'] as const;

async function jobCounts() {
  const entries = await Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const counts = (await getQueue(name).getJobCounts()) as unknown as Record<string, number>;
      return [name, Object.fromEntries(JOB_STATES.map((s) => [s, counts[s] ?? 0]))] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** GET /admin/stats: totals, queue states, and today's (UTC) cache and AI figures. */
export async function getStats() {
  const [users, sessions, questions, jobs, today] = await Promise.all([
    countUsers(),
    countSessions(),
    countQuestions(),
    jobCounts(),
    readDailyStats(),
  ]);
  return {
    users,
    sessions,
    questions,
    jobs,
    cache: today.cache,
    ai: {
      day: today.day,
      calls: today.calls,
      byOperation: today.byOperation,
      promptTokens: today.promptTokens,
      completionTokens: today.completionTokens,
      totalTokens: today.totalTokens,
    },
    generatedAt: new Date().toISOString(),
  };
}
