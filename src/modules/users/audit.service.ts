import { Types } from 'mongoose';
import { logger } from '../../infra/logger';
import { AuditEvent, type AuditDoc, type AuditEventName } from './audit.model';

/** The audit event names (documented in the OpenAPI document). */
export { AUDIT_EVENTS } from './audit.model';

/** Where a request came from: recorded with each audit entry. */
export interface ClientInfo {
  ip?: string;
  userAgent?: string;
}

export interface AuditInput extends ClientInfo {
  userId?: string | null;
  details?: Record<string, string | number | boolean | null>;
}

/**
 * Writes one audit entry. Auditing never breaks the action being audited: a failed write is logged
 * (without the details, which may name an email) and swallowed.
 */
export async function recordAudit(event: AuditEventName, input: AuditInput = {}): Promise<void> {
  try {
    await AuditEvent.create({
      user: input.userId ? new Types.ObjectId(input.userId) : null,
      event,
      ip: input.ip?.slice(0, 64),
      userAgent: input.userAgent?.slice(0, 512),
      details: input.details,
    });
  } catch (err) {
    logger.warn('audit write failed', { event, error: (err as Error).message });
  }
}

export interface AuditEntry {
  id: string;
  event: AuditEventName;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  createdAt: Date;
}

export async function listAudit(
  userId: string,
  page: number,
  limit: number,
): Promise<{ items: AuditEntry[]; total: number }> {
  const filter = { user: new Types.ObjectId(userId) };
  const [docs, total] = await Promise.all([
    AuditEvent.find(filter)
      .sort({ createdAt: -1, _id: -1 })
      .skip((page - 1) * limit)
      .limit(limit)
      .lean<AuditDoc[]>(),
    AuditEvent.countDocuments(filter),
  ]);
  return {
    items: docs.map((d) => ({
      id: String(d._id),
      event: d.event,
      ip: d.ip ?? null,
      userAgent: d.userAgent ?? null,
      details: d.details ?? {},
      createdAt: d.createdAt,
    })),
    total,
  };
}

export async function deleteAuditForUser(userId: string): Promise<number> {
  const res = await AuditEvent.deleteMany({ user: new Types.ObjectId(userId) });
  return res.deletedCount ?? 0;
}
