import type { Express } from 'express';
import request from 'supertest';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { as, bootWithEnv, makeAdmin, newSession } from './admin.helpers';

/**
 * The OpenAPI document against the real app: every mounted route is documented and every documented
 * operation is mounted (walking Express's own router stack and sending real requests), real responses
 * match their documented schemas (ajv, JSON Schema 2020-12), and the document lists every error code.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

let t: TestApp;
let doc: Json;
let errorCodes: Record<string, unknown>;

beforeAll(async () => {
  t = await bootWithEnv({ RATE_LIMIT_GENERAL_MAX: '100000' });
  ({ errorCodes } = await import('../../src/lib/error-codes'));
  doc = (await request(t.app).get('/openapi.json').expect(200)).body as Json;
});
afterAll(() => t.close());

/** Every documented operation as `METHOD /path/{param}`. */
function documentedOperations(): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(doc.paths as Json)) {
    for (const method of METHODS) if (item[method]) out.push(`${method.toUpperCase()} ${path}`);
  }
  return out.sort();
}

interface Layer {
  rawPath?: string | string[];
  handle: { stack?: Layer[] };
  route?: { path: string; methods: Record<string, boolean>; stack: Layer[] };
}

/** A path under a mount; `/` under a prefix is the prefix itself (`/api/v1/session` + `/`). */
const join = (prefix: string, p: string) => (p === '/' ? prefix || '/' : prefix + p);

/**
 * The app as Express holds it (Express 5: `app.router.stack`; a sub-router is a layer whose handle has a
 * `stack`): route lines with their full paths, and `app.use` mounts of plain handlers (sub-apps such as
 * Swagger UI and bull-board, or prefix middleware such as the /api rate limit).
 */
function walkApp(app: Express): { routes: string[]; mounts: Set<string> } {
  const routes: string[] = [];
  const mounts = new Set<string>();
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const path = join(prefix, layer.route.path).replace(/:(\w+)/g, '{$1}');
        for (const method of Object.keys(layer.route.methods)) routes.push(`${method.toUpperCase()} ${path}`);
        continue;
      }
      const raw = typeof layer.rawPath === 'string' ? layer.rawPath : '/';
      if (layer.handle.stack) walk(layer.handle.stack, raw === '/' ? prefix : prefix + raw);
      else if (raw !== '/') mounts.add(join(prefix, raw));
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return { routes: routes.sort(), mounts };
}

/** A concrete URL for a path template: ids are valid ObjectIds, the user session id a UUID. */
const concrete = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    path.startsWith('/api/v1/user/sessions')
      ? '00000000-0000-4000-8000-000000000000'
      : /id$/i.test(name)
        ? '507f1f77bcf86cd799439011'
        : 'sample.pdf',
  );

describe('the document and the app agree both ways', () => {
  it('documents every route line and every app.use mount, and documents nothing unmounted', () => {
    const { routes, mounts } = walkApp(t.app);
    const documented = documentedOperations();
    // Sanity: the walk found the routers (not just the top-level routes).
    expect(routes.length).toBeGreaterThan(40);
    expect(routes).toEqual(expect.arrayContaining(['GET /health', 'POST /api/v1/user/login']));

    const undocumentedRoutes = routes.filter((r) => !documented.includes(r));
    expect(undocumentedRoutes).toEqual([]);

    // A mount of a plain handler is either a documented page (Swagger UI, bull-board) or middleware in
    // front of documented routes (the /api rate limit).
    const undocumentedMounts = [...mounts].filter(
      (m) =>
        !documented.includes(`GET ${m}`) && !documented.some((op) => op.split(' ')[1].startsWith(`${m}/`)),
    );
    expect(undocumentedMounts).toEqual([]);

    const unmounted = documented.filter((op) => !routes.includes(op) && !mounts.has(op.split(' ')[1]));
    expect(unmounted).toEqual([]);
    // Every route line is one operation: nothing counted twice, nothing merged.
    const pages = documented.filter((op) => mounts.has(op.split(' ')[1]));
    expect(new Set(routes).size).toBe(routes.length);
    expect(routes.length + pages.length).toBe(documented.length);
  });

  it('answers every documented operation from a route (never `route_not_found`)', async () => {
    const missing: string[] = [];
    for (const op of documentedOperations()) {
      const [method, path] = op.split(' ') as [string, string];
      const url = concrete(path);
      const req = request(t.app)[method.toLowerCase() as (typeof METHODS)[number]](url);
      const res = method === 'GET' ? await req : await req.send({});
      if (res.body?.code === 'route_not_found') missing.push(`${op} (${url})`);
    }
    expect(missing).toEqual([]);
  });

  it('has no operation without a route spec (x-undocumented)', () => {
    const undocumented = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]?.['x-undocumented']).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect({ 'routes without validate(spec)': undocumented }).toEqual({
      'routes without validate(spec)': [],
    });
  });
});

describe('what the document says', () => {
  it('lists every error code of the catalogue in components.schemas.ErrorCode', () => {
    expect([...(doc.components.schemas.ErrorCode.enum as string[])].sort()).toEqual(
      Object.keys(errorCodes).sort(),
    );
  });

  it('needs no credentials for register, login and forgot-password; bearer or cookie for the profile', () => {
    for (const path of ['/api/v1/user/register', '/api/v1/user/login', '/api/v1/user/forgot-password']) {
      expect({ path, security: doc.paths[path].post.security ?? [] }).toEqual({ path, security: [] });
    }
    for (const method of ['get', 'put', 'delete']) {
      expect(doc.paths['/api/v1/user/profile'][method].security).toEqual([
        { bearerAuth: [] },
        { cookieAuth: [] },
      ]);
    }
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      cookieAuth: { type: 'apiKey', in: 'cookie', name: 'token' },
    });
  });

  it('documents 400 and 415 for every route that takes a body, with an example', () => {
    const withBody = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]?.requestBody).map((m) => ({
        op: `${m.toUpperCase()} ${path}`,
        o: item[m],
      })),
    );
    expect(withBody.length).toBeGreaterThan(10);
    const lacking = withBody
      .filter(({ o }) => !o.responses['400'] || !o.responses['415'])
      .map(({ op }) => op);
    expect(lacking).toEqual([]);
    const mine = withBody.filter(({ op }) => /\/api\/v1\/(user|admin)\//.test(op));
    const withoutExample = mine
      .filter(({ o }) => o.requestBody.content['application/json'].example === undefined)
      .map(({ op }) => op);
    expect(mine.length).toBeGreaterThanOrEqual(11);
    expect(withoutExample).toEqual([]);
  });

  it('documents /metrics as text/plain and the pages as HTML, bull-board for admins only', () => {
    expect(Object.keys(doc.paths['/metrics'].get.responses['200'].content)).toEqual(['text/plain']);
    expect(Object.keys(doc.paths['/api-docs'].get.responses['200'].content)).toEqual(['text/html']);
    const queues = doc.paths['/admin/queues'].get;
    expect(Object.keys(queues.responses['200'].content)).toEqual(['text/html']);
    expect(queues.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    expect(queues.responses['403'].content['application/json'].schema.properties.code.enum).toContain(
      'forbidden',
    );
  });
});

// ---- contract: real responses against their documented schemas ----

let ajv: Ajv2020 | undefined;
/** Pointer-escapes one JSON Pointer segment. */
const seg = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * Validates a real response body against the schema the document gives for (method, path, status),
 * `$ref`s resolved inside the document itself (components.schemas).
 */
function expectMatchesDocument(document: Json, method: string, path: string, status: number, body: unknown) {
  const response = document.paths[path]?.[method]?.responses?.[String(status)];
  expect({ op: `${method.toUpperCase()} ${path} ${status}`, documented: Boolean(response) }).toEqual({
    op: `${method.toUpperCase()} ${path} ${status}`,
    documented: true,
  });
  if (!ajv) {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(document, 'openapi.json');
  }
  const pointer = [
    'paths',
    path,
    method,
    'responses',
    String(status),
    'content',
    'application/json',
    'schema',
  ]
    .map(seg)
    .join('/');
  const validateBody = ajv.compile({ $ref: `openapi.json#/${pointer}` });
  const valid = validateBody(body);
  expect({
    op: `${method.toUpperCase()} ${path} ${status}`,
    errors: valid ? [] : validateBody.errors,
  }).toEqual({
    op: `${method.toUpperCase()} ${path} ${status}`,
    errors: [],
  });
}

const USER_FIELDS = [
  '_id',
  'createdAt',
  'email',
  'emailVerified',
  'fullname',
  'preferences',
  'role',
  'updatedAt',
];

describe('real responses match their documented schemas', () => {
  let u: TestUser;
  beforeAll(async () => {
    const { registerAndLogin } = await import('../support/factories');
    u = await registerAndLogin(t.app);
  });

  it('register, login, profile: the User schema, token and expiry, and nothing internal', async () => {
    const email = `contract.${Date.now()}@example.test`;
    const password = 'correct horse battery staple';
    const reg = await request(t.app)
      .post('/api/v1/user/register')
      .send({ fullname: 'Ada Contract', email, password })
      .expect(201);
    expectMatchesDocument(doc, 'post', '/api/v1/user/register', 201, reg.body);

    const login = await request(t.app).post('/api/v1/user/login').send({ email, password }).expect(200);
    expectMatchesDocument(doc, 'post', '/api/v1/user/login', 200, login.body);
    expect(login.body.data.expiresIn).toBeGreaterThan(0);
    const me = { token: login.body.data.token, cookie: '', user: login.body.data.user, password };

    const profile = await as(t.app, me).get('/api/v1/user/profile').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/user/profile', 200, profile.body);
    // The DTO picks explicit fields: no password hash, token version, disabled flag or __v.
    for (const user of [reg.body.data.user, login.body.data.user, profile.body.data.user]) {
      expect(Object.keys(user).sort()).toEqual(USER_FIELDS);
    }
    expect(JSON.stringify([reg.body, login.body, profile.body])).not.toMatch(
      /password|tokenVersion|__v|"disabled"|\$2[aby]\$/,
    );

    const updated = await as(t.app, me)
      .put('/api/v1/user/profile')
      .send({ fullname: 'Ada King' })
      .expect(200);
    expectMatchesDocument(doc, 'put', '/api/v1/user/profile', 200, updated.body);
  });

  it('error envelopes: wrong credentials, invalid body, missing token, non-JSON body', async () => {
    const wrong = await request(t.app)
      .post('/api/v1/user/login')
      .send({ email: u.user.email, password: 'not the password' })
      .expect(401);
    expectMatchesDocument(doc, 'post', '/api/v1/user/login', 401, wrong.body);
    const invalid = await request(t.app).post('/api/v1/user/register').send({ email: 'nope' }).expect(400);
    expectMatchesDocument(doc, 'post', '/api/v1/user/register', 400, invalid.body);
    const noToken = await request(t.app).get('/api/v1/user/profile').expect(401);
    expectMatchesDocument(doc, 'get', '/api/v1/user/profile', 401, noToken.body);
    const text = await request(t.app)
      .post('/api/v1/user/login')
      .set('Content-Type', 'text/plain')
      .send('email=a@b.c')
      .expect(415);
    expectMatchesDocument(doc, 'post', '/api/v1/user/login', 415, text.body);
  });

  it('interview sessions: create, list, get', async () => {
    const created = await as(t.app, u)
      .post('/api/v1/session/create')
      .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js'] })
      .expect(201);
    expectMatchesDocument(doc, 'post', '/api/v1/session/create', 201, created.body);
    const list = await as(t.app, u).get('/api/v1/session').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/session', 200, list.body);
    const one = await as(t.app, u).get(`/api/v1/session/${created.body.data.session._id}`).expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/session/{id}', 200, one.body);
  });

  it('account extras: login sessions, history, usage, token refresh', async () => {
    const sessions = await as(t.app, u).get('/api/v1/user/sessions').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/user/sessions', 200, sessions.body);
    expect(sessions.body.data.sessions.length).toBeGreaterThan(0);
    const history = await as(t.app, u).get('/api/v1/user/history').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/user/history', 200, history.body);
    expect(history.body.data.events.length).toBeGreaterThan(0);
    const usage = await as(t.app, u).get('/api/v1/user/usage').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/user/usage', 200, usage.body);
    const refreshed = await as(t.app, u).post('/api/v1/user/refresh-token').expect(200);
    expectMatchesDocument(doc, 'post', '/api/v1/user/refresh-token', 200, refreshed.body);
    u = { ...u, token: refreshed.body.data.token };
  });

  it('admin: users, update, stats (and 403 for others)', async () => {
    const forbidden = await as(t.app, u).get('/api/v1/admin/stats').expect(403);
    expectMatchesDocument(doc, 'get', '/api/v1/admin/stats', 403, forbidden.body);
    const { registerAndLogin } = await import('../support/factories');
    const admin = await makeAdmin(await registerAndLogin(t.app));
    await newSession(t.app, admin);
    const users = await as(t.app, admin).get('/api/v1/admin/users').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/admin/users', 200, users.body);
    const patched = await as(t.app, admin)
      .patch(`/api/v1/admin/users/${u.user._id}`)
      .send({ role: 'user' })
      .expect(200);
    expectMatchesDocument(doc, 'patch', '/api/v1/admin/users/{id}', 200, patched.body);
    const stats = await as(t.app, admin).get('/api/v1/admin/stats').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/admin/stats', 200, stats.body);
  });

  it('password reset request, revoking other sessions, logout', async () => {
    const { registerAndLogin, login } = await import('../support/factories');
    const v = await registerAndLogin(t.app);
    const forgot = await request(t.app)
      .post('/api/v1/user/forgot-password')
      .send({ email: v.user.email })
      .expect(200);
    expectMatchesDocument(doc, 'post', '/api/v1/user/forgot-password', 200, forgot.body);
    await login(t.app, v.user.email, v.password);
    const others = await as(t.app, v).del('/api/v1/user/sessions').expect(200);
    expectMatchesDocument(doc, 'delete', '/api/v1/user/sessions', 200, others.body);
    expect(others.body.data.revokedCount).toBe(1);
    const out = await as(t.app, v).post('/api/v1/user/logout').expect(200);
    expectMatchesDocument(doc, 'post', '/api/v1/user/logout', 200, out.body);
    const revoked = await as(t.app, v).get('/api/v1/user/profile').expect(401);
    expectMatchesDocument(doc, 'get', '/api/v1/user/profile', 401, revoked.body);
  });

  it('public: meta options, API info, health, readiness, the document itself', async () => {
    const options = await request(t.app).get('/api/v1/meta/options').expect(200);
    expectMatchesDocument(doc, 'get', '/api/v1/meta/options', 200, options.body);
    const info = await request(t.app).get('/').expect(200);
    expectMatchesDocument(doc, 'get', '/', 200, info.body);
    const health = await request(t.app).get('/health').expect(200);
    expectMatchesDocument(doc, 'get', '/health', 200, health.body);
    const ready = await request(t.app).get('/ready').expect(200);
    expectMatchesDocument(doc, 'get', '/ready', 200, ready.body);
    expect(ready.body.dependencies).toBeDefined();
    expectMatchesDocument(doc, 'get', '/openapi.json', 200, doc);
    const metrics = await request(t.app).get('/metrics').expect(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
  });
});
