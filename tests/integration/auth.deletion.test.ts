import request from 'supertest';
import { config } from '../../src/config';
import { getRedis } from '../../src/infra/redis';
import { AuditEvent } from '../../src/modules/users/audit.model';
import { User } from '../../src/modules/users/user.model';
import { onUserDeleted } from '../../src/modules/users/user-cleanup';
import { bootApp } from '../support/app';
import { bearer, registerAndLogin } from '../support/factories';
import { api, useApp } from './auth.helpers';

const t = useApp(bootApp);

describe('DELETE /profile', () => {
  it('needs the right password and then removes the account and all of its data, even if one hook fails', async () => {
    const u = await registerAndLogin(t.app, { password: 'delete-me-please' });
    const other = await registerAndLogin(t.app);
    const id = u.user._id;
    const redis = getRedis();
    // Data other features keep for the user, and their cleanup hooks.
    await redis.lpush(`notifications:${id}`, JSON.stringify({ type: 'job_complete' }));
    await redis.lpush(`notifications:${other.user._id}`, JSON.stringify({ type: 'job_complete' }));
    const cleaned: string[] = [];
    const offA = onUserDeleted('test-feature', async (userId) => {
      cleaned.push(userId);
    });
    const offB = onUserDeleted('test-broken-feature', async () => {
      throw new Error('storage unavailable');
    });
    await request(t.app).post(api('/forgot-password')).send({ email: u.user.email });
    const second = await request(t.app)
      .post(api('/login'))
      .send({ email: u.user.email, password: 'delete-me-please' });

    try {
      const wrong = await request(t.app)
        .delete(api('/profile'))
        .set('Authorization', bearer(u.token))
        .send({ password: 'not-it-at-all' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('invalid_password');
      expect(await User.exists({ _id: id })).not.toBeNull();
      expect(cleaned).toEqual([]);

      const res = await request(t.app)
        .delete(api('/profile'))
        .set('Cookie', u.cookie)
        .send({ password: 'delete-me-please' });
      expect(res.status).toBe(200);
      expect(res.body.data.deleted).toBe(true);
      expect(res.body.data.cleanup.failed).toEqual(['test-broken-feature']);
      expect(res.body.data.cleanup.succeeded).toEqual(
        expect.arrayContaining(['test-feature', 'audit-trail', 'notifications']),
      );
      expect(cleaned).toEqual([id]);
    } finally {
      offA();
      offB();
    }

    expect(await User.exists({ _id: id })).toBeNull();
    // Only the bare fact of the deletion stays in the audit trail (no IP, agent or email).
    const audit = await AuditEvent.find({ user: id }).lean();
    expect(audit.map((a) => a.event)).toEqual(['account_deleted']);
    expect(audit[0].ip).toBeUndefined();
    // Every token is dead, on every session.
    for (const token of [u.token, second.body.data.token as string]) {
      expect((await request(t.app).get(api('/profile')).set('Authorization', bearer(token))).status).toBe(
        401,
      );
    }
    expect(
      (await request(t.app).post(api('/login')).send({ email: u.user.email, password: 'delete-me-please' }))
        .status,
    ).toBe(401);
    // No Redis key of the user is left (sessions, auth cache, OTPs, notifications); the other user's stay.
    // Rate-limit counters run out with their window (deleting them would make deletion a limit reset).
    const keys = await redis.keys(`${config.redis.prefix}*`);
    const own = keys.filter((k) => k.includes(id) || k.includes(u.user.email));
    expect(own.filter((k) => !k.startsWith(`${config.redis.prefix}rl:`))).toEqual([]);
    expect(await redis.exists(`notifications:${other.user._id}`)).toBe(1);
    expect((await request(t.app).get(api('/profile')).set('Authorization', bearer(other.token))).status).toBe(
      200,
    );

    // The email is free again.
    const again = await request(t.app)
      .post(api('/register'))
      .send({ fullname: 'Back Again', email: u.user.email, password: 'brand-new-pass' });
    expect(again.status).toBe(201);
  });
});

describe('GET /history', () => {
  it("returns only the user's own events, newest first, paginated, without secrets", async () => {
    const u = await registerAndLogin(t.app, { password: 'history-pass-1' });
    await request(t.app).post(api('/login')).send({ email: u.user.email, password: 'wrong-password' });
    const other = await registerAndLogin(t.app);
    await request(t.app).post(api('/refresh-token')).set('Authorization', bearer(other.token));

    const page1 = await request(t.app)
      .get(api('/history?limit=2'))
      .set('Authorization', bearer(u.token))
      .set('User-Agent', 'jest-agent');
    expect(page1.status).toBe(200);
    expect(page1.body.count).toBe(2);
    expect(page1.body.pagination).toEqual({ page: 1, limit: 2, total: 3, pages: 2 });
    const all = await request(t.app).get(api('/history')).set('Authorization', bearer(u.token));
    const events = all.body.data.events as Array<{
      event: string;
      ip: string;
      createdAt: string;
      details: Record<string, unknown>;
    }>;
    expect(events.map((e) => e.event)).toEqual(['login_failure', 'login_success', 'register']);
    expect(events[0].details).toEqual({ reason: 'invalid_credentials' });
    expect(events[0].ip).toContain('127.0.0.1');
    expect(JSON.stringify(all.body)).not.toMatch(/history-pass-1|wrong-password|\$2[aby]\$|eyJ/);
  });

  it('the audit collection expires entries after AUDIT_RETENTION_DAYS (TTL index)', async () => {
    const indexes = await AuditEvent.collection.indexes();
    const ttl = indexes.find((i) => i.key.createdAt === 1 && Object.keys(i.key).length === 1);
    expect(ttl?.expireAfterSeconds).toBe(config.auth.auditRetentionDays * 24 * 3600);
  });
});
