import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';

describe('HTTP foundation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootApp();
  });
  afterAll(() => t.close());

  it('GET / describes the API in the old shape', async () => {
    const res = await request(t.app).get('/').expect(200);
    expect(res.body).toMatchObject({ success: true, message: 'Interview Prep API', status: 'Running' });
    expect(res.body.endpoints).toMatchObject({ health: '/health', users: '/api/v1/user' });
  });

  it('GET /health reports database, redis and queues', async () => {
    const res = await request(t.app).get('/health').expect(200);
    expect(res.body).toMatchObject({
      success: true,
      status: 'OK',
      environment: 'test',
      database: { status: 'connected', connected: true },
      redis: { connected: true },
      queues: { status: 'up' },
    });
    expect(typeof res.body.uptime).toBe('number');
  });

  it('GET /ready lists every dependency', async () => {
    const res = await request(t.app).get('/ready').expect(200);
    expect(res.body.dependencies.mongodb.status).toBe('up');
    expect(res.body.dependencies.redis.status).toBe('up');
    expect(Object.keys(res.body.dependencies.queues.detail)).toEqual(
      expect.arrayContaining([
        'question-generation',
        'answer-evaluation',
        'export-generation',
        'email-notifications',
      ]),
    );
  });

  it('GET /metrics exposes the request histogram by route and status', async () => {
    await request(t.app).get('/health');
    const res = await request(t.app).get('/metrics').expect(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket');
    expect(res.text).toMatch(/route="\/health",status="200"/);
  });

  it('unknown routes get a 404 envelope with path and method', async () => {
    const res = await request(t.app).delete('/api/v1/nope?x=1').expect(404);
    expect(res.body).toMatchObject({
      success: false,
      code: 'route_not_found',
      path: '/api/v1/nope?x=1',
      method: 'DELETE',
    });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('malformed JSON is a 400 envelope, not a crash', async () => {
    const res = await request(t.app)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send('{"broken": ')
      .expect(400);
    expect(res.body).toMatchObject({ success: false, code: 'invalid_json', message: 'Invalid JSON payload' });
  });

  it('bodies over 1 MB are a 413 envelope', async () => {
    const big = JSON.stringify({ blob: 'x'.repeat(1024 * 1024 + 10) });
    const res = await request(t.app)
      .post('/api/v1/anything')
      .set('Content-Type', 'application/json')
      .send(big)
      .expect(413);
    expect(res.body).toMatchObject({ success: false, code: 'payload_too_large' });
  });

  it('echoes a given X-Request-Id and invents one otherwise', async () => {
    const given = await request(t.app).get('/').set('X-Request-Id', 'abc-123');
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await request(t.app).get('/').set('X-Request-Id', 'bad id with spaces');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('allows listed origins with credentials and refuses others', async () => {
    const allowed = await request(t.app).get('/').set('Origin', 'http://localhost:3000').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const refused = await request(t.app).get('/').set('Origin', 'http://evil.example').expect(403);
    expect(refused.body).toMatchObject({ success: false, code: 'cors_rejected' });
  });

  it('sets security headers', async () => {
    const res = await request(t.app).get('/');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});
