import { clearLegacyNotificationKeys } from './modules/auth/auth.service';
import { clearNotifications } from './modules/notifications/notifications.service';
import {
  deleteQuestionsOfSession,
  deleteQuestionsOfUser,
  presentQuestion,
  presentQuestionSummary,
} from './modules/questions/questions.service';
import {
  deleteAllSessionsOfUser,
  onSessionDeleted,
  presentQuestionsWith,
} from './modules/sessions/sessions.service';
import { deleteAuditForUser } from './modules/users/audit.service';
import { onUserDeleted } from './modules/users/user-cleanup';
import { dropUserAnalytics, invalidateUserAnalytics } from './modules/analytics/analytics.cache';
import {
  deleteAttemptsOfQuestions,
  deleteAttemptsOfSession,
  deleteAttemptsOfUser,
  evaluationJobSource,
  explanationJobSource,
  withMastery,
} from './modules/practice/practice.service';
import { onQuestionsDeleted, onQuestionsUpdated } from './modules/questions/question-hooks';
import { registerJobStatusSource } from './modules/queue/queue.service';
import {
  deleteSessionExports,
  deleteUserExports,
  getExportJobStatus,
} from './modules/exports/exports.service';
import { closeUserSockets } from './infra/events';
import { onAccountDisabled } from './modules/admin/admin.service';
import { deleteTemplatesOfUser } from './modules/templates/templates.service';

/**
 * Cross-feature wiring, in one place: what account and session deletion also remove, and how a
 * session shows its questions. Each process calls this once at start-up (createApp for the api,
 * startWorker for the worker); importing a feature module registers nothing by itself.
 * Registration is by name, so calling it again changes nothing.
 */
export function wireFeatures(): void {
  onUserDeleted('sessions', deleteAllSessionsOfUser);
  onUserDeleted('questions', deleteQuestionsOfUser);
  onUserDeleted('notifications-history', clearNotifications);
  onUserDeleted('notifications', clearLegacyNotificationKeys);
  onUserDeleted('audit-trail', (userId) => deleteAuditForUser(userId));

  onSessionDeleted('questions', (sessionId) => deleteQuestionsOfSession(sessionId));
  // A session shows its questions as the questions module shapes them: in full (with the owner's
  // practice figures) in its detail, in brief in lists.
  presentQuestionsWith({
    // The sessions module populates whole question documents: the questions module's stored shape.
    full: (userId, questions) =>
      withMastery(
        userId,
        questions.map((q) => presentQuestion(q as unknown as Parameters<typeof presentQuestion>[0])),
      ),
    summary: presentQuestionSummary,
  });

  // Practice: attempts hang off questions, sessions and accounts; bulk changes alter analytics.
  onQuestionsDeleted('practice-attempts', ({ userId, questionIds }) =>
    deleteAttemptsOfQuestions(userId, questionIds),
  );
  onQuestionsUpdated('analytics', ({ userId }) => invalidateUserAnalytics(userId));
  onSessionDeleted('practice-attempts', deleteAttemptsOfSession);
  onUserDeleted('practice-attempts', deleteAttemptsOfUser);
  onUserDeleted('templates', deleteTemplatesOfUser);
  onUserDeleted('analytics-cache', dropUserAnalytics);

  onSessionDeleted('exports', (sessionId) => deleteSessionExports(sessionId));
  onUserDeleted('exports', deleteUserExports);

  // A disabled account loses its open sockets on every api instance, not only its tokens.
  onAccountDisabled('sockets', (userId) => closeUserSockets(userId));

  // GET /api/v1/queue/job/:jobId serves every job kind.
  registerJobStatusSource('export-generation', getExportJobStatus);
  registerJobStatusSource('answer-evaluation', evaluationJobSource);
  registerJobStatusSource('concept-explanation', explanationJobSource);
}
