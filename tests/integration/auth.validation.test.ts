import request from 'supertest';
import { registerAndLogin, bearer, type TestUser } from '../support/factories';
import { api, bootAuthApp, useApp } from './auth.helpers';

const t = useApp(() => bootAuthApp({ RATE_LIMIT_AUTH_MAX: '1000' }, { worker: false }));
let u: TestUser;
let counts: () => Promise<{ users: number; audit: number; otpKeys: number }>;

beforeAll(async () => {
  const { User } = await import('../../src/modules/users/user.model');
  const { AuditEvent } = await import('../../src/modules/users/audit.model');
  const { getRedis } = await import('../../src/infra/redis');
  const { config } = await import('../../src/config');
  counts = async () => ({
    users: await User.countDocuments({}),
    audit: await AuditEvent.countDocuments({}),
    otpKeys: (await getRedis().keys(`${config.redis.prefix}otp:*`)).length,
  });
  u = await registerAndLogin(t.app, { password: 'valid-password' });
});

const long = (n: number) => 'x'.repeat(n);
const email = 'someone@example.com';

// [path, body, a field expected among errors[].field]
const publicCases: Array<[string, unknown, string]> = [
  ['/register', {}, 'fullname'],
  ['/register', { fullname: 'Al', email, password: 12345678 }, 'password'],
  ['/register', { fullname: 'A', email, password: 'password-1' }, 'fullname'],
  ['/register', { fullname: long(101), email, password: 'password-1' }, 'fullname'],
  ['/register', { fullname: '   ', email, password: 'password-1' }, 'fullname'],
  ['/register', { fullname: 'Alan', email: 'not-an-email', password: 'password-1' }, 'email'],
  ['/register', { fullname: 'Alan', email: `${long(250)}@x.io`, password: 'password-1' }, 'email'],
  ['/register', { fullname: 'Alan', email, password: 'short' }, 'password'],
  ['/register', { fullname: 'Alan', email, password: long(73) }, 'password'],
  ['/register', { fullname: 'Alan', email, password: 'password-1', role: 'admin' }, 'role'],
  ['/register', { fullname: { $gt: '' }, email, password: 'password-1' }, 'fullname'],
  ['/register', ['fullname', 'email'], '(root)'],
  ['/login', { email: { $gt: '' }, password: 'x' }, 'email'],
  ['/login', { email, password: { $ne: null } }, 'password'],
  ['/login', { email }, 'password'],
  ['/login', { email, password: 'x', remember: true }, 'remember'],
  ['/forgot-password', { email: { $regex: '.*' } }, 'email'],
  ['/forgot-password', { email: ['a@b.co'] }, 'email'],
  ['/forgot-password', { email, extra: 1 }, 'extra'],
  ['/verify-otp', { email, otp: '12345' }, 'otp'],
  ['/verify-otp', { email, otp: 'abcdef' }, 'otp'],
  ['/verify-otp', { email, otp: 1234567 }, 'otp'],
  ['/verify-otp', { email, otp: 12.5 }, 'otp'],
  ['/verify-otp', { email, otp: { $gt: '' } }, 'otp'],
  ['/verify-otp', { email, otp: null }, 'otp'],
  ['/reset-password', { email, otp: '123456' }, 'newPassword'],
  ['/reset-password', { email, otp: '123456', newPassword: 'short' }, 'newPassword'],
  ['/reset-password', { email, otp: '123456', newPassword: 'password-1', confirm: 'x' }, 'confirm'],
  ['/verify-email', { email, otp: true }, 'otp'],
  ['/resend-verification', { email: 42 }, 'email'],
];

describe('bad input is a 400 with errors[] and writes nothing', () => {
  it.each(publicCases)('POST %s %j', async (path, body, field) => {
    const before = await counts();
    const res = await request(t.app)
      .post(api(path))
      .send(body as object);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
    expect(res.body.errors.map((e: { field: string }) => e.field).join(',')).toContain(field);
    expect(await counts()).toEqual(before);
  });

  const authedCases: Array<[string, string, unknown, string]> = [
    ['put', '/profile', {}, '(root)'],
    ['put', '/profile', { fullname: 7 }, 'fullname'],
    ['put', '/profile', { email: 'new@example.com' }, 'email'],
    ['put', '/profile', { role: 'admin' }, 'role'],
    [
      'put',
      '/profile',
      { preferences: { emailNotifications: { export: 'no' } } },
      'preferences.emailNotifications.export',
    ],
    ['put', '/profile', { preferences: { emailNotifications: { sms: true } } }, 'sms'],
    ['post', '/change-password', { currentPassword: 'valid-password' }, 'newPassword'],
    [
      'post',
      '/change-password',
      { currentPassword: { $ne: 1 }, newPassword: 'password-2' },
      'currentPassword',
    ],
    ['delete', '/profile', {}, 'password'],
    ['delete', '/profile', { password: ['valid-password'] }, 'password'],
  ];
  it.each(authedCases)('%s %s %j', async (method, path, body, field) => {
    const before = await counts();
    const call = (request(t.app) as unknown as Record<string, (p: string) => request.Test>)[method](
      api(path),
    );
    const res = await call.set('Authorization', bearer(u.token)).send(body as object);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).join(',')).toContain(field);
    expect(await counts()).toEqual(before);
  });

  it('rejects bad pagination on /history and malformed or oversized JSON', async () => {
    const history = await request(t.app)
      .get('/api/v1/user/history?page=zero&limit=1000')
      .set('Authorization', bearer(u.token));
    expect(history.status).toBe(400);
    expect(history.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'page']);

    const malformed = await request(t.app)
      .post('/api/v1/user/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('invalid_json');

    const huge = await request(t.app)
      .post('/api/v1/user/register')
      .send({ fullname: 'Big', email, password: 'password-1', padding: long(1_100_000) });
    expect(huge.status).toBe(413);

    const noBody = await request(t.app).post('/api/v1/user/login');
    expect(noBody.status).toBe(400);
  });

  it('the profile is unchanged after all of that', async () => {
    const res = await request(t.app).get('/api/v1/user/profile').set('Authorization', bearer(u.token));
    expect(res.body.data.user).toMatchObject({ email: u.user.email, role: 'user', fullname: 'Test User' });
    expect(
      (
        await request(t.app)
          .post('/api/v1/user/login')
          .send({ email: u.user.email, password: 'valid-password' })
      ).status,
    ).toBe(200);
  });
});
