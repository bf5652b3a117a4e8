import { Types } from 'mongoose';
import request from 'supertest';
import type { TestApp } from '../support/app';
import type { TestUser } from '../support/factories';
import { as, bootWithEnv, waitForJob } from './admin.helpers';

let t: TestApp;
let registerAndLogin: (app: TestApp['app']) => Promise<TestUser>;
let dailyQuotaKey: (userId: string) => string;
let setKey: (key: string, value: string) => Promise<unknown>;

beforeAll(async () => {
  t = await bootWithEnv({ AI_DAILY_QUOTA: '5', RATE_LIMIT_AI_MAX: '100' }, { worker: true });
  ({ registerAndLogin } = await import('../support/factories'));
  ({ dailyQuotaKey } = await import('../../src/modules/usage/usage.service'));
  const { getRedis } = await import('../../src/infra/redis');
  setKey = (key, value) => getRedis().set(key, value);
});
afterAll(() => t.close());

let serial = 0;
const body = (extra: Record<string, unknown> = {}) => ({
  name: `Backend loop ${++serial}`,
  role: 'Backend Developer',
  experience: 'senior',
  topicsToFocus: ['Node.js', 'Databases'],
  ...extra,
});
async function createTemplate(u: TestUser, extra: Record<string, unknown> = {}) {
  const res = await as(t.app, u).post('/api/v1/templates').send(body(extra)).expect(201);
  return res.body.data.template as { _id: string; name: string; usageCount: number };
}
const listIds = (res: request.Response) => res.body.data.templates.map((x: { _id: string }) => x._id);

describe('templates: CRUD', () => {
  it('creates with defaults; role is free text (2..100); lists mine with pagination', async () => {
    const u = await registerAndLogin(t.app);
    const res = await as(t.app, u)
      .post('/api/v1/templates')
      .send(body({ name: '  SRE on-call  ', role: 'Site Reliability Engineer', description: 'Pager week' }))
      .expect(201);
    expect(res.body).toMatchObject({ success: true, message: 'Template created successfully' });
    expect(res.body.data.template).toMatchObject({
      name: 'SRE on-call',
      description: 'Pager week',
      role: 'Site Reliability Engineer',
      experience: 'senior',
      topicsToFocus: ['Node.js', 'Databases'],
      questionCount: 5,
      difficultyMix: { easy: 0, medium: 100, hard: 0 },
      visibility: 'private',
      isPublic: false,
      sharedWith: [],
      usageCount: 0,
      owner: u.user._id,
      isOwner: true,
    });
    expect(res.body.data.template.nameKey).toBeUndefined();
    const second = await createTemplate(u, { questionCount: 10, difficultyMix: { easy: 50, hard: 50 } });
    const third = await createTemplate(u);

    const page1 = await as(t.app, u).get('/api/v1/templates?limit=2').expect(200);
    expect(page1.body).toMatchObject({ count: 2, pagination: { page: 1, limit: 2, total: 3, pages: 2 } });
    expect(listIds(page1)).toEqual([third._id, second._id]);
    const page2 = await as(t.app, u).get('/api/v1/templates?limit=2&page=2').expect(200);
    expect(listIds(page2)).toEqual([res.body.data.template._id]);

    const got = await as(t.app, u).get(`/api/v1/templates/${second._id}`).expect(200);
    expect(got.body.data.template).toMatchObject({
      questionCount: 10,
      difficultyMix: { easy: 50, medium: 0, hard: 50 },
    });
  });

  it('names are unique per owner (case-insensitive), not across owners; rename checks too', async () => {
    const [a, b] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    await createTemplate(a, { name: 'Frontend Loop' });
    const dup = await as(t.app, a)
      .post('/api/v1/templates')
      .send(body({ name: 'frontend   LOOP' }))
      .expect(409);
    expect(dup.body).toMatchObject({ success: false, code: 'template_name_taken' });
    await createTemplate(b, { name: 'Frontend Loop' });
    const other = await createTemplate(a, { name: 'Other' });
    const rename = await as(t.app, a)
      .put(`/api/v1/templates/${other._id}`)
      .send({ name: 'FRONTEND loop' })
      .expect(409);
    expect(rename.body.code).toBe('template_name_taken');
  });

  it('updates any field and deletes (owner)', async () => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u);
    const res = await as(t.app, u)
      .put(`/api/v1/templates/${tpl._id}`)
      .send({
        name: 'Renamed',
        description: 'New text',
        role: 'iOS Developer',
        experience: 'lead',
        topicsToFocus: ['Swift'],
        questionCount: 3,
        difficultyMix: { easy: 20, medium: 30, hard: 50 },
      })
      .expect(200);
    expect(res.body.data.template).toMatchObject({
      name: 'Renamed',
      description: 'New text',
      role: 'iOS Developer',
      experience: 'lead',
      topicsToFocus: ['Swift'],
      questionCount: 3,
      difficultyMix: { easy: 20, medium: 30, hard: 50 },
    });
    const del = await as(t.app, u).del(`/api/v1/templates/${tpl._id}`).expect(200);
    expect(del.body).toMatchObject({ success: true, data: { deletedId: tpl._id } });
    await as(t.app, u).get(`/api/v1/templates/${tpl._id}`).expect(404);
    await as(t.app, u).del(`/api/v1/templates/${tpl._id}`).expect(404);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ role: 'x' }, 'role'],
    [{ role: '  a  ' }, 'role'],
    [{ role: 'x'.repeat(101) }, 'role'],
    [{ experience: 'guru' }, 'experience'],
    [{ topicsToFocus: [] }, 'topicsToFocus'],
    [{ topicsToFocus: ['  '] }, 'topicsToFocus.0'],
    [{ questionCount: 0 }, 'questionCount'],
    [{ questionCount: 11 }, 'questionCount'],
    [{ questionCount: 2.5 }, 'questionCount'],
    [{ difficultyMix: { easy: 50, medium: 20 } }, 'difficultyMix'],
    [{ difficultyMix: { easy: 101 } }, 'difficultyMix.easy'],
    [{ difficultyMix: { extreme: 100 } }, 'difficultyMix'],
    [{ isPublic: 'yes' }, 'isPublic'],
    [{ owner: 'someone' }, 'owner'],
    [{ usageCount: 1000 }, 'usageCount'],
  ])('create validation → 400 (%#)', async (extra, field) => {
    const u = await registerAndLogin(t.app);
    const res = await as(t.app, u).post('/api/v1/templates').send(body(extra)).expect(400);
    expect(res.body).toMatchObject({ success: false, code: 'validation_error' });
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect((await as(t.app, u).get('/api/v1/templates').expect(200)).body.count).toBe(0);
  });

  it('update/get/list validation → 400; unknown ids → 404', async () => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u);
    await as(t.app, u).put(`/api/v1/templates/${tpl._id}`).send({}).expect(400);
    await as(t.app, u).put(`/api/v1/templates/${tpl._id}`).send({ questionCount: 20 }).expect(400);
    await as(t.app, u).put(`/api/v1/templates/${tpl._id}`).send({ isPublic: true }).expect(400);
    await as(t.app, u).get('/api/v1/templates/not-an-id').expect(400);
    await as(t.app, u).put('/api/v1/templates/not-an-id').send({ name: 'x' }).expect(400);
    await as(t.app, u).get('/api/v1/templates?limit=0').expect(400);
    await as(t.app, u).get('/api/v1/templates/public?page=abc').expect(400);
    const missing = new Types.ObjectId().toHexString();
    await as(t.app, u).get(`/api/v1/templates/${missing}`).expect(404);
    await as(t.app, u).put(`/api/v1/templates/${missing}`).send({ name: 'x' }).expect(404);
    await as(t.app, u).post(`/api/v1/templates/${missing}/apply`).send({}).expect(404);
  });
});

describe('templates: visibility and sharing', () => {
  it('private: only the owner sees it; others get 404 everywhere', async () => {
    const [owner, other] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    const tpl = await createTemplate(owner);
    await as(t.app, other).get(`/api/v1/templates/${tpl._id}`).expect(404);
    await as(t.app, other).put(`/api/v1/templates/${tpl._id}`).send({ name: 'Mine now' }).expect(404);
    await as(t.app, other).del(`/api/v1/templates/${tpl._id}`).expect(404);
    await as(t.app, other).post(`/api/v1/templates/${tpl._id}/share`).send({ isPublic: true }).expect(404);
    await as(t.app, other).post(`/api/v1/templates/${tpl._id}/apply`).send({}).expect(404);
    expect(listIds(await as(t.app, other).get('/api/v1/templates').expect(200))).toEqual([]);
    expect(listIds(await as(t.app, other).get('/api/v1/templates/public').expect(200))).not.toContain(
      tpl._id,
    );
  });

  it('shared with an email: that user lists, reads and applies it, but cannot change it (403)', async () => {
    const [owner, friend, stranger] = await Promise.all([
      registerAndLogin(t.app),
      registerAndLogin(t.app),
      registerAndLogin(t.app),
    ]);
    const tpl = await createTemplate(owner, { name: 'Shared loop' });
    const shared = await as(t.app, owner)
      .post(`/api/v1/templates/${tpl._id}/share`)
      .send({ email: `  ${friend.user.email.toUpperCase()} ` })
      .expect(200);
    expect(shared.body.message).toBe(`Template shared with ${friend.user.email}`);
    expect(shared.body.data.template).toMatchObject({
      visibility: 'shared',
      sharedWith: [friend.user.email],
    });
    // Sharing again is idempotent.
    const again = await as(t.app, owner)
      .post(`/api/v1/templates/${tpl._id}/share`)
      .send({ email: friend.user.email })
      .expect(200);
    expect(again.body.data.template.sharedWith).toEqual([friend.user.email]);

    const list = await as(t.app, friend).get('/api/v1/templates').expect(200);
    expect(listIds(list)).toEqual([tpl._id]);
    expect(list.body.data.templates[0]).toMatchObject({ isOwner: false, visibility: 'shared' });
    expect(list.body.data.templates[0].sharedWith).toBeUndefined();
    await as(t.app, friend).get(`/api/v1/templates/${tpl._id}`).expect(200);

    for (const res of [
      await as(t.app, friend).put(`/api/v1/templates/${tpl._id}`).send({ name: 'Hijacked' }),
      await as(t.app, friend).del(`/api/v1/templates/${tpl._id}`),
      await as(t.app, friend).post(`/api/v1/templates/${tpl._id}/share`).send({ isPublic: true }),
      await as(t.app, friend).post(`/api/v1/templates/${tpl._id}/share`).send({ email: stranger.user.email }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ success: false, code: 'not_template_owner' });
    }
    const unchanged = await as(t.app, owner).get(`/api/v1/templates/${tpl._id}`).expect(200);
    expect(unchanged.body.data.template).toMatchObject({
      name: 'Shared loop',
      isPublic: false,
      sharedWith: [friend.user.email],
    });
    await as(t.app, stranger).get(`/api/v1/templates/${tpl._id}`).expect(404);

    // Sharing with an address nobody uses yet is accepted (no account enumeration).
    await as(t.app, owner)
      .post(`/api/v1/templates/${tpl._id}/share`)
      .send({ email: 'nobody.yet@example.test' })
      .expect(200);
  });

  it('public: anyone can read and apply it; listed by usage; unpublishing hides it again', async () => {
    const [owner, reader] = await Promise.all([registerAndLogin(t.app), registerAndLogin(t.app)]);
    const popular = await createTemplate(owner, { name: 'Popular' });
    const quiet = await createTemplate(owner, { name: 'Quiet' });
    for (const tpl of [popular, quiet])
      await as(t.app, owner).post(`/api/v1/templates/${tpl._id}/share`).send({ isPublic: true }).expect(200);
    await as(t.app, reader).post(`/api/v1/templates/${popular._id}/apply`).send({}).expect(201);
    await as(t.app, reader).post(`/api/v1/templates/${popular._id}/apply`).send({}).expect(201);

    const pub = await as(t.app, reader).get('/api/v1/templates/public?limit=100').expect(200);
    const ids = listIds(pub);
    expect(ids.indexOf(popular._id)).toBeLessThan(ids.indexOf(quiet._id));
    expect(pub.body.data.templates.find((x: { _id: string }) => x._id === popular._id)).toMatchObject({
      usageCount: 2,
      visibility: 'public',
      isOwner: false,
    });
    const counts = pub.body.data.templates.map((x: { usageCount: number }) => x.usageCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const one = await as(t.app, reader).get('/api/v1/templates/public?limit=1&page=2').expect(200);
    expect(one.body).toMatchObject({ count: 1, pagination: { page: 2, limit: 1 } });
    // Public templates of others are not "mine or shared with me".
    expect(listIds(await as(t.app, reader).get('/api/v1/templates').expect(200))).toEqual([]);
    await as(t.app, reader).get(`/api/v1/templates/${quiet._id}`).expect(200);
    await as(t.app, reader).put(`/api/v1/templates/${quiet._id}`).send({ name: 'x' }).expect(403);

    const off = await as(t.app, owner)
      .post(`/api/v1/templates/${quiet._id}/share`)
      .send({ isPublic: false })
      .expect(200);
    expect(off.body).toMatchObject({
      message: 'Template is now not public',
      data: { template: { visibility: 'private' } },
    });
    await as(t.app, reader).get(`/api/v1/templates/${quiet._id}`).expect(404);
  });

  it.each([
    [{}, 'Provide either email or isPublic'],
    [{ email: 'a@b.co', isPublic: true }, 'Provide either email or isPublic'],
    [{ email: 'not-an-email' }, 'Invalid email format'],
    [{ isPublic: 'true' }, 'isPublic must be a boolean'],
    [{ users: ['x'] }, 'Unknown field(s): users'],
  ])('share validation %j → 400', async (payload, message) => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u);
    const res = await as(t.app, u).post(`/api/v1/templates/${tpl._id}/share`).send(payload).expect(400);
    expect(res.body.errors.map((e: { message: string }) => e.message)).toContain(message);
  });

  it('sharing with yourself is a 400', async () => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u);
    const res = await as(t.app, u)
      .post(`/api/v1/templates/${tpl._id}/share`)
      .send({ email: u.user.email })
      .expect(400);
    expect(res.body.code).toBe('cannot_share_with_self');
  });
});

describe('templates: apply', () => {
  it('without generation: 201 with a session built from the template; usage count goes up', async () => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u, { description: 'Payments team', role: 'DevOps Engineer' });
    const res = await as(t.app, u).post(`/api/v1/templates/${tpl._id}/apply`).send({}).expect(201);
    expect(res.body).toMatchObject({ success: true, message: 'Session created from template' });
    expect(res.body.data.session).toMatchObject({
      user: u.user._id,
      role: 'DevOps Engineer',
      experience: 'senior',
      topicsToFocus: ['Node.js', 'Databases'],
      description: 'Payments team',
      questionCount: 0,
    });
    expect(res.body.data.template.usageCount).toBe(1);
    await as(t.app, u).get(`/api/v1/session/${res.body.data.session._id}`).expect(200);
    const again = await as(t.app, u).post(`/api/v1/templates/${tpl._id}/apply`).send({ generate: false });
    expect(again.status).toBe(201);
    expect(again.body.data.template.usageCount).toBe(2);
    await as(t.app, u).post(`/api/v1/templates/${tpl._id}/apply`).send({ generate: 'yes' }).expect(400);
    await as(t.app, u).post(`/api/v1/templates/${tpl._id}/apply`).send({ extra: 1 }).expect(400);
  });

  it("with generation: 202 with the job id; the job fills the session with the template's count and difficulty", async () => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u, {
      topicsToFocus: [`Template topic ${Date.now()}`],
      questionCount: 3,
      difficultyMix: { hard: 100 },
    });
    const res = await as(t.app, u)
      .post(`/api/v1/templates/${tpl._id}/apply`)
      .send({ generate: true })
      .expect(202);
    expect(res.body).toMatchObject({
      success: true,
      message: 'Session created from template; question generation queued',
      checkStatusUrl: `/api/v1/queue/question/${res.body.jobId}`,
    });
    const sessionId = res.body.data.session._id;
    const done = await waitForJob(t.app, u, res.body.jobId);
    expect(done).toMatchObject({ status: 'completed', data: { count: 3 } });
    const session = await as(t.app, u).get(`/api/v1/session/${sessionId}`).expect(200);
    expect(session.body.data.session.questionCount).toBe(3);
    const hard = await as(t.app, u).get(`/api/v1/question/session/${sessionId}?difficulty=hard`).expect(200);
    expect(hard.body.count).toBe(3);
    expect((await as(t.app, u).get('/api/v1/user/usage').expect(200)).body.data.used).toBe(1);

    // The same template again: the generation cache serves it (201, not counted against the quota).
    const cached = await as(t.app, u)
      .post(`/api/v1/templates/${tpl._id}/apply`)
      .send({ generate: true })
      .expect(201);
    expect(cached.body).toMatchObject({ cached: true, count: 3 });
    expect(cached.body.data.questions).toHaveLength(3);
    expect((await as(t.app, u).get('/api/v1/user/usage').expect(200)).body.data.used).toBe(1);
  });

  it('with generation and no AI quota left: 429 and no session is left behind', async () => {
    const u = await registerAndLogin(t.app);
    const tpl = await createTemplate(u, { topicsToFocus: [`Exhausted ${Date.now()}`] });
    await setKey(dailyQuotaKey(u.user._id), '5');
    const res = await as(t.app, u)
      .post(`/api/v1/templates/${tpl._id}/apply`)
      .send({ generate: true })
      .expect(429);
    expect(res.body.code).toBe('ai_quota_exceeded');
    expect((await as(t.app, u).get('/api/v1/session').expect(200)).body.count).toBe(0);
    expect(
      (await as(t.app, u).get(`/api/v1/templates/${tpl._id}`).expect(200)).body.data.template.usageCount,
    ).toBe(0);
  });
});

describe('templates: authentication', () => {
  const id = new Types.ObjectId().toHexString();
  it.each([
    ['get', '/api/v1/templates'],
    ['post', '/api/v1/templates'],
    ['get', '/api/v1/templates/public'],
    ['get', `/api/v1/templates/${id}`],
    ['put', `/api/v1/templates/${id}`],
    ['delete', `/api/v1/templates/${id}`],
    ['post', `/api/v1/templates/${id}/share`],
    ['post', `/api/v1/templates/${id}/apply`],
  ] as const)('%s %s without a token → 401', async (method, path) => {
    const res = await request(t.app)[method](path).send({});
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ success: false, code: 'unauthenticated' });
  });
});
