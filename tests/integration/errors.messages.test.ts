import request from 'supertest';
import { bootApp, type TestApp } from '../support/app';
import { bearer, registerAndLogin, uniqueEmail, type TestUser } from '../support/factories';

/**
 * Validation errors a person can act on, on real routes (register, session create, question search,
 * generate): 415 for a body that is not JSON, "<field> is required", "<field> must be a <type>",
 * "<field> is too long (at most N characters)" — never zod's "received undefined" / "received NaN".
 */
let t: TestApp;
let u: TestUser;
let sessionId: string;

beforeAll(async () => {
  t = await bootApp();
  u = await registerAndLogin(t.app);
  const created = await request(t.app)
    .post('/api/v1/session/create')
    .set('Authorization', bearer(u.token))
    .send({ role: 'Backend Developer', experience: 'mid-level', topicsToFocus: ['Node.js'] })
    .expect(201);
  sessionId = created.body.data.session._id as string;
});
afterAll(async () => {
  await t.close();
});

const auth = () => ({ Authorization: bearer(u.token) });
const register = () => request(t.app).post('/api/v1/user/register');
const createSession = () => request(t.app).post('/api/v1/session/create').set(auth());
const search = (query: string) => request(t.app).get(`/api/v1/question/search?${query}`).set(auth());
const generate = () => request(t.app).post('/api/v1/question/generate').set(auth());

/** The 400 envelope's field errors, after checking the envelope. */
function fieldErrors(res: request.Response): Array<{ field: string; message: string }> {
  expect(res.status).toBe(400);
  expect(res.body).toMatchObject({ success: false, code: 'validation_error', requestId: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/received (undefined|NaN)|Invalid input|Too (big|small)/);
  return res.body.errors as Array<{ field: string; message: string }>;
}

describe('415: a JSON route refuses a body that is not JSON (curl -d sends a form)', () => {
  it.each([
    ['register', register],
    ['session create', createSession],
    ['generate', generate],
  ])('%s', async (_name, post) => {
    const res = await post()
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send('role=Backend&experience=junior&sessionId=abc&fullname=Al&email=a%40b.co&password=x');
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({
      success: false,
      code: 'unsupported_media_type',
      message: 'Request body must be JSON: send it with the header Content-Type: application/json',
    });
  });

  it('text/plain too; an empty POST is no body (fields are then required, not 415)', async () => {
    await register().set('Content-Type', 'text/plain').send('{"fullname":"Al"}').expect(415);
    const empty = await register();
    expect(fieldErrors(empty)).toContainEqual({ field: 'fullname', message: 'fullname is required' });
  });
});

describe('a missing field says "<field> is required"', () => {
  it('register', async () => {
    expect(fieldErrors(await register().send({}))).toEqual([
      { field: 'fullname', message: 'fullname is required' },
      { field: 'email', message: 'email is required' },
      { field: 'password', message: 'password is required' },
    ]);
  });

  it('session create (an enum field too)', async () => {
    expect(fieldErrors(await createSession().send({ role: 'Backend Developer' }))).toEqual([
      { field: 'experience', message: 'experience is required' },
      { field: 'topicsToFocus', message: 'topicsToFocus is required' },
    ]);
  });

  it('generate', async () => {
    expect(fieldErrors(await generate().send({ count: 3 }))).toEqual([
      { field: 'sessionId', message: 'sessionId is required' },
    ]);
  });
});

describe('too long says "<field> is too long (at most N characters)"', () => {
  it('a 101-character topic (was "Each topic must be a string")', async () => {
    const res = await createSession().send({
      role: 'Backend Developer',
      experience: 'junior',
      topicsToFocus: ['Node.js', 'x'.repeat(101)],
    });
    expect(fieldErrors(res)).toEqual([
      { field: 'topicsToFocus.1', message: 'topicsToFocus[1] is too long (at most 100 characters)' },
    ]);
  });

  it('a 600-character search q (was "Please provide a search query")', async () => {
    expect(fieldErrors(await search(`q=${'a'.repeat(600)}`))).toEqual([
      { field: 'q', message: 'q is too long (at most 200 characters)' },
    ]);
  });

  it('a 1001-character session description; a schema’s own length message is kept (role)', async () => {
    const res = await createSession().send({
      role: 'R'.repeat(101),
      experience: 'junior',
      topicsToFocus: ['Node.js'],
      description: 'd'.repeat(1001),
    });
    expect(fieldErrors(res)).toEqual([
      { field: 'role', message: 'role must be 2 to 100 characters' },
      { field: 'description', message: 'description is too long (at most 1000 characters)' },
    ]);
  });

  it('generate: a too-long topic in the list', async () => {
    const res = await generate().send({ sessionId, topicsToFocus: ['t'.repeat(101)] });
    expect(fieldErrors(res)).toEqual([
      { field: 'topicsToFocus.0', message: 'topicsToFocus[0] is too long (at most 100 characters)' },
    ]);
  });
});

describe('numbers and types: "<field> must be a number", "<field> must be a <type>"', () => {
  it('a non-numeric limit (was "received NaN"); a page below 1', async () => {
    expect(fieldErrors(await search('q=node&limit=ten&page=0'))).toEqual([
      { field: 'page', message: 'page must be at least 1' },
      { field: 'limit', message: 'limit must be a number' },
    ]);
  });

  it('a repeated q is not a string; a bad date says which formats it takes', async () => {
    expect(fieldErrors(await search('q=a&q=b&from=yesterday'))).toEqual([
      { field: 'q', message: 'q must be a string' },
      { field: 'from', message: 'from must be an ISO 8601 date-time or an ISO 8601 date (YYYY-MM-DD)' },
    ]);
  });

  it('session create: wrong types, a fraction, an array where a string belongs', async () => {
    const res = await createSession().send({
      role: 42,
      experience: 'junior',
      topicsToFocus: 'Node.js',
      duration: 12.5,
    });
    expect(fieldErrors(res)).toEqual([
      { field: 'role', message: 'role must be a string' },
      { field: 'topicsToFocus', message: 'topicsToFocus must be an array' },
      { field: 'duration', message: 'duration must be an integer' },
    ]);
  });

  it('generate: count as text, too many, an unknown field', async () => {
    expect(fieldErrors(await generate().send({ sessionId, count: 'five' }))).toEqual([
      { field: 'count', message: 'count must be a number' },
    ]);
    expect(fieldErrors(await generate().send({ sessionId, count: 11, extra: true }))).toEqual([
      { field: 'count', message: 'count must be at most 10' },
      { field: 'extra', message: 'Unknown field(s): extra' },
    ]);
  });

  it('register: a schema’s own type message is kept; the body itself must be an object', async () => {
    const res = await register().send({ fullname: 'Alan Turing', email: uniqueEmail(), password: 12345678 });
    expect(fieldErrors(res)).toEqual([{ field: 'password', message: 'Password must be a string' }]);
    const root = await register().send(['fullname']);
    expect(fieldErrors(root)).toEqual([{ field: '(root)', message: 'The input must be an object' }]);
  });
});
