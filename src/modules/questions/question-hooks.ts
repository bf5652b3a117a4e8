import { logger } from '../../infra/logger';

/**
 * What deleting questions also removes. Features with per-question data (practice attempts, cached
 * explanations) register a hook at start-up; every path that deletes questions (single delete, bulk
 * delete) calls `runQuestionsDeleted` with the deleted ids. Session and account deletion have their own
 * hooks (sessions.service, users/user-cleanup).
 */
export type QuestionsDeletedHook = (userId: string, questionIds: string[]) => Promise<unknown>;
const hooks = new Map<string, QuestionsDeletedHook>();

export function onQuestionsDeleted(name: string, hook: QuestionsDeletedHook): () => void {
  hooks.set(name, hook);
  return () => {
    if (hooks.get(name) === hook) hooks.delete(name);
  };
}

/** Runs every hook; a failing hook is logged, the others still run. Never throws. */
export async function runQuestionsDeleted(userId: string, questionIds: string[]): Promise<void> {
  if (!questionIds.length) return;
  await Promise.all(
    [...hooks].map(([name, hook]) =>
      hook(userId, questionIds).catch((err: Error) =>
        logger.error('question cleanup hook failed', { hook: name, error: err.message }),
      ),
    ),
  );
}
