import request from 'supertest';
import { uniqueEmail } from '../support/factories';
import { api, bootAuthApp, isResetMail, otpIn, useApp, waitForNth } from './auth.helpers';

/**
 * Auth limits that cannot be dodged or turned against an account's owner (issue 9, items 1, 6, 9).
 * Behind a proxy (TRUST_PROXY=1), so each request can come "from" its own address via X-Forwarded-For.
 */
const t = useApp(() =>
  bootAuthApp({
    TRUST_PROXY: '1',
    RATE_LIMIT_AUTH_MAX: '5',
    RATE_LIMIT_AUTH_ACCOUNT_MAX: '8',
    RATE_LIMIT_REGISTER_MAX: '3',
  }),
);

let ipSerial = 0;
/** A fresh client address for every call. */
const freshIp = () => {
  ipSerial += 1;
  return `10.${(ipSerial >> 16) & 255}.${(ipSerial >> 8) & 255}.${ipSerial & 255}`;
};

const post = (path: string, body: object, ip = freshIp()) =>
  request(t.app).post(api(path)).set('X-Forwarded-For', ip).send(body);

async function newAccount(): Promise<{ email: string; password: string }> {
  const email = uniqueEmail('owner');
  const password = 'amber-kettle-orbit-42';
  const res = await post('/register', { fullname: 'Owner', email, password });
  expect(res.status).toBe(201);
  return { email, password };
}

describe('item 1: the per-account limit is keyed on the normalised email', () => {
  it('padding the email with spaces (or changing its case) does not dodge the per-account ceiling', async () => {
    const owner = await newAccount();
    const padded = `${' '.repeat(300)}${owner.email.toUpperCase()}  `;
    // Eight guesses (the per-account ceiling), each from its own address so no per-IP limit applies.
    for (let i = 0; i < 8; i++) {
      expect((await post('/login', { email: padded, password: `guess-${i}-xyz` })).status).toBe(401);
    }
    const next = await post('/login', { email: padded, password: owner.password });
    expect(next.status).toBe(429);
    expect(next.body.code).toBe('rate_limited');
    const plain = await post('/login', { email: owner.email, password: owner.password });
    expect(plain.status).toBe(429);
  });
});

describe('item 6: registrations are limited per IP, successful ones included', () => {
  it('the fourth registration from one address within the window is refused', async () => {
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const res = await post(
        '/register',
        { fullname: 'Serial Registrant', email: uniqueEmail('reg'), password: 'amber-kettle-orbit-42' },
        ip,
      );
      expect(res.status).toBe(201);
    }
    const fourth = await post(
      '/register',
      { fullname: 'Serial Registrant', email: uniqueEmail('reg'), password: 'amber-kettle-orbit-42' },
      ip,
    );
    expect(fourth.status).toBe(429);
    expect(fourth.body).toMatchObject({ success: false, code: 'rate_limited' });
    // Another address is not affected.
    expect(
      (
        await post('/register', {
          fullname: 'Someone Else',
          email: uniqueEmail('reg'),
          password: 'amber-kettle-orbit-42',
        })
      ).status,
    ).toBe(201);
  });
});

describe('item 9: nobody can lock an owner out', () => {
  it('failed registrations and validation errors with the owner’s email count for nothing', async () => {
    const owner = await newAccount();
    const attacker = freshIp();
    for (let i = 0; i < 12; i++) {
      // Duplicates (409), each from its own address to stay under the registration limit.
      expect(
        (await post('/register', { fullname: 'Dup', email: owner.email, password: 'amber-kettle-orbit-42' }))
          .status,
      ).toBe(409);
      expect((await post('/login', { email: owner.email, password: '' }, attacker)).status).toBe(400);
    }
    const login = await post('/login', { email: owner.email, password: owner.password });
    expect(login.status).toBe(200);
  });

  it('one address guessing locks itself out, not the owner; password reset stays open', async () => {
    const owner = await newAccount();
    const attacker = freshIp();
    for (let i = 0; i < 5; i++) {
      expect(
        (await post('/login', { email: owner.email, password: `guess-${i}-xyz` }, attacker)).status,
      ).toBe(401);
    }
    // The attacker's address is done, even with the right password...
    expect((await post('/login', { email: owner.email, password: owner.password }, attacker)).status).toBe(
      429,
    );
    // ...the owner, elsewhere, is not.
    const home = freshIp();
    expect((await post('/login', { email: owner.email, password: owner.password }, home)).status).toBe(200);

    // Password reset is never blocked by failed logins, not even from the attacker's address.
    expect((await post('/forgot-password', { email: owner.email }, attacker)).status).toBe(200);
    const otp = otpIn(await waitForNth(t.smtp, isResetMail(owner.email), 1));
    expect((await post('/verify-otp', { email: owner.email, otp }, attacker)).status).toBe(200);
    const reset = await post(
      '/reset-password',
      { email: owner.email, otp, newPassword: 'violet-harbor-comet-77' },
      attacker,
    );
    expect(reset.status).toBe(200);
  });

  it('guesses spread over many addresses stop at the per-account ceiling, above the per-IP one', async () => {
    const owner = await newAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      statuses.push((await post('/login', { email: owner.email, password: `guess-${i}-xyz` })).status);
    }
    // 5 (the per-IP/per-pair limit) would have been too early: only the 9th is refused.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  });
});
