import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import express from 'express';
import jwt from 'jsonwebtoken';
import request from 'supertest';
import { config } from '../../src/config';
import { errorHandler } from '../../src/http/middleware';
import { requireAuth, requireRole } from '../../src/modules/auth/auth.middleware';
import { promoteUser } from '../../src/cli/promote-user';
import { User } from '../../src/modules/users/user.model';
import { bootApp } from '../support/app';
import { bearer, registerAndLogin, uniqueEmail } from '../support/factories';
import { api, useApp } from './auth.helpers';

const t = useApp(bootApp);

describe('register', () => {
  it('creates a user with a normalised email and never returns the password', async () => {
    const email = uniqueEmail('Mixed');
    const res = await request(t.app)
      .post(api('/register'))
      .send({ fullname: '  Ada Lovelace ', email: `  ${email.toUpperCase()} `, password: 'correct-horse' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ success: true, message: 'User registered successfully' });
    expect(res.body.data.user).toMatchObject({
      fullname: 'Ada Lovelace',
      email: email.toLowerCase(),
      role: 'user',
      emailVerified: false,
      preferences: { emailNotifications: { generation: true, export: true, practice: true, security: true } },
    });
    expect(JSON.stringify(res.body)).not.toMatch(/password|correct-horse/);
    const stored = await User.findOne({ email: email.toLowerCase() })
      .select('+password')
      .lean<{ password: string }>();
    expect(stored?.password).toMatch(/^\$2[aby]\$04\$/);
  });

  it('rejects a duplicate email (any case) with 409, also when two registrations race', async () => {
    const email = uniqueEmail('dup');
    const body = { fullname: 'First', email, password: 'password-123' };
    expect((await request(t.app).post(api('/register')).send(body)).status).toBe(201);
    const again = await request(t.app)
      .post(api('/register'))
      .send({ ...body, email: email.toUpperCase() });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({
      success: false,
      message: 'Email already registered',
      code: 'email_taken',
    });

    const raced = uniqueEmail('race');
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        request(t.app)
          .post(api('/register'))
          .send({ ...body, email: raced }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await User.countDocuments({ email: raced })).toBe(1);
  });
});

describe('login', () => {
  it('sets an httpOnly Lax cookie and returns user, token and expiry', async () => {
    const u = await registerAndLogin(t.app, { fullname: 'Grace Hopper' });
    const res = await request(t.app)
      .post(api('/login'))
      .send({ email: u.user.email.toUpperCase(), password: u.password });
    expect(res.status).toBe(200);
    expect(res.body.message).toBe('Welcome back, Grace Hopper');
    expect(res.body.data.user).toMatchObject({
      _id: u.user._id,
      fullname: 'Grace Hopper',
      email: u.user.email,
    });
    expect(res.body.data.user.createdAt).toBeDefined();
    expect(res.body.data.expiresIn).toBe(7 * 24 * 3600);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('token='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect(cookie).toContain(res.body.data.token);

    const claims = jwt.decode(res.body.data.token, { complete: true }) as jwt.Jwt;
    expect(claims.header.alg).toBe('HS256');
    expect(claims.payload).toMatchObject({ sub: u.user._id, tv: 0 });
    expect((claims.payload as jwt.JwtPayload).jti).toBeDefined();
  });

  it('answers a wrong email and a wrong password with the same 401', async () => {
    const u = await registerAndLogin(t.app);
    const wrongPassword = await request(t.app)
      .post(api('/login'))
      .send({ email: u.user.email, password: 'not-the-password' });
    const wrongEmail = await request(t.app)
      .post(api('/login'))
      .send({ email: uniqueEmail('ghost'), password: 'not-the-password' });
    for (const res of [wrongPassword, wrongEmail]) {
      expect(res.status).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
    const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
    expect(strip(wrongPassword.body)).toEqual(strip(wrongEmail.body));
    expect(wrongEmail.body).toMatchObject({
      success: false,
      message: 'Invalid credentials',
      code: 'invalid_credentials',
    });
  });
});

describe('profile', () => {
  it('reads and updates fullname and merges notification preferences', async () => {
    const u = await registerAndLogin(t.app);
    const auth = bearer(u.token);
    const first = await request(t.app)
      .put(api('/profile'))
      .set('Authorization', auth)
      .send({ fullname: '  New Name ', preferences: { emailNotifications: { export: false } } });
    expect(first.status).toBe(200);
    expect(first.body.message).toBe('Profile updated successfully');
    expect(first.body.data.user).toMatchObject({
      fullname: 'New Name',
      preferences: {
        emailNotifications: { generation: true, export: false, practice: true, security: true },
      },
    });
    const second = await request(t.app)
      .put(api('/profile'))
      .set('Authorization', auth)
      .send({ preferences: { emailNotifications: { practice: false } } });
    expect(second.body.data.user.preferences.emailNotifications).toEqual({
      generation: true,
      export: false,
      practice: false,
      security: true,
    });
    const read = await request(t.app).get(api('/profile')).set('Cookie', u.cookie);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      message: 'User retrieved successfully',
      data: { user: { fullname: 'New Name' } },
    });
    expect(read.body.data.user.password).toBeUndefined();
    expect(read.body.data.user.tokenVersion).toBeUndefined();
  });
});

describe('authentication failures', () => {
  const key = () => Buffer.from(config.auth.jwtSecret);

  it('401 without a token, with garbage, a wrong signature, alg none, an expired or a foreign token', async () => {
    const u = await registerAndLogin(t.app);
    const claims = jwt.decode(u.token) as jwt.JwtPayload;
    const payload = { sid: claims.sid, tv: claims.tv };
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'unauthenticated'],
      ['not-a-jwt', 'invalid_token'],
      [
        jwt.sign(payload, 'another-secret-of-sufficient-length-123456', {
          subject: claims.sub,
          jwtid: claims.jti,
        }),
        'invalid_token',
      ],
      [
        jwt.sign(payload, null as unknown as string, {
          algorithm: 'none',
          subject: claims.sub,
          jwtid: claims.jti,
        }),
        'invalid_token',
      ],
      [
        jwt.sign(payload, key(), { algorithm: 'HS512', subject: claims.sub, jwtid: claims.jti }),
        'invalid_token',
      ],
      [
        jwt.sign({ ...payload, exp: Math.floor(Date.now() / 1000) - 10 }, key(), {
          subject: claims.sub,
          jwtid: claims.jti,
        }),
        'token_expired',
      ],
      // Correctly signed but never issued by a login: no session exists for it.
      [
        jwt.sign({ sid: 'forged', tv: 0 }, key(), {
          subject: claims.sub,
          jwtid: 'forged-jti',
          expiresIn: 60,
        }),
        'token_revoked',
      ],
      // Correctly signed, right session, wrong token version.
      [
        jwt.sign({ sid: claims.sid, tv: 5 }, key(), {
          subject: claims.sub,
          jwtid: claims.jti,
          expiresIn: 60,
        }),
        'token_revoked',
      ],
    ];
    for (const [token, code] of cases) {
      const req = request(t.app).get(api('/profile'));
      const res = token ? await req.set('Authorization', bearer(token)) : await req;
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code });
      expect(res.body.success).toBe(false);
    }
    expect((await request(t.app).get(api('/profile')).set('Authorization', bearer(u.token))).status).toBe(
      200,
    );
  });

  it('401 once the user no longer exists or is disabled', async () => {
    const gone = await registerAndLogin(t.app);
    await User.deleteOne({ _id: gone.user._id });
    const { refreshAuthState } = await import('../../src/modules/auth/token.service');
    await refreshAuthState(gone.user._id);
    expect((await request(t.app).get(api('/profile')).set('Authorization', bearer(gone.token))).status).toBe(
      401,
    );

    const disabled = await registerAndLogin(t.app);
    await User.updateOne({ _id: disabled.user._id }, { $set: { disabled: true } });
    await refreshAuthState(disabled.user._id);
    const res = await request(t.app).get(api('/profile')).set('Authorization', bearer(disabled.token));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('account_disabled');
    const login = await request(t.app)
      .post(api('/login'))
      .send({ email: disabled.user.email, password: disabled.password });
    expect(login.status).toBe(403);
  });
});

describe('roles', () => {
  it('requireRole("admin") is 403 for users and passes once the CLI promotes them', async () => {
    const admin = express();
    admin.get('/admin-only', requireAuth, requireRole('admin'), (req, res) => {
      res.json({ success: true, role: req.user?.role });
    });
    admin.use(errorHandler);
    const u = await registerAndLogin(t.app);
    // Cookies need the parser; this tiny app uses the Bearer header.
    const before = await request(admin).get('/admin-only').set('Authorization', bearer(u.token));
    expect(before.status).toBe(403);
    expect(before.body.code).toBe('forbidden');
    expect(await promoteUser({ email: u.user.email.toUpperCase(), role: 'admin' })).toBe(true);
    const after = await request(admin).get('/admin-only').set('Authorization', bearer(u.token));
    expect(after.status).toBe(200);
    expect(after.body.role).toBe('admin');
    expect(await promoteUser({ email: uniqueEmail('missing'), role: 'admin' })).toBe(false);
    expect((await request(admin).get('/admin-only')).status).toBe(401);
  });
});

describe('npm run user:promote', () => {
  it('promotes an existing user from the command line and explains an unknown email', async () => {
    const u = await registerAndLogin(t.app);
    const run = (...args: string[]) =>
      promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['src/cli/promote-user.ts', ...args], {
        env: { ...process.env, JEST_WORKER_ID: '' },
        timeout: 20_000,
      }).then(
        (r) => ({ code: 0, out: r.stdout + r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
      );
    const ok = await run(u.user.email);
    expect(ok).toEqual({ code: 0, out: expect.stringContaining(`${u.user.email} now has role "admin"`) });
    expect((await User.findById(u.user._id).lean<{ role: string }>())?.role).toBe('admin');
    const profile = await request(t.app).get(api('/profile')).set('Authorization', bearer(u.token));
    expect(profile.body.data.user.role).toBe('admin');
    const missing = await run(uniqueEmail('nobody'));
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/No user with email/);
  }, 45_000);
});
