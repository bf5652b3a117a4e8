import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { bootApp, type TestApp } from '../support/app';
import { bearer, login, registerAndLogin, type TestUser } from '../support/factories';
import { attachRealtime } from '../../src/infra/realtime';
import { closeUserSockets, publishUserEvent } from '../../src/infra/events';
import { authenticate } from '../../src/modules/auth/token.service';

/**
 * Items 3 and 4: sockets bound to their origin and to their token. Two api instances (two HTTP servers
 * with socket.io) share Redis, as behind a load balancer: a revocation on one closes sockets on both.
 */
let t: TestApp;
const realtimes: Array<{ close(): Promise<void> }> = [];
const urls: string[] = [];
const sockets: Socket[] = [];
const closeReasons = new WeakMap<Socket, string>();

beforeAll(async () => {
  t = await bootApp();
  for (let i = 0; i < 2; i++) {
    const server = http.createServer(t.app);
    realtimes.push(attachRealtime(server, authenticate));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
});
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await Promise.all(realtimes.map((r) => r.close()));
  await t.close();
});

function open(url: string, token: string, origin?: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(url, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      extraHeaders: origin ? { origin } : undefined,
      reconnection: false,
    });
    sockets.push(socket);
    socket.once('disconnect', (reason) => closeReasons.set(socket, reason));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => reject(err));
  });
}

/** Resolves with the disconnect reason; rejects if the socket is still open after `ms`. */
function closed(socket: Socket, ms = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const known = closeReasons.get(socket);
    if (known) return resolve(known);
    const timer = setTimeout(() => reject(new Error('socket still open')), ms);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Proves a socket is alive: an event published now reaches it. */
async function stillReceives(socket: Socket, userId: string): Promise<void> {
  const id = `n-${Math.random().toString(36).slice(2)}`;
  const got = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event received')), 5000);
    socket.on('notification', (n: { id: string }) => {
      if (n.id !== id) return;
      clearTimeout(timer);
      resolve();
    });
  });
  await publishUserEvent(userId, 'notification', { id, type: 'job_complete' });
  await got;
  expect(socket.connected).toBe(true);
}

const secondLogin = (u: TestUser) => login(t.app, u.user.email, u.password);

describe('item 3: the socket handshake checks Origin against the CORS allowlist', () => {
  it('refuses a foreign Origin and accepts an allowed one (or none, for non-browser clients)', async () => {
    const u = await registerAndLogin(t.app);
    await expect(open(urls[0]!, u.token, 'https://evil.example')).rejects.toThrow();
    await expect(open(urls[1]!, u.token, 'null')).rejects.toThrow();
    const allowed = await open(urls[0]!, u.token, 'http://localhost:3000');
    expect(allowed.connected).toBe(true);
    const noOrigin = await open(urls[1]!, u.token);
    expect(noOrigin.connected).toBe(true);
  });
});

describe('item 4: a socket closes when its token is revoked, on every instance', () => {
  it('logout closes that login’s sockets only', async () => {
    const u = await registerAndLogin(t.app);
    const other = await secondLogin(u);
    const a0 = await open(urls[0]!, u.token);
    const a1 = await open(urls[1]!, u.token);
    const b0 = await open(urls[0]!, other.token);
    await request(t.app).post('/api/v1/user/logout').set('Authorization', bearer(u.token)).expect(200);
    expect(await closed(a0)).toBe('io server disconnect');
    expect(await closed(a1)).toBe('io server disconnect');
    await stillReceives(b0, u.user._id);
  });

  it('refresh closes the sockets of the rotated token; the new token’s socket stays', async () => {
    const u = await registerAndLogin(t.app);
    const s = await open(urls[1]!, u.token);
    const res = await request(t.app)
      .post('/api/v1/user/refresh-token')
      .set('Authorization', bearer(u.token))
      .expect(200);
    await closed(s);
    const fresh = await open(urls[0]!, res.body.data.token);
    await stillReceives(fresh, u.user._id);
  });

  it('revoking one login session closes its sockets', async () => {
    const u = await registerAndLogin(t.app);
    const other = await secondLogin(u);
    const s = await open(urls[0]!, other.token);
    const keep = await open(urls[1]!, u.token);
    const list = await request(t.app).get('/api/v1/user/sessions').set('Authorization', bearer(u.token));
    const target = list.body.data.sessions.find((x: { current: boolean }) => !x.current);
    await request(t.app)
      .delete(`/api/v1/user/sessions/${target.id}`)
      .set('Authorization', bearer(u.token))
      .expect(200);
    await closed(s);
    await stillReceives(keep, u.user._id);
  });

  it('a password change closes every socket of the user; the new token can open one', async () => {
    const u = await registerAndLogin(t.app);
    const other = await secondLogin(u);
    const s0 = await open(urls[0]!, u.token);
    const s1 = await open(urls[1]!, other.token);
    const res = await request(t.app)
      .post('/api/v1/user/change-password')
      .set('Authorization', bearer(u.token))
      .send({ currentPassword: u.password, newPassword: 'violet-harbor-comet-77' })
      .expect(200);
    await closed(s0);
    await closed(s1);
    const fresh = await open(urls[1]!, res.body.data.token);
    await stillReceives(fresh, u.user._id);
  });

  it('deleting the account closes its sockets', async () => {
    const u = await registerAndLogin(t.app);
    const s = await open(urls[1]!, u.token);
    await request(t.app)
      .delete('/api/v1/user/profile')
      .set('Authorization', bearer(u.token))
      .send({ password: u.password })
      .expect(200);
    await closed(s);
  });

  it('closeUserSockets (used when an admin disables an account) closes them all, and only that user’s', async () => {
    const u = await registerAndLogin(t.app);
    const bystander = await registerAndLogin(t.app);
    const s0 = await open(urls[0]!, u.token);
    const s1 = await open(urls[1]!, u.token);
    const other = await open(urls[0]!, bystander.token);
    await closeUserSockets(u.user._id);
    await closed(s0);
    await closed(s1);
    await stillReceives(other, bystander.user._id);
  });
});
