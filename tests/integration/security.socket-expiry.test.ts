import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import type { TestApp } from '../support/app';

/** Item 4 (expiry): a socket is closed when its token expires, not when the client next reconnects. */
let t: TestApp;
let realtime: { close(): Promise<void> };
let url: string;
let socket: Socket | undefined;

beforeAll(async () => {
  process.env.JWT_EXPIRES_IN = '3s';
  const { bootApp } = await import('../support/app');
  const { attachRealtime } = await import('../../src/infra/realtime');
  const { authenticate } = await import('../../src/modules/auth/token.service');
  t = await bootApp();
  const server = http.createServer(t.app);
  realtime = attachRealtime(server, authenticate);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  socket?.disconnect();
  await realtime.close();
  await t.close();
});

it('a socket is disconnected by the server when its token expires', async () => {
  const { registerAndLogin } = await import('../support/factories');
  const u = await registerAndLogin(t.app);
  socket = connect(url, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token: u.token },
    reconnection: false,
  });
  const opened = socket;
  await new Promise<void>((resolve, reject) => {
    opened.once('connect', () => resolve());
    opened.once('connect_error', reject);
  });
  const reason = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('socket outlived its token')), 10_000);
    opened.once('disconnect', (r) => {
      clearTimeout(timer);
      resolve(r);
    });
  });
  expect(reason).toBe('io server disconnect');
});
