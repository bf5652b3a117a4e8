import mongoose, { Schema, type Types } from 'mongoose';
import { config } from '../../config';

export const AUDIT_EVENTS = [
  'register',
  'login_success',
  'login_failure',
  'logout',
  'token_refresh',
  'session_revoked',
  'sessions_revoked',
  'password_change',
  'password_reset_requested',
  'password_reset_completed',
  'otp_burnt',
  'email_verification_requested',
  'email_verified',
  'profile_updated',
  'account_deleted',
  'account_disabled',
  'account_enabled',
  'role_changed',
] as const;
export type AuditEventName = (typeof AUDIT_EVENTS)[number];

/**
 * Security audit trail. Entries expire after AUDIT_RETENTION_DAYS (TTL index on `createdAt`).
 * Never holds secrets: only the event, who, when, from where, and small non-secret details.
 */
const auditSchema = new Schema(
  {
    user: { type: Schema.Types.ObjectId, ref: 'User', default: null },
    event: { type: String, enum: AUDIT_EVENTS, required: true },
    ip: { type: String, maxlength: 64 },
    userAgent: { type: String, maxlength: 512 },
    details: { type: Schema.Types.Mixed },
    createdAt: { type: Date, default: Date.now },
  },
  { versionKey: false },
);
auditSchema.index({ user: 1, createdAt: -1 });
auditSchema.index({ createdAt: 1 }, { expireAfterSeconds: config.auth.auditRetentionDays * 24 * 3600 });

export interface AuditDoc {
  _id: Types.ObjectId;
  user: Types.ObjectId | null;
  event: AuditEventName;
  ip?: string;
  userAgent?: string;
  details?: Record<string, unknown>;
  createdAt: Date;
}

export const AuditEvent = mongoose.model('AuditEvent', auditSchema, 'audit_events');
