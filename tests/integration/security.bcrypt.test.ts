import request from 'supertest';
import { registerAndLogin } from '../support/factories';
import { api, bootAuthApp, useApp } from './auth.helpers';

/**
 * Item 7 (hashing): bcrypt work is bounded. With one hash at a time and one waiting, a burst of failed
 * logins is shed with 503 + Retry-After instead of queueing up behind each other, so a real login is
 * never stuck behind a flood. Production-like cost (12 rounds) so a hash takes long enough to overlap.
 */
const t = useApp(() =>
  bootAuthApp(
    {
      BCRYPT_ROUNDS: '12',
      BCRYPT_MAX_CONCURRENT: '1',
      BCRYPT_MAX_QUEUED: '1',
      RATE_LIMIT_AUTH_MAX: '1000',
      RATE_LIMIT_AUTH_ACCOUNT_MAX: '1000',
    },
    { worker: false },
  ),
);

describe('item 7: bounded password hashing', () => {
  it('a burst of failed logins past the hashing bound is answered 503 busy; a later real login works', async () => {
    const u = await registerAndLogin(t.app);
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(t.app)
          .post(api('/login'))
          .send({ email: u.user.email, password: `wrong-guess-${i}` }),
      ),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    const shed = burst.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThanOrEqual(1);
    expect(statuses.every((s) => s === 401 || s === 503)).toBe(true);
    expect(shed[0]!.body).toMatchObject({ success: false, code: 'server_busy' });
    expect(Number(shed[0]!.headers['retry-after'])).toBeGreaterThan(0);

    const real = await request(t.app).post(api('/login')).send({ email: u.user.email, password: u.password });
    expect(real.status).toBe(200);
  });
});
