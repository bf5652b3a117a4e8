import { randomBytes } from 'node:crypto';
import type { Express } from 'express';
import request from 'supertest';

/**
 * Test data through the real HTTP routes (no direct model writes), so every test user is a user the
 * API itself created.
 *
 *   const { token, cookie, user, password } = await registerAndLogin(app);
 *   await request(app).get('/api/v1/session').set('Authorization', `Bearer ${token}`);
 *   await request(app).get('/api/v1/session').set('Cookie', cookie);
 */
export interface TestUser {
  token: string;
  /** `token=<jwt>`, ready for `.set('Cookie', cookie)`. */
  cookie: string;
  user: { _id: string; email: string; fullname: string };
  password: string;
}

let serial = 0;

/** A unique, valid email for this test process. */
export function uniqueEmail(label = 'user'): string {
  serial += 1;
  return `${label}.${process.pid}.${serial}.${randomBytes(3).toString('hex')}@example.test`;
}

export async function register(
  app: Express,
  overrides: { email?: string; password?: string; fullname?: string } = {},
): Promise<{ email: string; password: string; fullname: string }> {
  const email = overrides.email ?? uniqueEmail();
  const password = overrides.password ?? `Pw-${randomBytes(6).toString('hex')}`;
  const fullname = overrides.fullname ?? 'Test User';
  const res = await request(app).post('/api/v1/user/register').send({ fullname, email, password });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { email, password, fullname };
}

export async function login(
  app: Express,
  email: string,
  password: string,
): Promise<Omit<TestUser, 'password'>> {
  const res = await request(app).post('/api/v1/user/login').send({ email, password });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = res.body.data.token as string;
  const u = res.body.data.user as { _id: string; email: string; fullname: string };
  return { token, cookie: `token=${token}`, user: { _id: u._id, email: u.email, fullname: u.fullname } };
}

export async function registerAndLogin(
  app: Express,
  overrides: { email?: string; password?: string; fullname?: string } = {},
): Promise<TestUser> {
  const { email, password } = await register(app, overrides);
  return { ...(await login(app, email, password)), password };
}

/** `Authorization` header value for a token. */
export const bearer = (token: string) => `Bearer ${token}`;
