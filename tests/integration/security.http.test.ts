import { gzipSync } from 'node:zlib';
import request from 'supertest';
import { bearer, register, registerAndLogin, uniqueEmail } from '../support/factories';
import { api, bootAuthApp, isVerificationMail, useApp, waitForNth } from './auth.helpers';

/**
 * Security hardening (issue 9) through HTTP with the default proxy setting (no proxy headers trusted).
 * Each block names the issue item it proves.
 */
const METRICS_TOKEN = 'ops-metrics-token-for-security-tests-0123456789';
const t = useApp(() =>
  bootAuthApp({
    METRICS_TOKEN,
    SESSION_MAX_PER_USER: '3',
    RATE_LIMIT_SESSION_CREATE_MAX: '5',
  }),
);

// Sends a Buffer body untouched (superagent would otherwise JSON-encode it).
const asIs = ((body: Buffer) => body) as unknown as (body: unknown) => string;

const sessionBody = { role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js'] };

describe('item 6: one email field, one recipient', () => {
  it.each([
    'x,bob@example.com',
    'bob@example.com,eve@example.com',
    'Bob <bob@example.com>',
    '"bob"@example.com',
    'bob(comment)@example.com',
    'bob@example.com;eve@example.com',
    'bob@example.com\nBcc: eve@example.com',
  ])('register refuses %j with 400 and sends nothing', async (email) => {
    const res = await request(t.app)
      .post(api('/register'))
      .send({ fullname: 'Mallory', email, password: 'a-fine-password-1' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('email');
  });

  it('the registration mail counts towards the verification-mail quota of its address', async () => {
    const { email } = await register(t.app);
    await waitForNth(t.smtp, isVerificationMail(email), 1);
    const resend = () => request(t.app).post(api('/resend-verification')).send({ email });
    expect((await resend()).status).toBe(200);
    expect((await resend()).status).toBe(200);
    const third = await resend();
    expect(third.status).toBe(429);
    expect(third.body.code).toBe('otp_rate_limited');
  });
});

describe('item 7: sessions per user are bounded in number and creation rate', () => {
  it('caps the sessions a user holds (409), then the creation rate (429)', async () => {
    const u = await registerAndLogin(t.app);
    const create = () =>
      request(t.app).post('/api/v1/session/create').set('Authorization', bearer(u.token)).send(sessionBody);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await create().expect(201)).body.data.session._id);
    const full = await create();
    expect(full.status).toBe(409);
    expect(full.body).toMatchObject({ success: false, code: 'session_limit_reached' });
    const list = await request(t.app).get('/api/v1/session').set('Authorization', bearer(u.token));
    expect(list.body.pagination.total).toBe(3);

    await request(t.app)
      .delete(`/api/v1/session/${ids[0]}`)
      .set('Authorization', bearer(u.token))
      .expect(200);
    expect((await create()).status).toBe(201); // 5th creation request in the window
    await request(t.app)
      .delete(`/api/v1/session/${ids[1]}`)
      .set('Authorization', bearer(u.token))
      .expect(200);
    const tooFast = await create();
    expect(tooFast.status).toBe(429);
    expect(tooFast.body.code).toBe('rate_limited');
    expect(Number(tooFast.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('item 10: invalid Content-Encoding is a 4xx, never a 500', () => {
  it.each([
    ['gzip', 400],
    ['br', 400],
    ['deflate', 400],
    ['compress', 415],
  ])('Content-Encoding %s with a body that is not in it → %d', async (encoding, status) => {
    const res = await request(t.app)
      .post(api('/login'))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .serialize(asIs)
      .send(Buffer.from('{"email":"a@b.co","password":"x"} not compressed'));
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ success: false, requestId: expect.any(String) });
  });

  it('a valid gzip body is still accepted', async () => {
    const u = await registerAndLogin(t.app);
    const res = await request(t.app)
      .post(api('/login'))
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      .serialize(asIs)
      .send(gzipSync(JSON.stringify({ email: u.user.email, password: u.password })));
    expect(res.status).toBe(200);
  });
});

describe('item 12: operator data stays with operators', () => {
  it('anonymous /ready gets only the status; the metrics token shows the detail', async () => {
    const anon = await request(t.app).get('/ready').expect(200);
    expect(Object.keys(anon.body).sort()).toEqual(['status', 'success', 'timestamp']);
    expect(anon.body.status).toBe('ready');
    const ops = await request(t.app)
      .get('/ready')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(ops.body.dependencies.queues.detail).toEqual(expect.any(Object));
    expect((await request(t.app).get('/metrics')).status).toBe(401);
  });
});

describe('item 13: weak passwords are refused with the reason', () => {
  it.each([
    ['12345678', /common/i],
    ['password', /common/i],
    ['Password123', /common/i],
    ['        ', /spaces/i],
    ['\t \t \t \t ', /spaces/i],
  ])('register refuses %j', async (password, reason) => {
    const res = await request(t.app)
      .post(api('/register'))
      .send({ fullname: 'Weak Pass', email: uniqueEmail(), password });
    expect(res.status).toBe(400);
    const error = res.body.errors.find((e: { field: string }) => e.field === 'password');
    expect(error.message).toMatch(reason);
  });

  it('change-password refuses a common password too; a decent one is accepted', async () => {
    const u = await registerAndLogin(t.app);
    const change = (newPassword: string) =>
      request(t.app)
        .post(api('/change-password'))
        .set('Authorization', bearer(u.token))
        .send({ currentPassword: u.password, newPassword });
    const weak = await change('qwertyuiop');
    expect(weak.status).toBe(400);
    expect(weak.body.errors[0]).toMatchObject({
      field: 'newPassword',
      message: expect.stringMatching(/common/i),
    });
    expect((await change('amber-kettle-orbit-42')).status).toBe(200);
  });
});

describe('item 14: metric labels stay bounded', () => {
  it('requests no route took are labelled "unmatched", never with their raw path', async () => {
    const marker = `zz${Date.now().toString(36)}`;
    await request(t.app).post(`/api/v1/${marker}/a`).set('Content-Type', 'application/json').send('{bad');
    await request(t.app)
      .post(`/api/v1/${marker}/b`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ pad: 'x'.repeat(1_100_000) }));
    await request(t.app).get(`/api/v1/${marker}/c`).set('Origin', 'https://evil.example');
    await request(t.app).get(`/${marker}/d`);
    const metrics = await request(t.app)
      .get('/metrics')
      .set('Authorization', `Bearer ${METRICS_TOKEN}`)
      .expect(200);
    expect(metrics.text).toContain('route="unmatched"');
    expect(metrics.text).not.toContain(marker);
  });
});

describe('item 15: names lose control and bidi override characters', () => {
  it('strips them from the full name on register and profile update', async () => {
    const u = await registerAndLogin(t.app, { fullname: 'Eve\u202Egnp.exe\u0007 Doe\u200F' });
    const profile = await request(t.app).get(api('/profile')).set('Authorization', bearer(u.token));
    expect(profile.body.data.user.fullname).toBe('Evegnp.exe Doe');
    const updated = await request(t.app)
      .put(api('/profile'))
      .set('Authorization', bearer(u.token))
      .send({ fullname: '\u2066Mallory\u2069\u0000\u001b[31m' });
    expect(updated.status).toBe(200);
    expect(updated.body.data.user.fullname).toBe('Mallory[31m');
    const onlyControls = await request(t.app)
      .put(api('/profile'))
      .set('Authorization', bearer(u.token))
      .send({ fullname: '\u202E\u202E\u0007' });
    expect(onlyControls.status).toBe(400);
  });
});

// Last: it spends this address's failed-login budget, which then blocks every login from it.
describe('item 2: X-Forwarded-For is not trusted by default', () => {
  it('a spoofed X-Forwarded-For neither resets the per-IP limit nor lands in login sessions', async () => {
    const u = await registerAndLogin(t.app);
    const login = await request(t.app)
      .post(api('/login'))
      .set('X-Forwarded-For', '203.0.113.77')
      .send({ email: u.user.email, password: u.password })
      .expect(200);
    const sessions = await request(t.app)
      .get(api('/sessions'))
      .set('Authorization', bearer(login.body.data.token))
      .expect(200);
    const ips = sessions.body.data.sessions.map((s: { ip: string }) => s.ip);
    expect(ips).not.toContain('203.0.113.77');
    expect(ips.every((ip: string) => /127\.0\.0\.1|::1/.test(ip))).toBe(true);

    // Ten failed logins (the per-IP budget), each "from" another address: the eleventh is still refused.
    for (let i = 0; i < 10; i++) {
      const res = await request(t.app)
        .post(api('/login'))
        .set('X-Forwarded-For', `198.51.100.${i}`)
        .send({ email: uniqueEmail('spray'), password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await request(t.app)
      .post(api('/login'))
      .set('X-Forwarded-For', '198.51.100.200')
      .send({ email: uniqueEmail('spray'), password: 'wrong-password' });
    expect(blocked.status).toBe(429);
  });
});
