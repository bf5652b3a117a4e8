import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import { bootApp, type TestApp } from '../support/app';
import { registerAndLogin } from '../support/factories';
import { waitForEvent } from '../support/wait';
import { attachRealtime } from '../../src/infra/realtime';
import { publishUserEvent } from '../../src/infra/events';
import { authenticate } from '../../src/modules/auth/token.service';

/** Two api instances (two HTTP servers with socket.io) sharing Redis, as behind a load balancer. */
describe('realtime (socket.io)', () => {
  let t: TestApp;
  const servers: http.Server[] = [];
  const realtimes: Array<{ close(): Promise<void> }> = [];
  const urls: string[] = [];
  const sockets: Socket[] = [];

  beforeAll(async () => {
    t = await bootApp();
    for (let i = 0; i < 2; i++) {
      const server = http.createServer(t.app);
      realtimes.push(attachRealtime(server, authenticate));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    }
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await Promise.all(realtimes.map((r) => r.close()));
    await t.close();
  });

  function open(
    url: string,
    auth?: Record<string, string>,
    headers?: Record<string, string>,
  ): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const socket = connect(url, {
        path: '/socket.io',
        transports: ['websocket'],
        auth,
        extraHeaders: headers,
        reconnection: false,
      });
      sockets.push(socket);
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', (err) => reject(err));
    });
  }

  it('refuses sockets without a valid token', async () => {
    await expect(open(urls[0])).rejects.toThrow(/Authentication required/);
    await expect(open(urls[0], { token: 'not-a-jwt' })).rejects.toThrow(/Invalid or expired token/);
  });

  it('delivers a user event exactly once to each of the user’s sockets, on any instance, and to nobody else', async () => {
    const alice = await registerAndLogin(t.app);
    const bob = await registerAndLogin(t.app);
    const a1 = await open(urls[0], { token: alice.token });
    const a2 = await open(urls[1], {}, { cookie: alice.cookie });
    const b1 = await open(urls[0], { token: bob.token });
    const received = { a1: [] as unknown[], a2: [] as unknown[], b1: [] as unknown[] };
    a1.on('notification', (n) => received.a1.push(n));
    a2.on('notification', (n) => received.a2.push(n));
    b1.on('notification', (n) => received.b1.push(n));

    await publishUserEvent(alice.user._id, 'notification', { id: 'n1', type: 'job_complete' });
    // Then a marker to each user: events arrive in publish order, so once a socket has its marker,
    // anything the first event would have brought it has arrived too (and a duplicate would show).
    const isMarker = (n: { id: string }) => n.id === 'marker';
    const markers = [a1, a2, b1].map((s) => waitForEvent(s, 'notification', { filter: isMarker }));
    await publishUserEvent(alice.user._id, 'notification', { id: 'marker' });
    await publishUserEvent(bob.user._id, 'notification', { id: 'marker' });
    await Promise.all(markers);
    expect(received.a1).toEqual([{ id: 'n1', type: 'job_complete' }, { id: 'marker' }]);
    expect(received.a2).toEqual([{ id: 'n1', type: 'job_complete' }, { id: 'marker' }]);
    expect(received.b1).toEqual([{ id: 'marker' }]);
  });

  it('a logged-out token can no longer open a socket', async () => {
    const carol = await registerAndLogin(t.app);
    await request(t.app)
      .post('/api/v1/user/logout')
      .set('Authorization', `Bearer ${carol.token}`)
      .expect(200);
    await expect(open(urls[0], { token: carol.token })).rejects.toThrow(/Invalid or expired token/);
  });
});
