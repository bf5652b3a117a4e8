import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { io as connect, type Socket } from 'socket.io-client';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';

/**
 * Which browser origins may call the API, over REST (CORS) and the socket.io handshake, which agree
 * (src/lib/origins.ts). Outside production any http://localhost:<port> or http://127.0.0.1:<port> is
 * a local frontend and allowed; production keeps the CLIENT_URL allowlist. In both, a page the API
 * serves itself (Swagger UI) may call it: it sends the API's own origin on POSTs and handshakes.
 * One test file per mode (the config is read once per file): cors.local.test.ts, cors.production.test.ts.
 */
// eslint-disable-next-line jest/no-export -- not a test file: the cases both mode files run
export function corsCases(mode: 'development' | 'production'): void {
  const production = mode === 'production';
  let t: TestApp;
  let server: http.Server;
  let realtime: { close(): Promise<void> };
  let url: string;
  let user: TestUser;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    if (production) Object.assign(process.env, { NODE_ENV: 'production', BCRYPT_ROUNDS: '10' });
    const { bootApp } = await import('../support/app');
    const { registerAndLogin } = await import('../support/factories');
    const { attachRealtime } = await import('../../src/infra/realtime');
    const { authenticate } = await import('../../src/modules/auth/token.service');
    t = await bootApp();
    user = await registerAndLogin(t.app);
    server = http.createServer(t.app);
    realtime = attachRealtime(server, authenticate);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await realtime?.close();
    await new Promise((resolve) => server?.close(resolve));
    await t?.close();
  });

  /** Resolves true when the handshake from `origin` is accepted, false when it is refused. */
  function handshake(origin: string): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(url, {
        path: '/socket.io',
        transports: ['websocket'],
        auth: { token: user.token },
        extraHeaders: { origin },
        reconnection: false,
      });
      sockets.push(socket);
      socket.once('connect', () => resolve(true));
      socket.once('connect_error', () => resolve(false));
    });
  }

  async function rest(origin: string): Promise<{ status: number; allowOrigin?: string }> {
    const res = await request(t.app).get('/api/v1/meta/options').set('Origin', origin);
    return {
      status: res.status,
      allowOrigin: res.headers['access-control-allow-origin'] as string | undefined,
    };
  }

  const LOCAL = [
    'http://127.0.0.1:5173',
    'http://localhost:4200',
    'http://localhost:8080',
    'http://localhost',
  ];
  const FOREIGN = [
    'https://evil.example',
    'http://localhost.evil.example',
    'http://127.0.0.1.evil.example:5173',
    'http://evil.example:5173/http://localhost:4200',
    'null',
  ];

  describe(`CORS and socket origins (${production ? 'production' : 'development'})`, () => {
    it('the CLIENT_URL allowlist is allowed in every mode, with credentials', async () => {
      const res = await request(t.app).get('/api/v1/meta/options').set('Origin', 'http://localhost:3000');
      expect(res.status).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      expect(await handshake('http://localhost:3000')).toBe(true);
    });

    it(`local frontends on any port are ${production ? 'refused (403 cors_rejected)' : 'allowed'}`, async () => {
      for (const origin of LOCAL) {
        const r = await rest(origin);
        expect({ origin, ...r }).toEqual(
          production
            ? { origin, status: 403, allowOrigin: undefined }
            : { origin, status: 200, allowOrigin: origin },
        );
        expect({ origin, socket: await handshake(origin) }).toEqual({ origin, socket: !production });
      }
      // A preflight from a local dev server (a JSON POST with credentials).
      const preflight = await request(t.app)
        .options('/api/v1/user/login')
        .set('Origin', 'http://127.0.0.1:5173')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'content-type');
      expect(preflight.status).toBe(production ? 403 : 204);
    });

    it('foreign origins are refused on REST and on the socket', async () => {
      for (const origin of FOREIGN) {
        const res = await request(t.app).get('/api/v1/meta/options').set('Origin', origin);
        expect({ origin, status: res.status, code: res.body.code }).toEqual({
          origin,
          status: 403,
          code: 'cors_rejected',
        });
        expect({ origin, socket: await handshake(origin) }).toEqual({ origin, socket: false });
      }
    });

    it('the API’s own origin (its Swagger UI page) may POST and open a socket', async () => {
      // supertest talks to the listening server, so Host is this server's 127.0.0.1:<port>.
      const res = await request(url)
        .post('/api/v1/user/login')
        .set('Origin', url)
        .send({ email: user.user.email, password: user.password });
      expect(res.status).toBe(200);
      expect(await handshake(url)).toBe(true);
      // The same page under another host name is another origin.
      const other = url.replace('127.0.0.1', 'localhost.evil.example');
      const refused = await request(url)
        .post('/api/v1/user/login')
        .set('Origin', other)
        .send({ email: user.user.email, password: user.password });
      expect(refused.status).toBe(403);
    });
  });
}
