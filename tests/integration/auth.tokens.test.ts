import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, login, registerAndLogin } from '../support/factories';
import { api, useApp } from './auth.helpers';

const t = useApp(bootApp);
const profile = (token: string, app = t.app) =>
  request(app).get(api('/profile')).set('Authorization', bearer(token));

describe('sessions', () => {
  it('lists logins with device, IP and times, and revokes one or all others', async () => {
    const u = await registerAndLogin(t.app);
    const chrome =
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
    const phone = await request(t.app)
      .post(api('/login'))
      .set('User-Agent', chrome)
      .send({ email: u.user.email, password: u.password });
    const third = await login(t.app, u.user.email, u.password);

    const list = await request(t.app).get(api('/sessions')).set('Authorization', bearer(u.token));
    expect(list.status).toBe(200);
    expect(list.body.count).toBe(3);
    const sessions = list.body.data.sessions as Array<Record<string, unknown>>;
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const chromeSession = sessions.find((s) => s.device === 'Chrome 120 on Windows 10');
    expect(chromeSession).toMatchObject({ ip: expect.stringContaining('127.0.0.1'), current: false });
    for (const s of sessions) {
      expect(s).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          createdAt: expect.any(String),
          lastSeenAt: expect.any(String),
        }),
      );
      expect(JSON.stringify(s)).not.toMatch(/eyJ/);
    }

    const revokeOne = await request(t.app)
      .delete(api(`/sessions/${chromeSession?.id}`))
      .set('Authorization', bearer(u.token));
    expect(revokeOne.status).toBe(200);
    expect((await profile(phone.body.data.token)).status).toBe(401);
    expect((await profile(third.token)).status).toBe(200);

    // Someone else's (or an unknown) session id is a 404; a malformed one a 400.
    const other = await registerAndLogin(t.app);
    const otherList = await request(t.app).get(api('/sessions')).set('Authorization', bearer(other.token));
    const foreign = await request(t.app)
      .delete(api(`/sessions/${otherList.body.data.sessions[0].id}`))
      .set('Authorization', bearer(u.token));
    expect(foreign.status).toBe(404);
    expect((await profile(other.token)).status).toBe(200);
    expect(
      (await request(t.app).delete(api('/sessions/not-a-uuid')).set('Authorization', bearer(u.token))).status,
    ).toBe(400);

    const revokeOthers = await request(t.app).delete(api('/sessions')).set('Authorization', bearer(u.token));
    expect(revokeOthers.status).toBe(200);
    expect(revokeOthers.body.data.revokedCount).toBe(1);
    expect((await profile(third.token)).status).toBe(401);
    expect((await profile(u.token)).status).toBe(200);
    const after = await request(t.app).get(api('/sessions')).set('Authorization', bearer(u.token));
    expect(after.body.count).toBe(1);
  });
});

describe('refresh-token', () => {
  it('rotates: the new token works, the old one is revoked and cannot be refreshed again', async () => {
    const u = await registerAndLogin(t.app);
    const res = await request(t.app).post(api('/refresh-token')).set('Cookie', u.cookie);
    expect(res.status).toBe(200);
    const fresh = res.body.data.token as string;
    expect(fresh).not.toBe(u.token);
    expect(
      (res.headers['set-cookie'] as unknown as string[]).some((c) => c.startsWith(`token=${fresh}`)),
    ).toBe(true);
    expect((await profile(fresh)).status).toBe(200);
    const old = await profile(u.token);
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('token_revoked');
    expect(
      (await request(t.app).post(api('/refresh-token')).set('Authorization', bearer(u.token))).status,
    ).toBe(401);
    // Still one session, now carried by the fresh token.
    const list = await request(t.app).get(api('/sessions')).set('Authorization', bearer(fresh));
    expect(list.body.count).toBe(1);
    expect(list.body.data.sessions[0].current).toBe(true);
  });
});

describe('change-password', () => {
  it('needs the current password, refuses the same one, ends other sessions and keeps this one', async () => {
    const u = await registerAndLogin(t.app, { password: 'first-password' });
    const other = await login(t.app, u.user.email, 'first-password');
    const auth = bearer(u.token);

    const wrong = await request(t.app)
      .post(api('/change-password'))
      .set('Authorization', auth)
      .send({ currentPassword: 'nope-nope', newPassword: 'second-password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe('invalid_password');
    const same = await request(t.app)
      .post(api('/change-password'))
      .set('Authorization', auth)
      .send({ currentPassword: 'first-password', newPassword: 'first-password' });
    expect(same.status).toBe(400);
    expect(same.body.code).toBe('password_reused');

    const ok = await request(t.app)
      .post(api('/change-password'))
      .set('Authorization', auth)
      .send({ currentPassword: 'first-password', newPassword: 'second-password' });
    expect(ok.status).toBe(200);
    const fresh = ok.body.data.token as string;
    expect((await profile(fresh)).status).toBe(200);
    expect((await profile(u.token)).status).toBe(401);
    expect((await profile(other.token)).status).toBe(401);
    expect(
      (await request(t.app).post(api('/login')).send({ email: u.user.email, password: 'first-password' }))
        .status,
    ).toBe(401);
    expect(
      (await request(t.app).post(api('/login')).send({ email: u.user.email, password: 'second-password' }))
        .status,
    ).toBe(200);

    const history = await request(t.app).get(api('/history')).set('Authorization', bearer(fresh));
    expect(history.body.data.events.map((e: { event: string }) => e.event)).toContain('password_change');
  });
});

describe('logout', () => {
  it('clears the cookie, revokes the token, and a second api instance (shared Redis) honours it', async () => {
    // A second copy of the whole app (own module graph: own config, Redis connection and Mongo connection).
    let second: TestApp | undefined;
    await jest.isolateModulesAsync(async () => {
      const mod = await import('../support/app');
      second = await mod.bootApp();
    });
    if (!second) throw new Error('second instance did not boot');
    try {
      const u = await registerAndLogin(t.app);
      expect((await profile(u.token, second.app)).status).toBe(200);
      const out = await request(t.app).post(api('/logout')).set('Authorization', bearer(u.token));
      expect(out.status).toBe(200);
      expect(out.body.message).toBe('Logged out successfully');
      expect((out.headers['set-cookie'] as unknown as string[]).some((c) => /^token=;/.test(c))).toBe(true);
      const onSecond = await profile(u.token, second.app);
      expect(onSecond.status).toBe(401);
      expect(onSecond.body.code).toBe('token_revoked');
      expect((await request(second.app).post(api('/logout')).set('Cookie', u.cookie)).status).toBe(401);

      // Logins made on the second instance are listed and revocable on the first.
      const v = await registerAndLogin(second.app);
      const elsewhere = await login(second.app, v.user.email, v.password);
      const revoked = await request(t.app).delete(api('/sessions')).set('Authorization', bearer(v.token));
      expect(revoked.body.data.revokedCount).toBe(1);
      expect((await profile(elsewhere.token, second.app)).status).toBe(401);

      const events = await request(second.app).get(api('/history')).set('Authorization', bearer(v.token));
      expect(events.body.data.events.map((e: { event: string }) => e.event)).toEqual(
        expect.arrayContaining(['register', 'login_success', 'sessions_revoked']),
      );
      expect(events.body.pagination).toMatchObject({ page: 1, limit: 20 });
    } finally {
      await second.close();
    }
  });
});
