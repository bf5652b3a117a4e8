import { clearLegacyNotificationKeys } from './modules/auth/auth.service';
import { clearNotifications } from './modules/notifications/notifications.service';
import {
  deleteQuestionsOfSession,
  deleteQuestionsOfUser,
  presentQuestion,
} from './modules/questions/questions.service';
import {
  deleteAllSessionsOfUser,
  onSessionDeleted,
  presentQuestionsWith,
} from './modules/sessions/sessions.service';
import { deleteAuditForUser } from './modules/users/audit.service';
import { onUserDeleted } from './modules/users/user-cleanup';

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
  presentQuestionsWith(presentQuestion);
}
