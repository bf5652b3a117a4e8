import { logger } from '../../infra/logger';

/**
 * What other features do when questions change in bulk or disappear. A feature with per-question data
 * (practice attempts, analytics caches) registers a hook at start-up:
 *
 *   onQuestionsDeleted('attempts', ({ userId, questionIds }) => deleteAttemptsOfQuestions(userId, questionIds));
 *
 * Hooks run after the questions were written; a failing hook is logged and the others still run (the
 * questions are gone whatever a hook does). Deleting a whole session runs the session cleanup hooks
 * (sessions.service `onSessionDeleted`) instead.
 */
export interface QuestionsChange {
  userId: string;
  questionIds: string[];
  /** Sessions the questions belonged to. */
  sessionIds: string[];
}
export type QuestionsHook = (change: QuestionsChange) => Promise<unknown>;

function hookList(kind: string) {
  const hooks = new Map<string, QuestionsHook>();
  return {
    /** Registers (or replaces, by name) a hook; returns a function that unregisters it. */
    register(name: string, hook: QuestionsHook): () => void {
      hooks.set(name, hook);
      return () => {
        if (hooks.get(name) === hook) hooks.delete(name);
      };
    },
    /** Runs every hook concurrently; never throws. */
    async run(change: QuestionsChange): Promise<void> {
      if (!change.questionIds.length) return;
      const entries = [...hooks.entries()];
      const results = await Promise.allSettled(entries.map(([, hook]) => hook(change)));
      results.forEach((r, i) => {
        if (r.status === 'rejected')
          logger.error(`questions ${kind} hook failed`, {
            hook: entries[i]![0],
            userId: change.userId,
            error: r.reason instanceof Error ? r.reason.message : String(r.reason),
          });
      });
    },
  };
}

const deleted = hookList('deleted');
const updated = hookList('updated');

/** Called after questions are deleted (one or many): remove what hangs off them (attempts, caches). */
export const onQuestionsDeleted = deleted.register;
/** Called after questions are changed in bulk (difficulty, pin): refresh derived data (caches). */
export const onQuestionsUpdated = updated.register;

export const runQuestionsDeleted = deleted.run;
export const runQuestionsUpdated = updated.run;
