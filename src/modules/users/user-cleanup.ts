import { logger } from '../../infra/logger';

/**
 * Account deletion hooks. Each feature that stores per-user data registers one, at module load:
 *
 *   import { onUserDeleted } from '../users/user-cleanup';
 *   onUserDeleted('sessions', async (userId) => { await Session.deleteMany({ user: userId }); });
 *
 * DELETE /api/v1/user/profile runs every hook. A failing hook is logged and reported; the others
 * still run (one broken feature must not leave the rest of the user's data behind).
 */
export type UserCleanupHook = (userId: string) => Promise<unknown>;

const hooks = new Map<string, UserCleanupHook>();

/** Registers (or replaces, by name) a cleanup hook. Returns a function that unregisters it. */
export function onUserDeleted(name: string, hook: UserCleanupHook): () => void {
  hooks.set(name, hook);
  return () => {
    if (hooks.get(name) === hook) hooks.delete(name);
  };
}

export function registeredCleanupHooks(): string[] {
  return [...hooks.keys()];
}

export interface CleanupReport {
  succeeded: string[];
  failed: Array<{ name: string; error: string }>;
}

/** Runs every hook concurrently; never throws. */
export async function runUserCleanup(userId: string): Promise<CleanupReport> {
  const entries = [...hooks.entries()];
  const results = await Promise.allSettled(entries.map(([, hook]) => hook(userId)));
  const report: CleanupReport = { succeeded: [], failed: [] };
  results.forEach((result, i) => {
    const name = entries[i][0];
    if (result.status === 'fulfilled') {
      report.succeeded.push(name);
    } else {
      const error = result.reason instanceof Error ? result.reason.message : String(result.reason);
      report.failed.push({ name, error });
      logger.error('user cleanup hook failed', { hook: name, userId, error });
    }
  });
  return report;
}
