import { Schema, model, type Types } from 'mongoose';

/**
 * A login session, durable: the source of truth for "is this token still valid?" once Redis (the fast
 * path) has lost its copy. `_id` is the session id (`sid` claim); `jti` names the one token the session
 * accepts now (rotation swaps it, so an old token is refused). Logout and revocation delete the document;
 * MongoDB's TTL monitor removes expired ones.
 */
const loginSessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    user: { type: Schema.Types.ObjectId, ref: 'User', required: true },
    jti: { type: String, required: true },
    userAgent: { type: String, default: '' },
    ip: { type: String, default: '' },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

loginSessionSchema.index({ user: 1 });
loginSessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });

export interface LoginSessionDoc {
  _id: string;
  user: Types.ObjectId;
  jti: string;
  userAgent: string;
  ip: string;
  lastSeenAt: Date;
  expiresAt: Date;
  createdAt: Date;
}

export const LoginSession = model('LoginSession', loginSessionSchema);
