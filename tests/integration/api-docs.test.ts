import type { Express } from 'express';
import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';

/**
 * Swagger UI (/api-docs) and its document (/openapi.json) are served together or not at all: by default
 * outside production, in production only with API_DOCS=true. The browser side is api-docs.browser.test.ts.
 */
let t: TestApp;
beforeAll(async () => {
  t = await bootApp();
});
afterAll(async () => {
  await t.close();
});

/** A fresh app built under other settings (its own config module); the routes tested here need no database. */
async function appWith(env: Record<string, string | undefined>): Promise<Express> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  let app: Express | undefined;
  try {
    await jest.isolateModulesAsync(async () => {
      const { createApp } = await import('../../src/http/app');
      app = createApp();
    });
  } finally {
    process.env = saved;
  }
  return app!;
}

describe('outside production (default)', () => {
  it('/api-docs redirects to /api-docs/, which serves Swagger UI and its assets', async () => {
    const bare = await request(t.app).get('/api-docs?x=1').expect(301);
    expect(bare.headers.location).toBe('api-docs/?x=1');
    const page = await request(t.app).get('/api-docs/').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<div id="swagger-ui"></div>');
    expect(page.text).toContain('<title>IntervAI API</title>');
    const init = await request(t.app).get('/api-docs/swagger-ui-init.js').expect(200);
    // Same-origin "Try it out", nothing loaded from another origin, the cookie sent along.
    expect(init.text).toContain('"validatorUrl": null');
    expect(init.text).toContain('"withCredentials": true');
    expect(init.text).toContain('"url": "/"');
    await request(t.app)
      .get('/api-docs/swagger-ui-bundle.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await request(t.app).get('/api-docs/swagger-ui.css').expect(200);
  });

  it('/openapi.json is served with the same-origin server url', async () => {
    const root = await request(t.app).get('/').expect(200);
    expect(root.body.endpoints).toMatchObject({ docs: '/api-docs', openapi: '/openapi.json' });
    const res = await request(t.app).get('/openapi.json').expect(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(res.body.servers).toEqual([{ url: '/' }]);
    expect(res.body.paths['/api/v1/meta/options'].get).toBeDefined();
  });

  it('API_DOCS=false turns both off', async () => {
    const app = await appWith({ API_DOCS: 'false' });
    const docs = await request(app).get('/api-docs/').expect(404);
    expect(docs.body).toMatchObject({ success: false, code: 'route_not_found' });
    await request(app).get('/openapi.json').expect(404);
  });
});

describe('in production', () => {
  it('without API_DOCS both are 404 route_not_found', async () => {
    const app = await appWith({ NODE_ENV: 'production', BCRYPT_ROUNDS: '10', API_DOCS: undefined });
    for (const path of ['/api-docs', '/api-docs/', '/api-docs/swagger-ui-init.js', '/openapi.json']) {
      const res = await request(app).get(path).expect(404);
      expect(res.body).toMatchObject({ success: false, code: 'route_not_found', path });
    }
    // The API's index does not point at them either.
    const root = await request(app).get('/').expect(200);
    expect(root.body.endpoints.docs).toBeUndefined();
    expect(root.body.endpoints.openapi).toBeUndefined();
  });

  it('with API_DOCS=true both are served, under helmet’s Content-Security-Policy', async () => {
    const app = await appWith({ NODE_ENV: 'production', BCRYPT_ROUNDS: '10', API_DOCS: 'true' });
    const page = await request(app).get('/api-docs/').expect(200);
    expect(page.text).toContain('<div id="swagger-ui"></div>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    await request(app).get('/openapi.json').expect(200);
  });
});
