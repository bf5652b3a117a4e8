import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, uniqueEmail } from '../support/factories';

let t: TestApp;
beforeAll(async () => {
  t = await bootApp();
});
afterAll(async () => {
  await t.close();
});

describe('register', () => {
  it('creates a user with a normalised email and never returns the password', async () => {
    const email = uniqueEmail('Mixed');
    const res = await request(t.app)
      .post('/api/v1/user/register')
      .send({ fullname: '  Ada Lovelace ', email: `  ${email.toUpperCase()} `, password: 'correct-horse' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ success: true, message: 'User registered successfully' });
    expect(res.body.data.user).toMatchObject({ fullname: 'Ada Lovelace', email: email.toLowerCase(), role: 'user', emailVerified: false });
    expect(JSON.stringify(res.body)).not.toMatch(/password|correct-horse/);
  });
});

describe('login, profile, logout', () => {
  it('works with the Bearer header and with the cookie', async () => {
    const u = await registerAndLogin(t.app, { fullname: 'Grace Hopper' });
    const viaBearer = await request(t.app).get('/api/v1/user/profile').set('Authorization', bearer(u.token));
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.data.user).toMatchObject({ _id: u.user._id, fullname: 'Grace Hopper' });
    const viaCookie = await request(t.app).get('/api/v1/user/profile').set('Cookie', u.cookie);
    expect(viaCookie.status).toBe(200);

    const out = await request(t.app).post('/api/v1/user/logout').set('Cookie', u.cookie);
    expect(out.status).toBe(200);
    const after = await request(t.app).get('/api/v1/user/profile').set('Authorization', bearer(u.token));
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('token_revoked');
  });
});
